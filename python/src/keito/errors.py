"""Typed errors raised by the Keito client, one class per kind of failure.

The hierarchy mirrors the Node SDK (`@keito/sdk`): every error is a `KeitoError` carrying the
API's stable `code`, its `message`, the HTTP `status` and, for validation failures, the `field`.
"""

from __future__ import annotations

from typing import Any

__all__ = [
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


class KeitoError(Exception):
    """Base class of every error the SDK raises; catch it to handle any Keito failure."""

    code: str
    message: str
    status: int | None
    field: str | None
    reason: str | None
    request_id: str | None
    body: Any

    def __init__(
        self,
        message: str,
        *,
        code: str = "keito_error",
        status: int | None = None,
        field: str | None = None,
        reason: str | None = None,
        request_id: str | None = None,
        body: Any = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.status = status
        self.field = field
        # With code entry_locked: why (submitted, approved, invoiced or date_locked).
        self.reason = reason
        self.request_id = request_id
        self.body = body

    def __str__(self) -> str:
        where = f" (field: {self.field})" if self.field else ""
        status = f"{self.status} " if self.status is not None else ""
        return f"{status}{self.code}: {self.message}{where}"

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(code={self.code!r}, message={self.message!r}, "
            f"status={self.status!r}, field={self.field!r}, request_id={self.request_id!r})"
        )


class APIError(KeitoError):
    """The API answered with an error status that has no more specific class."""


class ValidationError(APIError):
    """400 or 422: the request body or a business rule was rejected; see `field`."""


class AuthenticationError(APIError):
    """401: the API key is missing, malformed or revoked."""


class PermissionError(APIError):  # noqa: A001 - the name mirrors the Node SDK's error class
    """403: the key's user may not do this (for example `project_not_assigned`)."""


# An alias for code that would rather not shadow the builtin `PermissionError` on import *.
PermissionDeniedError = PermissionError


class NotFoundError(APIError):
    """404: the resource does not exist in this workspace."""


class ConflictError(APIError):
    """409: for example a second running timer, or an idempotent request still in flight."""


class RateLimitError(APIError):
    """429: too many requests; `retry_after` holds the server's `Retry-After` in seconds."""

    retry_after: float | None

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class InternalServerError(APIError):
    """5xx: the server failed; retried automatically before this is raised."""


class APIConnectionError(KeitoError):
    """The request never got an HTTP answer (DNS, refused or dropped connection)."""

    def __init__(self, message: str = "Connection error", **kwargs: Any) -> None:
        kwargs.setdefault("code", "connection_error")
        super().__init__(message, **kwargs)


class APITimeoutError(APIConnectionError):
    """The request took longer than the client's `timeout`."""

    def __init__(self, message: str = "Request timed out", **kwargs: Any) -> None:
        kwargs.setdefault("code", "timeout")
        super().__init__(message, **kwargs)


# Status -> class; 422 is a validation failure too (a valid body that breaks a business rule).
_STATUS_ERRORS: dict[int, type[APIError]] = {
    400: ValidationError,
    401: AuthenticationError,
    403: PermissionError,
    404: NotFoundError,
    409: ConflictError,
    422: ValidationError,
    429: RateLimitError,
}


def error_class_for_status(status: int) -> type[APIError]:
    """The error class the SDK raises for an HTTP error status."""
    if status >= 500:
        return InternalServerError
    return _STATUS_ERRORS.get(status, APIError)

