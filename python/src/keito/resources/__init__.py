"""One module per API resource, each with a sync and an async class."""

from .expenses import AsyncExpenses, Expenses
from .projects import AsyncProjects, Projects
from .reports import AsyncReports, AsyncSavedReports, Reports, SavedReports
from .time_entries import AsyncTimeEntries, TimeEntries
from .timesheets import AsyncTimesheets, Timesheets
from .users import AsyncUsers, Users

__all__ = [
    "TimeEntries",
    "AsyncTimeEntries",
    "Timesheets",
    "AsyncTimesheets",
    "Expenses",
    "AsyncExpenses",
    "Projects",
    "AsyncProjects",
    "Users",
    "AsyncUsers",
    "Reports",
    "AsyncReports",
    "SavedReports",
    "AsyncSavedReports",
]
