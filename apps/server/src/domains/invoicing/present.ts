import type { Executor } from '../../db/client.ts';
import { toNumber } from '../../lib/decimal.ts';
import { calendarDaysBetween } from '../../lib/workspace-clock.ts';
import { dueAmount } from './amounts.ts';
import type { InvoiceWithClient, LineItemRow } from './queries.ts';
import * as queries from './queries.ts';
import type { InvoiceResponse, LineItemResponse } from './schemas.ts';

/**
 * Overdue is derived, never stored: open, something due, and the due date before today in the
 * workspace's time zone (lib/workspace-clock.ts gives `today`).
 */
export function overdueDays(
  invoice: Pick<InvoiceWithClient, 'state' | 'dueDate' | 'amount' | 'paidAmount'>,
  today: string,
) {
  const owed = dueAmount(invoice.amount, invoice.paidAmount) !== '0';
  if (invoice.state !== 'open' || !owed || invoice.dueDate >= today) return 0;
  return calendarDaysBetween(invoice.dueDate, today);
}

function presentLine(line: LineItemRow): LineItemResponse {
  return {
    id: line.id,
    kind: line.kind,
    description: line.description,
    quantity: toNumber(line.quantity),
    unit_price: toNumber(line.unitPrice),
    amount: toNumber(line.amount),
    taxed: line.taxed,
    taxed2: line.taxed2,
    project_id: line.projectId,
    time_entry_count: line.timeEntryCount,
    expense_count: line.expenseCount,
  };
}

function presentInvoice(invoice: InvoiceWithClient, lines: LineItemRow[], today: string): InvoiceResponse {
  const daysOverdue = overdueDays(invoice, today);
  return {
    id: invoice.id,
    client_id: invoice.clientId,
    client: { id: invoice.clientId, name: invoice.clientName },
    number: invoice.number,
    state: invoice.state,
    issue_date: invoice.issueDate,
    due_date: invoice.dueDate,
    payment_term: invoice.paymentTerm,
    subject: invoice.subject,
    purchase_order: invoice.purchaseOrder,
    notes: invoice.notes,
    currency: invoice.currency,
    tax: toNumber(invoice.tax),
    tax_label: invoice.taxLabel,
    tax2: toNumber(invoice.tax2),
    tax2_label: invoice.tax2Label,
    discount: toNumber(invoice.discount),
    subtotal: toNumber(invoice.subtotal),
    discount_amount: toNumber(invoice.discountAmount),
    tax_amount: toNumber(invoice.taxAmount),
    tax2_amount: toNumber(invoice.tax2Amount),
    amount: toNumber(invoice.amount),
    paid_amount: toNumber(invoice.paidAmount),
    due_amount: toNumber(dueAmount(invoice.amount, invoice.paidAmount)),
    is_overdue: daysOverdue > 0,
    days_overdue: daysOverdue,
    already_sent: invoice.state === 'open' && invoice.sentAt !== null,
    is_locked: invoice.state === 'paid' || invoice.state === 'closed',
    period_start: invoice.periodStart,
    period_end: invoice.periodEnd,
    sent_at: invoice.sentAt?.toISOString() ?? null,
    paid_at: invoice.paidAt?.toISOString() ?? null,
    closed_at: invoice.closedAt?.toISOString() ?? null,
    client_key: invoice.clientKey,
    viewed_at: invoice.viewedAt?.toISOString() ?? null,
    line_items: lines.map(presentLine),
    created_at: invoice.createdAt.toISOString(),
    updated_at: invoice.updatedAt.toISOString(),
  };
}

/**
 * Invoices as the API answers them: with their lines and how many entries each line bills. The
 * entries themselves are pages of the entry lists (`?invoice_id=`, `?invoice_line_item_id=`): an
 * import of 10,000 entries would otherwise answer 10,000 ids on every read of its invoice
 * (decision 0055).
 */
export async function presentInvoices(
  db: Executor,
  accountId: string,
  invoices: InvoiceWithClient[],
  today: string,
): Promise<InvoiceResponse[]> {
  const ids = invoices.map((invoice) => invoice.id);
  const lines = await queries.linesOf(db, accountId, ids);
  const linesByInvoice = new Map<string, LineItemRow[]>();
  for (const line of lines) {
    const list = linesByInvoice.get(line.invoiceId);
    if (list === undefined) linesByInvoice.set(line.invoiceId, [line]);
    else list.push(line);
  }
  return invoices.map((invoice) => presentInvoice(invoice, linesByInvoice.get(invoice.id) ?? [], today));
}
