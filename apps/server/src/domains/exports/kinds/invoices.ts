import Big from 'big.js';
import { exponentOf } from '../../../lib/currencies.ts';
import { invoicingAccess } from '../../invoicing/access.ts';
import { listInvoices } from '../../invoicing/service.ts';
import { exportKind } from '../kind.ts';
import { invoicesExportQuery } from '../schemas.ts';
import { allPages, type Column, mapBatches } from '../table.ts';

/** reports/exporting-data.md's invoice columns, with the dates, the amounts an invoice adds up from and its id. */
const COLUMNS: Column[] = [
  { header: 'Invoice Number', type: 'text' },
  { header: 'Client', type: 'text' },
  { header: 'Subject', type: 'text' },
  { header: 'Purchase Order', type: 'text' },
  { header: 'State', type: 'text' },
  { header: 'Issue Date', type: 'date' },
  { header: 'Due Date', type: 'date' },
  { header: 'Period Start', type: 'date' },
  { header: 'Period End', type: 'date' },
  { header: 'Subtotal', type: 'number' },
  { header: 'Discount', type: 'number' },
  { header: 'Tax', type: 'number' },
  { header: 'Tax 2', type: 'number' },
  { header: 'Total Amount', type: 'number' },
  { header: 'Paid', type: 'number' },
  { header: 'Balance', type: 'number' },
  { header: 'Currency', type: 'text' },
  { header: 'Overdue', type: 'yes-no' },
  { header: 'Days Overdue', type: 'number' },
  { header: 'Invoice ID', type: 'text' },
];

const STATES = { draft: 'Draft', open: 'Open', paid: 'Paid', closed: 'Closed' } as const;

/**
 * An amount the list answers, written with its currency's decimals (`1800.00`, `¥1800`): the stored
 * figures are already rounded to the currency (decision 0026), and String() of the JSON number is
 * its exact decimal below 2^33 (decision 0010), so this only pads, never rounds.
 */
function amount(value: number, currency: string): string {
  return new Big(String(value)).toFixed(exponentOf(currency));
}

/**
 * The invoices the actor's list shows (administrators every invoice, managers with the invoice
 * permissions those of the projects they manage, members none: 403 as the list), page after page,
 * with the figures the API answers: payments recorded by hand and online ones alike are in Paid.
 */
export const invoicesExport = exportKind({
  name: 'invoices',
  operationId: 'exportInvoices',
  summary: 'Export the invoices the list shows, as CSV or Excel',
  filters: invoicesExportQuery,
  feature: 'invoicing',
  async open(db, actor, filters) {
    // Refused before the first byte, as a JSON error: the pages are read only as the file is written.
    await invoicingAccess(db, actor);
    // Pages of 100: the list answers each invoice with its lines and the ids of the entries they bill.
    const pages = allPages((cursor) => listInvoices(db, actor, { ...filters, cursor, limit: 100 }));
    const batches = mapBatches(pages, (invoice) => [
      invoice.number,
      invoice.client.name,
      invoice.subject,
      invoice.purchase_order,
      STATES[invoice.state],
      invoice.issue_date,
      invoice.due_date,
      invoice.period_start,
      invoice.period_end,
      amount(invoice.subtotal, invoice.currency),
      amount(invoice.discount_amount, invoice.currency),
      amount(invoice.tax_amount, invoice.currency),
      amount(invoice.tax2_amount, invoice.currency),
      amount(invoice.amount, invoice.currency),
      amount(invoice.paid_amount, invoice.currency),
      amount(invoice.due_amount, invoice.currency),
      invoice.currency,
      invoice.is_overdue,
      invoice.days_overdue,
      invoice.id,
    ]);
    return { columns: COLUMNS, batches };
  },
});
