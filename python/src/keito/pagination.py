"""Cursor pagination: one page's `data`, `next_cursor` and `has_more`, plus iteration over all.

`for item in page` (sync) and `async for item in page` (async) walk every item of every page,
fetching the following pages on demand; `page.data` is only the page at hand.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from ._core.engine import Operation
from .types import KeitoModel

__all__ = ["PaginatedResponse", "AsyncPaginatedResponse", "PageData"]

T = TypeVar("T")
M = TypeVar("M", bound=KeitoModel)


@dataclass(frozen=True)
class PageData(Generic[T]):
    """One decoded page, before it is bound to a client for fetching the next."""

    data: list[T]
    next_cursor: str | None
    has_more: bool
    # The page size the server applied (the limit asked for, at most 200); None from older servers.
    limit: int | None = None


def page_operation(
    path: str, model: type[M], query: dict[str, Any]
) -> Operation[PageData[M]]:
    """A GET of a list endpoint whose items decode as `model`."""

    def parse(body: Any) -> PageData[M]:
        items = [model.from_dict(item) for item in body.get("data", [])]
        cursor = body.get("next_cursor")
        # Older servers may omit has_more; a cursor is then the only sign of a next page.
        has_more = bool(body.get("has_more", cursor is not None))
        return PageData(items, cursor, has_more, body.get("limit"))

    return Operation("GET", path, parse, query=query)


class _PageFields(Generic[T]):
    data: list[T]
    next_cursor: str | None
    has_more: bool
    limit: int | None

    def __init__(self, page: PageData[T]) -> None:
        self.data = page.data
        self.next_cursor = page.next_cursor
        self.has_more = page.has_more
        self.limit = page.limit

    def has_next_page(self) -> bool:
        """True when the server said there is a page after this one."""
        return self.has_more and self.next_cursor is not None

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(data=[{len(self.data)} items], "
            f"next_cursor={self.next_cursor!r}, has_more={self.has_more!r})"
        )


class PaginatedResponse(_PageFields[T]):
    """A page of results from the sync client; iterating it yields every item of every page."""

    def __init__(
        self, page: PageData[T], fetch: Callable[[str], PaginatedResponse[T]]
    ) -> None:
        super().__init__(page)
        self._fetch = fetch

    def next_page(self) -> PaginatedResponse[T] | None:
        """Fetch the following page, or None when this is the last one."""
        if not self.has_next_page():
            return None
        assert self.next_cursor is not None
        return self._fetch(self.next_cursor)

    def iter_pages(self) -> Iterator[PaginatedResponse[T]]:
        """This page and every following one."""
        page: PaginatedResponse[T] | None = self
        while page is not None:
            yield page
            page = page.next_page()

    def __iter__(self) -> Iterator[T]:
        for page in self.iter_pages():
            yield from page.data


class AsyncPaginatedResponse(_PageFields[T]):
    """A page of results from the async client; `async for` yields every item of every page."""

    def __init__(
        self, page: PageData[T], fetch: Callable[[str], Awaitable[AsyncPaginatedResponse[T]]]
    ) -> None:
        super().__init__(page)
        self._fetch = fetch

    async def next_page(self) -> AsyncPaginatedResponse[T] | None:
        """Fetch the following page, or None when this is the last one."""
        if not self.has_next_page():
            return None
        assert self.next_cursor is not None
        return await self._fetch(self.next_cursor)

    async def iter_pages(self) -> AsyncIterator[AsyncPaginatedResponse[T]]:
        """This page and every following one."""
        page: AsyncPaginatedResponse[T] | None = self
        while page is not None:
            yield page
            page = await page.next_page()

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.iter_pages():
            for item in page.data:
                yield item
