"""Typed errors from real server answers (api-reference/error-handling.md)."""

from __future__ import annotations

import pytest

from keito import (
    AuthenticationError,
    Keito,
    KeitoError,
    NotFoundError,
    PermissionError,
    ValidationError,
)
from support.server import Admin, KeitoServer, ProjectFixture


def test_an_unknown_key_is_an_authentication_error(server: KeitoServer) -> None:
    client = Keito(api_key="keito_sk_not_a_real_key", base_url=server.base_url, max_retries=0)
    with pytest.raises(AuthenticationError) as caught:
        client.projects.list()
    assert (caught.value.status, caught.value.code) == (401, "authentication_error")
    assert caught.value.request_id  # echoed from x-request-id, for support tickets


def test_a_missing_required_field_names_the_field(client: Keito, world: ProjectFixture) -> None:
    with pytest.raises(ValidationError) as caught:
        client.time_entries.create(project_id=world.project_id, spent_date="06/03/2026", hours=1)
    assert caught.value.status == 400
    assert caught.value.code == "validation_error"
    assert caught.value.field == "spent_date"


def test_an_unassigned_project_is_a_permission_error(client: Keito, admin: Admin, shared: dict) -> None:
    other = admin.call("POST", "/projects", {"client_id": shared["client"]["id"], "name": "Elsewhere"})
    with pytest.raises(PermissionError) as caught:
        client.time_entries.create(project_id=other["id"], spent_date="2026-03-06", hours=1, source="agent")
    assert (caught.value.status, caught.value.code) == (403, "project_not_assigned")


def test_metadata_over_4kb_is_rejected(client: Keito, world: ProjectFixture) -> None:
    with pytest.raises(KeitoError) as caught:
        client.time_entries.create(
            project_id=world.project_id, spent_date="2026-03-06", hours=1, metadata={"blob": "x" * 5000}
        )
    assert caught.value.code == "metadata_too_large"
    assert caught.value.status is not None and 400 <= caught.value.status < 500


def test_an_unknown_id_is_not_found(client: Keito) -> None:
    with pytest.raises(NotFoundError):
        client.expenses.get("exp_does_not_exist")
