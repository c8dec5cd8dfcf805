"""`client.time_entries`: create, list, get, update and delete time entries."""

from __future__ import annotations

from typing import Any

from .._core.engine import Operation
from ..pagination import AsyncPaginatedResponse, PageData, PaginatedResponse, page_operation
from ..types import TimeEntry
from ._base import AsyncResource, SyncResource, compact, delete_operation, id_path, model_operation

PATH = "/time-entries"


# The operations are built once here; the sync and async classes below only run them.


def _create(
    project_id: str,
    spent_date: str,
    hours: float,
    task_id: str | None,
    notes: str | None,
    is_running: bool,
    is_billable: bool | None,
    source: str,
    metadata: dict[str, Any] | None,
    user_id: str | None,
) -> Operation[TimeEntry]:
    body = {
        "project_id": project_id,
        "spent_date": spent_date,
        "hours": hours,
        "is_running": is_running,
        "source": source,
        **compact(
            task_id=task_id,
            notes=notes,
            is_billable=is_billable,
            metadata=metadata,
            user_id=user_id,
        ),
    }
    return model_operation("POST", PATH, TimeEntry, body)


def _list(
    source: str | None,
    project_id: str | None,
    user_id: str | None,
    from_date: str | None,
    to_date: str | None,
    is_running: bool | None,
    approval_status: str | None,
    cursor: str | None,
    limit: int | None,
    metadata: dict[str, str | None],
) -> Operation[PageData[TimeEntry]]:
    # The API's filters are `from`/`to`, reserved words in Python, hence from_date/to_date.
    query = compact(
        source=source,
        project_id=project_id,
        user_id=user_id,
        is_running=is_running,
        approval_status=approval_status,
        cursor=cursor,
        limit=limit,
        **metadata,
        **{"from": from_date, "to": to_date},
    )
    return page_operation(PATH, TimeEntry, query)


def _update(
    entry_id: str,
    hours: float | None,
    notes: str | None,
    is_running: bool | None,
    is_billable: bool | None,
    task_id: str | None,
    metadata: dict[str, Any] | None,
) -> Operation[TimeEntry]:
    body = compact(
        hours=hours,
        notes=notes,
        is_running=is_running,
        is_billable=is_billable,
        task_id=task_id,
        metadata=metadata,
    )
    return model_operation("PATCH", id_path(PATH, entry_id), TimeEntry, body)


class TimeEntries(SyncResource):
    """Time entries, with the sync client."""

    def create(
        self,
        project_id: str,
        spent_date: str,
        hours: float = 0,
        task_id: str | None = None,
        notes: str | None = None,
        is_running: bool = False,
        is_billable: bool | None = None,
        source: str = "api",
        metadata: dict[str, Any] | None = None,
        user_id: str | None = None,
    ) -> TimeEntry:
        """Create a time entry, or start a running timer with `is_running=True`."""
        op = _create(
            project_id, spent_date, hours, task_id, notes, is_running, is_billable, source,
            metadata, user_id,
        )
        return self._transport.execute(op)

    def list(
        self,
        source: str | None = None,
        project_id: str | None = None,
        user_id: str | None = None,
        from_date: str | None = None,
        to_date: str | None = None,
        is_running: bool | None = None,
        approval_status: str | None = None,
        cursor: str | None = None,
        limit: int = 50,
        agent_id: str | None = None,
        session_id: str | None = None,
        model: str | None = None,
    ) -> PaginatedResponse[TimeEntry]:
        """List time entries, newest first; iterate the result to walk every page.

        `agent_id`, `session_id` and `model` match the entry's metadata exactly.
        """
        op = _list(
            source, project_id, user_id, from_date, to_date, is_running, approval_status, cursor, limit,
            {"agent_id": agent_id, "session_id": session_id, "model": model},
        )
        return self._paginate(op)

    def get(self, id: str) -> TimeEntry:  # noqa: A002 - the documented parameter name
        """Fetch one time entry by id."""
        return self._transport.execute(model_operation("GET", id_path(PATH, id), TimeEntry))

    def update(
        self,
        id: str,  # noqa: A002
        hours: float | None = None,
        notes: str | None = None,
        is_running: bool | None = None,
        is_billable: bool | None = None,
        task_id: str | None = None,
        metadata: dict[str, Any] | None = None,
    ) -> TimeEntry:
        """Change a time entry; stop a timer with `is_running=False` (and the final `hours`)."""
        op = _update(id, hours, notes, is_running, is_billable, task_id, metadata)
        return self._transport.execute(op)

    def delete(self, id: str) -> None:  # noqa: A002
        """Delete a time entry for good (used to discard a failed agent session)."""
        self._transport.execute(delete_operation(id_path(PATH, id)))


class AsyncTimeEntries(AsyncResource):
    """Time entries, with the async client."""

    async def create(
        self,
        project_id: str,
        spent_date: str,
        hours: float = 0,
        task_id: str | None = None,
        notes: str | None = None,
        is_running: bool = False,
        is_billable: bool | None = None,
        source: str = "api",
        metadata: dict[str, Any] | None = None,
        user_id: str | None = None,
    ) -> TimeEntry:
        """Create a time entry, or start a running timer with `is_running=True`."""
        op = _create(
            project_id, spent_date, hours, task_id, notes, is_running, is_billable, source,
            metadata, user_id,
        )
        return await self._transport.execute(op)

    async def list(
        self,
        source: str | None = None,
        project_id: str | None = None,
        user_id: str | None = None,
        from_date: str | None = None,
        to_date: str | None = None,
        is_running: bool | None = None,
        approval_status: str | None = None,
        cursor: str | None = None,
        limit: int = 50,
        agent_id: str | None = None,
        session_id: str | None = None,
        model: str | None = None,
    ) -> AsyncPaginatedResponse[TimeEntry]:
        """List time entries; `async for` over the result walks every page."""
        op = _list(
            source, project_id, user_id, from_date, to_date, is_running, approval_status, cursor, limit,
            {"agent_id": agent_id, "session_id": session_id, "model": model},
        )
        return await self._paginate(op)

    async def get(self, id: str) -> TimeEntry:  # noqa: A002
        """Fetch one time entry by id."""
        op = model_operation("GET", id_path(PATH, id), TimeEntry)
        return await self._transport.execute(op)

    async def update(
        self,
        id: str,  # noqa: A002
        hours: float | None = None,
        notes: str | None = None,
        is_running: bool | None = None,
        is_billable: bool | None = None,
        task_id: str | None = None,
        metadata: dict[str, Any] | None = None,
    ) -> TimeEntry:
        """Change a time entry; stop a timer with `is_running=False` (and the final `hours`)."""
        op = _update(id, hours, notes, is_running, is_billable, task_id, metadata)
        return await self._transport.execute(op)

    async def delete(self, id: str) -> None:  # noqa: A002
        """Delete a time entry for good (used to discard a failed agent session)."""
        await self._transport.execute(delete_operation(id_path(PATH, id)))
