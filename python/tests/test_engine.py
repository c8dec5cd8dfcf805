"""The shared request engine's decisions, checked without any network: headers, retry policy,
backoff and error mapping are pure functions of the answer, which is what makes them testable
once for both the sync and the async client."""

from __future__ import annotations

import email.utils
import random

import httpx
import pytest

from keito import (
    AuthenticationError,
    ConflictError,
    InternalServerError,
    KeitoError,
    NotFoundError,
    PermissionError,
    RateLimitError,
    ValidationError,
)
from keito._core.engine import Done, Fail, Operation, RequestEngine, Retry, parse_retry_after
from keito._core.options import ClientOptions


def engine(max_retries: int = 2, retry_delay: float = 1.0, account_id: str | None = "acc_1") -> RequestEngine:
    options = ClientOptions.resolve(
        api_key="keito_sk_test", account_id=account_id, base_url="http://keito.test/v1",
        max_retries=max_retries, retry_delay=retry_delay, timeout=5.0,
    )
    return RequestEngine(options, rng=random.Random(7))


POST = Operation("POST", "/time-entries", lambda body: body, body={"hours": 1.5})
GET = Operation("GET", "/projects", lambda body: body, query={"limit": 50, "cursor": None, "is_running": False})


def answer(status: int, json: object = None, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(status, json=json, headers=headers)


def test_requests_carry_auth_account_and_json_body() -> None:
    request = engine().plan(POST).request()
    assert request.url == "http://keito.test/v1/time-entries"
    assert request.headers["authorization"] == "Bearer keito_sk_test"
    assert request.headers["keito-account-id"] == "acc_1"
    assert request.headers["content-type"] == "application/json"
    assert request.content == b'{"hours":1.5}'


def test_query_drops_unset_values_and_writes_json_booleans() -> None:
    request = engine().plan(GET).request()
    assert str(request.url) == "http://keito.test/v1/projects?limit=50&is_running=false"


def test_account_header_is_omitted_without_an_account_id() -> None:
    assert "keito-account-id" not in engine(account_id=None).plan(GET).request().headers


def test_a_post_keeps_its_idempotency_key_across_retries() -> None:
    plan = engine().plan(POST)
    first = plan.request().headers["idempotency-key"]
    assert isinstance(plan.on_response(answer(503)), Retry)
    assert plan.request().headers["idempotency-key"] == first
    assert engine().plan(POST).request().headers["idempotency-key"] != first


def test_reads_carry_no_idempotency_key() -> None:
    assert "idempotency-key" not in engine().plan(GET).request().headers


def test_429_waits_for_retry_after_then_gives_up_after_max_retries() -> None:
    plan = engine(max_retries=1).plan(GET)
    outcome = plan.on_response(answer(429, headers={"retry-after": "3"}))
    assert outcome == Retry(3.0)
    final = plan.on_response(answer(429, {"error": {"code": "rate_limit_exceeded", "message": "slow down"}}, {"retry-after": "3"}))
    assert isinstance(final, Fail)
    assert isinstance(final.error, RateLimitError)
    assert final.error.retry_after == 3.0
    assert final.error.code == "rate_limit_exceeded"


def test_a_retry_after_beyond_a_minute_fails_instead_of_blocking() -> None:
    outcome = engine().plan(GET).on_response(answer(429, headers={"retry-after": "3600"}))
    assert isinstance(outcome, Fail) and isinstance(outcome.error, RateLimitError)


def test_5xx_backs_off_exponentially_with_jitter() -> None:
    plan = engine(max_retries=3, retry_delay=1.0).plan(GET)
    delays = []
    for _ in range(3):
        outcome = plan.on_response(answer(500))
        assert isinstance(outcome, Retry)
        delays.append(outcome.delay)
    # base 1s, 2s, 4s, each shrunk by at most a quarter
    for delay, base in zip(delays, (1.0, 2.0, 4.0)):
        assert 0.75 * base <= delay <= base
    assert isinstance(plan.on_response(answer(500)), Fail)


def test_zero_max_retries_fails_on_the_first_error() -> None:
    outcome = engine(max_retries=0).plan(GET).on_response(answer(503))
    assert isinstance(outcome, Fail) and isinstance(outcome.error, InternalServerError)


def test_connection_errors_are_retried_then_reported() -> None:
    plan = engine(max_retries=1).plan(POST)
    assert isinstance(plan.on_transport_error(httpx.ConnectError("refused")), Retry)
    outcome = plan.on_transport_error(httpx.ReadTimeout("slow"))
    assert isinstance(outcome, Fail)
    assert outcome.error.code == "timeout"


@pytest.mark.parametrize(
    ("status", "cls"),
    [(400, ValidationError), (401, AuthenticationError), (403, PermissionError),
     (404, NotFoundError), (409, ConflictError), (422, ValidationError)],
)
def test_error_statuses_map_to_typed_errors(status: int, cls: type[KeitoError]) -> None:
    body = {"error": {"code": "some_code", "message": "went wrong", "field": "project_id"}}
    outcome = engine().plan(POST).on_response(answer(status, body, {"x-request-id": "req-1"}))
    assert isinstance(outcome, Fail)
    error = outcome.error
    assert type(error) is cls
    assert (error.code, error.message, error.status, error.field, error.request_id) == (
        "some_code", "went wrong", status, "project_id", "req-1",
    )


def test_success_parses_the_body_and_204_parses_none() -> None:
    assert engine().plan(GET).on_response(answer(200, {"data": []})) == Done({"data": []})
    assert engine().plan(GET).on_response(httpx.Response(204)) == Done(None)


def test_retry_after_accepts_an_http_date() -> None:
    header = email.utils.formatdate(1_000_010, usegmt=True)
    assert parse_retry_after(header, now=1_000_000) == pytest.approx(10.0)
    assert parse_retry_after("soon") is None
