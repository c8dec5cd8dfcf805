"""Getting started (python-sdk/getting-started.md) and client.projects against the real server."""

from __future__ import annotations

import os

import pytest

from keito import Keito, Project
from support.server import Admin, Agent, ProjectFixture, create_project


@pytest.mark.usefixtures("keito_env")
def test_getting_started_samples(world: ProjectFixture, capsys: pytest.CaptureFixture[str]) -> None:
    client = Keito(
        api_key=os.environ["KEITO_API_KEY"],
        account_id=os.environ["KEITO_ACCOUNT_ID"],
    )
    client = Keito()  # reads KEITO_API_KEY and KEITO_ACCOUNT_ID from env

    # List all projects
    projects = client.projects.list()
    for project in projects.data:
        print(f"{project.name} ({project.id})")

    assert f"{world.project['name']} ({world.project_id})\n" in capsys.readouterr().out


def test_get_returns_the_documented_project_fields(client: Keito, world: ProjectFixture) -> None:
    project = client.projects.get(world.project_id)
    assert isinstance(project, Project)
    assert (project.id, project.name, project.client_id) == (
        world.project_id, world.project["name"], world.project["client_id"],
    )
    assert project.is_active is True
    assert isinstance(project.is_billable, bool)
    assert project.billing_type in ("time_and_materials", "fixed_fee", "non_billable")


def test_an_agent_lists_only_its_assigned_projects_across_pages(
    client: Keito, admin: Admin, shared: dict, agent: Agent
) -> None:
    mine = {
        create_project(admin, shared["client"]["id"], shared["task"], agent, f"Paged {n}").project_id
        for n in range(3)
    }
    admin.call("POST", "/projects", {"client_id": shared["client"]["id"], "name": "Not assigned"})
    listed = {p.id for p in client.projects.list(limit=1)}
    assert mine <= listed
    assert "Not assigned" not in {p.name for p in client.projects.list(limit=200).data}
