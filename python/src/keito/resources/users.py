"""`client.users`: the workspace's human and agent users (GET /v1/users in the API reference)."""

from __future__ import annotations

from ..pagination import AsyncPaginatedResponse, PaginatedResponse, page_operation
from ..types import User
from ._base import AsyncResource, SyncResource, compact, id_path, model_operation

PATH = "/users"


class Users(SyncResource):
    """Users, with the sync client."""

    def list(
        self,
        user_type: str | None = None,
        is_active: bool | None = None,
        cursor: str | None = None,
        limit: int = 50,
    ) -> PaginatedResponse[User]:
        """List users, optionally only `human` or `agent` ones."""
        query = compact(user_type=user_type, is_active=is_active, cursor=cursor, limit=limit)
        return self._paginate(page_operation(PATH, User, query))

    def get(self, id: str) -> User:  # noqa: A002 - the documented parameter name
        """Fetch one user by id."""
        return self._transport.execute(model_operation("GET", id_path(PATH, id), User))

    def me(self) -> User:
        """The user the API key acts as."""
        return self._transport.execute(model_operation("GET", f"{PATH}/me", User))


class AsyncUsers(AsyncResource):
    """Users, with the async client."""

    async def list(
        self,
        user_type: str | None = None,
        is_active: bool | None = None,
        cursor: str | None = None,
        limit: int = 50,
    ) -> AsyncPaginatedResponse[User]:
        """List users, optionally only `human` or `agent` ones."""
        query = compact(user_type=user_type, is_active=is_active, cursor=cursor, limit=limit)
        return await self._paginate(page_operation(PATH, User, query))

    async def get(self, id: str) -> User:  # noqa: A002
        """Fetch one user by id."""
        return await self._transport.execute(model_operation("GET", id_path(PATH, id), User))

    async def me(self) -> User:
        """The user the API key acts as."""
        return await self._transport.execute(model_operation("GET", f"{PATH}/me", User))
