"""A real `keito-server` process for the test session, and builders that go through its API.

The server runs with its own embedded PostgreSQL in a fresh temp folder on a free port; the
fixtures (client, project, task, agent user and key) are created over HTTP with the admin key,
the way a user would, so no test reaches into the database.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx

if TYPE_CHECKING:
    from support.mailbox import Mailbox

REPO_ROOT = Path(__file__).resolve().parents[3]
SERVER_BIN = REPO_ROOT / "apps" / "server" / "bin" / "keito-server.js"
READY_TIMEOUT_SECONDS = 180.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class KeitoServer:
    """`node apps/server/bin/keito-server.js serve` with a throwaway data dir."""

    def __init__(self, smtp_url: str | None = None) -> None:
        self.data_dir = tempfile.mkdtemp(prefix="keito-pytest-")
        self.port = free_port()
        self.origin = f"http://127.0.0.1:{self.port}"
        self.base_url = f"{self.origin}/v1"
        env = {**os.environ, "LOG_LEVEL": "warn"}
        # A DATABASE_URL from the developer's shell would point the test server at a real
        # database; each session gets its own embedded one instead.
        env.pop("DATABASE_URL", None)
        env.update(PORT=str(self.port), HOST="127.0.0.1", KEITO_DATA_DIR=self.data_dir)
        if smtp_url is not None:
            env["SMTP_URL"] = smtp_url
        self.env = env
        self._log_path = Path(self.data_dir) / "server.log"
        self._log = self._log_path.open("wb")
        self.process = subprocess.Popen(
            ["node", str(SERVER_BIN), "serve"],
            cwd=REPO_ROOT,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )

    def output(self) -> str:
        try:
            return self._log_path.read_text(errors="replace")[-20_000:]
        except OSError:
            return ""

    def wait_ready(self) -> None:
        deadline = time.monotonic() + READY_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            code = self.process.poll()
            if code is not None:
                raise RuntimeError(f"keito-server exited with {code} before ready:\n{self.output()}")
            try:
                if httpx.get(f"{self.origin}/readyz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass  # not listening yet: PostgreSQL is starting or migrations are running
            time.sleep(0.2)
        raise RuntimeError(f"keito-server not ready within {READY_TIMEOUT_SECONDS}s:\n{self.output()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()
        shutil.rmtree(self.data_dir, ignore_errors=True)

    def create_workspace(self, name: str) -> dict[str, str]:
        """`keito-server workspace create --json`: the admin's ids and API key."""
        email = f"admin+{uuid.uuid4().hex[:8]}@x.test"
        result = subprocess.run(
            ["node", str(SERVER_BIN), "workspace", "create", "--name", name,
             "--admin-email", email, "--json"],
            cwd=REPO_ROOT, env=self.env, capture_output=True, text=True, timeout=120,
        )
        if result.returncode != 0:
            raise RuntimeError(f"workspace create failed: {result.stderr or result.stdout}")
        workspace = json.loads(result.stdout.strip().splitlines()[-1])
        for key in ("account_id", "user_id", "api_key"):
            assert isinstance(workspace.get(key), str), f"workspace create printed no {key}"
        return workspace


class Admin:
    """Raw HTTP calls with the admin key, for what the SDK deliberately does not cover."""

    def __init__(self, base_url: str, api_key: str) -> None:
        self.http = httpx.Client(
            base_url=base_url, headers={"Authorization": f"Bearer {api_key}"}, timeout=30
        )

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        response = self.http.request(method, path, json=body)
        if response.status_code >= 400:
            raise AssertionError(f"{method} {path} -> {response.status_code}: {response.text}")
        return response.json() if response.content else None


@dataclass
class Agent:
    user: dict[str, Any]
    api_key: str


@dataclass
class ProjectFixture:
    """A project with one task assigned and the session's agent assigned to it."""

    project: dict[str, Any]
    task: dict[str, Any]

    @property
    def project_id(self) -> str:
        return str(self.project["id"])

    @property
    def task_id(self) -> str:
        return str(self.task["id"])


def create_agent(admin: Admin, name: str) -> Agent:
    user = admin.call("POST", "/users", {"name": name, "user_type": "agent"})
    key = admin.call("POST", "/api-keys", {"name": f"{name} key", "user_id": user["id"]})
    return Agent(user=user, api_key=key["key"])


def create_project(
    admin: Admin, client_id: str, task: dict[str, Any], agent: Agent, name: str
) -> ProjectFixture:
    project = admin.call("POST", "/projects", {"client_id": client_id, "name": name})
    admin.call("POST", f"/projects/{project['id']}/task-assignments", {"task_id": task["id"]})
    admin.call(
        "POST", f"/projects/{project['id']}/user-assignments", {"user_id": agent.user["id"]}
    )
    return ProjectFixture(project=project, task=task)


__all__ = [
    "Admin", "Agent", "KeitoServer", "ProjectFixture", "create_agent", "create_project"
]


@dataclass
class BrowserPerson:
    """A person signed in to the web app (a session cookie) who also has an API key of their own."""

    user_id: str
    email: str
    password: str
    cookie: str
    api_key: str


def create_browser_person(
    admin: Admin, email: str, mailbox: Mailbox, password: str = "a long enough password"
) -> BrowserPerson:
    """Invites `email`, accepts with a password (which signs in) and makes a key from that session.

    The server sends mail (the session's mailbox), so the invitation's link is read from the email.
    """
    user = admin.call("POST", "/users", {"name": email.split("@")[0], "email": email})
    admin.call("POST", f"/invitations/{user['id']}/resend")
    body = mailbox.wait_for(email).get_body(preferencelist=("plain",))
    link = re.search(r"https?://\S+?/invitations/[A-Za-z0-9_-]+", body.get_content() if body else "")
    if link is None:
        raise AssertionError(f"no invitation link in the mail to {email}")
    token = link.group(0).split("/invitations/")[1]
    base_url = str(admin.http.base_url).rstrip("/")
    accepted = httpx.post(f"{base_url}/auth/invitations/{token}/accept", json={"password": password})
    accepted.raise_for_status()
    cookie = f"keito_session={accepted.cookies['keito_session']}"
    created = httpx.post(
        f"{base_url}/api-keys",
        json={"name": "own key"},
        headers={"cookie": cookie, "x-keito-client": "pytest"},
    )
    created.raise_for_status()
    return BrowserPerson(user["id"], email, password, cookie, created.json()["key"])
