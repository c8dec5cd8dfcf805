"""`client.invoices`: create (typed or imported from tracked work), list, send, PDF, payments, aging."""

from __future__ import annotations

from typing import Any

from .._core.engine import Operation
from ..pagination import AsyncPaginatedResponse, PageData, PaginatedResponse, page_operation
from ..types import Invoice, InvoiceMessage, InvoicePayment
from ._base import AsyncResource, SyncResource, compact, delete_operation, id_path, model_operation

PATH = "/invoices"

# Aliases, because inside the resource classes `list` names the list method.
LineItems = list[dict[str, Any]]
Recipients = list[str]
Payments = list[InvoicePayment]

# The operations are built once here; the sync and async classes below only run them.


def _create(client_id: str, fields: dict[str, Any]) -> Operation[Invoice]:
    return model_operation("POST", PATH, Invoice, {"client_id": client_id, **fields})


def _list(
    state: str | None,
    client_id: str | None,
    from_date: str | None,
    to_date: str | None,
    is_overdue: bool | None,
    cursor: str | None,
    limit: int | None,
) -> Operation[PageData[Invoice]]:
    query = compact(
        state=state,
        client_id=client_id,
        is_overdue=is_overdue,
        cursor=cursor,
        limit=limit,
        **{"from": from_date, "to": to_date},
    )
    return page_operation(PATH, Invoice, query)


def _action(invoice_id: str, action: str) -> Operation[Invoice]:
    return model_operation("POST", f"{id_path(PATH, invoice_id)}/{action}", Invoice, {})


def _send(
    invoice_id: str,
    message: str | None,
    to: Recipients | None,
    cc_me: bool | None,
    subject: str | None,
    body: str | None,
    attach_pdf: bool | None,
) -> Operation[InvoiceMessage]:
    fields = compact(message=message, to=to, cc_me=cc_me, subject=subject, body=body, attach_pdf=attach_pdf)
    return model_operation("POST", f"{id_path(PATH, invoice_id)}/send", InvoiceMessage, fields)


def _pdf(invoice_id: str) -> Operation[bytes]:
    return Operation("GET", f"{id_path(PATH, invoice_id)}/pdf", lambda content: bytes(content), raw=True)


def _payments_path(invoice_id: str) -> str:
    return f"{id_path(PATH, invoice_id)}/payments"


def _create_payment(
    invoice_id: str, amount: float, paid_date: str | None, notes: str | None, transaction_id: str | None
) -> Operation[InvoicePayment]:
    body = {"amount": amount, **compact(paid_date=paid_date, notes=notes, transaction_id=transaction_id)}
    return model_operation("POST", _payments_path(invoice_id), InvoicePayment, body)


def _list_payments(invoice_id: str) -> Operation[list[InvoicePayment]]:
    def decode(body: Any) -> list[InvoicePayment]:
        return [InvoicePayment.from_dict(payment) for payment in body["data"]]

    return Operation("GET", _payments_path(invoice_id), decode)


def _delete_payment(invoice_id: str, payment_id: str) -> Operation[None]:
    return delete_operation(id_path(_payments_path(invoice_id), payment_id))


def _json(path: str, query: dict[str, Any] | None = None) -> Operation[dict[str, Any]]:
    return Operation("GET", path, lambda body: body, query=query or {})


def _uninvoiced(client_id: str, from_date: str | None, to_date: str | None) -> Operation[dict[str, Any]]:
    return _json(f"{PATH}/uninvoiced", compact(client_id=client_id, **{"from": from_date, "to": to_date}))


class InvoicePayments(SyncResource):
    """Payments recorded against invoices, with the sync client."""

    def create(
        self,
        invoice_id: str,
        amount: float,
        paid_date: str | None = None,
        notes: str | None = None,
        transaction_id: str | None = None,
    ) -> InvoicePayment:
        """Record a payment; the invoice becomes paid when nothing is left due."""
        return self._transport.execute(_create_payment(invoice_id, amount, paid_date, notes, transaction_id))

    def list(self, invoice_id: str) -> Payments:
        """The invoice's payments, each with the balance after it."""
        return self._transport.execute(_list_payments(invoice_id))

    def delete(self, invoice_id: str, payment_id: str) -> None:
        """Delete a payment recorded in error; a paid invoice opens again."""
        self._transport.execute(_delete_payment(invoice_id, payment_id))


class AsyncInvoicePayments(AsyncResource):
    """Payments recorded against invoices, with the async client."""

    async def create(
        self,
        invoice_id: str,
        amount: float,
        paid_date: str | None = None,
        notes: str | None = None,
        transaction_id: str | None = None,
    ) -> InvoicePayment:
        """Record a payment; the invoice becomes paid when nothing is left due."""
        return await self._transport.execute(_create_payment(invoice_id, amount, paid_date, notes, transaction_id))

    async def list(self, invoice_id: str) -> Payments:
        """The invoice's payments, each with the balance after it."""
        return await self._transport.execute(_list_payments(invoice_id))

    async def delete(self, invoice_id: str, payment_id: str) -> None:
        """Delete a payment recorded in error; a paid invoice opens again."""
        await self._transport.execute(_delete_payment(invoice_id, payment_id))


class Invoices(SyncResource):
    """Invoices, with the sync client."""

    payments: InvoicePayments

    def __init__(self, transport: Any) -> None:
        super().__init__(transport)
        self.payments = InvoicePayments(transport)

    def create(
        self,
        client_id: str,
        line_items: LineItems | None = None,
        line_items_import: dict[str, Any] | None = None,
        **fields: Any,
    ) -> Invoice:
        """Create a draft from lines typed by hand and/or imported from uninvoiced time and expenses.

        `line_items_import` takes the API's shape: `{"project_ids": [...], "time": {"summary_type":
        "project", "from": ..., "to": ...}, "expenses": {...}}`. Other fields (issue_date,
        payment_term, subject, purchase_order, notes, tax, tax2, discount) go as keyword arguments;
        the taxes and terms left out take the invoice settings' defaults. An import that pulls nothing,
        with no `line_items`, raises `ValidationError` (422) whose message says why.
        """
        body = {**compact(line_items=line_items, line_items_import=line_items_import), **fields}
        return self._transport.execute(_create(client_id, body))

    def list(
        self,
        state: str | None = None,
        client_id: str | None = None,
        from_date: str | None = None,
        to_date: str | None = None,
        is_overdue: bool | None = None,
        cursor: str | None = None,
        limit: int = 50,
    ) -> PaginatedResponse[Invoice]:
        """List invoices, newest issue date first; iterating walks every page."""
        return self._paginate(_list(state, client_id, from_date, to_date, is_overdue, cursor, limit))

    def get(self, id: str) -> Invoice:  # noqa: A002 - the documented parameter name
        """Fetch one invoice with its lines."""
        return self._transport.execute(model_operation("GET", id_path(PATH, id), Invoice))

    def update(self, id: str, **fields: Any) -> Invoice:  # noqa: A002
        """Update fields; `line_items=[...]` replaces the lines (keep one by sending its `id`)."""
        return self._transport.execute(model_operation("PATCH", id_path(PATH, id), Invoice, fields))

    def delete(self, id: str) -> None:  # noqa: A002
        """Delete a draft; the entries it billed become uninvoiced again."""
        self._transport.execute(delete_operation(id_path(PATH, id)))

    def send(
        self,
        id: str,  # noqa: A002
        message: str | None = None,
        to: Recipients | None = None,
        cc_me: bool | None = None,
        subject: str | None = None,
        body: str | None = None,
        attach_pdf: bool | None = None,
    ) -> InvoiceMessage:
        """Email the invoice (or `message="reminder"` / `"thank_you"`) from the templates; a draft opens."""
        return self._transport.execute(_send(id, message, to, cc_me, subject, body, attach_pdf))

    def mark_sent(self, id: str) -> Invoice:  # noqa: A002
        """Open a draft (it gets its number) without sending any email."""
        return self._transport.execute(_action(id, "mark-sent"))

    def close(self, id: str) -> Invoice:  # noqa: A002
        """Close an invoice that will not be paid (written off or cancelled)."""
        return self._transport.execute(_action(id, "close"))

    def reopen(self, id: str) -> Invoice:  # noqa: A002
        """Reopen a closed invoice."""
        return self._transport.execute(_action(id, "reopen"))

    def regenerate_client_key(self, id: str) -> Invoice:  # noqa: A002
        """Give the invoice a new client page key: links sent before stop working."""
        return self._transport.execute(_action(id, "regenerate-key"))

    def pdf(self, id: str) -> bytes:  # noqa: A002
        """Download the invoice as PDF bytes."""
        return self._transport.execute(_pdf(id))

    def aging(self) -> dict[str, Any]:
        """Outstanding amounts by client in 0-30, 31-60, 61-90 and 90+ days past due, and totals per currency."""
        return self._transport.execute(_json(f"{PATH}/aging"))

    def uninvoiced(self, client_id: str, from_date: str | None = None, to_date: str | None = None) -> dict[str, Any]:
        """Per project, what an import would pull for a client, and what awaits approval (``awaiting_approval``)."""
        return self._transport.execute(_uninvoiced(client_id, from_date, to_date))


class AsyncInvoices(AsyncResource):
    """Invoices, with the async client."""

    payments: AsyncInvoicePayments

    def __init__(self, transport: Any) -> None:
        super().__init__(transport)
        self.payments = AsyncInvoicePayments(transport)

    async def create(
        self,
        client_id: str,
        line_items: LineItems | None = None,
        line_items_import: dict[str, Any] | None = None,
        **fields: Any,
    ) -> Invoice:
        """Create a draft from lines typed by hand and/or imported from uninvoiced time and expenses."""
        body = {**compact(line_items=line_items, line_items_import=line_items_import), **fields}
        return await self._transport.execute(_create(client_id, body))

    async def list(
        self,
        state: str | None = None,
        client_id: str | None = None,
        from_date: str | None = None,
        to_date: str | None = None,
        is_overdue: bool | None = None,
        cursor: str | None = None,
        limit: int = 50,
    ) -> AsyncPaginatedResponse[Invoice]:
        """List invoices; `async for` over the result walks every page."""
        return await self._paginate(_list(state, client_id, from_date, to_date, is_overdue, cursor, limit))

    async def get(self, id: str) -> Invoice:  # noqa: A002
        """Fetch one invoice with its lines."""
        return await self._transport.execute(model_operation("GET", id_path(PATH, id), Invoice))

    async def update(self, id: str, **fields: Any) -> Invoice:  # noqa: A002
        """Update fields; `line_items=[...]` replaces the lines (keep one by sending its `id`)."""
        return await self._transport.execute(model_operation("PATCH", id_path(PATH, id), Invoice, fields))

    async def delete(self, id: str) -> None:  # noqa: A002
        """Delete a draft; the entries it billed become uninvoiced again."""
        await self._transport.execute(delete_operation(id_path(PATH, id)))

    async def send(
        self,
        id: str,  # noqa: A002
        message: str | None = None,
        to: Recipients | None = None,
        cc_me: bool | None = None,
        subject: str | None = None,
        body: str | None = None,
        attach_pdf: bool | None = None,
    ) -> InvoiceMessage:
        """Email the invoice (or `message="reminder"` / `"thank_you"`) from the templates; a draft opens."""
        return await self._transport.execute(_send(id, message, to, cc_me, subject, body, attach_pdf))

    async def mark_sent(self, id: str) -> Invoice:  # noqa: A002
        """Open a draft (it gets its number) without sending any email."""
        return await self._transport.execute(_action(id, "mark-sent"))

    async def close(self, id: str) -> Invoice:  # noqa: A002
        """Close an invoice that will not be paid (written off or cancelled)."""
        return await self._transport.execute(_action(id, "close"))

    async def reopen(self, id: str) -> Invoice:  # noqa: A002
        """Reopen a closed invoice."""
        return await self._transport.execute(_action(id, "reopen"))

    async def regenerate_client_key(self, id: str) -> Invoice:  # noqa: A002
        """Give the invoice a new client page key: links sent before stop working."""
        return await self._transport.execute(_action(id, "regenerate-key"))

    async def pdf(self, id: str) -> bytes:  # noqa: A002
        """Download the invoice as PDF bytes."""
        return await self._transport.execute(_pdf(id))

    async def aging(self) -> dict[str, Any]:
        """Outstanding amounts by client in 0-30, 31-60, 61-90 and 90+ days past due, and totals per currency."""
        return await self._transport.execute(_json(f"{PATH}/aging"))

    async def uninvoiced(
        self, client_id: str, from_date: str | None = None, to_date: str | None = None
    ) -> dict[str, Any]:
        """Per project, what an import would pull for a client, and what awaits approval (``awaiting_approval``)."""
        return await self._transport.execute(_uninvoiced(client_id, from_date, to_date))
