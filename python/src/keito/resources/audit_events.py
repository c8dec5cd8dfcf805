"""`client.audit_events`: the workspace's security log (administrators)."""

from __future__ import annotations

from ..pagination import AsyncPaginatedResponse, PaginatedResponse, page_operation
from ..types import AuditEvent
from ._base import AsyncResource, SyncResource, compact

PATH = "/audit-events"


class AuditEvents(SyncResource):
    """The security log, with the sync client."""

    def list(
        self,
        action: str | None = None,
        user_id: str | None = None,
        cursor: str | None = None,
        limit: int = 50,
    ) -> PaginatedResponse[AuditEvent]:
        """Security events, newest first, filtered by `action` (`sign_in.failed` ...) and `user_id`."""
        query = compact(action=action, user_id=user_id, cursor=cursor, limit=limit)
        return self._paginate(page_operation(PATH, AuditEvent, query))


class AsyncAuditEvents(AsyncResource):
    """The security log, with the async client."""

    async def list(
        self,
        action: str | None = None,
        user_id: str | None = None,
        cursor: str | None = None,
        limit: int = 50,
    ) -> AsyncPaginatedResponse[AuditEvent]:
        """Security events, newest first, filtered by `action` (`sign_in.failed` ...) and `user_id`."""
        query = compact(action=action, user_id=user_id, cursor=cursor, limit=limit)
        return await self._paginate(page_operation(PATH, AuditEvent, query))
