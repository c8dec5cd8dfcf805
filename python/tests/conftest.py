"""Session fixtures: one real keito-server, one workspace, and API-built test data.

Tests that need no server (the request engine's decisions, option resolution) use none of
these, so they run even while the server is being built.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from keito import Keito
from support.mailbox import Mailbox
from support.proxy import FaultProxy
from support.server import Admin, Agent, KeitoServer, ProjectFixture, create_agent, create_project

# CrewAI would otherwise try to send telemetry and traces; the machine has no internet.
os.environ.setdefault("CREWAI_DISABLE_TELEMETRY", "true")
os.environ.setdefault("CREWAI_DISABLE_TRACKING", "true")
os.environ.setdefault("CREWAI_TRACING_ENABLED", "false")
os.environ.setdefault("OTEL_SDK_DISABLED", "true")


@pytest.fixture(scope="session")
def mailbox() -> Iterator[Mailbox]:
    box = Mailbox()
    try:
        yield box
    finally:
        box.close()


@pytest.fixture(scope="session")
def server(mailbox: Mailbox) -> Iterator[KeitoServer]:
    srv = KeitoServer(smtp_url=mailbox.url)
    try:
        srv.wait_ready()
        yield srv
    finally:
        srv.stop()


@pytest.fixture(scope="session")
def workspace(server: KeitoServer) -> dict[str, str]:
    return server.create_workspace("Pytest Consultancy")


@pytest.fixture(scope="session")
def admin(server: KeitoServer, workspace: dict[str, str]) -> Admin:
    return Admin(server.base_url, workspace["api_key"])


@pytest.fixture(scope="session")
def shared(admin: Admin) -> dict[str, Any]:
    """The client, task and agent user every test project reuses."""
    return {
        "client": admin.call("POST", "/clients", {"name": "Acme Ltd"}),
        "task": admin.call("POST", "/tasks", {"name": "Development"}),
        "agent": create_agent(admin, "review-bot-01"),
    }


@pytest.fixture(scope="session")
def agent(shared: dict[str, Any]) -> Agent:
    return shared["agent"]


@pytest.fixture
def world(admin: Admin, shared: dict[str, Any]) -> ProjectFixture:
    """A fresh project per test, so list assertions see only that test's records."""
    name = f"Project {uuid.uuid4().hex[:8]}"
    return create_project(admin, shared["client"]["id"], shared["task"], shared["agent"], name)


@pytest.fixture
def keito_env(
    monkeypatch: pytest.MonkeyPatch, server: KeitoServer, workspace: dict[str, str], agent: Agent
) -> dict[str, str]:
    """KEITO_* variables for the agent's key, as a user following the docs would set them."""
    env = {
        "KEITO_API_KEY": agent.api_key,
        "KEITO_ACCOUNT_ID": workspace["account_id"],
        "KEITO_BASE_URL": server.base_url,
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return env


@pytest.fixture
def client(keito_env: dict[str, str]) -> Iterator[Keito]:
    with Keito() as c:
        yield c


@pytest.fixture(scope="session")
def proxy_server(server: KeitoServer) -> Iterator[FaultProxy]:
    p = FaultProxy(server.origin)
    try:
        yield p
    finally:
        p.close()


@pytest.fixture
def proxy(proxy_server: FaultProxy) -> FaultProxy:
    proxy_server.reset()
    return proxy_server


@pytest.fixture
def admin_client(server: KeitoServer, workspace: dict[str, str]) -> Iterator[Keito]:
    with Keito(api_key=workspace["api_key"], account_id=workspace["account_id"], base_url=server.base_url) as c:
        yield c
