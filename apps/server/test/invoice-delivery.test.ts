// What the client receives: the PDF, the emails (through the real SMTP mailbox and the job queue)
// and the client page (issue 15, "Sending, the PDF, and the client page").
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startMailbox, type TestMailbox } from '@keito/testkit/mailbox';
import Big from 'big.js';
import { type ParsedMail, simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney, type NumberFormat } from '../src/lib/money.ts';
import { Api, addUser, newWorkspace, startTestServer, type TestServer, type Workspace } from './harness.ts';

const run = promisify(execFile);
let mailbox: TestMailbox;
let server: TestServer;
let workspace: Workspace;
let clientId: string;
let projectId: string;
let scratch: string;

const CONTACT = 'billing@lavallee.test';
const ADMIN = 'admin@maple.test';

/** The text of a PDF as pdftotext extracts it, columns kept on their lines. */
async function pdfText(pdf: Buffer): Promise<string> {
  const file = path.join(scratch, `${Math.random().toString(36).slice(2)}.pdf`);
  await writeFile(file, pdf);
  const { stdout } = await run('pdftotext', ['-layout', file, '-']);
  return stdout;
}

async function download(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  return { response, body: Buffer.from(await response.arrayBuffer()) };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The row of the totals whose label is `label`, with `value` after it on the same line. */
function totalRow(label: string, value: string): RegExp {
  return new RegExp(`${escapeRegExp(label)}\\s+${escapeRegExp(value)}\\s*$`, 'm');
}

const money = (
  amount: number,
  currency: string,
  format: NumberFormat = { decimalSeparator: '.', thousandsSeparator: ',' },
) =>
  // The API's JSON number read back through its shortest decimal, as every view does (decision 0010).
  formatMoney(new Big(String(amount)), currency, format);

async function waitForMail(to: string): Promise<ParsedMail> {
  return simpleParser((await mailbox.waitFor(to)).raw);
}

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'keito-invoice-'));
  mailbox = await startMailbox();
  server = await startTestServer({ mail: { smtpUrl: mailbox.url, from: 'Keito <invoices@keito.test>' } });
  workspace = await newWorkspace(server, 'Maple');
  await workspace.admin.ok('PATCH', '/v1/workspace', { address: '1 Fleet Street\nLondon EC4Y 1AA' });
  const client = await workspace.admin.ok('POST', '/v1/clients', {
    name: 'Lavallée Québec Inc',
    currency: 'CAD',
    address: '500 Rue Sainte-Catherine\nMontréal QC',
  });
  clientId = client.id;
  await workspace.admin.ok('POST', `/v1/clients/${clientId}/contacts`, { first_name: 'Léa', email: CONTACT });
  const project = await workspace.admin.ok('POST', '/v1/projects', {
    name: 'Data platform',
    code: 'LAV-01',
    client_id: clientId,
  });
  projectId = project.id;
  await workspace.admin.ok('PATCH', '/v1/invoice-settings', {
    tax_label: 'GST',
    tax: 5,
    tax2_label: 'QST',
    tax2: 9.975,
    show_project_codes: true,
    accent_color: '#0b7285',
  });
});

afterAll(async () => {
  await mailbox.close();
  await rm(scratch, { recursive: true, force: true });
});

/** A draft with a discount and both Quebec taxes, one line on the project and an untaxed expense. */
async function quebecDraft(extra: Record<string, unknown> = {}) {
  return workspace.admin.ok('POST', '/v1/invoices', {
    client_id: clientId,
    purchase_order: 'PO-4411',
    notes: 'Agent work is billed at the agent rate.',
    discount: 10,
    line_items: [
      {
        description: 'Backend development',
        quantity: 12.5,
        unit_price: 150,
        taxed: true,
        taxed2: true,
        project_id: projectId,
      },
      {
        description: 'review-bot-01 — Code review (Agent)',
        quantity: 6,
        unit_price: 75,
        taxed: true,
        taxed2: true,
      },
      {
        kind: 'Expense',
        description: 'LLM Usage — claude-opus-4-6 tokens',
        quantity: 180,
        unit_price: 0.003,
      },
    ],
    ...extra,
  });
}

describe('the invoice PDF', () => {
  it("prints the totals the API answers, with the lines, the project code, the PO, the notes and the client page's link", async () => {
    const invoice = await quebecDraft();
    const { response, body } = await download(`${server.baseUrl}/v1/invoices/${invoice.id}/pdf`, {
      authorization: `Bearer ${workspace.admin.key}`,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(body);

    expect(text).toMatch(totalRow('Subtotal', money(invoice.subtotal, 'CAD')));
    expect(text).toMatch(totalRow('Discount (10%)', money(-invoice.discount_amount, 'CAD')));
    expect(text).toMatch(totalRow('GST (5%)', money(invoice.tax_amount, 'CAD')));
    expect(text).toMatch(totalRow('QST (9.975%)', money(invoice.tax2_amount, 'CAD')));
    expect(text).toMatch(totalRow('Total', money(invoice.amount, 'CAD')));
    expect(text).toMatch(totalRow('Amount due', money(invoice.due_amount, 'CAD')));
    for (const line of invoice.line_items) expect(text).toContain(money(line.amount, 'CAD'));
    expect(text).toContain('LAV-01');
    expect(text).toContain('CAD 0.003');
    expect(text).toContain('PO-4411');
    expect(text).toContain('Agent work is billed at the agent rate.');
    expect(text).toContain('Lavallée Québec Inc');
    expect(text).toContain('1 Fleet Street');
    expect(text).toContain(`${server.baseUrl}/client/invoices/${invoice.client_key}`);
    // A draft has no number yet, and says so.
    expect(text).toMatch(/Invoice number\s+Draft/);
  });

  it('shows 19 % on 138.66 as the API computes it, to the cent', async () => {
    const invoice = await workspace.admin.ok('POST', '/v1/invoices', {
      client_id: clientId,
      tax: 19,
      line_items: [{ description: 'Consulting', quantity: 1, unit_price: 138.66, taxed: true }],
    });
    expect(invoice).toMatchObject({ subtotal: 138.66, tax_amount: 26.35, amount: 165.01 });
    const { body } = await download(`${server.baseUrl}/v1/invoices/${invoice.id}/pdf`, {
      authorization: `Bearer ${workspace.admin.key}`,
    });
    const text = await pdfText(body);
    expect(text).toMatch(totalRow('GST (19%)', 'CAD 26.35'));
    expect(text).toMatch(totalRow('Total', 'CAD 165.01'));
  });

  it('is refused to a member, who sees no invoices', async () => {
    const invoice = await quebecDraft();
    const member = await addUser(server, workspace, { name: 'Mia Member' });
    expect((await member.api.get(`/v1/invoices/${invoice.id}/pdf`)).status).toBe(403);
  });
});

describe('sending', () => {
  it('emails the invoice to the client with its PDF attached, opens the draft and gives it its number', async () => {
    const draft = await quebecDraft();
    expect(draft.number).toBeNull();
    const sent = await workspace.admin.ok('POST', `/v1/invoices/${draft.id}/send`, { cc_me: true });
    expect(sent.invoice).toMatchObject({ state: 'open', already_sent: true });
    expect(sent.invoice.number).toMatch(/^INV-\d{4}-\d{4}$/);
    expect(sent).toMatchObject({ message: 'invoice', to: [CONTACT], cc: [ADMIN], attach_pdf: true });
    expect(sent.subject).toBe(`Invoice ${sent.invoice.number} from Maple`);
    const due = money(sent.invoice.due_amount, 'CAD');
    expect(sent.body).toContain(due);
    expect(sent.body).toContain(`${server.baseUrl}/client/invoices/${sent.invoice.client_key}`);

    const mail = await waitForMail(CONTACT);
    expect(mail.subject).toBe(sent.subject);
    expect(mail.text?.trim()).toBe(sent.body);
    expect(mail.html).toContain(`href="${server.baseUrl}/client/invoices/${sent.invoice.client_key}"`);
    expect(mail.attachments).toHaveLength(1);
    const [pdf] = mail.attachments;
    expect(pdf?.contentType).toBe('application/pdf');
    expect(pdf?.filename).toBe(`Invoice ${sent.invoice.number}.pdf`);
    const text = await pdfText(pdf?.content as Buffer);
    expect(text).toContain(sent.invoice.number);
    expect(text).toMatch(totalRow('Amount due', due));
    // The sender's copy is the same message, with them in Cc.
    expect(mail.cc).toMatchObject({ value: [{ address: ADMIN }] });
  });

  it('resends an open invoice with its number, to the recipients and text given, without the PDF when asked', async () => {
    const draft = await quebecDraft();
    const first = await workspace.admin.ok('POST', `/v1/invoices/${draft.id}/send`, {});
    await waitForMail(CONTACT);
    const again = await workspace.admin.ok('POST', `/v1/invoices/${draft.id}/send`, {
      to: ['accounts@lavallee.test'],
      subject: 'Copy of {number}',
      body: 'Here is {number} again: {amount} by {due_date}.',
      attach_pdf: false,
    });
    expect(again.invoice.number).toBe(first.invoice.number);
    const mail = await waitForMail('accounts@lavallee.test');
    expect(mail.subject).toBe(`Copy of ${first.invoice.number}`);
    expect(mail.text?.trim()).toBe(
      `Here is ${first.invoice.number} again: ${money(first.invoice.due_amount, 'CAD')} by ${first.invoice.due_date}.`,
    );
    expect(mail.attachments).toHaveLength(0);
  });

  it('sends a payment reminder from its own template, and refuses one for a draft', async () => {
    const draft = await quebecDraft();
    const refused = await workspace.admin.post(`/v1/invoices/${draft.id}/send`, { message: 'reminder' });
    expect(refused.status).toBe(422);
    await workspace.admin.ok('POST', `/v1/invoices/${draft.id}/mark-sent`, {});
    const reminder = await workspace.admin.ok('POST', `/v1/invoices/${draft.id}/send`, {
      message: 'reminder',
    });
    expect(reminder.subject).toBe(`Reminder: invoice ${reminder.invoice.number} from Maple`);
    expect((await waitForMail(CONTACT)).subject).toBe(reminder.subject);
  });

  it('thanks the client by itself when a payment settles the invoice, with the setting on', async () => {
    await workspace.admin.ok('PATCH', '/v1/invoice-settings', {
      thank_you_on_payment: true,
      templates: { thank_you: { subject: 'Thanks for paying {number}', footer: 'Maple Ltd, company 0123' } },
    });
    const draft = await quebecDraft();
    const opened = await workspace.admin.ok('POST', `/v1/invoices/${draft.id}/mark-sent`, {});
    // A part payment settles nothing and thanks nobody; the one that clears the balance does.
    await workspace.admin.ok('POST', `/v1/invoices/${draft.id}/payments`, { amount: 100 });
    await workspace.admin.ok('POST', `/v1/invoices/${draft.id}/payments`, {
      amount: new Big(String(opened.due_amount)).minus(100).toNumber(),
    });
    const mail = await waitForMail(CONTACT);
    expect(mail.subject).toBe(`Thanks for paying ${opened.number}`);
    expect(mail.text).toContain('Maple Ltd, company 0123');
    // A paid invoice can still be sent again, as a copy: it stays paid.
    const copy = await workspace.admin.ok('POST', `/v1/invoices/${draft.id}/send`, {});
    expect(copy.invoice.state).toBe('paid');
    expect((await waitForMail(CONTACT)).subject).toBe(copy.subject);
    await workspace.admin.ok('PATCH', '/v1/invoice-settings', { thank_you_on_payment: false });
  });

  it('needs a recipient: a client without an email contact and no `to` is refused, and nothing opens', async () => {
    const bare = await workspace.admin.ok('POST', '/v1/clients', {
      name: 'No Contacts Ltd',
      currency: 'CAD',
    });
    const draft = await workspace.admin.ok('POST', '/v1/invoices', {
      client_id: bare.id,
      line_items: [{ description: 'Work', quantity: 1, unit_price: 10 }],
    });
    const refused = await workspace.admin.post(`/v1/invoices/${draft.id}/send`, {});
    expect(refused.status).toBe(422);
    expect(refused.body.error.field).toBe('to');
    expect((await workspace.admin.ok('GET', `/v1/invoices/${draft.id}`)).state).toBe('draft');
  });
});

describe('the client page', () => {
  const anonymous = () => new Api(server.baseUrl, undefined);

  it('opens without a session: the invoice, the amount due, the payments; the first view is recorded', async () => {
    const draft = await quebecDraft();
    const opened = await workspace.admin.ok('POST', `/v1/invoices/${draft.id}/mark-sent`, {});
    await workspace.admin.ok('POST', `/v1/invoices/${draft.id}/payments`, {
      amount: 500,
      paid_date: '2026-11-02',
    });
    const page = await anonymous().get(`/v1/client/invoices/${opened.client_key}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({
      number: opened.number,
      state: 'open',
      amount: opened.amount,
      paid_amount: 500,
      due_amount: new Big(String(opened.amount)).minus(500).toNumber(),
      company: { name: 'Maple' },
      client: { name: 'Lavallée Québec Inc' },
      accent_color: '#0b7285',
      pdf_url: `/v1/client/invoices/${opened.client_key}/pdf`,
    });
    expect(page.body.payments).toEqual([
      { paid_date: '2026-11-02', amount: 500, balance: page.body.due_amount },
    ]);
    expect(page.body.line_items[0]).toMatchObject({
      project_code: 'LAV-01',
      description: 'Backend development',
    });
    // The page shows none of the team's ids.
    expect(JSON.stringify(page.body)).not.toContain(draft.id);

    const viewed = await workspace.admin.ok('GET', `/v1/invoices/${draft.id}`);
    expect(viewed.viewed_at).not.toBeNull();
    await anonymous().get(`/v1/client/invoices/${opened.client_key}`);
    expect((await workspace.admin.ok('GET', `/v1/invoices/${draft.id}`)).viewed_at).toBe(viewed.viewed_at);

    const { response, body } = await download(`${server.baseUrl}${page.body.pdf_url}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(await pdfText(body)).toMatch(totalRow('Amount due', money(page.body.due_amount, 'CAD')));
  });

  it('does not open a draft, and a regenerated key retires the old link', async () => {
    const draft = await quebecDraft();
    expect((await anonymous().get(`/v1/client/invoices/${draft.client_key}`)).status).toBe(404);
    const opened = await workspace.admin.ok('POST', `/v1/invoices/${draft.id}/mark-sent`, {});
    expect((await anonymous().get(`/v1/client/invoices/${opened.client_key}`)).status).toBe(200);

    const renewed = await workspace.admin.ok('POST', `/v1/invoices/${draft.id}/regenerate-key`, {});
    expect(renewed.client_key).not.toBe(opened.client_key);
    expect((await anonymous().get(`/v1/client/invoices/${opened.client_key}`)).status).toBe(404);
    expect((await anonymous().get(`/v1/client/invoices/${opened.client_key}/pdf`)).status).toBe(404);
    expect((await anonymous().get(`/v1/client/invoices/${renewed.client_key}`)).status).toBe(200);
  });

  it("shows the workspace's logo, on the page and in the PDF", async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    const upload = await fetch(`${server.baseUrl}/v1/invoice-settings/logo`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${workspace.admin.key}`, 'content-type': 'image/png' },
      body: png,
    });
    expect(upload.status).toBe(200);
    const draft = await quebecDraft();
    const opened = await workspace.admin.ok('POST', `/v1/invoices/${draft.id}/mark-sent`, {});
    const page = await anonymous().get(`/v1/client/invoices/${opened.client_key}`);
    expect(page.body.logo_url).toBe(`/v1/client/invoices/${opened.client_key}/logo`);
    const logo = await download(`${server.baseUrl}${page.body.logo_url}`);
    expect(logo.response.headers.get('content-type')).toBe('image/png');
    expect(logo.body.equals(png)).toBe(true);
    const pdf = await download(`${server.baseUrl}${page.body.pdf_url}`);
    expect(pdf.body.toString('latin1')).toMatch(/\/Subtype \/Image/);
  });

  it('is gone while the workspace has invoicing off', async () => {
    const draft = await quebecDraft();
    const opened = await workspace.admin.ok('POST', `/v1/invoices/${draft.id}/mark-sent`, {});
    await workspace.admin.ok('PATCH', '/v1/workspace', { features: { invoicing: false } });
    try {
      expect((await anonymous().get(`/v1/client/invoices/${opened.client_key}`)).status).toBe(404);
    } finally {
      await workspace.admin.ok('PATCH', '/v1/workspace', { features: { invoicing: true } });
    }
  });
});
