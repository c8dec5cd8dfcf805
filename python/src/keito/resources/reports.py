"""`client.reports`: time and expense reports (summary and detailed) and `client.reports.saved`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .._core.engine import Operation
from ..pagination import AsyncPaginatedResponse, PageData, PaginatedResponse, page_operation
from ..types import (
    AgentReport,
    BudgetReport,
    ExpenseReport,
    ExpenseReportEntry,
    SavedReport,
    TimeReport,
    TimeReportEntry,
    UtilisationReport,
)
from ._base import AsyncResource, SyncResource, compact, delete_operation, id_path, model_operation

PATH = "/reports"
SAVED = f"{PATH}/saved"

# A filter value: one id (or status, source, role), or several, which match any of them.
Filter = str | bool | Sequence[str] | None


def _query(from_date: str | None, to_date: str | None, filters: dict[str, Filter]) -> dict[str, Any]:
    """The report endpoints take several values of a filter comma-separated, and `from`/`to`."""
    query: dict[str, Any] = compact(**{"from": from_date, "to": to_date})
    for name, value in filters.items():
        if value is None:
            continue
        query[name] = value if isinstance(value, (str, bool)) else ",".join(value)
    return query


def _summary(kind: str, model: type[TimeReport] | type[ExpenseReport], query: dict[str, Any]) -> Operation[Any]:
    return Operation("GET", f"{PATH}/{kind}", model.from_dict, query=query)


def _budgets(
    client_id: str | None,
    project_id: str | None,
    status: str | None,
    month: str | None,
    include_archived: bool | None,
) -> Operation[BudgetReport]:
    query = compact(
        client_id=client_id, project_id=project_id, status=status, month=month, include_archived=include_archived
    )
    return Operation("GET", f"{PATH}/budgets", BudgetReport.from_dict, query=query)


def _saved_list(kind: str | None, cursor: str | None, limit: int | None) -> Operation[PageData[SavedReport]]:
    return page_operation(SAVED, SavedReport, compact(kind=kind, cursor=cursor, limit=limit))


def _saved_create(
    name: str, kind: str, filters: dict[str, str] | None, group_by: str | None, visibility: str | None
) -> Operation[SavedReport]:
    body = {"name": name, "kind": kind, **compact(filters=filters, group_by=group_by, visibility=visibility)}
    return model_operation("POST", SAVED, SavedReport, body)


def _saved_update(
    report_id: str, name: str | None, filters: dict[str, str] | None, group_by: str | None, visibility: str | None
) -> Operation[SavedReport]:
    body = compact(name=name, filters=filters, group_by=group_by, visibility=visibility)
    return model_operation("PATCH", id_path(SAVED, report_id), SavedReport, body)


class SavedReports(SyncResource):
    """Saved reports, with the sync client: your own and those shared with the workspace."""

    def list(self, kind: str | None = None, cursor: str | None = None, limit: int = 50) -> PaginatedResponse[SavedReport]:
        """List saved reports by name; `kind="time"` or `"expenses"` narrows it."""
        return self._paginate(_saved_list(kind, cursor, limit))

    def create(
        self,
        name: str,
        kind: str,
        filters: dict[str, str] | None = None,
        group_by: str | None = None,
        visibility: str | None = None,
    ) -> SavedReport:
        """Save a report's filters (its query parameters, as strings) and grouping under a name."""
        return self._transport.execute(_saved_create(name, kind, filters, group_by, visibility))

    def get(self, id: str) -> SavedReport:  # noqa: A002 - the documented parameter name
        """Fetch a saved report."""
        return self._transport.execute(model_operation("GET", id_path(SAVED, id), SavedReport))

    def update(
        self,
        id: str,  # noqa: A002
        name: str | None = None,
        filters: dict[str, str] | None = None,
        group_by: str | None = None,
        visibility: str | None = None,
    ) -> SavedReport:
        """Rename a saved report, change its filters or grouping, share or unshare it."""
        return self._transport.execute(_saved_update(id, name, filters, group_by, visibility))

    def delete(self, id: str) -> None:  # noqa: A002
        """Delete a saved report."""
        self._transport.execute(delete_operation(id_path(SAVED, id)))


class AsyncSavedReports(AsyncResource):
    """Saved reports, with the async client."""

    async def list(
        self, kind: str | None = None, cursor: str | None = None, limit: int = 50
    ) -> AsyncPaginatedResponse[SavedReport]:
        """List saved reports by name; `async for` walks every page."""
        return await self._paginate(_saved_list(kind, cursor, limit))

    async def create(
        self,
        name: str,
        kind: str,
        filters: dict[str, str] | None = None,
        group_by: str | None = None,
        visibility: str | None = None,
    ) -> SavedReport:
        """Save a report's filters (its query parameters, as strings) and grouping under a name."""
        return await self._transport.execute(_saved_create(name, kind, filters, group_by, visibility))

    async def get(self, id: str) -> SavedReport:  # noqa: A002
        """Fetch a saved report."""
        return await self._transport.execute(model_operation("GET", id_path(SAVED, id), SavedReport))

    async def update(
        self,
        id: str,  # noqa: A002
        name: str | None = None,
        filters: dict[str, str] | None = None,
        group_by: str | None = None,
        visibility: str | None = None,
    ) -> SavedReport:
        """Rename a saved report, change its filters or grouping, share or unshare it."""
        return await self._transport.execute(_saved_update(id, name, filters, group_by, visibility))

    async def delete(self, id: str) -> None:  # noqa: A002
        """Delete a saved report."""
        await self._transport.execute(delete_operation(id_path(SAVED, id)))


class Reports(SyncResource):
    """Reports, with the sync client.

    Filters are keyword arguments named as the API's parameters: period (this_week, last_week,
    this_month, last_month, this_quarter, this_year, custom), client_id, project_id, task_id,
    category_id, user_id, role, approval_status and source (one value or a list), is_billable,
    invoiced, agent_id, session_id, model.
    """

    def __init__(self, transport: Any) -> None:
        super().__init__(transport)
        self.saved = SavedReports(transport)

    def time(
        self, group_by: str = "project", from_date: str | None = None, to_date: str | None = None, **filters: Filter
    ) -> TimeReport:
        """Time summary grouped by client, project, task, person, role, source, day, week or month."""
        query = {**_query(from_date, to_date, filters), "group_by": group_by}
        result: TimeReport = self._transport.execute(_summary("time", TimeReport, query))
        return result

    def time_entries(
        self, from_date: str | None = None, to_date: str | None = None, limit: int = 50, **filters: Filter
    ) -> PaginatedResponse[TimeReportEntry]:
        """Detailed time report: every entry with its names, amount, invoice and approval status."""
        query = {**_query(from_date, to_date, filters), "limit": limit}
        return self._paginate(page_operation(f"{PATH}/time/entries", TimeReportEntry, query))

    def expenses(
        self, group_by: str = "project", from_date: str | None = None, to_date: str | None = None, **filters: Filter
    ) -> ExpenseReport:
        """Expense summary grouped by client, project, category or person."""
        query = {**_query(from_date, to_date, filters), "group_by": group_by}
        result: ExpenseReport = self._transport.execute(_summary("expenses", ExpenseReport, query))
        return result

    def expense_entries(
        self, from_date: str | None = None, to_date: str | None = None, limit: int = 50, **filters: Filter
    ) -> PaginatedResponse[ExpenseReportEntry]:
        """Detailed expense report: every expense with its receipt indicator and statuses."""
        query = {**_query(from_date, to_date, filters), "limit": limit}
        return self._paginate(page_operation(f"{PATH}/expenses/entries", ExpenseReportEntry, query))

    def budgets(
        self,
        client_id: str | None = None,
        project_id: str | None = None,
        status: str | None = None,
        month: str | None = None,
        include_archived: bool | None = None,
    ) -> BudgetReport:
        """Every budgeted project you can see: budget, spent, remaining, % used and status."""
        return self._transport.execute(_budgets(client_id, project_id, status, month, include_archived))

    def utilisation(
        self, from_date: str | None = None, to_date: str | None = None, **filters: Filter
    ) -> UtilisationReport:
        """Each person's tracked and billable hours against their capacity (this week by default)."""
        query = _query(from_date, to_date, filters)
        return self._transport.execute(
            Operation("GET", f"{PATH}/utilisation", UtilisationReport.from_dict, query=query)
        )

    def agents(self, from_date: str | None = None, to_date: str | None = None, **filters: Filter) -> AgentReport:
        """Agent vs human hours, agent hours by model, LLM spend and the agent margin."""
        query = _query(from_date, to_date, filters)
        return self._transport.execute(Operation("GET", f"{PATH}/agents", AgentReport.from_dict, query=query))


class AsyncReports(AsyncResource):
    """Reports, with the async client (the filters of `Reports`)."""

    def __init__(self, transport: Any) -> None:
        super().__init__(transport)
        self.saved = AsyncSavedReports(transport)

    async def time(
        self, group_by: str = "project", from_date: str | None = None, to_date: str | None = None, **filters: Filter
    ) -> TimeReport:
        """Time summary grouped by client, project, task, person, role, source, day, week or month."""
        query = {**_query(from_date, to_date, filters), "group_by": group_by}
        result: TimeReport = await self._transport.execute(_summary("time", TimeReport, query))
        return result

    async def time_entries(
        self, from_date: str | None = None, to_date: str | None = None, limit: int = 50, **filters: Filter
    ) -> AsyncPaginatedResponse[TimeReportEntry]:
        """Detailed time report; `async for` walks every page."""
        query = {**_query(from_date, to_date, filters), "limit": limit}
        return await self._paginate(page_operation(f"{PATH}/time/entries", TimeReportEntry, query))

    async def expenses(
        self, group_by: str = "project", from_date: str | None = None, to_date: str | None = None, **filters: Filter
    ) -> ExpenseReport:
        """Expense summary grouped by client, project, category or person."""
        query = {**_query(from_date, to_date, filters), "group_by": group_by}
        result: ExpenseReport = await self._transport.execute(_summary("expenses", ExpenseReport, query))
        return result

    async def expense_entries(
        self, from_date: str | None = None, to_date: str | None = None, limit: int = 50, **filters: Filter
    ) -> AsyncPaginatedResponse[ExpenseReportEntry]:
        """Detailed expense report; `async for` walks every page."""
        query = {**_query(from_date, to_date, filters), "limit": limit}
        return await self._paginate(page_operation(f"{PATH}/expenses/entries", ExpenseReportEntry, query))

    async def budgets(
        self,
        client_id: str | None = None,
        project_id: str | None = None,
        status: str | None = None,
        month: str | None = None,
        include_archived: bool | None = None,
    ) -> BudgetReport:
        """Every budgeted project you can see: budget, spent, remaining, % used and status."""
        return await self._transport.execute(_budgets(client_id, project_id, status, month, include_archived))

    async def utilisation(
        self, from_date: str | None = None, to_date: str | None = None, **filters: Filter
    ) -> UtilisationReport:
        """Each person's tracked and billable hours against their capacity (this week by default)."""
        query = _query(from_date, to_date, filters)
        return await self._transport.execute(
            Operation("GET", f"{PATH}/utilisation", UtilisationReport.from_dict, query=query)
        )

    async def agents(
        self, from_date: str | None = None, to_date: str | None = None, **filters: Filter
    ) -> AgentReport:
        """Agent vs human hours, agent hours by model, LLM spend and the agent margin."""
        query = _query(from_date, to_date, filters)
        return await self._transport.execute(
            Operation("GET", f"{PATH}/agents", AgentReport.from_dict, query=query)
        )
