"""`client.reports`: budgets, utilisation against capacity and agent activity."""

from __future__ import annotations

from typing import Any

from .._core.engine import Operation
from ..types import AgentReport, BudgetReport, UtilisationReport
from ._base import AsyncResource, SyncResource, compact

PATH = "/reports"


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


def _filters(
    period: str | None, from_date: str | None, to_date: str | None, filters: dict[str, Any]
) -> dict[str, Any]:
    # Lists of ids are sent comma-separated, as the API reads them.
    joined = {key: ",".join(value) if isinstance(value, list) else value for key, value in filters.items()}
    return compact(period=period, **{"from": from_date, "to": to_date}, **joined)


class Reports(SyncResource):
    """Reports, with the sync client."""

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
        self,
        period: str | None = None,
        from_date: str | None = None,
        to_date: str | None = None,
        **filters: Any,
    ) -> UtilisationReport:
        """Each person's tracked and billable hours against their capacity (this week by default)."""
        query = _filters(period, from_date, to_date, filters)
        return self._transport.execute(
            Operation("GET", f"{PATH}/utilisation", UtilisationReport.from_dict, query=query)
        )

    def agents(
        self,
        period: str | None = None,
        from_date: str | None = None,
        to_date: str | None = None,
        **filters: Any,
    ) -> AgentReport:
        """Agent vs human hours, agent hours by model, LLM spend and the agent margin."""
        query = _filters(period, from_date, to_date, filters)
        return self._transport.execute(Operation("GET", f"{PATH}/agents", AgentReport.from_dict, query=query))


class AsyncReports(AsyncResource):
    """Reports, with the async client."""

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
        self,
        period: str | None = None,
        from_date: str | None = None,
        to_date: str | None = None,
        **filters: Any,
    ) -> UtilisationReport:
        """Each person's tracked and billable hours against their capacity (this week by default)."""
        query = _filters(period, from_date, to_date, filters)
        return await self._transport.execute(
            Operation("GET", f"{PATH}/utilisation", UtilisationReport.from_dict, query=query)
        )

    async def agents(
        self,
        period: str | None = None,
        from_date: str | None = None,
        to_date: str | None = None,
        **filters: Any,
    ) -> AgentReport:
        """Agent vs human hours, agent hours by model, LLM spend and the agent margin."""
        query = _filters(period, from_date, to_date, filters)
        return await self._transport.execute(
            Operation("GET", f"{PATH}/agents", AgentReport.from_dict, query=query)
        )
