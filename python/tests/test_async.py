"""AsyncKeito against the real server: python-sdk/async-usage.md's basic sample and async
pagination."""

from __future__ import annotations

import asyncio

import pytest

from keito import AsyncKeito, AsyncPaginatedResponse
from support.server import ProjectFixture


@pytest.mark.usefixtures("keito_env")
def test_basic_usage_sample(world: ProjectFixture, capsys: pytest.CaptureFixture[str]) -> None:
    async def main():  # noqa: ANN202 - as in the docs
        client = AsyncKeito()
        # Create a time entry
        entry = await client.time_entries.create(
            project_id=world.project_id,
            task_id=world.task_id,
            spent_date="2026-03-06",
            hours=1.5,
            notes="Async agent work",
            source="agent",
        )
        # List entries
        entries = await client.time_entries.list(
            source="agent",
            project_id=world.project_id,
        )
        for e in entries.data:
            print(f"{e.spent_date}: {e.hours}h")
        return entry

    entry = asyncio.run(main())
    assert entry.id.startswith("te_")
    assert capsys.readouterr().out == "2026-03-06: 1.5h\n"


@pytest.mark.usefixtures("keito_env")
def test_async_for_walks_every_page(world: ProjectFixture) -> None:
    async def main() -> tuple[set[str], list[str]]:
        async with AsyncKeito() as client:
            created = set()
            for day in range(1, 4):
                entry = await client.expenses.create(
                    project_id=world.project_id, expense_category_id="cat_llm_usage",
                    spent_date=f"2026-03-0{day}", units=day,
                )
                created.add(entry.id)
            page = await client.expenses.list(project_id=world.project_id, limit=2)
            assert isinstance(page, AsyncPaginatedResponse) and page.has_more
            return created, [x.id async for x in page]

    created, walked = asyncio.run(main())
    assert set(walked) == created and len(walked) == 3
