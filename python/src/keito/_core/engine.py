"""The sans-IO heart of the client, shared by `Keito` and `AsyncKeito`.

It builds `httpx.Request`s and decides what each answer means (a value, an error, or a retry
after some delay) without doing any I/O itself. The sync and async transports are then a few
lines each: send, hand the outcome back here, sleep or return. Retry policy, idempotency keys,
headers and error mapping therefore exist exactly once.
"""

from __future__ import annotations

import email.utils
import json
import random
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar, Union

import httpx

from .._version import __version__
from ..errors import (
    APIConnectionError,
    APITimeoutError,
    KeitoError,
    RateLimitError,
    error_class_for_status,
)
from .options import ClientOptions

T = TypeVar("T")

# A server-sent Retry-After longer than this is not worth blocking a caller for; we fail instead.
MAX_RETRY_AFTER_SECONDS = 60.0
# Backoff never grows past this, however many retries are configured.
MAX_BACKOFF_SECONDS = 8.0
RETRYABLE_STATUSES = frozenset({408, 429, 500, 502, 503, 504})

QueryValue = Union[str, int, float, bool, None]


@dataclass(frozen=True)
class Operation(Generic[T]):
    """One API call: what to send and how to turn the decoded JSON answer into a `T`."""

    method: str
    path: str
    parse: Callable[[Any], T]
    query: Mapping[str, QueryValue] = field(default_factory=dict)
    body: Mapping[str, Any] | None = None
    # A file to upload as the multipart part `file`: (file name, bytes). With it, `body` travels
    # as JSON in the part named `body_part` (the API's multipart create sends `expense`).
    upload: tuple[str, bytes] | None = None
    body_part: str | None = None
    # The answer is a file (an invoice PDF): `parse` receives the body's bytes instead of JSON.
    raw: bool = False

    def with_query(self, **changes: QueryValue) -> Operation[T]:
        """The same call with some query parameters replaced (used to fetch the next page)."""
        return Operation(
            method=self.method,
            path=self.path,
            parse=self.parse,
            query={**self.query, **changes},
            body=self.body,
            upload=self.upload,
            body_part=self.body_part,
            raw=self.raw,
        )


@dataclass(frozen=True)
class Done(Generic[T]):
    value: T


@dataclass(frozen=True)
class Retry:
    delay: float


@dataclass(frozen=True)
class Fail:
    error: KeitoError


Outcome = Union[Done[T], Retry, Fail]


def _query_value(value: QueryValue) -> str:
    # The API expects JSON-style booleans in query strings (`is_running=true`).
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    current = time.time() if now is None else now
    return max(0.0, parsed.timestamp() - current)


class RequestEngine:
    """Builds requests and interprets answers for one configured client."""

    def __init__(self, options: ClientOptions, *, rng: random.Random | None = None) -> None:
        self.options = options
        self._rng = rng or random.Random()

    def default_headers(self) -> dict[str, str]:
        headers = {
            "Authorization": f"Bearer {self.options.api_key}",
            "Accept": "application/json",
            "User-Agent": f"keito-python/{__version__}",
        }
        if self.options.account_id:
            headers["Keito-Account-Id"] = self.options.account_id
        return headers

    def plan(self, operation: Operation[T]) -> RequestPlan[T]:
        """Start a call; the plan tracks its attempts until it is done or fails."""
        return RequestPlan(self, operation)

    def backoff(self, retries_so_far: int) -> float:
        """Exponential backoff with jitter: base * 2^n, shrunk by up to 25% at random."""
        base = min(self.options.retry_delay * float(2**retries_so_far), MAX_BACKOFF_SECONDS)
        # Jitter spreads out clients that failed together so they do not retry in lockstep.
        return base * (1 - 0.25 * self._rng.random())


class RequestPlan(Generic[T]):
    """The attempts of one call. The idempotency key is chosen once, so retries reuse it."""

    def __init__(self, engine: RequestEngine, operation: Operation[T]) -> None:
        self._engine = engine
        self._operation = operation
        self.retries = 0
        # Every POST carries a key so that a retry after a lost answer cannot create twice.
        self.idempotency_key = str(uuid.uuid4()) if operation.method == "POST" else None

    def request(self) -> httpx.Request:
        op = self._operation
        headers = self._engine.default_headers()
        if self.idempotency_key:
            headers["Idempotency-Key"] = self.idempotency_key
        if self.retries:
            headers["X-Keito-Retry-Count"] = str(self.retries)
        params = {k: _query_value(v) for k, v in op.query.items() if v is not None}
        url = self._engine.options.base_url + op.path
        if op.upload is not None:
            # httpx writes the multipart Content-Type with its boundary.
            data = {} if op.body_part is None else {op.body_part: json.dumps(op.body or {})}
            return httpx.Request(
                op.method, url, params=params, headers=headers, data=data, files={"file": op.upload}
            )
        content: bytes | None = None
        if op.body is not None:
            headers["Content-Type"] = "application/json"
            content = json.dumps(op.body, separators=(",", ":")).encode()
        return httpx.Request(op.method, url, params=params, headers=headers, content=content)

    def _may_retry(self) -> bool:
        return self.retries < self._engine.options.max_retries

    def _retry(self, delay: float) -> Retry:
        self.retries += 1
        return Retry(delay)

    def on_response(self, response: httpx.Response) -> Outcome[T]:
        """Interpret an HTTP answer (body already read)."""
        status = response.status_code
        if 200 <= status < 300:
            if self._operation.raw:
                return Done(self._operation.parse(response.content))
            if status == 204 or not response.content:
                return Done(self._operation.parse(None))
            return Done(self._operation.parse(response.json()))
        retry_after = parse_retry_after(response.headers.get("retry-after"))
        if status in RETRYABLE_STATUSES and self._may_retry():
            if retry_after is not None and retry_after <= MAX_RETRY_AFTER_SECONDS:
                return self._retry(retry_after)
            if retry_after is None:
                return self._retry(self._engine.backoff(self.retries))
        return Fail(self._error_from(response, retry_after))

    def on_transport_error(self, exc: Exception) -> Outcome[T]:
        """Interpret a failure to get any answer (connect, read, timeout)."""
        if self._may_retry():
            return self._retry(self._engine.backoff(self.retries))
        if isinstance(exc, httpx.TimeoutException):
            return Fail(APITimeoutError(f"Request timed out: {exc!r}"))
        return Fail(APIConnectionError(f"Connection error: {exc!r}"))

    def _error_from(self, response: httpx.Response, retry_after: float | None) -> KeitoError:
        status = response.status_code
        body: Any = None
        try:
            body = response.json()
        except ValueError:
            body = response.text
        detail: dict[str, Any] = {}
        if isinstance(body, dict) and isinstance(body.get("error"), dict):
            detail = body["error"]
        code = str(detail.get("code") or _default_code(status))
        message = str(detail.get("message") or response.reason_phrase or f"HTTP {status}")
        kwargs: dict[str, Any] = {
            "code": code,
            "status": status,
            "field": detail.get("field"),
            "reason": detail.get("reason"),
            "request_id": response.headers.get("x-request-id"),
            "body": body,
        }
        cls = error_class_for_status(status)
        if cls is RateLimitError:
            return RateLimitError(message, retry_after=retry_after, **kwargs)
        return cls(message, **kwargs)


def _default_code(status: int) -> str:
    return {
        400: "validation_error",
        401: "authentication_error",
        403: "authorization_error",
        404: "not_found",
        409: "conflict",
        422: "validation_error",
        429: "rate_limit_exceeded",
    }.get(status, "internal_error" if status >= 500 else "api_error")
