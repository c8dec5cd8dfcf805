"""KeitoCallbackHandler driven by real langchain-core runnables and its fake chat models, which
report usage like real providers do; examples/langchain-agent.md and python-sdk/langchain.md
run with the fake model in place of ChatAnthropic."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.language_models import BaseChatModel
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.runnables import RunnableLambda

from keito import Keito
from keito.integrations.langchain import KeitoCallbackHandler
from support.server import ProjectFixture


class StepClock:
    def __init__(self, step: float) -> None:
        self.now = 0.0
        self.step = step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


def reply(text: str, input_tokens: int, output_tokens: int, model: str = "claude-sonnet-4-6") -> AIMessage:
    """An answer shaped like langchain-anthropic's: usage_metadata and the model name."""
    return AIMessage(
        content=text,
        usage_metadata={"input_tokens": input_tokens, "output_tokens": output_tokens,
                        "total_tokens": input_tokens + output_tokens},
        response_metadata={"model_name": model},
    )


def ChatAnthropic(model: str, temperature: float = 0, replies: list[AIMessage] | None = None) -> GenericFakeChatModel:  # noqa: N802
    """The examples' LLM, swapped for langchain-core's fake that answers with `replies`."""
    return GenericFakeChatModel(messages=iter(replies or [reply("A concise summary.", 1200, 300, model)]))


class LegacyUsageChatModel(BaseChatModel):
    """A provider that reports usage only in llm_output["token_usage"] (OpenAI-style)."""

    @property
    def _llm_type(self) -> str:
        return "legacy-usage"

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None, run_manager: Any = None, **kwargs: Any) -> ChatResult:
        return ChatResult(
            generations=[ChatGeneration(message=AIMessage(content="ok"))],
            llm_output={"token_usage": {"prompt_tokens": 700, "completion_tokens": 300}, "model_name": "gpt-4o"},
        )


def records(client: Keito, project_id: str) -> tuple[list, list]:
    return list(client.time_entries.list(project_id=project_id)), list(client.expenses.list(project_id=project_id))


@pytest.mark.usefixtures("keito_env")
def test_langchain_agent_example(world: ProjectFixture, client: Keito, capsys: pytest.CaptureFixture[str]) -> None:
    from langchain_core.output_parsers import StrOutputParser

    # Initialise Keito
    keito = Keito()
    # Create the callback handler
    handler = KeitoCallbackHandler(
        client=keito,
        project_id=world.project_id,
        task_id=world.task_id,
        agent_id="research-agent-01",
    )
    handler.clock = StepClock(900)  # the fake LLM answers instantly; pretend the run took 15 min
    # Build the chain
    llm = ChatAnthropic(model="claude-sonnet-4-6", temperature=0)
    prompt = ChatPromptTemplate.from_messages([
        ("system", "You are a research analyst. Provide concise, factual summaries."),
        ("user", "Research and summarise: {topic}"),
    ])
    chain = prompt | llm | StrOutputParser()
    # Run with automatic tracking
    result = chain.invoke(
        {"topic": "AI agent billing best practices for consultancies"},
        config={"callbacks": [handler]},
    )
    print(result)

    assert capsys.readouterr().out == "A concise summary.\n"
    entries, expenses = records(client, world.project_id)
    assert len(entries) == 1 and len(expenses) == 1
    entry, expense = entries[0], expenses[0]
    assert (entry.hours, entry.source, entry.task_id, entry.is_running) == (0.25, "agent", world.task_id, False)
    assert entry.metadata["agent_id"] == "research-agent-01"
    assert expense.metadata == {
        "agent_id": "research-agent-01",
        "session_id": entry.metadata["session_id"],
        "model": "claude-sonnet-4-6",
        "input_tokens": 1200,
        "output_tokens": 300,
    }
    assert expense.units == 1.5
    assert expense.notes == "claude-sonnet-4-6: 1.2k input + 0.3k output tokens"


@pytest.mark.usefixtures("keito_env")
def test_langchain_page_sample(world: ProjectFixture, client: Keito) -> None:
    handler = KeitoCallbackHandler(
        client=Keito(),
        project_id=world.project_id,
        task_id=world.task_id,
        agent_id="langchain-agent-01",
        notes_template="{name} via {model}: {total_tokens} tokens",
        clock=StepClock(360),
    )
    llm = ChatAnthropic(model="claude-sonnet-4-6", replies=[reply("Looks fine.", 400, 100)])
    prompt = ChatPromptTemplate.from_template("Review this code: {code}")
    chain = prompt | llm
    code_to_review = "def add(a, b): return a + b"
    # Automatically tracks time and token usage
    result = chain.invoke(
        {"code": code_to_review},
        config={"callbacks": [handler]},
    )
    assert result.content == "Looks fine."
    entries, expenses = records(client, world.project_id)
    assert [(e.hours, e.notes) for e in entries] == [(0.1, "RunnableSequence via claude-sonnet-4-6: 500 tokens")]
    assert [(x.units, x.metadata["session_id"]) for x in expenses] == [(0.5, entries[0].metadata["session_id"])]


def test_one_time_entry_per_run_and_one_expense_per_llm_call(client: Keito, world: ProjectFixture) -> None:
    handler = KeitoCallbackHandler(client, world.project_id, agent_id="two-step", clock=StepClock(1800))
    drafter = GenericFakeChatModel(messages=iter([reply("draft", 1000, 200, "claude-haiku")]))
    reviewer = GenericFakeChatModel(messages=iter([reply("final", 3000, 1000, "claude-opus")]))
    chain = (
        ChatPromptTemplate.from_template("Draft: {topic}") | drafter
        | RunnableLambda(lambda m: {"draft": m.content})
        | ChatPromptTemplate.from_template("Improve: {draft}") | reviewer
    )
    assert chain.invoke({"topic": "x"}, config={"callbacks": [handler]}).content == "final"

    entries, expenses = records(client, world.project_id)
    assert len(entries) == 1
    session_id = entries[0].metadata["session_id"]
    assert entries[0].hours == 0.5
    assert entries[0].metadata["model"] == "claude-opus"  # the last model used
    assert sorted((x.metadata["model"], x.units, x.metadata["session_id"]) for x in expenses) == [
        ("claude-haiku", 1.2, session_id), ("claude-opus", 4.0, session_id),
    ]


def test_each_invocation_is_its_own_session(client: Keito, world: ProjectFixture) -> None:
    handler = KeitoCallbackHandler(client, world.project_id, clock=StepClock(3600))
    llm = GenericFakeChatModel(messages=iter([reply("a", 10, 10), reply("b", 20, 20)]))
    llm.invoke("first", config={"callbacks": [handler]})  # a bare model call is a top-level run too
    llm.invoke("second", config={"callbacks": [handler]})
    entries, expenses = records(client, world.project_id)
    assert len(entries) == 2 and all(e.hours == 1.0 for e in entries)
    assert {e.metadata["session_id"] for e in entries} == {x.metadata["session_id"] for x in expenses}


def test_tokens_fall_back_to_llm_output_token_usage(client: Keito, world: ProjectFixture) -> None:
    handler = KeitoCallbackHandler(client, world.project_id, agent_id="legacy", clock=StepClock(60))
    LegacyUsageChatModel().invoke("hi", config={"callbacks": [handler]})
    _, expenses = records(client, world.project_id)
    assert [(x.units, x.metadata["input_tokens"], x.metadata["output_tokens"], x.metadata["model"]) for x in expenses] == [
        (1.0, 700, 300, "gpt-4o"),
    ]


def test_runs_shorter_than_min_duration_log_no_time_but_keep_the_expense(client: Keito, world: ProjectFixture) -> None:
    handler = KeitoCallbackHandler(client, world.project_id)  # default min_duration 0.01h, real clock
    GenericFakeChatModel(messages=iter([reply("quick", 100, 50)])).invoke("hi", config={"callbacks": [handler]})
    entries, expenses = records(client, world.project_id)
    assert entries == []
    assert [x.units for x in expenses] == [0.15]


def test_auto_expense_off_logs_time_only(client: Keito, world: ProjectFixture) -> None:
    handler = KeitoCallbackHandler(client, world.project_id, auto_expense=False, clock=StepClock(60))
    GenericFakeChatModel(messages=iter([reply("x", 100, 50)])).invoke("hi", config={"callbacks": [handler]})
    entries, expenses = records(client, world.project_id)
    assert len(entries) == 1 and expenses == []


def test_a_failed_run_logs_no_time_but_bills_the_tokens_spent(client: Keito, world: ProjectFixture) -> None:
    handler = KeitoCallbackHandler(client, world.project_id, clock=StepClock(600))

    def explode(_: Any) -> None:
        raise RuntimeError("parser failed")

    chain = GenericFakeChatModel(messages=iter([reply("x", 500, 500)])) | RunnableLambda(explode)
    with pytest.raises(RuntimeError):
        chain.invoke("hi", config={"callbacks": [handler]})
    entries, expenses = records(client, world.project_id)
    assert entries == []
    assert [x.units for x in expenses] == [1.0]


def test_async_chains_are_tracked_too(client: Keito, world: ProjectFixture) -> None:
    import asyncio

    handler = KeitoCallbackHandler(client, world.project_id, clock=StepClock(360))
    chain = ChatPromptTemplate.from_template("{q}") | GenericFakeChatModel(messages=iter([reply("async", 250, 250)]))
    asyncio.run(chain.ainvoke({"q": "hi"}, config={"callbacks": [handler]}))
    entries, expenses = records(client, world.project_id)
    assert [e.hours for e in entries] == [0.1]
    assert [x.metadata["session_id"] for x in expenses] == [entries[0].metadata["session_id"]]


class ToolCallingFakeChatModel(GenericFakeChatModel):
    """GenericFakeChatModel that accepts bind_tools, so tool-calling agents can drive it."""

    # The parent's streaming drops tool calls of content-less messages; without a _stream of
    # its own, langchain-core streams by calling _generate once, which keeps them.
    _stream = BaseChatModel._stream  # type: ignore[assignment]

    def bind_tools(self, tools: Any, **kwargs: Any) -> ToolCallingFakeChatModel:  # type: ignore[override]
        return self


def test_multi_step_agent_sample(client: Keito, world: ProjectFixture) -> None:
    # The page imports from `langchain.agents`; since LangChain 1.0 these live in
    # langchain-classic, with the same API. That import is the only change to the sample.
    from langchain_classic.agents import AgentExecutor, create_tool_calling_agent
    from langchain_core.tools import tool

    @tool
    def q4_sales(region: str) -> str:
        """Q4 sales for a region."""
        return f"{region}: £1.2m"

    tools = [q4_sales]
    llm = ToolCallingFakeChatModel(messages=iter([
        AIMessage(content="", tool_calls=[{"name": "q4_sales", "args": {"region": "EMEA"}, "id": "call_1"}],
                  usage_metadata={"input_tokens": 900, "output_tokens": 100, "total_tokens": 1000},
                  response_metadata={"model_name": "claude-sonnet-4-6"}),
        reply("EMEA sold £1.2m in Q4.", 1500, 500),
    ]))
    prompt = ChatPromptTemplate.from_messages([
        ("system", "You analyse sales."), ("user", "{input}"), ("placeholder", "{agent_scratchpad}"),
    ])
    handler = KeitoCallbackHandler(client, world.project_id, world.task_id, "sales-agent", clock=StepClock(720))

    agent = create_tool_calling_agent(llm, tools, prompt)
    executor = AgentExecutor(agent=agent, tools=tools)
    result = executor.invoke(
        {"input": "Analyse the Q4 sales data"},
        config={"callbacks": [handler]},
    )

    assert result["output"] == "EMEA sold £1.2m in Q4."
    entries, expenses = records(client, world.project_id)
    assert [(e.hours, e.notes) for e in entries] == [(0.2, "LangChain run: AgentExecutor")]
    session_id = entries[0].metadata["session_id"]
    assert sorted((x.units, x.metadata["session_id"]) for x in expenses) == [(1.0, session_id), (2.0, session_id)]
