// The invoices resource against the real server: drafts typed and imported, the list walked page by
// page, sending, the PDF's bytes, payments, closing, aging.
import { beforeAll, describe, expect, it } from 'vitest';
import { type Invoice, NotFoundError, ValidationError } from '../src/index.js';
import { createWorld, type TestWorld } from './support/keito.js';

let world: TestWorld;
let clientId: string;

beforeAll(async () => {
  world = await createWorld('Invoicing Ltd');
  clientId = world.fixture.client.id;
  await world.admin.clients.update(clientId, { currency: 'GBP' });
});

const draft = (description = 'Consulting', unit_price = 138.66) =>
  world.admin.invoices.create({
    client_id: clientId,
    tax: 19,
    line_items: [{ description, quantity: 1, unit_price, taxed: true }],
  });

describe('invoices', () => {
  it('creates a draft by importing billable time, with the amounts the server computed', async () => {
    const entry = await world.agent.timeEntries.create({
      project_id: world.fixture.project.id,
      spent_date: '2026-11-03',
      hours: 2,
      notes: 'review run',
      source: 'agent',
    });
    // Approvals is on in a new workspace: only approved time is billed.
    const sheet = await world.agent.timesheets.submit({ from: '2026-11-02', to: '2026-11-08' });
    await world.admin.timesheets.approve(sheet.id);
    const preview = await world.admin.invoices.uninvoiced({ client_id: clientId });
    expect(preview.projects.map((project) => project.project_id)).toContain(world.fixture.project.id);

    const invoice = await world.admin.invoices.create({
      client_id: clientId,
      line_items_import: {
        project_ids: [world.fixture.project.id],
        time: { summary_type: 'detailed', from: '2026-11-01', to: '2026-11-30' },
      },
    });
    expect(invoice).toMatchObject({ state: 'draft', number: null, currency: 'GBP' });
    expect(invoice.line_items.map((line) => line.time_entry_count)).toEqual([1]);
    const [line] = invoice.line_items;
    const onLine = await world.admin.timeEntries.list({ invoice_line_item_id: line?.id ?? '' });
    expect(onLine.data.map((row) => row.id)).toEqual([entry.id]);
    const billed = async (is_billed: boolean) =>
      (await world.admin.timeEntries.list({ project_id: world.fixture.project.id, is_billed })).data.map(
        (row) => row.id,
      );
    expect(await billed(true)).toContain(entry.id);

    await world.admin.invoices.delete(invoice.id);
    expect(await world.admin.invoices.get(invoice.id).catch((error) => error)).toBeInstanceOf(NotFoundError);
    expect(await billed(false)).toContain(entry.id);
  });

  it('updates a draft and computes 19 % on 138.66 to the cent', async () => {
    const invoice = await draft();
    expect(invoice).toMatchObject({
      subtotal: 138.66,
      tax_amount: 26.35,
      amount: 165.01,
      due_amount: 165.01,
    });
    const updated = await world.admin.invoices.update(invoice.id, {
      purchase_order: 'PO-9',
      notes: 'Thanks',
    });
    expect(updated).toMatchObject({ purchase_order: 'PO-9', notes: 'Thanks', amount: 165.01 });
  });

  it('walks every invoice with for await, page after page', async () => {
    const made: Invoice[] = [];
    for (let index = 0; index < 3; index++) made.push(await draft(`Walk ${index}`));
    const seen: string[] = [];
    for await (const invoice of world.admin.invoices.list({ client_id: clientId, limit: 2 }))
      seen.push(invoice.id);
    for (const invoice of made) expect(seen).toContain(invoice.id);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('sends a draft: it opens with a number, and the answer says what was mailed', async () => {
    const invoice = await draft();
    const sent = await world.admin.invoices.send(invoice.id, { to: ['ap@globex.test'], attach_pdf: true });
    expect(sent.invoice.state).toBe('open');
    expect(sent.invoice.number).toMatch(/^INV-/);
    expect(sent).toMatchObject({ message: 'invoice', to: ['ap@globex.test'], cc: [], attach_pdf: true });
    expect(sent.subject).toContain(sent.invoice.number as string);
    const reminder = await world.admin.invoices.send(invoice.id, {
      message: 'reminder',
      to: ['ap@globex.test'],
    });
    expect(reminder.subject).toContain('Reminder');
  });

  it('downloads the PDF as bytes', async () => {
    const invoice = await draft();
    const pdf = await world.admin.invoices.pdf(invoice.id);
    expect(pdf).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe('%PDF-');
  });

  it('records payments until the invoice is paid, lists them with balances, and deletes one to reopen it', async () => {
    const invoice = await world.admin.invoices.markSent((await draft()).id);
    const first = await world.admin.invoices.payments.create(invoice.id, {
      amount: 100,
      paid_date: '2026-11-10',
    });
    expect(first).toMatchObject({ amount: 100, balance: 65.01 });
    const over = await world.admin.invoices.payments
      .create(invoice.id, { amount: 100 })
      .catch((error) => error);
    expect(over).toBeInstanceOf(ValidationError);
    const last = await world.admin.invoices.payments.create(invoice.id, {
      amount: 65.01,
      paid_date: '2026-11-11',
    });
    expect((await world.admin.invoices.get(invoice.id)).state).toBe('paid');
    expect((await world.admin.invoices.payments.list(invoice.id)).map((payment) => payment.balance)).toEqual([
      65.01, 0,
    ]);
    await world.admin.invoices.payments.delete(invoice.id, last.id);
    expect(await world.admin.invoices.get(invoice.id)).toMatchObject({ state: 'open', due_amount: 65.01 });
  });

  it('closes and reopens, issues a new client key, and reports aging', async () => {
    const invoice = await world.admin.invoices.markSent((await draft()).id);
    expect((await world.admin.invoices.close(invoice.id)).state).toBe('closed');
    expect((await world.admin.invoices.reopen(invoice.id)).state).toBe('open');
    const renewed = await world.admin.invoices.regenerateClientKey(invoice.id);
    expect(renewed.client_key).not.toBe(invoice.client_key);
    const aging = await world.admin.invoices.aging();
    expect(aging.totals.find((total) => total.currency === 'GBP')?.total).toBeGreaterThan(0);
  });
});
