"""`client.projects`: the projects the key's user is assigned to."""

from __future__ import annotations

from ..pagination import AsyncPaginatedResponse, PaginatedResponse, page_operation
from ..types import Project
from ._base import AsyncResource, SyncResource, compact, id_path, model_operation

PATH = "/projects"


class Projects(SyncResource):
    """Projects, with the sync client."""

    def list(self, cursor: str | None = None, limit: int = 50) -> PaginatedResponse[Project]:
        """List projects; iterate the result to walk every page."""
        return self._paginate(page_operation(PATH, Project, compact(cursor=cursor, limit=limit)))

    def get(self, id: str) -> Project:  # noqa: A002 - the documented parameter name
        """Fetch one project by id."""
        return self._transport.execute(model_operation("GET", id_path(PATH, id), Project))


class AsyncProjects(AsyncResource):
    """Projects, with the async client."""

    async def list(
        self, cursor: str | None = None, limit: int = 50
    ) -> AsyncPaginatedResponse[Project]:
        """List projects; `async for` over the result walks every page."""
        query = compact(cursor=cursor, limit=limit)
        return await self._paginate(page_operation(PATH, Project, query))

    async def get(self, id: str) -> Project:  # noqa: A002
        """Fetch one project by id."""
        return await self._transport.execute(model_operation("GET", id_path(PATH, id), Project))
