"""client.time_entries against the real server, starting with the samples of
python-sdk/time-entries.md (ids swapped for the test project's)."""

from __future__ import annotations

from datetime import date

import pytest

from keito import Keito, NotFoundError, PaginatedResponse, TimeEntry
from support.server import ProjectFixture


def test_create_sample_returns_a_typed_entry_with_its_metadata(client: Keito, world: ProjectFixture) -> None:
    entry = client.time_entries.create(
        project_id=world.project_id,
        task_id=world.task_id,
        spent_date="2026-03-06",
        hours=1.5,
        notes="Refactored authentication module",
        source="agent",
        metadata={
            "agent_id": "review-bot-01",
            "agent_type": "claude-code",
            "session_id": "550e8400-e29b-41d4-a716-446655440000",
            "model": "claude-opus-4-6",
        },
    )
    assert isinstance(entry, TimeEntry)
    assert entry.id.startswith("te_")
    assert (entry.project_id, entry.task_id, entry.spent_date) == (world.project_id, world.task_id, "2026-03-06")
    assert entry.hours == 1.5
    assert (entry.source, entry.is_running, entry.notes) == ("agent", False, "Refactored authentication module")
    assert entry.metadata is not None
    assert entry.metadata["session_id"] == "550e8400-e29b-41d4-a716-446655440000"
    assert entry.user_id.startswith("usr_")
    assert client.time_entries.get(entry.id) == entry


def test_start_and_stop_timer_samples(client: Keito, world: ProjectFixture) -> None:
    timer = client.time_entries.create(
        project_id=world.project_id,
        task_id=world.task_id,
        spent_date=str(date.today()),
        hours=0,
        is_running=True,
        source="agent",
        metadata={
            "agent_id": "review-bot-01",
            "session_id": "550e8400-e29b-41d4-a716-446655440000",
        },
    )
    assert timer.is_running is True
    running = client.time_entries.list(project_id=world.project_id, is_running=True)
    assert [e.id for e in running.data] == [timer.id]

    client.time_entries.update(
        timer.id,
        hours=1.5,
        is_running=False,
        notes="Completed code review",
    )
    stopped = client.time_entries.get(timer.id)
    assert (stopped.is_running, stopped.hours, stopped.notes) == (False, 1.5, "Completed code review")
    assert client.time_entries.list(project_id=world.project_id, is_running=True).data == []


def test_list_sample_filters_by_source_project_and_date_range(
    client: Keito, world: ProjectFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    def log(day: str, source: str) -> TimeEntry:
        return client.time_entries.create(
            project_id=world.project_id, spent_date=day, hours=0.5, notes=f"{source} on {day}", source=source
        )

    inside = log("2026-03-03", "agent")
    log("2026-02-27", "agent")  # before the range
    log("2026-03-07", "agent")  # after it
    log("2026-03-04", "api")  # another source

    # All agent entries for a project this week
    entries = client.time_entries.list(
        source="agent",
        project_id=world.project_id,
        from_date="2026-03-01",
        to_date="2026-03-06",
    )
    for entry in entries.data:
        print(f"{entry.spent_date}: {entry.hours}h — {entry.notes}")

    assert [e.id for e in entries.data] == [inside.id]
    assert capsys.readouterr().out == "2026-03-03: 0.5h — agent on 2026-03-03\n"


def test_delete_sample_removes_the_entry(client: Keito, world: ProjectFixture) -> None:
    entry = client.time_entries.create(project_id=world.project_id, spent_date="2026-03-06", hours=0.25)
    client.time_entries.delete(entry.id)
    with pytest.raises(NotFoundError) as caught:
        client.time_entries.get(entry.id)
    assert caught.value.status == 404
    assert caught.value.code == "not_found"


def test_update_changes_only_the_fields_given(client: Keito, world: ProjectFixture) -> None:
    entry = client.time_entries.create(
        project_id=world.project_id, spent_date="2026-03-06", hours=2, notes="first draft",
        metadata={"agent_id": "bot"},
    )
    updated = client.time_entries.update(entry.id, metadata={"agent_id": "bot", "session_id": "s-1"})
    assert (updated.hours, updated.notes) == (2.0, "first draft")
    assert updated.metadata == {"agent_id": "bot", "session_id": "s-1"}


def test_iterating_a_list_walks_every_page(client: Keito, world: ProjectFixture) -> None:
    created = {
        client.time_entries.create(project_id=world.project_id, spent_date=f"2026-04-0{day}", hours=1).id
        for day in range(1, 6)
    }
    first = client.time_entries.list(project_id=world.project_id, limit=2)
    assert isinstance(first, PaginatedResponse)
    assert len(first.data) == 2
    assert first.has_more is True and first.next_cursor
    assert first.limit == 2
    pages = list(first.iter_pages())
    assert [len(p.data) for p in pages] == [2, 2, 1]
    assert pages[-1].has_more is False and pages[-1].next_cursor is None
    assert {e.id for e in first} == created
    assert len(list(first)) == 5  # no item repeated across pages
    assert client.time_entries.list(limit=500).limit == 200  # clamped by the server, not refused


@pytest.mark.usefixtures("keito_env")
def test_developer_quickstart_python_sample(world: ProjectFixture, capsys: pytest.CaptureFixture[str]) -> None:
    import os

    client = Keito(
        api_key=os.environ["KEITO_API_KEY"],
        account_id=os.environ["KEITO_ACCOUNT_ID"],
    )
    entry = client.time_entries.create(
        project_id=world.project_id,
        task_id=world.task_id,
        spent_date="2026-03-06",
        hours=1.5,
        notes="Implemented OAuth flow",
        source="agent",
        metadata={
            "agent_id": "my-bot-01",
            "agent_type": "claude-code",
            "session_id": "550e8400-e29b-41d4-a716-446655440000",
            "model": "claude-opus-4-6",
        },
    )
    print(f"Created entry: {entry.id}")
    expense = client.expenses.create(
        project_id=world.project_id,
        expense_category_id="cat_llm_usage",
        spent_date="2026-03-06",
        units=45,
        notes="claude-opus-4-6: 30k input + 15k output tokens",
        source="agent",
        metadata={
            "agent_id": "my-bot-01",
            "session_id": entry.metadata["session_id"],
            "model": "claude-opus-4-6",
            "input_tokens": 30000,
            "output_tokens": 15000,
        },
    )
    assert capsys.readouterr().out == f"Created entry: {entry.id}\n"
    assert expense.metadata["session_id"] == entry.metadata["session_id"]


@pytest.mark.usefixtures("keito_env")
def test_retry_options_sample_from_error_handling_page() -> None:
    import os

    # Python SDK
    client = Keito(
        api_key=os.environ["KEITO_API_KEY"],
        max_retries=3,
        retry_delay=1.0,
    )
    assert (client.options.max_retries, client.options.retry_delay) == (3, 1.0)
    assert client.projects.list().data is not None
