// The renderer on its own: currencies with 0 and 3 decimals, the workspace's separators and date
// format, the template filler. Text is read back with pdftotext, as a client's tools would.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderInvoicePdf } from './pdf.ts';
import type { InvoiceDocument } from './presentation.ts';
import type { InvoiceResponse, LineItemResponse } from './schemas.ts';
import { fillTemplate, templateValues } from './templates.ts';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'keito-pdf-'));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

async function textOf(document: InvoiceDocument): Promise<string> {
  const file = path.join(scratch, `${Math.random().toString(36).slice(2)}.pdf`);
  await writeFile(file, await renderInvoicePdf(document));
  return (await promisify(execFile)('pdftotext', ['-layout', file, '-'])).stdout;
}

const line = (fields: Partial<LineItemResponse>): LineItemResponse => ({
  id: 'li_1',
  kind: 'Service',
  description: 'Work',
  quantity: 1,
  unit_price: 0,
  amount: 0,
  taxed: true,
  taxed2: false,
  project_id: null,
  time_entry_count: 0,
  expense_count: 0,
  ...fields,
});

function invoice(fields: Partial<InvoiceResponse>): InvoiceResponse {
  return {
    id: 'inv_1',
    client_id: 'cli_1',
    client: { id: 'cli_1', name: 'Client' },
    number: 'INV-2026-0042',
    state: 'open',
    issue_date: '2026-11-01',
    due_date: '2026-12-01',
    payment_term: 'net_30',
    subject: null,
    purchase_order: null,
    notes: null,
    currency: 'USD',
    tax: null,
    tax_label: null,
    tax2: null,
    tax2_label: null,
    discount: null,
    subtotal: 0,
    discount_amount: 0,
    tax_amount: 0,
    tax2_amount: 0,
    amount: 0,
    paid_amount: 0,
    due_amount: 0,
    is_overdue: false,
    days_overdue: 0,
    already_sent: true,
    is_locked: false,
    period_start: null,
    period_end: null,
    sent_at: null,
    paid_at: null,
    closed_at: null,
    client_key: 'key',
    viewed_at: null,
    line_items: [],
    created_at: '2026-11-01T00:00:00.000Z',
    updated_at: '2026-11-01T00:00:00.000Z',
    ...fields,
  };
}

function documentOf(fields: Partial<InvoiceResponse>, extra: Partial<InvoiceDocument> = {}): InvoiceDocument {
  return {
    invoice: invoice(fields),
    company: { name: 'Kaisha KK', address: null, phone: null },
    client: { name: 'Client', address: null },
    accentColor: '#1f6feb',
    logo: null,
    projectCodes: new Map(),
    display: { numberFormat: { decimalSeparator: '.', thousandsSeparator: ',' }, dateFormat: 'YYYY-MM-DD' },
    link: null,
    ...extra,
  };
}

describe('the invoice PDF', () => {
  it('writes yen without decimals and dinars with three', async () => {
    const yen = await textOf(
      documentOf({
        currency: 'JPY',
        tax: 10,
        tax_label: 'JCT',
        line_items: [line({ quantity: 3, unit_price: 1800.5, amount: 5402 })],
        subtotal: 5402,
        tax_amount: 540,
        amount: 5942,
        due_amount: 5942,
      }),
    );
    expect(yen).toMatch(/Total\s+¥5,942\s*$/m);
    expect(yen).toContain('¥1,800.5');

    const dinar = await textOf(
      documentOf({
        currency: 'KWD',
        line_items: [line({ quantity: 1, unit_price: 1.2345, amount: 1.235 })],
        subtotal: 1.235,
        amount: 1.235,
        due_amount: 1.235,
      }),
    );
    expect(dinar).toMatch(/Amount due\s+KWD 1\.235\s*$/m);
  });

  it("uses the workspace's separators and date format, and the paid and due rows", async () => {
    const text = await textOf(
      documentOf(
        {
          currency: 'EUR',
          discount: 12.5,
          line_items: [line({ quantity: 1234.5, unit_price: 10, amount: 12345 })],
          subtotal: 12345,
          discount_amount: 1543.13,
          amount: 10801.87,
          paid_amount: 801.87,
          due_amount: 10000,
        },
        {
          display: {
            numberFormat: { decimalSeparator: ',', thousandsSeparator: '.' },
            dateFormat: 'DD/MM/YYYY',
          },
        },
      ),
    );
    expect(text).toContain('1.234,5');
    expect(text).toMatch(/Discount \(12,5%\)\s+-€1\.543,13\s*$/m);
    expect(text).toMatch(/Paid\s+-€801,87\s*$/m);
    expect(text).toMatch(/Amount due\s+€10\.000,00\s*$/m);
    expect(text).toContain('01/12/2026');
  });

  it('marks a draft, which has no number yet', async () => {
    const text = await textOf(documentOf({ state: 'draft', number: null }));
    expect(text).toMatch(/^\s+DRAFT$/m);
    expect(text).toMatch(/Invoice number\s+Draft/);
  });
});

describe('the email templates', () => {
  const document = documentOf(
    { currency: 'GBP', due_amount: 1800, due_date: '2026-12-01', client_key: 'k3y' },
    {
      client: { name: 'Globex', address: null },
      company: { name: 'OSO', address: null, phone: null },
      link: 'https://time.example.com/client/invoices/k3y',
    },
  );

  it('fills the six fields as the PDF writes them', () => {
    expect(
      fillTemplate(
        '{number} from {company} to {client}: {amount} by {due_date} at {link}',
        templateValues(document),
      ),
    ).toBe(
      'INV-2026-0042 from OSO to Globex: £1,800.00 by 2026-12-01 at https://time.example.com/client/invoices/k3y',
    );
  });

  it('leaves other braces as written and inserts values once', () => {
    const values = { ...templateValues(document), client: '{link}' };
    expect(fillTemplate('Dear {client}, see {PO} {number}', values)).toBe(
      'Dear {link}, see {PO} INV-2026-0042',
    );
  });
});
