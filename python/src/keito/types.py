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
    "BrowserSession",
    "AuditEvent",
    "BudgetRow",
    "BudgetReport",
    "UtilisationRow",
    "UtilisationReport",
    "AgentReport",
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
    # When the running timer was (last) started; None when not running.
    timer_started_at: str | None
    started_at: str | None
    ended_at: str | None
    # The hourly rate resolved when the entry was written; None when the caller may not see rates.
    billable_rate: float | None
    approval_status: str
    timesheet_id: str | None
    invoice_id: str | None
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
    user_id: str
    spent_date: str
    units: float | None
    unit_price: float | None
    total_cost: float
    notes: str | None
    billable: bool
    source: str
    metadata: dict[str, Any] | None
    approval_status: str
    timesheet_id: str | None
    invoice_id: str | None
    is_locked: bool
    receipt: Receipt | None
    created_at: str
    updated_at: str

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Expense:
        receipt = data.get("receipt")
        return cls(**{**data, "receipt": None if receipt is None else Receipt.from_dict(receipt)})


class Project(KeitoModel):
    """A project the key's user is assigned to."""

    id: str
    name: str
    code: str | None
    client_id: str
    billing_type: str
    bill_by: str
    hourly_rate: float | None
    fixed_fee: float | None
    is_billable: bool
    budget_by: str
    budget_hours: float | None
    budget_amount: float | None
    budget_resets_monthly: bool
    budget_alert_percent: float
    budget_includes_expenses: bool
    show_budget_to_all: bool
    # The budget's figures now (budget, spent, remaining, percent_used, status, ...); None without
    # a budget or when it is hidden from the caller.
    budget_progress: dict[str, Any] | None
    starts_on: str | None
    ends_on: str | None
    notes: str | None
    is_active: bool
    created_at: str
    updated_at: str


class User(KeitoModel):
    """A human or agent member of the workspace."""

    id: str
    name: str
    email: str
    user_type: str
    role: str
    status: str
    is_active: bool
    employment_type: str
    business_roles: list[str]
    billable_rate: float | None
    cost_rate: float | None
    weekly_capacity: float | None
    timezone: str | None
    # "12h" or "24h"; None follows the workspace.
    time_format: str | None
    first_name: str | None
    last_name: str | None
    phone: str | None
    # Which emails the person gets, by kind; only in their own record (None in anyone else's view).
    notification_preferences: dict[str, bool] | None
    # For managers: what they may do beyond approving their team's time.
    manager_permissions: dict[str, bool] | None
    created_at: str
    updated_at: str


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
    time_entry_count: int
    expense_count: int
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


class BrowserSession(KeitoModel):
    """A browser signed in to the web app as the key's person (`current`: False with a key)."""

    id: str
    user_agent: str | None
    ip_address: str | None
    created_at: str
    last_seen_at: str
    # The absolute end; the session ends earlier after the server's idle timeout without use.
    expires_at: str
    current: bool


class AuditEvent(KeitoModel):
    """One security event: who (`actor_user_id`, `actor_api_key_id`), when, from where, about what.

    `details` says what changed (`{"from": "member", "to": "manager"}`) or why a sign-in was
    refused (`{"reason": "unknown_email"}`).
    """

    id: str
    occurred_at: str
    action: str
    actor_user_id: str | None
    actor_api_key_id: str | None
    target_id: str | None
    ip_address: str | None
    user_agent: str | None
    details: dict[str, Any]
class BudgetRow(KeitoModel):
    """A budgeted project's figures now (monthly budgets: this month); amounts None when hidden.

    `unit` is "hours" or the project's currency; `status` is on_track, warning or over; `items`
    lists per-task and per-person budgets as dicts.
    """

    project_id: str
    project_name: str
    client_id: str
    client_name: str
    budget_type: str
    unit: str
    budget: float | None
    spent: float | None
    remaining: float | None
    percent_used: float | None
    status: str
    is_monthly: bool
    period_from: str | None
    period_to: str | None
    alert_percent: float
    includes_expenses: bool
    items: list[dict[str, Any]]


class BudgetReport(KeitoModel):
    """`client.reports.budgets()`: a row per budgeted project and the totals (a dict)."""

    results: list[BudgetRow]
    totals: dict[str, Any]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BudgetReport:
        return cls(**{**data, "results": [BudgetRow.from_dict(row) for row in data["results"]]})


class UtilisationRow(KeitoModel):
    """A person's hours over the period against their weekly capacity, prorated to its days."""

    user_id: str
    name: str
    weekly_capacity: float
    capacity_hours: float
    tracked_hours: float
    billable_hours: float
    non_billable_hours: float
    utilisation_percent: float | None
    billable_utilisation_percent: float | None
    difference_hours: float
    band: str | None


class UtilisationReport(KeitoModel):
    """`client.reports.utilisation()`: the period (`from_date`, `to_date`), rows and totals."""

    from_date: str
    to_date: str
    results: list[UtilisationRow]
    totals: dict[str, Any]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> UtilisationReport:
        fields = {key: value for key, value in data.items() if key not in ("from", "to")}
        return cls(
            **{
                **fields,
                "from_date": data["from"],
                "to_date": data["to"],
                "results": [UtilisationRow.from_dict(row) for row in data["results"]],
            }
        )


class AgentReport(KeitoModel):
    """`client.reports.agents()`: agent vs human hours by project, agent hours by model, LLM
    spend by project and by model, and the agent margin per agent and project (lists of dicts)."""

    from_date: str | None
    to_date: str | None
    by_project: list[dict[str, Any]]
    by_model: list[dict[str, Any]]
    llm_spend_by_project: list[dict[str, Any]]
    llm_spend_by_model: list[dict[str, Any]]
    margins: list[dict[str, Any]]
    totals: dict[str, Any]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AgentReport:
        fields = {key: value for key, value in data.items() if key not in ("from", "to")}
        return cls(**{**fields, "from_date": data["from"], "to_date": data["to"]})
class _Report(KeitoModel):
    """A summary report: `results` (a dict per group and currency) and `totals`.

    `from`/`to`, the days covered (a preset resolved in the workspace's time zone), are
    `from_date`/`to_date`; amounts the caller may not see are None.
    """

    group_by: str
    from_date: str | None
    to_date: str | None
    results: list[dict[str, Any]]
    totals: dict[str, Any]

    @classmethod
    def from_dict(cls: type[M], data: dict[str, Any]) -> M:
        fields = {k: v for k, v in data.items() if k not in ("from", "to")}
        return cls(**fields, from_date=data.get("from"), to_date=data.get("to"))

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out["from"] = out.pop("from_date")
        out["to"] = out.pop("to_date")
        return out


class TimeReport(_Report):
    """Hours and amounts grouped by client, project, task, person, role, source, day, week or month.

    Each row: id, name, total_hours, billable_hours, non_billable_hours, billable_amount,
    uninvoiced_amount, currency. `totals`: total_hours, billable_hours, non_billable_hours and
    `amounts` (one line per currency).
    """


class ExpenseReport(_Report):
    """Expense amounts grouped by client, project, category or person, per currency.

    Each row: id, name, total_amount, billable_amount, non_billable_amount, uninvoiced_amount,
    currency. `totals["amounts"]` has the same figures per currency.
    """


class TimeReportEntry(KeitoModel):
    """An entry of the detailed time report, with its names, amount and statuses."""

    id: str
    spent_date: str
    user_id: str
    user_name: str
    client_id: str
    client_name: str
    project_id: str
    project_name: str
    task_id: str | None
    task_name: str | None
    notes: str | None
    hours: float
    is_billable: bool
    billable_amount: float | None
    currency: str
    source: str
    approval_status: str
    invoice_id: str | None
    is_invoiced: bool


class ExpenseReportEntry(KeitoModel):
    """An expense of the detailed expense report, with its receipt indicator and statuses."""

    id: str
    spent_date: str
    user_id: str
    user_name: str
    client_id: str
    client_name: str
    project_id: str
    project_name: str
    category_id: str
    category_name: str
    notes: str | None
    total_cost: float
    billable: bool
    currency: str
    has_receipt: bool
    source: str
    approval_status: str
    invoice_id: str | None
    is_invoiced: bool


class SavedReport(KeitoModel):
    """A named set of report filters and grouping, `private` or shared with the `workspace`."""

    id: str
    name: str
    kind: str
    filters: dict[str, str]
    group_by: str | None
    visibility: str
    owner_id: str
    # Whether you may rename, change or delete it: your own, or a shared one if you are an administrator.
    can_edit: bool
    created_at: str
    updated_at: str
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
    time_entry_count: int
    expense_count: int


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
