"""Agent session tracking: `client.track_agent_work(...)` and the `@track(...)` decorator.

A session follows the core pattern of the agent-integration pages: start a running timer, let
the agent work, stop the timer with the measured hours, then log the LLM tokens as an expense in
the `cat_llm_usage` category. The time entry and the expense share one `session_id` in their
metadata. If the block raises, the timer is deleted (a failed session is not billable work) and
the exception propagates unchanged.

`AgentSession` holds the state and builds every request body; the sync and async context
managers only send them, so both flavours behave the same.
"""

from __future__ import annotations

import contextvars
import functools
import inspect
import logging
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar, cast

from ..errors import KeitoError
from ..types import Expense, TimeEntry

if TYPE_CHECKING:
    from .._client import AsyncKeito, Keito

__all__ = ["AgentSession", "LLM_USAGE_CATEGORY", "track", "current_session"]

logger = logging.getLogger("keito")

LLM_USAGE_CATEGORY = "cat_llm_usage"
# Hours are sent with four decimals (0.36 s); finer than that is noise for billing.
HOURS_PRECISION = 4

Clock = Callable[[], float]

_current: contextvars.ContextVar[AgentSession | None] = contextvars.ContextVar(
    "keito_current_session", default=None
)


def current_session() -> AgentSession | None:
    """The session of the innermost `@track`-ed call or `track_agent_work` block, if any."""
    return _current.get()


def token_notes(model: str | None, input_tokens: int, output_tokens: int) -> str:
    """The expense description the spec's examples use: "model: 30k input + 15k output tokens"."""
    label = model or "LLM usage"
    return f"{label}: {_k(input_tokens)}k input + {_k(output_tokens)}k output tokens"


def _k(tokens: int) -> str:
    value = tokens / 1000
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}"


class AgentSession:
    """One tracked piece of agent work; yielded by `track_agent_work`."""

    def __init__(
        self,
        *,
        project_id: str,
        task_id: str | None = None,
        agent_id: str | None = None,
        model: str | None = None,
        agent_type: str | None = None,
        notes: str | None = None,
        metadata: dict[str, Any] | None = None,
        spent_date: str | None = None,
        session_id: str | None = None,
        clock: Clock | None = None,
    ) -> None:
        self.project_id = project_id
        self.task_id = task_id
        self.agent_id = agent_id
        self.model = model
        self.agent_type = agent_type
        self.notes = notes
        self.extra_metadata = dict(metadata or {})
        self.spent_date = spent_date or date.today().isoformat()
        self.session_id = session_id or str(uuid.uuid4())
        self.input_tokens = 0
        self.output_tokens = 0
        self.entry: TimeEntry | None = None
        self.expense: Expense | None = None
        self._clock: Clock = clock or time.monotonic
        self._started_at: float | None = None
        self._ended_at: float | None = None

    def report_tokens(self, input: int = 0, output: int = 0) -> None:  # noqa: A002 - spec name
        """Add token usage; it is logged as one LLM expense when the session ends."""
        if input < 0 or output < 0:
            raise ValueError("token counts cannot be negative")
        self.input_tokens += int(input)
        self.output_tokens += int(output)

    def set_notes(self, notes: str) -> None:
        """Set the time entry's notes, written when the timer stops."""
        self.notes = notes

    @property
    def hours(self) -> float:
        """Hours elapsed so far (frozen once the session ends)."""
        if self._started_at is None:
            return 0.0
        end = self._ended_at if self._ended_at is not None else self._clock()
        return max(0.0, end - self._started_at) / 3600

    @property
    def total_tokens(self) -> int:
        return self.input_tokens + self.output_tokens

    @property
    def total_tokens_k(self) -> float:
        """Input plus output tokens, in thousands (the unit of the LLM Usage category)."""
        return self.total_tokens / 1000

    # -- request bodies, shared by the sync and async context managers --------------------

    def metadata(self) -> dict[str, Any]:
        meta: dict[str, Any] = dict(self.extra_metadata)
        for key, value in (
            ("agent_id", self.agent_id),
            ("agent_type", self.agent_type),
            ("session_id", self.session_id),
            ("model", self.model),
        ):
            if value is not None:
                meta[key] = value
        return meta

    def start_request(self) -> dict[str, Any]:
        return {
            "project_id": self.project_id,
            "task_id": self.task_id,
            "spent_date": self.spent_date,
            "hours": 0,
            "is_running": True,
            "notes": self.notes,
            "source": "agent",
            "metadata": self.metadata(),
        }

    def mark_started(self, entry: TimeEntry) -> None:
        self.entry = entry
        self._started_at = self._clock()

    def mark_ended(self) -> None:
        if self._ended_at is None:
            self._ended_at = self._clock()

    def stop_request(self) -> dict[str, Any]:
        return {
            "hours": round(self.hours, HOURS_PRECISION),
            "is_running": False,
            "notes": self.notes,
        }

    def expense_request(self) -> dict[str, Any] | None:
        """The LLM expense to log, or None when no tokens were reported."""
        if self.total_tokens == 0:
            return None
        meta = {
            key: value
            for key, value in self.metadata().items()
            if key in ("agent_id", "session_id", "model") or key in self.extra_metadata
        }
        meta["input_tokens"] = self.input_tokens
        meta["output_tokens"] = self.output_tokens
        return {
            "project_id": self.project_id,
            "expense_category_id": LLM_USAGE_CATEGORY,
            "spent_date": self.spent_date,
            "units": self.total_tokens_k,
            "notes": token_notes(self.model, self.input_tokens, self.output_tokens),
            "source": "agent",
            "metadata": meta,
        }

    def __repr__(self) -> str:
        return (
            f"AgentSession(session_id={self.session_id!r}, hours={self.hours:.4f}, "
            f"tokens={self.total_tokens})"
        )


def _log_discard_failure(session: AgentSession, exc: KeitoError) -> None:
    # The agent's own exception matters more than a failed cleanup, so it is the one re-raised.
    logger.warning(
        "keito: could not discard running timer %s of session %s: %s",
        session.entry.id if session.entry else None,
        session.session_id,
        exc,
    )


@contextmanager
def run_session(client: Keito, session: AgentSession) -> Iterator[AgentSession]:
    """Drive a session with the sync client (the body of `Keito.track_agent_work`)."""
    session.mark_started(client.time_entries.create(**session.start_request()))
    assert session.entry is not None
    token = _current.set(session)
    try:
        yield session
    except BaseException:
        session.mark_ended()
        try:
            client.time_entries.delete(session.entry.id)
        except KeitoError as exc:
            _log_discard_failure(session, exc)
        raise
    finally:
        _current.reset(token)
    session.mark_ended()
    session.entry = client.time_entries.update(session.entry.id, **session.stop_request())
    expense = session.expense_request()
    if expense is not None:
        session.expense = client.expenses.create(**expense)


@asynccontextmanager
async def run_session_async(
    client: AsyncKeito, session: AgentSession
) -> AsyncIterator[AgentSession]:
    """Drive a session with the async client (the body of `AsyncKeito.track_agent_work`)."""
    session.mark_started(await client.time_entries.create(**session.start_request()))
    assert session.entry is not None
    token = _current.set(session)
    try:
        yield session
    except BaseException:
        session.mark_ended()
        try:
            await client.time_entries.delete(session.entry.id)
        except KeitoError as exc:
            _log_discard_failure(session, exc)
        raise
    finally:
        _current.reset(token)
    session.mark_ended()
    session.entry = await client.time_entries.update(session.entry.id, **session.stop_request())
    expense = session.expense_request()
    if expense is not None:
        session.expense = await client.expenses.create(**expense)


F = TypeVar("F", bound=Callable[..., Any])


def track(
    project_id: str,
    task_id: str | None = None,
    agent_id: str | None = None,
    model: str | None = None,
    *,
    client: Keito | AsyncKeito | None = None,
    agent_type: str | None = None,
    notes: str | None = None,
) -> Callable[[F], F]:
    """Decorate a sync or async function so each call is tracked as an agent session.

    Inside the function, `keito.current_session()` returns the session, to report tokens or
    set notes. Without `client`, a client is built from the environment for each call (an
    `AsyncKeito` for coroutine functions, which must not share one across event loops).
    """

    def decorate(fn: F) -> F:
        default_notes = notes or fn.__name__.replace("_", " ")

        def new_session() -> AgentSession:
            return AgentSession(
                project_id=project_id,
                task_id=task_id,
                agent_id=agent_id,
                model=model,
                agent_type=agent_type,
                notes=default_notes,
            )

        if inspect.iscoroutinefunction(fn):
            from .._client import AsyncKeito

            if client is not None and not isinstance(client, AsyncKeito):
                raise TypeError("@track on an async function needs an AsyncKeito client")
            given_async: AsyncKeito | None = client

            @functools.wraps(fn)
            async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
                owned = given_async is None
                c = given_async if given_async is not None else AsyncKeito()
                try:
                    async with run_session_async(c, new_session()):
                        return await cast(Callable[..., Awaitable[Any]], fn)(*args, **kwargs)
                finally:
                    if owned:
                        await c.close()

            return cast(F, async_wrapper)

        from .._client import Keito

        if client is not None and not isinstance(client, Keito):
            raise TypeError("@track on a regular function needs a Keito client")
        given: Keito | None = client

        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            owned = given is None
            c = given if given is not None else Keito()
            try:
                with run_session(c, new_session()):
                    return fn(*args, **kwargs)
            finally:
                if owned:
                    c.close()

        return cast(F, wrapper)

    return decorate

