"""`client.sessions`: the browsers the key's person is signed in to the web app on."""

from __future__ import annotations

from typing import Any

from .._core.engine import Operation
from ..types import BrowserSession
from ._base import AsyncResource, SyncResource, delete_operation, id_path

PATH = "/auth/sessions"


def _list_operation() -> Operation[list[BrowserSession]]:
    def parse(body: Any) -> list[BrowserSession]:
        return [BrowserSession.from_dict(item) for item in body.get("sessions", [])]

    return Operation("GET", PATH, parse)


class Sessions(SyncResource):
    """Web app sessions, with the sync client."""

    def list(self) -> list[BrowserSession]:
        """The browsers the key's person is signed in on, most recently used first."""
        return self._transport.execute(_list_operation())

    def revoke(self, id: str) -> None:  # noqa: A002 - the id the list shows
        """Sign one browser out, by the `id` from `list()`."""
        self._transport.execute(delete_operation(id_path(PATH, id)))

    def revoke_all(self) -> None:
        """Sign the key's person out of every browser ("sign out everywhere"); keys keep working."""
        self._transport.execute(delete_operation(PATH))


class AsyncSessions(AsyncResource):
    """Web app sessions, with the async client."""

    async def list(self) -> list[BrowserSession]:
        """The browsers the key's person is signed in on, most recently used first."""
        return await self._transport.execute(_list_operation())

    async def revoke(self, id: str) -> None:  # noqa: A002
        """Sign one browser out, by the `id` from `list()`."""
        await self._transport.execute(delete_operation(id_path(PATH, id)))

    async def revoke_all(self) -> None:
        """Sign the key's person out of every browser ("sign out everywhere"); keys keep working."""
        await self._transport.execute(delete_operation(PATH))
