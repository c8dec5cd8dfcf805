"""`client.timesheets`: submit a period, the approval queue, approve, reject and withdraw."""

from __future__ import annotations

from typing import Any

from .._core.engine import Operation
from ..pagination import AsyncPaginatedResponse, PageData, PaginatedResponse, page_operation
from ..types import BulkOutcome, Timesheet, TimesheetDetail
from ._base import AsyncResource, SyncResource, compact, id_path, model_operation

PATH = "/timesheets"

# Aliases, because inside the resource classes `list` names the list method.
Ids = list[str]
Outcomes = list[BulkOutcome]


# The operations are built once here; the sync and async classes below only run them.


def _submit(from_date: str | None, to_date: str | None, user_id: str | None) -> Operation[TimesheetDetail]:
    body = compact(user_id=user_id, **{"from": from_date, "to": to_date})
    return model_operation("POST", f"{PATH}/submit", TimesheetDetail, body)


def _list(
    state: str | None,
    user_id: str | None,
    from_date: str | None,
    to_date: str | None,
    cursor: str | None,
    limit: int | None,
) -> Operation[PageData[Timesheet]]:
    query = compact(state=state, user_id=user_id, cursor=cursor, limit=limit, **{"from": from_date, "to": to_date})
    return page_operation(PATH, Timesheet, query)


def _decide(timesheet_id: str, action: str, body: dict[str, Any] | None = None) -> Operation[TimesheetDetail]:
    return model_operation("POST", f"{id_path(PATH, timesheet_id)}/{action}", TimesheetDetail, body)


def _bulk(action: str, ids: list[str], reason: str | None) -> Operation[list[BulkOutcome]]:
    def decode(body: Any) -> list[BulkOutcome]:
        return [BulkOutcome.from_dict(result) for result in body["results"]]

    return Operation("POST", f"{PATH}/{action}", decode, body={"ids": ids, **compact(reason=reason)})


class Timesheets(SyncResource):
    """Timesheets, with the sync client."""

    def submit(
        self, from_date: str | None = None, to_date: str | None = None, user_id: str | None = None
    ) -> TimesheetDetail:
        """Submit the period's unsubmitted entries (the workspace's current week by default)."""
        return self._transport.execute(_submit(from_date, to_date, user_id))

    def list(
        self,
        state: str | None = None,
        user_id: str | None = None,
        from_date: str | None = None,
        to_date: str | None = None,
        cursor: str | None = None,
        limit: int = 50,
    ) -> PaginatedResponse[Timesheet]:
        """List timesheets, newest period first; `state="submitted"` is the approval queue."""
        return self._paginate(_list(state, user_id, from_date, to_date, cursor, limit))

    def get(self, id: str) -> TimesheetDetail:  # noqa: A002 - the documented parameter name
        """Fetch a timesheet with its entries and daily totals."""
        return self._transport.execute(model_operation("GET", id_path(PATH, id), TimesheetDetail))

    def approve(self, id: str) -> TimesheetDetail:  # noqa: A002
        """Approve a submitted timesheet: its entries lock."""
        return self._transport.execute(_decide(id, "approve"))

    def reject(self, id: str, reason: str) -> TimesheetDetail:  # noqa: A002
        """Reject a submitted timesheet with a reason: its entries are editable again."""
        return self._transport.execute(_decide(id, "reject", {"reason": reason}))

    def withdraw(self, id: str) -> TimesheetDetail:  # noqa: A002
        """Withdraw an approval: the timesheet returns to submitted."""
        return self._transport.execute(_decide(id, "withdraw"))

    def approve_many(self, ids: Ids, reason: str | None = None) -> Outcomes:
        """Approve many timesheets, each on its own; one outcome per id, in order."""
        return self._transport.execute(_bulk("approve", ids, reason))

    def reject_many(self, ids: Ids, reason: str) -> Outcomes:
        """Reject many timesheets with one shared reason; one outcome per id, in order."""
        return self._transport.execute(_bulk("reject", ids, reason))


class AsyncTimesheets(AsyncResource):
    """Timesheets, with the async client."""

    async def submit(
        self, from_date: str | None = None, to_date: str | None = None, user_id: str | None = None
    ) -> TimesheetDetail:
        """Submit the period's unsubmitted entries (the workspace's current week by default)."""
        return await self._transport.execute(_submit(from_date, to_date, user_id))

    async def list(
        self,
        state: str | None = None,
        user_id: str | None = None,
        from_date: str | None = None,
        to_date: str | None = None,
        cursor: str | None = None,
        limit: int = 50,
    ) -> AsyncPaginatedResponse[Timesheet]:
        """List timesheets; `async for` over the result walks every page."""
        return await self._paginate(_list(state, user_id, from_date, to_date, cursor, limit))

    async def get(self, id: str) -> TimesheetDetail:  # noqa: A002
        """Fetch a timesheet with its entries and daily totals."""
        return await self._transport.execute(model_operation("GET", id_path(PATH, id), TimesheetDetail))

    async def approve(self, id: str) -> TimesheetDetail:  # noqa: A002
        """Approve a submitted timesheet: its entries lock."""
        return await self._transport.execute(_decide(id, "approve"))

    async def reject(self, id: str, reason: str) -> TimesheetDetail:  # noqa: A002
        """Reject a submitted timesheet with a reason: its entries are editable again."""
        return await self._transport.execute(_decide(id, "reject", {"reason": reason}))

    async def withdraw(self, id: str) -> TimesheetDetail:  # noqa: A002
        """Withdraw an approval: the timesheet returns to submitted."""
        return await self._transport.execute(_decide(id, "withdraw"))

    async def approve_many(self, ids: Ids, reason: str | None = None) -> Outcomes:
        """Approve many timesheets, each on its own; one outcome per id, in order."""
        return await self._transport.execute(_bulk("approve", ids, reason))

    async def reject_many(self, ids: Ids, reason: str) -> Outcomes:
        """Reject many timesheets with one shared reason; one outcome per id, in order."""
        return await self._transport.execute(_bulk("reject", ids, reason))
