"""client.users (GET /v1/users, api-reference/users.md) against the real server."""

from __future__ import annotations

from keito import Keito, User
from support.server import Agent


def test_the_key_acts_as_its_agent_user(client: Keito, agent: Agent) -> None:
    me = client.users.me()
    assert isinstance(me, User)
    assert (me.id, me.user_type) == (agent.user["id"], "agent")
    assert client.users.get(me.id) == me


def test_listing_agents_only(admin_client: Keito, agent: Agent) -> None:
    agents = list(admin_client.users.list(user_type="agent"))
    assert agent.user["id"] in {u.id for u in agents}
    assert all(u.user_type == "agent" for u in agents)
