"""client.expenses against the real server: the samples of python-sdk/expenses.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from keito import Expense, Keito, KeitoError
from support.server import ProjectFixture

LLM_METADATA = {
    "agent_id": "review-bot-01",
    "session_id": "550e8400-e29b-41d4-a716-446655440000",
    "model": "claude-opus-4-6",
    "input_tokens": 30000,
    "output_tokens": 15000,
}


def create_sample(client: Keito, project_id: str) -> Expense:
    return client.expenses.create(
        project_id=project_id,
        expense_category_id="cat_llm_usage",
        spent_date="2026-03-06",
        units=45,
        notes="claude-opus-4-6: 30k input + 15k output tokens",
        source="agent",
        metadata={
            "agent_id": "review-bot-01",
            "session_id": "550e8400-e29b-41d4-a716-446655440000",
            "model": "claude-opus-4-6",
            "input_tokens": 30000,
            "output_tokens": 15000,
        },
    )


def test_llm_usage_expense_is_priced_by_the_category(client: Keito, world: ProjectFixture) -> None:
    expense = create_sample(client, world.project_id)
    assert expense.id.startswith("exp_")
    assert (expense.units, expense.unit_price) == (45.0, 0.003)
    assert expense.total_cost == pytest.approx(0.135)
    assert expense.metadata == LLM_METADATA
    assert expense.source == "agent"


def test_list_sample(client: Keito, world: ProjectFixture, capsys: pytest.CaptureFixture[str]) -> None:
    create_sample(client, world.project_id)
    client.expenses.create(
        project_id=world.project_id, expense_category_id="cat_llm_usage", spent_date="2026-02-20",
        units=1, source="agent",
    )  # before from_date: must not be listed

    expenses = client.expenses.list(
        source="agent",
        project_id=world.project_id,
        from_date="2026-03-01",
    )
    for expense in expenses.data:
        print(f"{expense.spent_date}: {expense.units} units — {expense.notes}")

    assert capsys.readouterr().out == (
        "2026-03-06: 45.0 units — claude-opus-4-6: 30k input + 15k output tokens\n"
    )


def test_get_sample(client: Keito, world: ProjectFixture, capsys: pytest.CaptureFixture[str]) -> None:
    created = create_sample(client, world.project_id)
    expense = client.expenses.get(created.id)
    print(f"Total cost: {expense.total_cost}")
    assert capsys.readouterr().out == "Total cost: 0.135\n"
    assert expense == created


def test_explicit_total_cost_is_kept(client: Keito, world: ProjectFixture) -> None:
    expense = client.expenses.create(
        world.project_id, "cat_llm_usage", "2026-03-06", total_cost=12.5, notes="flat fee"
    )
    assert expense.total_cost == 12.5
    assert expense.source == "api"


PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63f8cfc0f00f00038601805a347d6b0000000049454e44ae426082"
)


def test_receipts_attach_replace_and_remove(
    client: Keito, world: ProjectFixture, tmp_path: Path
) -> None:
    taxi = tmp_path / "taxi.pdf"
    taxi.write_bytes(PDF)
    expense = client.expenses.create(
        project_id=world.project_id,
        expense_category_id="cat_transportation",
        spent_date="2026-03-06",
        total_cost=23.5,
        receipt=taxi,
    )
    assert expense.receipt is not None
    assert (expense.receipt.file_name, expense.receipt.content_type, expense.receipt.size) == (
        "taxi.pdf",
        "application/pdf",
        len(PDF),
    )
    assert expense.receipt.url == f"/v1/expenses/{expense.id}/receipt"

    replaced = client.expenses.attach_receipt(expense.id, ("taxi.png", PNG))
    assert replaced.receipt is not None and replaced.receipt.content_type == "image/png"

    with pytest.raises(KeitoError) as refused:
        client.expenses.attach_receipt(expense.id, ("taxi.pdf", b"MZ this is an executable"))
    assert (refused.value.status, refused.value.code) == (415, "unsupported_media_type")

    assert client.expenses.remove_receipt(expense.id).receipt is None
