"""track_agent_work and @track against the real server: the samples of
python-sdk/agent-integration.md and python-sdk/async-usage.md, with a stand-in agent."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from keito import AsyncKeito, Keito, NotFoundError, current_session, track
from support.server import ProjectFixture


class StepClock:
    """A clock that moves `step` seconds every time it is read."""

    def __init__(self, step: float) -> None:
        self.now = 0.0
        self.step = step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


class FakeAgent:
    """Stands in for the LLM agent of the samples: returns canned results, spends no tokens."""

    def run(self, prompt: str) -> str:
        return f"done: {prompt}"

    async def review(self, pr_url: str) -> FakeReview:
        await asyncio.sleep(0)
        return FakeReview(summary=f"LGTM {pr_url}", input_tokens=1000, output_tokens=500)


@dataclass
class FakeReview:
    summary: str
    input_tokens: int
    output_tokens: int


agent = FakeAgent()


def entries_and_expenses(client: Keito, project_id: str) -> tuple[list, list]:
    return list(client.time_entries.list(project_id=project_id)), list(client.expenses.list(project_id=project_id))


def test_context_manager_sample_tracks_time_and_tokens(
    client: Keito, world: ProjectFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    running_during_block: list[bool] = []
    with client.track_agent_work(
        project_id=world.project_id,
        task_id=world.task_id,
        agent_id="research-bot-03",
        model="claude-opus-4-6",
    ) as session:
        # Your agent does work here
        result = agent.run("Analyse Q4 billing data")
        running_during_block.append(client.time_entries.get(session.entry.id).is_running)
        # Report token usage — logged as LLM expense on exit
        session.report_tokens(input=18000, output=6000)
        session.set_notes("Analysed Q4 billing trends and generated summary")
    # Time entry and LLM expense are created automatically
    print(f"Tracked {session.hours:.2f}h, {session.total_tokens_k:.1f}k tokens")

    assert result == "done: Analyse Q4 billing data"
    assert running_during_block == [True]
    assert capsys.readouterr().out == "Tracked 0.00h, 24.0k tokens\n"
    entries, expenses = entries_and_expenses(client, world.project_id)
    assert len(entries) == 1 and len(expenses) == 1
    entry, expense = entries[0], expenses[0]
    assert (entry.is_running, entry.source, entry.task_id) == (False, "agent", world.task_id)
    assert entry.notes == "Analysed Q4 billing trends and generated summary"
    assert entry.metadata["agent_id"] == "research-bot-03"
    assert entry.metadata["model"] == "claude-opus-4-6"
    assert expense.metadata == {
        "agent_id": "research-bot-03",
        "session_id": entry.metadata["session_id"],
        "model": "claude-opus-4-6",
        "input_tokens": 18000,
        "output_tokens": 6000,
    }
    assert (expense.units, expense.source) == (24.0, "agent")
    assert expense.total_cost == pytest.approx(0.072)
    assert expense.notes == "claude-opus-4-6: 18k input + 6k output tokens"


def test_hours_are_the_measured_duration(client: Keito, world: ProjectFixture) -> None:
    with client.track_agent_work(world.project_id, agent_id="bot", clock=StepClock(2700)) as session:
        pass  # the clock is read at start and at exit: 2700 s apart
    assert session.hours == 0.75
    assert client.time_entries.get(session.entry.id).hours == 0.75
    # no tokens reported: no expense
    assert client.expenses.list(project_id=world.project_id).data == []


def test_an_exception_discards_the_timer_and_propagates(client: Keito, world: ProjectFixture) -> None:
    with pytest.raises(RuntimeError, match="agent crashed"):
        with client.track_agent_work(world.project_id, agent_id="bot", model="m") as session:
            session.report_tokens(input=100, output=100)
            raise RuntimeError("agent crashed")
    with pytest.raises(NotFoundError):
        client.time_entries.get(session.entry.id)
    assert entries_and_expenses(client, world.project_id) == ([], [])


def test_async_context_manager_sample(keito_env: dict, world: ProjectFixture, client: Keito) -> None:
    items = [1, 2, 3]

    async def process_item(item: int) -> tuple[int, int]:
        await asyncio.sleep(0.01)
        return item * 1000, item * 100

    async def main() -> None:
        client = AsyncKeito()
        async with client.track_agent_work(
            project_id=world.project_id,
            agent_id="batch-processor",
            model="claude-sonnet-4-6",
        ) as session:
            results = await asyncio.gather(*[
                process_item(item) for item in items
            ])
            total_input = sum(r[0] for r in results)
            total_output = sum(r[1] for r in results)
            session.report_tokens(input=total_input, output=total_output)
        await client.close()

    asyncio.run(main())
    entries, expenses = entries_and_expenses(client, world.project_id)
    assert [e.metadata["agent_id"] for e in entries] == ["batch-processor"]
    assert [(x.units, x.metadata["session_id"]) for x in expenses] == [(6.6, entries[0].metadata["session_id"])]


def test_async_exception_discards_the_timer(keito_env: dict, world: ProjectFixture, client: Keito) -> None:
    async def main() -> None:
        async with AsyncKeito() as c:
            async with c.track_agent_work(world.project_id, agent_id="bot"):
                raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        asyncio.run(main())
    assert entries_and_expenses(client, world.project_id) == ([], [])


def test_parallel_agent_work_sample(keito_env: dict, world: ProjectFixture, client: Keito) -> None:
    review_agent = type("ReviewAgent", (), {"run": staticmethod(FakeAgent().review)})()
    pr_urls = [f"https://github.com/acme/web/pull/{n}" for n in range(1, 6)]

    async def process_pr(client: AsyncKeito, pr_url: str):  # noqa: ANN202 - as in the docs
        async with client.track_agent_work(
            project_id=world.project_id,
            task_id=world.task_id,
            agent_id="review-bot",
            model="claude-sonnet-4-6",
        ) as session:
            result = await review_agent.run(pr_url)
            session.report_tokens(
                input=result.input_tokens,
                output=result.output_tokens,
            )
            session.set_notes(f"Reviewed {pr_url}")
        return result

    async def main() -> list[FakeReview]:
        async with AsyncKeito() as client:
            # Process 5 PRs in parallel
            return await asyncio.gather(*[
                process_pr(client, url) for url in pr_urls
            ])

    results = asyncio.run(main())
    assert len(results) == 5
    entries, expenses = entries_and_expenses(client, world.project_id)
    assert sorted(e.notes for e in entries) == sorted(f"Reviewed {u}" for u in pr_urls)
    assert {e.metadata["session_id"] for e in entries} == {x.metadata["session_id"] for x in expenses}
    assert len(expenses) == 5 and all(x.units == 1.5 for x in expenses)


def test_track_decorator_sample_on_an_async_tool(keito_env: dict, world: ProjectFixture, client: Keito) -> None:
    @track(project_id=world.project_id, task_id=world.task_id)
    async def review_pull_request(pr_url: str) -> str:
        """Agent reviews a PR — time and cost tracked automatically."""
        response = await agent.review(pr_url)
        current_session().report_tokens(input=response.input_tokens, output=response.output_tokens)
        return response.summary

    assert asyncio.run(review_pull_request("https://github.com/acme/web/pull/7")) == (
        "LGTM https://github.com/acme/web/pull/7"
    )
    assert review_pull_request.__doc__ == "Agent reviews a PR — time and cost tracked automatically."
    entries, expenses = entries_and_expenses(client, world.project_id)
    assert [(e.notes, e.is_running, e.task_id) for e in entries] == [("review pull request", False, world.task_id)]
    assert [x.metadata["session_id"] for x in expenses] == [entries[0].metadata["session_id"]]


def test_track_decorator_on_a_sync_function_with_an_explicit_client(client: Keito, world: ProjectFixture) -> None:
    @track(world.project_id, agent_id="summariser", model="claude-haiku", client=client)
    def summarise(text: str) -> str:
        session = current_session()
        assert session is not None
        session.report_tokens(input=2000)
        session.set_notes(f"Summarised {len(text)} chars")
        return text[:5]

    assert summarise("hello world") == "hello"
    assert current_session() is None
    entries, expenses = entries_and_expenses(client, world.project_id)
    assert [e.notes for e in entries] == ["Summarised 11 chars"]
    assert [x.units for x in expenses] == [2.0]


def test_track_decorator_discards_on_failure(client: Keito, world: ProjectFixture) -> None:
    @track(world.project_id, client=client)
    def flaky() -> None:
        raise KeyError("missing")

    with pytest.raises(KeyError):
        flaky()
    assert entries_and_expenses(client, world.project_id) == ([], [])


def test_an_async_function_refuses_a_sync_client(client: Keito) -> None:
    with pytest.raises(TypeError):
        @track("prj_x", client=client)
        async def work() -> None: ...
