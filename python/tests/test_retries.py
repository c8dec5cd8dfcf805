"""Retries, Retry-After, idempotency keys and timeouts, through a fault-injecting proxy in
front of the real server (the server itself is never mocked)."""

from __future__ import annotations

import asyncio

import pytest

from keito import APIConnectionError, APITimeoutError, AsyncKeito, InternalServerError, Keito
from support.proxy import Fault, FaultProxy
from support.server import Agent, ProjectFixture


def via_proxy(proxy: FaultProxy, agent: Agent, **options: float) -> Keito:
    return Keito(api_key=agent.api_key, base_url=proxy.base_url, retry_delay=0.01, **options)  # type: ignore[arg-type]


def posts(proxy: FaultProxy) -> list[str]:
    return [s.headers["idempotency-key"] for s in proxy.seen if s.method == "POST"]


def test_5xx_is_retried_with_the_same_idempotency_key(proxy: FaultProxy, agent: Agent, world: ProjectFixture) -> None:
    proxy.inject(Fault("status", status=503), Fault("status", status=502))
    entry = via_proxy(proxy, agent).time_entries.create(project_id=world.project_id, spent_date="2026-03-06", hours=1)
    keys = posts(proxy)
    assert len(keys) == 3 and len(set(keys)) == 1
    assert entry.id.startswith("te_")


def test_a_lost_answer_is_retried_without_creating_twice(
    proxy: FaultProxy, agent: Agent, world: ProjectFixture, client: Keito
) -> None:
    # The first POST reaches the server and is committed, but its answer never arrives.
    proxy.inject(Fault("drop_after"))
    entry = via_proxy(proxy, agent).time_entries.create(
        project_id=world.project_id, spent_date="2026-03-06", hours=1, notes="exactly once"
    )
    assert len(set(posts(proxy))) == 1 and len(posts(proxy)) == 2
    assert [e.id for e in client.time_entries.list(project_id=world.project_id)] == [entry.id]


def test_429_waits_for_retry_after(proxy: FaultProxy, agent: Agent) -> None:
    proxy.inject(Fault("status", status=429, headers={"Retry-After": "1"},
                       body=b'{"error":{"code":"rate_limit_exceeded","message":"slow down"}}'))
    via_proxy(proxy, agent).projects.list()
    first, second = proxy.seen
    assert second.at - first.at >= 0.95


def test_a_dropped_connection_is_retried(proxy: FaultProxy, agent: Agent, world: ProjectFixture) -> None:
    proxy.inject(Fault("drop_before"))
    project = via_proxy(proxy, agent).projects.get(world.project_id)
    assert project.id == world.project_id
    assert len(proxy.seen) == 2


def test_retries_are_bounded_by_max_retries(proxy: FaultProxy, agent: Agent) -> None:
    proxy.inject(*[Fault("status", status=500)] * 4)
    with pytest.raises(InternalServerError) as caught:
        via_proxy(proxy, agent, max_retries=2).projects.list()
    assert caught.value.status == 500
    assert len(proxy.seen) == 3


def test_a_slow_answer_raises_a_timeout(proxy: FaultProxy, agent: Agent) -> None:
    proxy.inject(Fault("delay", seconds=1.5))
    with pytest.raises(APITimeoutError) as caught:
        via_proxy(proxy, agent, timeout=0.3, max_retries=0).projects.list()
    assert isinstance(caught.value, APIConnectionError)


def test_an_unreachable_server_is_a_connection_error(agent: Agent) -> None:
    from support.server import free_port

    client = Keito(api_key=agent.api_key, base_url=f"http://127.0.0.1:{free_port()}/v1", max_retries=1, retry_delay=0.01)
    with pytest.raises(APIConnectionError) as caught:
        client.projects.list()
    assert not isinstance(caught.value, APITimeoutError)


def test_the_async_client_retries_the_same_way(proxy: FaultProxy, agent: Agent, world: ProjectFixture) -> None:
    async def main() -> str:
        async with AsyncKeito(api_key=agent.api_key, base_url=proxy.base_url, retry_delay=0.01) as client:
            expense = await client.expenses.create(
                project_id=world.project_id, expense_category_id="cat_llm_usage", spent_date="2026-03-06", units=2
            )
            return expense.id

    proxy.inject(Fault("status", status=503), Fault("drop_after"))
    assert asyncio.run(main()).startswith("exp_")
    keys = posts(proxy)
    assert len(keys) == 3 and len(set(keys)) == 1
