"""client.reports.budgets, utilisation and agents against the real server.

The session's agent logs time in other tests too, so the entries here are dated in a week of
2032 that no other test touches."""

from __future__ import annotations

import asyncio

from keito import AgentReport, AsyncKeito, BudgetReport, BudgetRow, Keito, UtilisationReport
from support.server import Admin, ProjectFixture

DAY = "2032-05-04"


def test_budgets_utilisation_and_agents(
    client: Keito, admin_client: Keito, admin: Admin, world: ProjectFixture
) -> None:
    admin.call("PATCH", f"/projects/{world.project_id}", {"budget_by": "total_hours", "budget_hours": 4})
    client.time_entries.create(
        project_id=world.project_id,
        spent_date=DAY,
        hours=3,
        notes="agent run",
        source="agent",
        metadata={"model": "claude-sonnet"},
    )

    budgets = admin_client.reports.budgets(project_id=world.project_id)
    assert isinstance(budgets, BudgetReport)
    [row] = budgets.results
    assert isinstance(row, BudgetRow)
    assert (row.budget, row.spent, row.remaining, row.percent_used, row.status) == (4.0, 3.0, 1.0, 75.0, "on_track")

    utilisation = admin_client.reports.utilisation(from_date=DAY, to_date=DAY)
    assert isinstance(utilisation, UtilisationReport)
    assert (utilisation.from_date, utilisation.to_date) == (DAY, DAY)

    agents = admin_client.reports.agents(from_date=DAY, to_date=DAY, project_id=[world.project_id])
    assert isinstance(agents, AgentReport)
    assert agents.by_model == [{"model": "claude-sonnet", "agent_hours": 3}]


def test_async_budgets(admin_client: Keito, world: ProjectFixture) -> None:
    async def main() -> BudgetReport:
        async with AsyncKeito(
            api_key=admin_client.options.api_key,
            account_id=admin_client.options.account_id,
            base_url=admin_client.options.base_url,
        ) as keito:
            return await keito.reports.budgets(status="over")

    report = asyncio.run(main())
    assert all(row.status == "over" for row in report.results)
