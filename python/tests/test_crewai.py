"""KeitoTaskCallback driven by the real crewai package: whole crews run offline with a scripted
LLM (python-sdk/crewai.md's samples, with that LLM in place of "claude-sonnet-4-6")."""

from __future__ import annotations

import pytest
from crewai import Agent, Crew, Task

from keito import Keito
from keito.integrations.crewai import KeitoTaskCallback
from support.fake_crewai_llm import ScriptedLLM
from support.server import ProjectFixture


def records(client: Keito, project_id: str) -> tuple[list, list]:
    return list(client.time_entries.list(project_id=project_id)), list(client.expenses.list(project_id=project_id))


@pytest.fixture
def callback_factory():  # noqa: ANN201
    made: list[KeitoTaskCallback] = []

    def make(*args, **kwargs) -> KeitoTaskCallback:  # noqa: ANN002, ANN003
        cb = KeitoTaskCallback(*args, **kwargs)
        made.append(cb)
        return cb

    yield make
    for cb in made:
        cb.close()  # stop listening, so later tests' events are not counted here


@pytest.mark.usefixtures("keito_env")
def test_setup_and_usage_samples(world: ProjectFixture, client: Keito, callback_factory) -> None:  # noqa: ANN001
    client_ = Keito()
    callback = callback_factory(
        client=client_,
        project_id=world.project_id,
    )
    llm = ScriptedLLM(model="claude-sonnet-4-6", prompt_tokens=1500, completion_tokens=500,
                      answers=["Q4 demand is up 12%."])

    researcher = Agent(
        role="Senior Researcher",
        goal="Find relevant information",
        backstory="An experienced research analyst",
        llm=llm,
    )
    task = Task(
        description="Research Q4 market trends",
        expected_output="A short summary",
        agent=researcher,
        callback=callback,
    )
    crew = Crew(agents=[researcher], tasks=[task])
    result = crew.kickoff()

    assert result.raw == "Q4 demand is up 12%."
    entries, expenses = records(client, world.project_id)
    assert len(entries) == 1 and len(expenses) == 1
    entry, expense = entries[0], expenses[0]
    assert (entry.source, entry.notes, entry.is_running) == ("agent", "Senior Researcher", False)
    assert entry.metadata["agent_id"] == "Senior Researcher"
    assert entry.hours == round(task.execution_duration / 3600, 4)
    # The expense holds exactly the tokens CrewAI's own metrics counted for the crew.
    usage = crew.usage_metrics
    assert usage is not None and usage.total_tokens > 0
    assert expense.metadata == {
        "agent_id": "Senior Researcher",
        "session_id": entry.metadata["session_id"],
        "model": "claude-sonnet-4-6",
        "input_tokens": usage.prompt_tokens,
        "output_tokens": usage.completion_tokens,
    }
    assert expense.units == usage.total_tokens / 1000


@pytest.mark.usefixtures("keito_env")
def test_multi_agent_crew_attributes_each_task_to_its_agent(
    world: ProjectFixture, client: Keito, callback_factory  # noqa: ANN001
) -> None:
    callback = callback_factory(client=Keito(), project_id=world.project_id, task_id=world.task_id)
    researcher_llm = ScriptedLLM(model="claude-sonnet-4-6", prompt_tokens=2000, completion_tokens=1000,
                                 answers=["AI agents bill by the hour."])
    writer_llm = ScriptedLLM(model="claude-sonnet-4-6", prompt_tokens=500, completion_tokens=250,
                             answers=["Report: agents bill by the hour."])

    researcher = Agent(role="Researcher", goal="Research", backstory="Researches", llm=researcher_llm)
    writer = Agent(role="Writer", goal="Write", backstory="Writes", llm=writer_llm)
    research_task = Task(
        description="Research AI trends",
        expected_output="Notes",
        agent=researcher,
        callback=callback,
    )
    writing_task = Task(
        description="Write report from research",
        expected_output="A report",
        agent=writer,
        callback=callback,
        context=[research_task],
    )
    crew = Crew(
        agents=[researcher, writer],
        tasks=[research_task, writing_task],
    )
    result = crew.kickoff()

    assert result.raw == "Report: agents bill by the hour."
    entries, expenses = records(client, world.project_id)
    by_agent = {e.metadata["agent_id"]: e for e in entries}
    assert set(by_agent) == {"Researcher", "Writer"}
    assert all(e.task_id == world.task_id for e in entries)
    tokens = {x.metadata["agent_id"]: (x.metadata["input_tokens"], x.metadata["output_tokens"], x.metadata["session_id"]) for x in expenses}
    researcher_usage = researcher_llm.get_token_usage_summary()
    writer_usage = writer_llm.get_token_usage_summary()
    assert tokens == {
        "Researcher": (researcher_usage.prompt_tokens, researcher_usage.completion_tokens, by_agent["Researcher"].metadata["session_id"]),
        "Writer": (writer_usage.prompt_tokens, writer_usage.completion_tokens, by_agent["Writer"].metadata["session_id"]),
    }
    assert researcher_usage.prompt_tokens != writer_usage.prompt_tokens  # the split is per task, not shared
    assert [t.agent_role for t in callback.tracked] == ["Researcher", "Writer"]


@pytest.mark.usefixtures("keito_env")
def test_agents_sharing_one_llm_still_get_their_own_tokens(
    world: ProjectFixture, client: Keito, callback_factory  # noqa: ANN001
) -> None:
    shared_llm = ScriptedLLM(model="claude-haiku", prompt_tokens=800, completion_tokens=200, answers=["ok"])
    callback = callback_factory(client=Keito(), project_id=world.project_id, agent_id_from_role=False, auto_expense=True)
    a = Agent(role="A", goal="g", backstory="b", llm=shared_llm)
    b = Agent(role="B", goal="g", backstory="b", llm=shared_llm)
    tasks = [Task(description=f"step {n}", expected_output="ok", agent=agent, callback=callback) for n, agent in enumerate([a, b])]
    Crew(agents=[a, b], tasks=tasks).kickoff()

    entries, expenses = records(client, world.project_id)
    assert sorted(e.notes for e in entries) == ["A", "B"]
    assert all("agent_id" not in e.metadata for e in entries)  # agent_id_from_role=False
    total = shared_llm.get_token_usage_summary().total_tokens
    assert sum(x.units for x in expenses) == pytest.approx(total / 1000)
    assert len(expenses) == 2


@pytest.mark.usefixtures("keito_env")
def test_auto_expense_off_records_time_only(world: ProjectFixture, client: Keito, callback_factory) -> None:  # noqa: ANN001
    callback = callback_factory(client=Keito(), project_id=world.project_id, auto_expense=False)
    agent = Agent(role="Solo", goal="g", backstory="b", llm=ScriptedLLM(model="m"))
    Crew(agents=[agent], tasks=[Task(description="t", expected_output="o", agent=agent, callback=callback)]).kickoff()
    entries, expenses = records(client, world.project_id)
    assert [e.notes for e in entries] == ["Solo"]
    assert expenses == []
