"""`client.expenses`: log costs (LLM token usage above all), list and fetch them."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Union

from .._core.engine import Operation
from ..pagination import AsyncPaginatedResponse, PageData, PaginatedResponse, page_operation
from ..types import Expense
from ._base import AsyncResource, SyncResource, compact, id_path, model_operation

PATH = "/expenses"

#: A receipt to attach: a path to the file, or (file name, bytes). PNG, JPEG, GIF or PDF, at most
#: 10 MB; the server decides the type from the bytes.
ReceiptFile = Union[str, "os.PathLike[str]", tuple[str, bytes]]


def _receipt_upload(receipt: ReceiptFile) -> tuple[str, bytes]:
    if isinstance(receipt, tuple):
        return receipt
    path = Path(receipt)
    return (path.name, path.read_bytes())


def _create(
    project_id: str,
    expense_category_id: str,
    spent_date: str,
    total_cost: float | None,
    units: float | None,
    unit_price: float | None,
    notes: str | None,
    source: str,
    metadata: dict[str, Any] | None,
    user_id: str | None,
    receipt: ReceiptFile | None,
) -> Operation[Expense]:
    body = {
        "project_id": project_id,
        "expense_category_id": expense_category_id,
        "spent_date": spent_date,
        "source": source,
        # total_cost may be left out: the server computes it from units x unit_price, taking
        # the category's unit price when none is given.
        **compact(
            total_cost=total_cost,
            units=units,
            unit_price=unit_price,
            notes=notes,
            metadata=metadata,
            user_id=user_id,
        ),
    }
    if receipt is None:
        return model_operation("POST", PATH, Expense, body)
    # The expense and its receipt in one request: the server keeps both or neither.
    return Operation(
        "POST", PATH, Expense.from_dict, body=body, upload=_receipt_upload(receipt), body_part="expense"
    )


def _attach_receipt(id: str, receipt: ReceiptFile) -> Operation[Expense]:  # noqa: A002
    return Operation(
        "PUT", id_path(PATH, id) + "/receipt", Expense.from_dict, upload=_receipt_upload(receipt)
    )


def _remove_receipt(id: str) -> Operation[Expense]:  # noqa: A002
    return model_operation("DELETE", id_path(PATH, id) + "/receipt", Expense)


def _list(
    source: str | None,
    project_id: str | None,
    user_id: str | None,
    from_date: str | None,
    to_date: str | None,
    approval_status: str | None,
    cursor: str | None,
    limit: int | None,
    metadata: dict[str, str | None],
) -> Operation[PageData[Expense]]:
    query = compact(
        source=source,
        project_id=project_id,
        user_id=user_id,
        approval_status=approval_status,
        cursor=cursor,
        limit=limit,
        **metadata,
        **{"from": from_date, "to": to_date},
    )
    return page_operation(PATH, Expense, query)


class Expenses(SyncResource):
    """Expenses, with the sync client."""

    def create(
        self,
        project_id: str,
        expense_category_id: str,
        spent_date: str,
        total_cost: float | None = None,
        units: float | None = None,
        unit_price: float | None = None,
        notes: str | None = None,
        source: str = "api",
        metadata: dict[str, Any] | None = None,
        user_id: str | None = None,
        receipt: ReceiptFile | None = None,
    ) -> Expense:
        """Log an expense; for LLM usage use `expense_category_id="cat_llm_usage"` and units.

        `receipt` (a path, or (file name, bytes)) is attached in the same request.
        """
        op = _create(
            project_id, expense_category_id, spent_date, total_cost, units, unit_price, notes,
            source, metadata, user_id, receipt,
        )
        return self._transport.execute(op)

    def attach_receipt(self, id: str, receipt: ReceiptFile) -> Expense:  # noqa: A002
        """Attach a receipt (a path, or (file name, bytes)), replacing the one the expense had."""
        return self._transport.execute(_attach_receipt(id, receipt))

    def remove_receipt(self, id: str) -> Expense:  # noqa: A002
        """Remove the receipt of an expense."""
        return self._transport.execute(_remove_receipt(id))

    def list(
        self,
        source: str | None = None,
        project_id: str | None = None,
        user_id: str | None = None,
        from_date: str | None = None,
        to_date: str | None = None,
        approval_status: str | None = None,
        cursor: str | None = None,
        limit: int = 50,
        agent_id: str | None = None,
        session_id: str | None = None,
        model: str | None = None,
    ) -> PaginatedResponse[Expense]:
        """List expenses; iterate the result to walk every page."""
        return self._paginate(
            _list(
                source, project_id, user_id, from_date, to_date, approval_status, cursor, limit,
                {"agent_id": agent_id, "session_id": session_id, "model": model},
            )
        )

    def get(self, id: str) -> Expense:  # noqa: A002 - the documented parameter name
        """Fetch one expense by id."""
        return self._transport.execute(model_operation("GET", id_path(PATH, id), Expense))


class AsyncExpenses(AsyncResource):
    """Expenses, with the async client."""

    async def create(
        self,
        project_id: str,
        expense_category_id: str,
        spent_date: str,
        total_cost: float | None = None,
        units: float | None = None,
        unit_price: float | None = None,
        notes: str | None = None,
        source: str = "api",
        metadata: dict[str, Any] | None = None,
        user_id: str | None = None,
        receipt: ReceiptFile | None = None,
    ) -> Expense:
        """Log an expense; for LLM usage use `expense_category_id="cat_llm_usage"` and units.

        `receipt` (a path, or (file name, bytes)) is attached in the same request.
        """
        op = _create(
            project_id, expense_category_id, spent_date, total_cost, units, unit_price, notes,
            source, metadata, user_id, receipt,
        )
        return await self._transport.execute(op)

    async def attach_receipt(self, id: str, receipt: ReceiptFile) -> Expense:  # noqa: A002
        """Attach a receipt (a path, or (file name, bytes)), replacing the one the expense had."""
        return await self._transport.execute(_attach_receipt(id, receipt))

    async def remove_receipt(self, id: str) -> Expense:  # noqa: A002
        """Remove the receipt of an expense."""
        return await self._transport.execute(_remove_receipt(id))

    async def list(
        self,
        source: str | None = None,
        project_id: str | None = None,
        user_id: str | None = None,
        from_date: str | None = None,
        to_date: str | None = None,
        approval_status: str | None = None,
        cursor: str | None = None,
        limit: int = 50,
        agent_id: str | None = None,
        session_id: str | None = None,
        model: str | None = None,
    ) -> AsyncPaginatedResponse[Expense]:
        """List expenses; `async for` over the result walks every page."""
        return await self._paginate(
            _list(
                source, project_id, user_id, from_date, to_date, approval_status, cursor, limit,
                {"agent_id": agent_id, "session_id": session_id, "model": model},
            )
        )

    async def get(self, id: str) -> Expense:  # noqa: A002
        """Fetch one expense by id."""
        return await self._transport.execute(model_operation("GET", id_path(PATH, id), Expense))
