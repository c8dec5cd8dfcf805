"""Typed models for the API's resources, with attribute access (`entry.id`, `entry.metadata[...]`).

Models are plain classes built from the JSON the API returns. Fields the server adds later are
kept (reachable as attributes and through `to_dict()`), so an older SDK never drops data.
"""

from __future__ import annotations

import typing
from typing import Any, ClassVar, TypeVar

__all__ = [
    "KeitoModel",
    "TimeEntry",
    "Expense",
    "Project",
    "User",
    "Timesheet",
    "TimesheetDetail",
    "BulkOutcome",
    "Invoice",
    "InvoiceLineItem",
    "InvoicePayment",
    "InvoiceMessage",
]

M = TypeVar("M", bound="KeitoModel")


def _coerce_number(value: Any) -> Any:
    # PostgreSQL `numeric` columns may reach us as strings ("1.50") or as JSON integers; the
    # documented type is float, so callers always get one (45 -> 45.0).
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return value
    return value


class KeitoModel:
    """Base of the response models: declared fields become attributes, extras are kept."""

    _float_fields: ClassVar[frozenset[str]] = frozenset()
    _field_names: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls) -> None:
        super().__init_subclass__()
        hints = typing.get_type_hints(cls)
        cls._field_names = tuple(
            name for name in hints if not name.startswith("_") and name != "model_extra"
        )
        cls._float_fields = frozenset(
            name for name in cls._field_names if "float" in str(hints[name])
        )

    def __init__(self, **fields: Any) -> None:
        extra: dict[str, Any] = {}
        for name, value in fields.items():
            if name in self._field_names:
                if name in self._float_fields:
                    value = _coerce_number(value)
                object.__setattr__(self, name, value)
            else:
                extra[name] = value
        for name in self._field_names:
            if name not in fields:
                object.__setattr__(self, name, None)
        object.__setattr__(self, "model_extra", extra)

    model_extra: dict[str, Any]

    @classmethod
    def from_dict(cls: type[M], data: dict[str, Any]) -> M:
        """Build the model from a decoded JSON object."""
        return cls(**data)

    def __getattr__(self, name: str) -> Any:
        # Only called when normal lookup fails: expose fields this SDK version does not declare.
        extra = self.__dict__.get("model_extra", {})
        if name in extra:
            return extra[name]
        raise AttributeError(f"{type(self).__name__} has no attribute {name!r}")

    def to_dict(self) -> dict[str, Any]:
        """The model as a plain dict, extras included."""
        out = {name: getattr(self, name) for name in self._field_names}
        out.update(self.model_extra)
        return out

    def __eq__(self, other: object) -> bool:
        return isinstance(other, KeitoModel) and type(other) is type(self) and (
            self.to_dict() == other.to_dict()
        )

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{name}={getattr(self, name)!r}" for name in self._field_names[:4]
        )
        return f"{type(self).__name__}({shown}, ...)"


class TimeEntry(KeitoModel):
    """A time entry: work done by a human or an agent on a project."""

    id: str
    project_id: str
    task_id: str | None
    user_id: str
    spent_date: str
    hours: float
    notes: str | None
    is_running: bool
    is_billable: bool
    source: str
    metadata: dict[str, Any] | None
    approval_status: str
    timesheet_id: str | None
    is_locked: bool
    created_at: str
    updated_at: str


class Receipt(KeitoModel):
    """The receipt file attached to an expense; `url` is the API path that downloads it."""

    file_name: str
    content_type: str
    size: int
    url: str


class Expense(KeitoModel):
    """An expense against a project; LLM token costs use the `cat_llm_usage` category."""

    id: str
    project_id: str
    expense_category_id: str
    user_id: str | None
    spent_date: str
    units: float | None
    unit_price: float | None
    total_cost: float
    notes: str | None
    source: str
    metadata: dict[str, Any] | None
    approval_status: str
    timesheet_id: str | None
    is_locked: bool
    receipt: Receipt | None
    created_at: str

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Expense:
        receipt = data.get("receipt")
        return cls(**{**data, "receipt": None if receipt is None else Receipt.from_dict(receipt)})


class Project(KeitoModel):
    """A project the key's user is assigned to."""

    id: str
    name: str
    client_id: str
    billing_type: str
    is_billable: bool
    budget_hours: float | None
    budget_amount: float | None
    is_active: bool
    created_at: str


class User(KeitoModel):
    """A human or agent member of the workspace."""

    id: str
    name: str
    email: str
    user_type: str
    is_active: bool
    billable_rate: float | None
    cost_rate: float | None
    created_at: str


class Timesheet(KeitoModel):
    """A person's time entries and expenses of a period, submitted for approval together.

    `user`, `submitted_by` and `decided_by` are `{"id", "name"}` dicts; `flags` lists what an
    approver may want to look at twice (missing_notes, over_daily_capacity, overtime).
    """

    id: str
    user: dict[str, Any]
    # `from` is a Python keyword: the period's first day is `from_date` (and `to_date` its last).
    from_date: str
    to_date: str
    state: str
    total_hours: float
    billable_hours: float
    non_billable_hours: float
    expense_total: float
    currency: str
    flags: list[dict[str, Any]]
    submitted_at: str
    submitted_by: dict[str, Any] | None
    decided_at: str | None
    decided_by: dict[str, Any] | None
    reason: str | None

    @classmethod
    def from_dict(cls: type[M], data: dict[str, Any]) -> M:
        fields = {k: v for k, v in data.items() if k not in ("from", "to")}
        return cls(**fields, from_date=data.get("from"), to_date=data.get("to"))

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out["from"] = out.pop("from_date")
        out["to"] = out.pop("to_date")
        return out


class TimesheetDetail(Timesheet):
    """A timesheet with its entries and one row per day of its period (`daily_totals`)."""

    time_entries: list[TimeEntry]
    expenses: list[Expense]
    daily_totals: list[dict[str, Any]]

    @classmethod
    def from_dict(cls: type[M], data: dict[str, Any]) -> M:
        nested = {
            **data,
            "time_entries": [TimeEntry.from_dict(e) for e in data.get("time_entries", [])],
            "expenses": [Expense.from_dict(e) for e in data.get("expenses", [])],
        }
        return super().from_dict(nested)

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out["time_entries"] = [e.to_dict() for e in self.time_entries]
        out["expenses"] = [e.to_dict() for e in self.expenses]
        return out


class BulkOutcome(KeitoModel):
    """One id's answer to a bulk approve or reject: the timesheet (`data`) or the `error`."""

    id: str
    status: int
    data: Timesheet | None
    error: dict[str, Any] | None

    @classmethod
    def from_dict(cls: type[M], data: dict[str, Any]) -> M:
        timesheet = data.get("data")
        return cls(**{**data, "data": Timesheet.from_dict(timesheet) if timesheet else None})


class InvoiceLineItem(KeitoModel):
    """A line of an invoice; `amount` is quantity x unit price rounded to the invoice's currency."""

    id: str
    kind: str
    description: str
    quantity: float
    unit_price: float
    amount: float
    taxed: bool
    taxed2: bool
    project_id: str | None
    time_entry_ids: list[str]
    expense_ids: list[str]


class Invoice(KeitoModel):
    """An invoice. Amounts are the figures the server computed and stored, in `currency`.

    `state` is draft, open, paid or closed; `number` is None until the invoice leaves draft;
    `client` is an `{"id", "name"}` dict; `client_key` opens the client page
    (`/client/invoices/{client_key}`).
    """

    id: str
    client_id: str
    client: dict[str, Any]
    number: str | None
    state: str
    issue_date: str
    due_date: str
    payment_term: str
    subject: str | None
    purchase_order: str | None
    notes: str | None
    currency: str
    tax: float | None
    tax_label: str | None
    tax2: float | None
    tax2_label: str | None
    discount: float | None
    subtotal: float
    discount_amount: float
    tax_amount: float
    tax2_amount: float
    amount: float
    paid_amount: float
    due_amount: float
    is_overdue: bool
    days_overdue: int
    already_sent: bool
    is_locked: bool
    period_start: str | None
    period_end: str | None
    sent_at: str | None
    paid_at: str | None
    closed_at: str | None
    client_key: str
    viewed_at: str | None
    line_items: list[InvoiceLineItem]
    created_at: str
    updated_at: str

    @classmethod
    def from_dict(cls: type[M], data: dict[str, Any]) -> M:
        lines = [InvoiceLineItem.from_dict(line) for line in data.get("line_items", [])]
        return cls(**{**data, "line_items": lines})

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out["line_items"] = [line.to_dict() for line in self.line_items]
        return out


class InvoicePayment(KeitoModel):
    """A payment recorded against an invoice; `balance` is what was still due after it."""

    id: str
    invoice_id: str
    amount: float
    paid_date: str
    notes: str | None
    transaction_id: str | None
    provider: str | None
    balance: float
    recorded_by_id: str | None
    created_at: str


class InvoiceMessage(KeitoModel):
    """What `invoices.send` queued: recipients, the filled subject and body, and the invoice after it."""

    message: str
    to: list[str]
    cc: list[str]
    subject: str
    body: str
    attach_pdf: bool
    invoice: Invoice

    @classmethod
    def from_dict(cls: type[M], data: dict[str, Any]) -> M:
        return cls(**{**data, "invoice": Invoice.from_dict(data["invoice"])})

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out["invoice"] = self.invoice.to_dict()
        return out
