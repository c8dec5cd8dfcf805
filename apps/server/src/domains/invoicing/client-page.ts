/**
 * The client page (invoicing/sending-invoices, "Client Invoice Portal"): an invoice read by its
 * unguessable key, without sign-in (docs/decisions/0032-client-invoice-page.md).
 */
import type { Database, Executor } from '../../db/client.ts';
import { toDecimalString } from '../../lib/decimal.ts';
import { NotFoundError } from '../../lib/errors.ts';
import type { Actor } from '../access/actor.ts';
import { workspaceFeatures } from '../workspaces/service.ts';
import { assertCanSend, findReachableInvoice, invoicingAccess } from './access.ts';
import { dueAmount } from './amounts.ts';
import type { ClientInvoiceResponse } from './delivery-schemas.ts';
import { loadInvoiceDocument, presentedInvoice } from './document.ts';
import { withBalances } from './payments.ts';
import type { InvoiceDocument } from './presentation.ts';
import * as queries from './queries.ts';
import type { InvoiceResponse } from './schemas.ts';
import { newClientKey } from './service.ts';

/** The same answer for a wrong key, a replaced key, a draft and a workspace with invoicing off. */
const notFound = () => new NotFoundError('Invoice');

/**
 * The invoice a key opens: one that has left draft (a draft has not been sent, so nobody outside
 * the team has its link yet), in a workspace with invoicing on.
 */
async function invoiceByKey(db: Executor, key: string): Promise<{ accountId: string; id: string }> {
  const row = await queries.findByClientKey(db, key);
  if (row === undefined || row.state === 'draft') throw notFound();
  if (!(await workspaceFeatures(db, row.accountId)).invoicing) throw notFound();
  return row;
}

/** The document of the invoice a key opens, its client page's link at `origin`. */
export async function documentByKey(
  db: Executor,
  key: string,
  origin: string,
): Promise<{ accountId: string; document: InvoiceDocument }> {
  const { accountId, id } = await invoiceByKey(db, key);
  const document = await loadInvoiceDocument(
    db,
    await presentedInvoice(db, accountId, id),
    accountId,
    origin,
  );
  return { accountId, document };
}

/** What paying online needs of the invoice a key opens (the payments domain's checkout). */
export interface PayableInvoice {
  accountId: string;
  id: string;
  number: string;
  state: 'open' | 'paid' | 'closed';
  currency: string;
  /** A decimal string in the invoice's currency. */
  dueAmount: string;
}

export async function payableByKey(db: Executor, key: string): Promise<PayableInvoice> {
  const { accountId, id } = await invoiceByKey(db, key);
  const invoice = await queries.findInvoice(db, accountId, id);
  if (invoice === undefined || invoice.state === 'draft') throw notFound();
  return {
    accountId,
    id,
    number: invoice.number ?? '',
    state: invoice.state,
    currency: invoice.currency,
    dueAmount: dueAmount(invoice.amount, invoice.paidAmount),
  };
}

/** The workspace's invoice logo, through the key of one of its invoices. */
export async function logoByKey(
  db: Executor,
  key: string,
): Promise<{ content: Buffer; contentType: string }> {
  const { accountId } = await invoiceByKey(db, key);
  const logo = await queries.findLogo(db, accountId);
  if (logo === undefined) throw new NotFoundError('Logo');
  return logo;
}

/** GET /client/invoices/:key: the page's view of the invoice; the first one is recorded as `viewed_at`. */
export async function viewClientInvoice(
  db: Database,
  key: string,
  origin: string,
): Promise<ClientInvoiceResponse> {
  const { accountId, document } = await documentByKey(db, key, origin);
  const { invoice } = document;
  const [payments] = await Promise.all([
    queries.paymentsOf(db, accountId, invoice.id),
    queries.recordFirstView(db, accountId, invoice.id, new Date()),
  ]);
  const base = `/v1/client/invoices/${encodeURIComponent(key)}`;
  return {
    company: document.company,
    client: document.client,
    number: invoice.number ?? '',
    state: invoice.state,
    issue_date: invoice.issue_date,
    due_date: invoice.due_date,
    payment_term: invoice.payment_term,
    subject: invoice.subject,
    purchase_order: invoice.purchase_order,
    notes: invoice.notes,
    period_start: invoice.period_start,
    period_end: invoice.period_end,
    currency: invoice.currency,
    tax: invoice.tax,
    tax_label: invoice.tax_label,
    tax2: invoice.tax2,
    tax2_label: invoice.tax2_label,
    discount: invoice.discount,
    subtotal: invoice.subtotal,
    discount_amount: invoice.discount_amount,
    tax_amount: invoice.tax_amount,
    tax2_amount: invoice.tax2_amount,
    amount: invoice.amount,
    paid_amount: invoice.paid_amount,
    due_amount: invoice.due_amount,
    is_overdue: invoice.is_overdue,
    line_items: invoice.line_items.map((line) => ({
      kind: line.kind,
      description: line.description,
      project_code: line.project_id === null ? null : (document.projectCodes.get(line.project_id) ?? null),
      quantity: line.quantity,
      unit_price: line.unit_price,
      amount: line.amount,
    })),
    payments: withBalances(toDecimalString(invoice.amount), payments).map(
      ({ paid_date, amount, balance }) => ({
        paid_date,
        amount,
        balance,
      }),
    ),
    accent_color: document.accentColor,
    logo_url: document.logo === null ? null : `${base}/logo`,
    pdf_url: `${base}/pdf`,
    display: {
      date_format: document.display.dateFormat,
      decimal_separator: document.display.numberFormat.decimalSeparator,
      thousands_separator: document.display.numberFormat.thousandsSeparator,
    },
  };
}

/** POST /invoices/:id/regenerate-key: a new client page key; links sent with the old one stop working. */
export async function regenerateClientKey(db: Database, actor: Actor, id: string): Promise<InvoiceResponse> {
  return db.transaction(async (tx) => {
    const access = await invoicingAccess(tx, actor);
    await findReachableInvoice(tx, access, id, { forUpdate: true });
    assertCanSend(access);
    await queries.updateInvoice(tx, actor.accountId, id, { clientKey: newClientKey() });
    return presentedInvoice(tx, actor.accountId, id);
  });
}
