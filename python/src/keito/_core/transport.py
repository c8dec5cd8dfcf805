"""Thin sync and async transports around the shared `RequestEngine`.

Each is only the I/O loop: send the plan's request, hand the answer (or the exception) back to
the plan, then sleep and retry, return, or raise as the plan decides.
"""

from __future__ import annotations

import asyncio
import time
from typing import TypeVar

import httpx

from .engine import Done, Operation, RequestEngine, Retry

T = TypeVar("T")


class SyncTransport:
    """Runs operations on an `httpx.Client`."""

    def __init__(self, engine: RequestEngine, http_client: httpx.Client | None = None) -> None:
        self.engine = engine
        self._owns_client = http_client is None
        self.http = http_client or httpx.Client(timeout=httpx.Timeout(engine.options.timeout))

    def execute(self, operation: Operation[T]) -> T:
        plan = self.engine.plan(operation)
        while True:
            try:
                response = self.http.send(plan.request())
            except httpx.TransportError as exc:
                outcome = plan.on_transport_error(exc)
            else:
                outcome = plan.on_response(response)
            if isinstance(outcome, Retry):
                time.sleep(outcome.delay)
                continue
            if isinstance(outcome, Done):
                return outcome.value
            raise outcome.error

    def close(self) -> None:
        if self._owns_client:
            self.http.close()


class AsyncTransport:
    """Runs operations on an `httpx.AsyncClient`."""

    def __init__(
        self, engine: RequestEngine, http_client: httpx.AsyncClient | None = None
    ) -> None:
        self.engine = engine
        self._owns_client = http_client is None
        self.http = http_client or httpx.AsyncClient(
            timeout=httpx.Timeout(engine.options.timeout)
        )

    async def execute(self, operation: Operation[T]) -> T:
        plan = self.engine.plan(operation)
        while True:
            try:
                response = await self.http.send(plan.request())
            except httpx.TransportError as exc:
                outcome = plan.on_transport_error(exc)
            else:
                outcome = plan.on_response(response)
            if isinstance(outcome, Retry):
                await asyncio.sleep(outcome.delay)
                continue
            if isinstance(outcome, Done):
                return outcome.value
            raise outcome.error

    async def close(self) -> None:
        if self._owns_client:
            await self.http.aclose()
