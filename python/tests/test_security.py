"""client.sessions and client.audit_events (sync and async) against the real server."""

from __future__ import annotations

import asyncio
import uuid

import httpx
import pytest

from keito import AsyncKeito, AuditEvent, BrowserSession, Keito, NotFoundError, PermissionError
from support.mailbox import Mailbox
from support.server import Admin, Agent, KeitoServer, create_browser_person


def signed_in(server: KeitoServer, cookie: str) -> bool:
    session = httpx.get(f"{server.base_url}/auth/session", headers={"cookie": cookie}).json()
    return bool(session["authenticated"])


def test_sessions_list_revoke_one_and_all(server: KeitoServer, admin: Admin, mailbox: Mailbox) -> None:
    person = create_browser_person(admin, f"sam-{uuid.uuid4().hex[:6]}@example.test", mailbox)
    with Keito(api_key=person.api_key, base_url=server.base_url) as client:
        sessions = client.sessions.list()
        assert len(sessions) == 1
        assert isinstance(sessions[0], BrowserSession)
        assert sessions[0].id.startswith("ses_") and sessions[0].current is False

        laptop = httpx.post(
            f"{server.base_url}/auth/sign-in", json={"email": person.email, "password": person.password}
        )
        laptop_cookie = f"keito_session={laptop.cookies['keito_session']}"
        assert len(client.sessions.list()) == 2

        client.sessions.revoke(sessions[0].id)
        assert not signed_in(server, person.cookie)
        assert signed_in(server, laptop_cookie)
        with pytest.raises(NotFoundError):
            client.sessions.revoke(sessions[0].id)

        client.sessions.revoke_all()
        assert not signed_in(server, laptop_cookie)
        assert client.sessions.list() == []


def test_async_sessions(server: KeitoServer, admin: Admin, mailbox: Mailbox) -> None:
    person = create_browser_person(admin, f"ash-{uuid.uuid4().hex[:6]}@example.test", mailbox)

    async def main() -> list[BrowserSession]:
        async with AsyncKeito(api_key=person.api_key, base_url=server.base_url) as client:
            before = await client.sessions.list()
            await client.sessions.revoke_all()
            return before + await client.sessions.list()

    assert len(asyncio.run(main())) == 1
    assert not signed_in(server, person.cookie)


def test_audit_events_filtered_and_paginated(admin: Admin, admin_client: Keito) -> None:
    tag = uuid.uuid4().hex[:6]
    keys = [admin.call("POST", "/api-keys", {"name": f"{tag} {n}"}) for n in ("one", "two", "three")]
    admin.call("DELETE", f"/api-keys/{keys[0]['id']}")

    first = admin_client.audit_events.list(action="api_key.created", limit=2)
    assert len(first.data) == 2 and first.has_more
    created = [e for e in first if str(e.details.get("name", "")).startswith(tag)]
    assert all(isinstance(e, AuditEvent) for e in created)
    assert [e.details["name"] for e in created] == [f"{tag} three", f"{tag} two", f"{tag} one"]

    revoked = admin_client.audit_events.list(action="api_key.revoked", limit=200)
    assert keys[0]["id"] in {e.target_id for e in revoked.data}

    async def newest() -> AuditEvent:
        async with AsyncKeito(
            api_key=admin_client.options.api_key, base_url=admin_client.options.base_url
        ) as client:
            page = await client.audit_events.list(action="api_key.revoked", limit=1)
            return page.data[0]

    assert asyncio.run(newest()).target_id == keys[0]["id"]


def test_audit_events_are_for_administrators(client: Keito, agent: Agent) -> None:
    with pytest.raises(PermissionError):
        client.audit_events.list()
