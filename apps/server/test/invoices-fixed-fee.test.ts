import { beforeAll, describe, expect, it } from 'vitest';
import { type Api, newWorkspace, startTestServer, type TestServer } from './harness.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

interface Fee {
  admin: Api;
  clientId: string;
  projectId: string;
}

/** A client billed in `currency` and its fixed-fee project "<name> Fee" of `fee`. */
async function feeProject(name: string, fee: number, currency = 'USD'): Promise<Fee> {
  const { admin } = await newWorkspace(server, name);
  const client = await admin.ok('POST', '/v1/clients', { name: `${name} Client`, currency });
  const project = await admin.ok('POST', '/v1/projects', {
    name: `${name} Fee`,
    client_id: client.id,
    billing_type: 'fixed_fee',
    fixed_fee: fee,
  });
  return { admin, clientId: client.id, projectId: project.id };
}

function importFee(f: Fee, percent: number) {
  return f.admin.request('POST', '/v1/invoices', {
    client_id: f.clientId,
    line_items_import: { project_ids: [f.projectId], fixed_fee: { percent } },
  });
}

interface Invoice {
  id: string;
  amount: number;
  line_items: { id: string; description: string; amount: number }[];
}

async function feeInvoice(f: Fee, percent: number): Promise<Invoice> {
  const response = await importFee(f, percent);
  expect(response.status).toBe(201);
  return response.body;
}

/** Sets the invoice's only line, a fee line, to `amount` (and `description`), keeping its id. */
function setFeeLine(f: Fee, invoice: Invoice, amount: number, description = 'Fee') {
  const [line] = invoice.line_items;
  return f.admin.patch(`/v1/invoices/${invoice.id}`, {
    line_items: [{ id: line?.id, description, quantity: 1, unit_price: amount }],
  });
}

async function previewFee(f: Fee): Promise<number | null | undefined> {
  const preview = await f.admin.ok('GET', `/v1/invoices/uninvoiced?client_id=${f.clientId}`);
  return preview.projects.find((row: { project_id: string }) => row.project_id === f.projectId)?.fixed_fee;
}

describe('editing fixed-fee lines', () => {
  it('refuses raising a fee line above what is left after the other invoices, closed ones included', async () => {
    const f = await feeProject('Raise', 1000);
    const first = await feeInvoice(f, 60);
    const second = await feeInvoice(f, 100);
    expect(second.line_items).toEqual([expect.objectContaining({ amount: 400 })]);
    // A written-off invoice still invoiced its part of the fee (decision 0056).
    await f.admin.ok('POST', `/v1/invoices/${first.id}/mark-sent`);
    await f.admin.ok('POST', `/v1/invoices/${first.id}/close`);

    const raised = await setFeeLine(f, second, 400.01);
    expect(raised.status).toBe(422);
    expect(raised.body.error).toMatchObject({ code: 'unprocessable', field: 'line_items' });
    expect(raised.body.error.message).toContain('Only 400 USD of the fixed fee of Raise Fee is left');
    expect(raised.body.error.message).toContain('would come to 400.01 USD');
    expect((await f.admin.ok('GET', `/v1/invoices/${second.id}`)).amount).toBe(400);

    // Lowering, raising within what is left, and editing the text are allowed.
    expect((await setFeeLine(f, second, 250)).status).toBe(200);
    expect(await previewFee(f)).toBe(150);
    const back = await setFeeLine(f, second, 400, 'Raise Fee, the rest');
    expect(back.status).toBe(200);
    expect(back.body.line_items).toEqual([
      expect.objectContaining({ description: 'Raise Fee, the rest', amount: 400 }),
    ]);
    expect(await previewFee(f)).toBeUndefined();

    // A quantity that multiplies the fee is a raise too; a line typed by hand is not a fee line.
    const doubled = await f.admin.patch(`/v1/invoices/${second.id}`, {
      line_items: [{ id: second.line_items[0]?.id, description: 'Fee', quantity: 2, unit_price: 400 }],
    });
    expect(doubled.status).toBe(422);
    const typed = await f.admin.patch(`/v1/invoices/${second.id}`, {
      line_items: [
        { id: second.line_items[0]?.id, description: 'Fee', quantity: 1, unit_price: 400 },
        { description: 'Extra work', quantity: 1, unit_price: 5000, project_id: f.projectId },
      ],
    });
    expect(typed.status).toBe(200);
    expect(typed.body.amount).toBe(5400);
  });

  it('lets a fee line be lowered or reworded when the fee was lowered below what was invoiced', async () => {
    const f = await feeProject('Lowered', 1000);
    const first = await feeInvoice(f, 60);
    const second = await feeInvoice(f, 40);
    await f.admin.ok('PATCH', `/v1/projects/${f.projectId}`, { fixed_fee: 500 });

    expect((await setFeeLine(f, second, 400, 'Reworded')).status).toBe(200);
    expect((await setFeeLine(f, second, 350)).status).toBe(200);
    const raised = await setFeeLine(f, second, 360);
    expect(raised.status).toBe(422);
    expect(raised.body.error.message).toContain('Only 0 USD of the fixed fee of Lowered Fee is left');
    // The other invoice's line is within the fee once this one is removed.
    expect((await f.admin.patch(`/v1/invoices/${second.id}`, { line_items: [] })).status).toBe(200);
    expect((await setFeeLine(f, first, 500)).status).toBe(200);
    expect((await setFeeLine(f, first, 500.5)).status).toBe(422);
    // A project billed by the hour now has no fee left to raise a line to; lowering stays allowed.
    await f.admin.ok('PATCH', `/v1/projects/${f.projectId}`, { billing_type: 'time_and_materials' });
    const noFee = await setFeeLine(f, first, 501);
    expect(noFee.status).toBe(422);
    expect(noFee.body.error.message).toContain('Only 0 USD of the fixed fee of Lowered Fee is left');
    expect((await setFeeLine(f, first, 450)).status).toBe(200);
  });

  it('two edits raising fee lines at the same moment never invoice more than the fee', async () => {
    const f = await feeProject('EditRace', 1000);
    const invoices = [await feeInvoice(f, 20), await feeInvoice(f, 20)];
    // Each fits alone (200 + 700 on the other), not both (700 + 700).
    const results = await Promise.all(invoices.map((invoice) => setFeeLine(f, invoice, 700)));
    expect(results.map((result) => result.status).sort()).toEqual([200, 422]);
    const amounts = await Promise.all(
      invoices.map(async (invoice) => (await f.admin.ok('GET', `/v1/invoices/${invoice.id}`)).amount),
    );
    expect(amounts.sort((x, y) => x - y)).toEqual([200, 700]);
  });

  it('an edit and an import at the same moment never invoice more than the fee', async () => {
    const f = await feeProject('MixedRace', 1000);
    const draft = await feeInvoice(f, 10);
    const [edit, imported] = await Promise.all([setFeeLine(f, draft, 900), importFee(f, 100)]);
    expect(imported.status).toBe(201);
    const total = imported.body.amount + (edit.status === 200 ? 900 : 100);
    expect([200, 422]).toContain(edit.status);
    expect(total).toBe(1000);
  });
});

describe('a fixed fee invoiced in another currency', () => {
  it('is refused by the import and shown without a figure once the client changed currency', async () => {
    const f = await feeProject('Currency', 1000, 'EUR');
    const first = await feeInvoice(f, 30);
    expect(first).toMatchObject({ currency: 'EUR', amount: 300 });
    await f.admin.ok('PATCH', `/v1/clients/${f.clientId}`, { currency: 'USD' });

    const refused = await importFee(f, 50);
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'unprocessable', field: 'line_items_import.fixed_fee' });
    expect(refused.body.error.message).toContain(
      'The fixed fee of Currency Fee was invoiced in EUR, not USD',
    );
    expect(await previewFee(f)).toBeNull();

    // The EUR invoice's own line stays editable in EUR: every fee line is in EUR.
    expect((await setFeeLine(f, first, 700)).status).toBe(200);
    expect((await setFeeLine(f, first, 1000.01)).status).toBe(422);

    // Once nothing of it is invoiced in EUR, the fee is invoiced in USD.
    expect((await setFeeLine(f, first, 0)).status).toBe(200);
    expect(await previewFee(f)).toBe(1000);
    const inUsd = await feeInvoice(f, 30);
    expect(inUsd).toMatchObject({ currency: 'USD', amount: 300 });

    // Raising the EUR line again would invoice the fee in two currencies.
    const twoCurrencies = await setFeeLine(f, first, 100);
    expect(twoCurrencies.status).toBe(422);
    expect(twoCurrencies.body.error.message).toContain(
      'The fixed fee of Currency Fee was invoiced in USD, not EUR',
    );
  });
});
