"""Keito: time tracking and LLM cost logging for humans and AI agents.

    from keito import Keito
    client = Keito()  # reads KEITO_API_KEY, KEITO_ACCOUNT_ID, KEITO_BASE_URL
"""

from ._client import AsyncKeito, Keito
from ._version import __version__
from .errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    ConflictError,
    InternalServerError,
    KeitoError,
    NotFoundError,
    PermissionDeniedError,
    PermissionError,
    RateLimitError,
    ValidationError,
)
from .lib.tracking import LLM_USAGE_CATEGORY, AgentSession, current_session, track
from .pagination import AsyncPaginatedResponse, PaginatedResponse
from .types import (
    BulkOutcome,
    Expense,
    Invoice,
    InvoiceLineItem,
    InvoiceMessage,
    InvoicePayment,
    KeitoModel,
    Project,
    Receipt,
    TimeEntry,
    Timesheet,
    TimesheetDetail,
    User,
)

__all__ = [
    "__version__",
    "Keito",
    "AsyncKeito",
    "track",
    "current_session",
    "AgentSession",
    "LLM_USAGE_CATEGORY",
    "PaginatedResponse",
    "AsyncPaginatedResponse",
    "KeitoModel",
    "TimeEntry",
    "Expense",
    "Invoice",
    "InvoiceLineItem",
    "InvoiceMessage",
    "InvoicePayment",
    "Receipt",
    "Project",
    "User",
    "Timesheet",
    "TimesheetDetail",
    "BulkOutcome",
    "KeitoError",
    "APIError",
    "ValidationError",
    "AuthenticationError",
    "PermissionError",
    "PermissionDeniedError",
    "NotFoundError",
    "ConflictError",
    "RateLimitError",
    "InternalServerError",
    "APIConnectionError",
    "APITimeoutError",
]
