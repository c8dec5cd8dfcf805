"""`Keito` (sync) and `AsyncKeito` (async): the same options, resources and behaviour."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager, AbstractContextManager
from types import TracebackType
from typing import Any

import httpx

from ._core.engine import RequestEngine
from ._core.options import ClientOptions
from ._core.transport import AsyncTransport, SyncTransport
from .lib.tracking import AgentSession, Clock, run_session, run_session_async
from .resources import (
    AsyncExpenses,
    AsyncInvoices,
    AsyncProjects,
    AsyncTimeEntries,
    AsyncTimesheets,
    AsyncUsers,
    Expenses,
    Invoices,
    Projects,
    TimeEntries,
    Timesheets,
    Users,
)

__all__ = ["Keito", "AsyncKeito"]


def _session(
    project_id: str,
    task_id: str | None,
    agent_id: str | None,
    model: str | None,
    agent_type: str | None,
    notes: str | None,
    metadata: dict[str, Any] | None,
    spent_date: str | None,
    clock: Clock | None,
) -> AgentSession:
    return AgentSession(
        project_id=project_id,
        task_id=task_id,
        agent_id=agent_id,
        model=model,
        agent_type=agent_type,
        notes=notes,
        metadata=metadata,
        spent_date=spent_date,
        clock=clock,
    )


class Keito:
    """The synchronous Keito client.

    Options default to the environment: KEITO_API_KEY, KEITO_ACCOUNT_ID and KEITO_BASE_URL.
    """

    time_entries: TimeEntries
    timesheets: Timesheets
    expenses: Expenses
    invoices: Invoices
    projects: Projects
    users: Users

    def __init__(
        self,
        api_key: str | None = None,
        account_id: str | None = None,
        base_url: str | None = None,
        max_retries: int | None = None,
        timeout: float | None = None,
        retry_delay: float | None = None,
        http_client: httpx.Client | None = None,
    ) -> None:
        self.options = ClientOptions.resolve(
            api_key=api_key,
            account_id=account_id,
            base_url=base_url,
            max_retries=max_retries,
            retry_delay=retry_delay,
            timeout=timeout,
        )
        self._transport = SyncTransport(RequestEngine(self.options), http_client)
        self.time_entries = TimeEntries(self._transport)
        self.timesheets = Timesheets(self._transport)
        self.expenses = Expenses(self._transport)
        self.invoices = Invoices(self._transport)
        self.projects = Projects(self._transport)
        self.users = Users(self._transport)

    def track_agent_work(
        self,
        project_id: str,
        task_id: str | None = None,
        agent_id: str | None = None,
        model: str | None = None,
        *,
        agent_type: str | None = None,
        notes: str | None = None,
        metadata: dict[str, Any] | None = None,
        spent_date: str | None = None,
        clock: Clock | None = None,
    ) -> AbstractContextManager[AgentSession]:
        """Track a block of agent work: a running timer, then hours and an LLM expense on exit."""
        session = _session(
            project_id, task_id, agent_id, model, agent_type, notes, metadata, spent_date, clock
        )
        return run_session(self, session)

    def close(self) -> None:
        """Close the underlying HTTP connections."""
        self._transport.close()

    def __enter__(self) -> Keito:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Keito(base_url={self.options.base_url!r}, account_id={self.options.account_id!r})"


class AsyncKeito:
    """The asynchronous Keito client; same options as `Keito`, every call is awaited."""

    time_entries: AsyncTimeEntries
    timesheets: AsyncTimesheets
    expenses: AsyncExpenses
    invoices: AsyncInvoices
    projects: AsyncProjects
    users: AsyncUsers

    def __init__(
        self,
        api_key: str | None = None,
        account_id: str | None = None,
        base_url: str | None = None,
        max_retries: int | None = None,
        timeout: float | None = None,
        retry_delay: float | None = None,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        self.options = ClientOptions.resolve(
            api_key=api_key,
            account_id=account_id,
            base_url=base_url,
            max_retries=max_retries,
            retry_delay=retry_delay,
            timeout=timeout,
        )
        self._transport = AsyncTransport(RequestEngine(self.options), http_client)
        self.time_entries = AsyncTimeEntries(self._transport)
        self.timesheets = AsyncTimesheets(self._transport)
        self.expenses = AsyncExpenses(self._transport)
        self.invoices = AsyncInvoices(self._transport)
        self.projects = AsyncProjects(self._transport)
        self.users = AsyncUsers(self._transport)

    def track_agent_work(
        self,
        project_id: str,
        task_id: str | None = None,
        agent_id: str | None = None,
        model: str | None = None,
        *,
        agent_type: str | None = None,
        notes: str | None = None,
        metadata: dict[str, Any] | None = None,
        spent_date: str | None = None,
        clock: Clock | None = None,
    ) -> AbstractAsyncContextManager[AgentSession]:
        """Track agent work with `async with`: a running timer, then hours and an LLM expense."""
        session = _session(
            project_id, task_id, agent_id, model, agent_type, notes, metadata, spent_date, clock
        )
        return run_session_async(self, session)

    async def close(self) -> None:
        """Close the underlying HTTP connections."""
        await self._transport.close()

    async def __aenter__(self) -> AsyncKeito:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    def __repr__(self) -> str:
        return (
            f"AsyncKeito(base_url={self.options.base_url!r}, "
            f"account_id={self.options.account_id!r})"
        )
