"""An offline CrewAI LLM: answers from a script and reports usage the way CrewAI's built-in
providers do (token counters on the instance plus an `LLMCallCompletedEvent` with `usage`),
so everything downstream — agents, tasks, crews, the event bus — is CrewAI's own code."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from crewai.llms.base_llm import BaseLLM, llm_call_context
from crewai.events.types.llm_events import LLMCallType
from pydantic import PrivateAttr


class ScriptedLLM(BaseLLM):
    """Each call returns the next final answer and reports `usage` for it."""

    prompt_tokens: int = 1000
    completion_tokens: int = 250
    answers: list[str] = ["Done."]
    _cursor: Iterator[str] | None = PrivateAttr(default=None)

    def call(
        self,
        messages: Any,
        tools: Any = None,
        callbacks: Any = None,
        available_functions: Any = None,
        from_task: Any = None,
        from_agent: Any = None,
        response_model: Any = None,
    ) -> str:
        if self._cursor is None:
            self._cursor = iter(self.answers * 100)
        with llm_call_context():
            self._emit_call_started_event(messages=messages, from_task=from_task, from_agent=from_agent)
            usage = {
                "prompt_tokens": self.prompt_tokens,
                "completion_tokens": self.completion_tokens,
                "total_tokens": self.prompt_tokens + self.completion_tokens,
            }
            self._track_token_usage_internal(usage)
            text = f"Thought: I now know the final answer\nFinal Answer: {next(self._cursor)}"
            self._emit_call_completed_event(
                response=text, call_type=LLMCallType.LLM_CALL, from_task=from_task,
                from_agent=from_agent, messages=messages, usage=usage,
            )
            return text

    def get_context_window_size(self) -> int:
        return 200_000
