"""client.reports against the real server: summaries, detailed pages, filters and saved reports.

Each test works in its own project (the `world` fixture) and its own year, so the session's other
entries do not reach its figures."""

from __future__ import annotations

import asyncio

from keito import AsyncKeito, Keito, SavedReport, TimeReport, TimeReportEntry
from support.server import ProjectFixture


def test_time_summary_detailed_and_metadata_filters(client: Keito, world: ProjectFixture) -> None:
    for day, hours, agent in (("2032-04-01", 1.5, "bot-a"), ("2032-04-02", 2.25, "bot-a"), ("2032-04-03", 3, "bot-b")):
        client.time_entries.create(
            project_id=world.project_id,
            spent_date=day,
            hours=hours,
            source="agent",
            metadata={"agent_id": agent, "session_id": f"s-{day}", "model": "claude-opus-4-6"},
        )

    report = client.reports.time(group_by="day", from_date="2032-04-01", to_date="2032-04-30", project_id=world.project_id)
    assert isinstance(report, TimeReport)
    assert (report.from_date, report.to_date) == ("2032-04-01", "2032-04-30")
    assert [(row["id"], row["total_hours"]) for row in report.results] == [
        ("2032-04-01", 1.5),
        ("2032-04-02", 2.25),
        ("2032-04-03", 3),
    ]
    assert report.totals["total_hours"] == 6.75

    # Several values of a filter as a list; the metadata filters.
    agent_only = client.reports.time(
        group_by="source", project_id=[world.project_id], source=["agent", "cli"], agent_id="bot-a"
    )
    assert [(row["id"], row["total_hours"]) for row in agent_only.results] == [("agent", 3.75)]
    listed = client.time_entries.list(project_id=world.project_id, agent_id="bot-b")
    assert [entry.hours for entry in listed.data] == [3]

    detailed = client.reports.time_entries(project_id=world.project_id, limit=2)
    entries = list(detailed)
    assert [entry.hours for entry in entries] == [3, 2.25, 1.5]
    assert isinstance(entries[0], TimeReportEntry)
    assert entries[0].approval_status == "unsubmitted" and entries[0].is_invoiced is False


def test_expense_report(client: Keito, world: ProjectFixture) -> None:
    client.expenses.create(
        project_id=world.project_id,
        expense_category_id="cat_llm_usage",
        spent_date="2032-05-01",
        units=100,
        metadata={"agent_id": "bot-x"},
    )
    report = client.reports.expenses(group_by="category", project_id=world.project_id)
    assert [row["name"] for row in report.results] == ["LLM Usage"]
    assert [entry.has_receipt for entry in client.reports.expense_entries(project_id=world.project_id)] == [False]
    assert len(client.expenses.list(project_id=world.project_id, agent_id="bot-x").data) == 1


def test_saved_reports(admin_client: Keito) -> None:
    saved = admin_client.reports.saved.create(
        name="Agent hours this month",
        kind="time",
        filters={"period": "this_month", "source": "agent"},
        group_by="person",
    )
    assert isinstance(saved, SavedReport)
    assert (saved.visibility, saved.filters) == ("private", {"period": "this_month", "source": "agent"})
    shared = admin_client.reports.saved.update(saved.id, visibility="workspace", name="Agent hours")
    assert (shared.name, shared.visibility) == ("Agent hours", "workspace")
    assert saved.id in [report.id for report in admin_client.reports.saved.list(kind="time")]
    admin_client.reports.saved.delete(saved.id)
    assert saved.id not in [report.id for report in admin_client.reports.saved.list()]


def test_async_reports(keito_env: dict[str, str], world: ProjectFixture) -> None:
    async def run() -> None:
        async with AsyncKeito() as client:
            await client.time_entries.create(project_id=world.project_id, spent_date="2033-01-02", hours=2)
            report = await client.reports.time(group_by="project", project_id=world.project_id)
            assert [row["total_hours"] for row in report.results] == [2]
            page = await client.reports.time_entries(project_id=world.project_id)
            assert [entry.hours async for entry in page] == [2]

    asyncio.run(run())
