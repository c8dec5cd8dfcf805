"""client.invoices against the real server: drafts, the list, sending (to a real SMTP server),
the PDF's bytes, payments, closing and aging."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from keito import AsyncKeito, Invoice, Keito, NotFoundError, ValidationError
from support.mailbox import Mailbox
from support.server import Admin


@pytest.fixture(scope="module")
def billed_client(admin: Admin) -> dict[str, Any]:
    client = admin.call("POST", "/clients", {"name": "Globex", "currency": "GBP"})
    admin.call("POST", f"/clients/{client['id']}/contacts", {"first_name": "Ann", "email": "ap@globex.test"})
    return client


def draft(keito: Keito, client_id: str, description: str = "Consulting") -> Invoice:
    return keito.invoices.create(
        client_id,
        line_items=[{"description": description, "quantity": 1, "unit_price": 138.66, "taxed": True}],
        tax=19,
    )


def test_create_get_update_and_delete_a_draft(admin_client: Keito, billed_client: dict[str, Any]) -> None:
    invoice = draft(admin_client, billed_client["id"])
    assert invoice.state == "draft" and invoice.number is None
    assert (invoice.subtotal, invoice.tax_amount, invoice.amount) == (138.66, 26.35, 165.01)
    assert invoice.line_items[0].description == "Consulting"
    assert admin_client.invoices.get(invoice.id) == invoice

    updated = admin_client.invoices.update(invoice.id, purchase_order="PO-9")
    assert updated.purchase_order == "PO-9"
    admin_client.invoices.delete(invoice.id)
    with pytest.raises(NotFoundError):
        admin_client.invoices.get(invoice.id)


def test_list_walks_every_page(admin_client: Keito, billed_client: dict[str, Any]) -> None:
    made = {draft(admin_client, billed_client["id"], f"Walk {n}").id for n in range(3)}
    seen = [invoice.id for invoice in admin_client.invoices.list(client_id=billed_client["id"], limit=2)]
    assert made <= set(seen)
    assert len(seen) == len(set(seen))


def test_send_emails_the_invoice_with_its_pdf(
    admin_client: Keito, billed_client: dict[str, Any], mailbox: Mailbox
) -> None:
    invoice = draft(admin_client, billed_client["id"])
    sent = admin_client.invoices.send(invoice.id)
    assert sent.invoice.state == "open"
    assert sent.invoice.number and sent.invoice.number in sent.subject
    assert sent.to == ["ap@globex.test"]
    mail = mailbox.wait_for("ap@globex.test")
    assert mail["Subject"] == sent.subject
    (attachment,) = list(mail.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_content().startswith(b"%PDF-")

    reminder = admin_client.invoices.send(invoice.id, message="reminder", attach_pdf=False)
    assert reminder.subject.startswith("Reminder")
    mailbox.wait_for("ap@globex.test")


def test_pdf_downloads_bytes(admin_client: Keito, billed_client: dict[str, Any]) -> None:
    pdf = admin_client.invoices.pdf(draft(admin_client, billed_client["id"]).id)
    assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF-")


def test_payments_close_reopen_and_aging(admin_client: Keito, billed_client: dict[str, Any]) -> None:
    invoice = admin_client.invoices.mark_sent(draft(admin_client, billed_client["id"]).id)
    first = admin_client.invoices.payments.create(invoice.id, 100, paid_date="2026-11-10")
    assert (first.amount, first.balance) == (100.0, 65.01)
    with pytest.raises(ValidationError):
        admin_client.invoices.payments.create(invoice.id, 100)
    last = admin_client.invoices.payments.create(invoice.id, 65.01, paid_date="2026-11-11")
    assert admin_client.invoices.get(invoice.id).state == "paid"
    assert [p.balance for p in admin_client.invoices.payments.list(invoice.id)] == [65.01, 0.0]
    admin_client.invoices.payments.delete(invoice.id, last.id)
    assert admin_client.invoices.get(invoice.id).state == "open"

    assert admin_client.invoices.close(invoice.id).state == "closed"
    assert admin_client.invoices.reopen(invoice.id).state == "open"
    renewed = admin_client.invoices.regenerate_client_key(invoice.id)
    assert renewed.client_key != invoice.client_key
    totals = {row["currency"]: row["total"] for row in admin_client.invoices.aging()["totals"]}
    assert totals["GBP"] > 0
    preview = admin_client.invoices.uninvoiced(billed_client["id"])
    assert preview["client_id"] == billed_client["id"]


def test_async_client_gets_lists_and_downloads(
    server: Any, workspace: dict[str, str], admin_client: Keito, billed_client: dict[str, Any]
) -> None:
    invoice = draft(admin_client, billed_client["id"])

    async def main() -> tuple[Invoice, bytes, list[str]]:
        async with AsyncKeito(
            api_key=workspace["api_key"], account_id=workspace["account_id"], base_url=server.base_url
        ) as client:
            fetched = await client.invoices.get(invoice.id)
            pdf = await client.invoices.pdf(invoice.id)
            seen = [found.id async for found in await client.invoices.list(client_id=billed_client["id"])]
            return fetched, pdf, seen

    fetched, pdf, seen = asyncio.run(main())
    assert fetched.id == invoice.id
    assert pdf.startswith(b"%PDF-")
    assert invoice.id in seen
