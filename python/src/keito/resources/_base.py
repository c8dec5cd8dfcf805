"""What every resource class shares: running an operation and paginating a list."""

from __future__ import annotations

from typing import Any, TypeVar
from urllib.parse import quote

from .._core.engine import Operation
from .._core.transport import AsyncTransport, SyncTransport
from ..pagination import AsyncPaginatedResponse, PageData, PaginatedResponse
from ..types import KeitoModel

T = TypeVar("T")
M = TypeVar("M", bound=KeitoModel)


def compact(**fields: Any) -> dict[str, Any]:
    """The fields that were given: None means "not sent", so the server applies its default."""
    return {name: value for name, value in fields.items() if value is not None}


def model_operation(
    method: str, path: str, cls: type[M], body: dict[str, Any] | None = None
) -> Operation[M]:
    """An operation whose answer decodes as one `cls` model."""
    return Operation(method, path, cls.from_dict, body=body)


def id_path(prefix: str, resource_id: str) -> str:
    """`/prefix/<id>` with the id escaped, so an odd id cannot reach another route."""
    if not resource_id:
        raise ValueError("an id is required")
    return f"{prefix}/{quote(resource_id, safe='')}"


def delete_operation(path: str) -> Operation[None]:
    """A DELETE answered by 204 No Content."""
    return Operation("DELETE", path, lambda _body: None)


class SyncResource:
    def __init__(self, transport: SyncTransport) -> None:
        self._transport = transport

    def _paginate(self, operation: Operation[PageData[T]]) -> PaginatedResponse[T]:
        def fetch(cursor: str) -> PaginatedResponse[T]:
            return self._paginate(operation.with_query(cursor=cursor))

        return PaginatedResponse(self._transport.execute(operation), fetch)


class AsyncResource:
    def __init__(self, transport: AsyncTransport) -> None:
        self._transport = transport

    async def _paginate(self, operation: Operation[PageData[T]]) -> AsyncPaginatedResponse[T]:
        async def fetch(cursor: str) -> AsyncPaginatedResponse[T]:
            return await self._paginate(operation.with_query(cursor=cursor))

        return AsyncPaginatedResponse(await self._transport.execute(operation), fetch)
