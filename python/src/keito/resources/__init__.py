"""One module per API resource, each with a sync and an async class."""

from .expenses import AsyncExpenses, Expenses
from .invoices import AsyncInvoicePayments, AsyncInvoices, InvoicePayments, Invoices
from .projects import AsyncProjects, Projects
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
    "Invoices",
    "AsyncInvoices",
    "InvoicePayments",
    "AsyncInvoicePayments",
    "Projects",
    "AsyncProjects",
    "Users",
    "AsyncUsers",
]
