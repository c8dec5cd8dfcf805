"""LangChain callback handler: a time entry per top-level run, an LLM expense per LLM call.

    handler = KeitoCallbackHandler(client=Keito(), project_id="prj_abc", agent_id="bot-01")
    chain.invoke(inputs, config={"callbacks": [handler]})

How it maps LangChain's callbacks onto Keito:

- A *top-level run* is any run without a parent (a chain, an agent executor, or a bare chat
  model call). Nested runs are traced back to it through their `parent_run_id`.
- When the top-level run ends, one time entry is created for its wall-clock duration, with
  `source="agent"` and the run's `session_id` in its metadata. Runs shorter than
  `min_duration` hours are not recorded. A run that ends in an error records no time entry
  (like `track_agent_work`, a failed session is not billable work).
- When an LLM call ends, and `auto_expense` is on, one expense in `cat_llm_usage` is created
  with that call's tokens (`units` = thousands of tokens) and the same `session_id`. Token
  counts come from `AIMessage.usage_metadata`, falling back to
  `llm_output["token_usage"]`; the model name from the message's `response_metadata`,
  falling back to the model's invocation parameters. Expenses are logged even when the run
  later fails: the tokens were spent.

Failures to reach Keito are logged by LangChain's callback manager and never break the chain.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

try:
    from langchain_core.callbacks import BaseCallbackHandler
    from langchain_core.outputs import ChatGeneration, LLMResult
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "keito.integrations.langchain needs langchain-core: pip install 'keito-python[langchain]'"
    ) from exc

from .._client import Keito
from ..lib.tracking import HOURS_PRECISION, LLM_USAGE_CATEGORY, token_notes

__all__ = ["KeitoCallbackHandler"]

logger = logging.getLogger("keito.langchain")

DEFAULT_NOTES_TEMPLATE = "LangChain run: {name}"


@dataclass
class _TopLevelRun:
    name: str
    started_at: float
    session_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    input_tokens: int = 0
    output_tokens: int = 0
    llm_calls: int = 0
    model: str | None = None


def _tokens_from_result(response: LLMResult) -> tuple[int, int]:
    """(input, output) tokens of one LLM call, from usage_metadata or llm_output."""
    input_tokens = output_tokens = 0
    found = False
    for generations in response.generations:
        for generation in generations:
            usage = (
                getattr(generation.message, "usage_metadata", None)
                if isinstance(generation, ChatGeneration)
                else None
            )
            if usage:
                found = True
                input_tokens += int(usage.get("input_tokens", 0) or 0)
                output_tokens += int(usage.get("output_tokens", 0) or 0)
    if found:
        return input_tokens, output_tokens
    # Older integrations (and plain LLMs) report usage only in llm_output, OpenAI-style.
    token_usage = (response.llm_output or {}).get("token_usage") or {}
    input_tokens = int(token_usage.get("prompt_tokens", token_usage.get("input_tokens", 0)) or 0)
    output_tokens = int(
        token_usage.get("completion_tokens", token_usage.get("output_tokens", 0)) or 0
    )
    return input_tokens, output_tokens


def _model_from_result(response: LLMResult) -> str | None:
    for generations in response.generations:
        for generation in generations:
            if isinstance(generation, ChatGeneration):
                meta = generation.message.response_metadata or {}
                model = meta.get("model_name") or meta.get("model")
                if model:
                    return str(model)
    output = response.llm_output or {}
    model = output.get("model_name") or output.get("model")
    return str(model) if model else None


def _model_from_start(serialized: Mapping[str, Any] | None, kwargs: Mapping[str, Any]) -> str | None:
    params = kwargs.get("invocation_params") or {}
    metadata = kwargs.get("metadata") or {}
    for candidate in (
        params.get("model"),
        params.get("model_name"),
        metadata.get("ls_model_name"),
        ((serialized or {}).get("kwargs") or {}).get("model"),
    ):
        if candidate:
            return str(candidate)
    return None


def _run_name(serialized: Mapping[str, Any] | None, kwargs: Mapping[str, Any]) -> str:
    if kwargs.get("name"):
        return str(kwargs["name"])
    serialized = serialized or {}
    if serialized.get("name"):
        return str(serialized["name"])
    ids = serialized.get("id") or []
    return str(ids[-1]) if ids else "run"


class KeitoCallbackHandler(BaseCallbackHandler):
    """Tracks LangChain runs in Keito: time per top-level run, an LLM expense per LLM call."""

    # Run in the caller's thread even for async chains, so start/end callbacks of one run are
    # seen in order and the parent links exist before children look them up.
    run_inline = True

    def __init__(
        self,
        client: Keito,
        project_id: str,
        task_id: str | None = None,
        agent_id: str | None = None,
        *,
        auto_expense: bool = True,
        min_duration: float = 0.01,
        notes_template: str | None = None,
        agent_type: str = "langchain",
        clock: Callable[[], float] | None = None,
    ) -> None:
        """`min_duration` is in hours; `notes_template` may use {name}, {agent_id}, {model},
        {input_tokens}, {output_tokens}, {total_tokens}, {llm_calls}, {hours}, {session_id}."""
        super().__init__()
        self.client = client
        self.project_id = project_id
        self.task_id = task_id
        self.agent_id = agent_id
        self.auto_expense = auto_expense
        self.min_duration = min_duration
        self.notes_template = notes_template or DEFAULT_NOTES_TEMPLATE
        self.agent_type = agent_type
        # Injectable so tests (and replays) can control how long a run appears to take.
        self.clock: Callable[[], float] = clock or time.monotonic
        self._lock = threading.Lock()
        self._runs: dict[UUID, _TopLevelRun] = {}
        self._root_of: dict[UUID, UUID] = {}
        self._llm_models: dict[UUID, str | None] = {}

    # -- run bookkeeping ------------------------------------------------------------------

    def _start(
        self,
        serialized: Mapping[str, Any] | None,
        run_id: UUID,
        parent_run_id: UUID | None,
        kwargs: Mapping[str, Any],
    ) -> None:
        with self._lock:
            if parent_run_id is None:
                self._runs[run_id] = _TopLevelRun(_run_name(serialized, kwargs), self.clock())
                self._root_of[run_id] = run_id
            else:
                # A child whose parent we never saw (handler attached mid-run) becomes its
                # parent's descendant all the same; the parent id then acts as the root.
                self._root_of[run_id] = self._root_of.get(parent_run_id, parent_run_id)

    def _finish(self, run_id: UUID, *, failed: bool) -> None:
        with self._lock:
            self._root_of.pop(run_id, None)
            run = self._runs.pop(run_id, None)
        if run is None or failed:
            return
        hours = (self.clock() - run.started_at) / 3600
        if hours < self.min_duration:
            return
        notes = self.notes_template.format(
            name=run.name,
            agent_id=self.agent_id or "",
            model=run.model or "",
            input_tokens=run.input_tokens,
            output_tokens=run.output_tokens,
            total_tokens=run.input_tokens + run.output_tokens,
            llm_calls=run.llm_calls,
            hours=round(hours, HOURS_PRECISION),
            session_id=run.session_id,
        )
        self.client.time_entries.create(
            project_id=self.project_id,
            task_id=self.task_id,
            spent_date=date.today().isoformat(),
            hours=round(hours, HOURS_PRECISION),
            notes=notes,
            source="agent",
            metadata=self._metadata(run.session_id, run.model),
        )

    def _metadata(self, session_id: str, model: str | None) -> dict[str, Any]:
        meta: dict[str, Any] = {"agent_type": self.agent_type, "session_id": session_id}
        if self.agent_id:
            meta["agent_id"] = self.agent_id
        if model:
            meta["model"] = model
        return meta

    # -- LangChain callbacks ----------------------------------------------------------------

    def on_chain_start(
        self,
        serialized: dict[str, Any],
        inputs: dict[str, Any],
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        **kwargs: Any,
    ) -> None:
        self._start(serialized, run_id, parent_run_id, kwargs)

    def on_chain_end(
        self, outputs: dict[str, Any], *, run_id: UUID, parent_run_id: UUID | None = None, **kwargs: Any
    ) -> None:
        self._finish(run_id, failed=False)

    def on_chain_error(
        self, error: BaseException, *, run_id: UUID, parent_run_id: UUID | None = None, **kwargs: Any
    ) -> None:
        self._finish(run_id, failed=True)

    def on_tool_start(
        self,
        serialized: dict[str, Any],
        input_str: str,
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        **kwargs: Any,
    ) -> None:
        self._start(serialized, run_id, parent_run_id, kwargs)

    def on_tool_end(
        self, output: Any, *, run_id: UUID, parent_run_id: UUID | None = None, **kwargs: Any
    ) -> None:
        self._finish(run_id, failed=False)

    def on_tool_error(
        self, error: BaseException, *, run_id: UUID, parent_run_id: UUID | None = None, **kwargs: Any
    ) -> None:
        self._finish(run_id, failed=True)

    def on_retriever_start(
        self,
        serialized: dict[str, Any],
        query: str,
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        **kwargs: Any,
    ) -> None:
        self._start(serialized, run_id, parent_run_id, kwargs)

    def on_retriever_end(
        self, documents: Sequence[Any], *, run_id: UUID, parent_run_id: UUID | None = None, **kwargs: Any
    ) -> None:
        self._finish(run_id, failed=False)

    def on_retriever_error(
        self, error: BaseException, *, run_id: UUID, parent_run_id: UUID | None = None, **kwargs: Any
    ) -> None:
        self._finish(run_id, failed=True)

    def on_llm_start(
        self,
        serialized: dict[str, Any],
        prompts: list[str],
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        **kwargs: Any,
    ) -> None:
        self._start(serialized, run_id, parent_run_id, kwargs)
        with self._lock:
            self._llm_models[run_id] = _model_from_start(serialized, kwargs)

    def on_chat_model_start(
        self,
        serialized: dict[str, Any],
        messages: list[list[Any]],
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        **kwargs: Any,
    ) -> None:
        self._start(serialized, run_id, parent_run_id, kwargs)
        with self._lock:
            self._llm_models[run_id] = _model_from_start(serialized, kwargs)

    def on_llm_end(
        self, response: LLMResult, *, run_id: UUID, parent_run_id: UUID | None = None, **kwargs: Any
    ) -> None:
        input_tokens, output_tokens = _tokens_from_result(response)
        with self._lock:
            model = _model_from_result(response) or self._llm_models.pop(run_id, None)
            self._llm_models.pop(run_id, None)
            root_id = self._root_of.get(run_id, run_id)
            run = self._runs.get(root_id)
            session_id = run.session_id if run else str(uuid.uuid4())
            if run is not None:
                run.input_tokens += input_tokens
                run.output_tokens += output_tokens
                run.llm_calls += 1
                run.model = model or run.model
        if self.auto_expense and input_tokens + output_tokens > 0:
            meta = {
                key: value
                for key, value in self._metadata(session_id, model).items()
                if key != "agent_type"
            }
            meta.update(input_tokens=input_tokens, output_tokens=output_tokens)
            self.client.expenses.create(
                project_id=self.project_id,
                expense_category_id=LLM_USAGE_CATEGORY,
                spent_date=date.today().isoformat(),
                units=(input_tokens + output_tokens) / 1000,
                notes=token_notes(model, input_tokens, output_tokens),
                source="agent",
                metadata=meta,
            )
        self._finish(run_id, failed=False)

    def on_llm_error(
        self, error: BaseException, *, run_id: UUID, parent_run_id: UUID | None = None, **kwargs: Any
    ) -> None:
        with self._lock:
            self._llm_models.pop(run_id, None)
        self._finish(run_id, failed=True)
