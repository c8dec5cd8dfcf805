"""client.timesheets against the real server: an agent submits, the administrator decides.

The session's agent logs time in other tests too, so each test here works in weeks of its own
(in 2031) that no other test touches."""

from __future__ import annotations

import asyncio

import pytest

from keito import AsyncKeito, ConflictError, Keito, Timesheet, TimesheetDetail, ValidationError
from support.server import ProjectFixture


def test_submit_reject_resubmit_approve_and_withdraw(
    client: Keito, admin_client: Keito, world: ProjectFixture
) -> None:
    entry = client.time_entries.create(
        project_id=world.project_id, spent_date="2031-03-03", hours=2, notes="agent run", source="agent"
    )
    submitted = client.timesheets.submit(from_date="2031-03-03", to_date="2031-03-09")
    assert isinstance(submitted, TimesheetDetail)
    assert (submitted.state, submitted.from_date, submitted.to_date) == ("submitted", "2031-03-03", "2031-03-09")
    assert submitted.total_hours == 2.0
    assert [e.id for e in submitted.time_entries] == [entry.id]
    assert submitted.time_entries[0].approval_status == "submitted"

    with pytest.raises(ValidationError) as locked:
        client.time_entries.update(entry.id, notes="changed")
    assert (locked.value.code, locked.value.reason) == ("entry_locked", "submitted")

    queue = admin_client.timesheets.list(state="submitted", from_date="2031-03-03", to_date="2031-03-09")
    assert [t.id for t in queue.data] == [submitted.id]
    assert isinstance(queue.data[0], Timesheet)

    rejected = admin_client.timesheets.reject(submitted.id, reason="Name the feature")
    assert (rejected.state, rejected.reason) == ("rejected", "Name the feature")
    client.time_entries.update(entry.id, notes="agent run: invoices")

    again = client.timesheets.submit(from_date="2031-03-03", to_date="2031-03-09")
    approved = admin_client.timesheets.approve(again.id)
    assert approved.state == "approved"
    assert approved.decided_by is not None
    listed = client.time_entries.list(project_id=world.project_id, approval_status="approved")
    assert [e.id for e in listed.data] == [entry.id]

    withdrawn = admin_client.timesheets.withdraw(again.id)
    assert withdrawn.state == "submitted"
    assert len(admin_client.timesheets.get(again.id).daily_totals) == 7
    with pytest.raises(ConflictError):
        admin_client.timesheets.withdraw(again.id)


def test_async_bulk_approve_and_reject_answer_per_id(
    keito_env: dict[str, str], admin_client: Keito, world: ProjectFixture
) -> None:
    async def main() -> None:
        async with AsyncKeito() as agent, AsyncKeito(
            api_key=admin_client.options.api_key,
            account_id=admin_client.options.account_id,
            base_url=admin_client.options.base_url,
        ) as admin:
            for day in ("2031-03-10", "2031-03-17"):
                await agent.time_entries.create(
                    project_id=world.project_id, spent_date=day, hours=1, notes="run", source="agent"
                )
            one = await agent.timesheets.submit(from_date="2031-03-10", to_date="2031-03-16")
            two = await agent.timesheets.submit(from_date="2031-03-17", to_date="2031-03-23")

            approved = await admin.timesheets.approve_many([one.id, "tsh_missing"])
            assert [(o.id, o.status) for o in approved] == [(one.id, 200), ("tsh_missing", 404)]
            assert approved[0].data is not None and approved[0].data.state == "approved"
            assert approved[1].error is not None and approved[1].error["code"] == "not_found"

            rejected = await admin.timesheets.reject_many([two.id], reason="Too vague")
            assert rejected[0].data is not None and rejected[0].data.reason == "Too vague"
            fetched = await agent.timesheets.get(two.id)
            assert fetched.time_entries[0].approval_status == "rejected"

    asyncio.run(main())
