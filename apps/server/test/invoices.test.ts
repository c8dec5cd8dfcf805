import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Api,
  addUser,
  assign,
  billEntriesOnInvoice,
  type Member,
  newProject,
  newWorkspace,
  startTestServer,
  type TestServer,
  type Workspace,
} from './harness.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

const PERIOD = { from: '2026-11-02', to: '2026-11-08' };

interface Billing {
  workspace: Workspace;
  admin: Api;
  clientId: string;
  projectId: string;
  taskId: string;
  agent: Member;
}

/** A workspace with Approvals off (unless asked), a client billed in `currency`, and a project at 150 an hour. */
async function billing(
  name: string,
  options: { currency?: string; approvals?: boolean } = {},
): Promise<Billing> {
  const workspace = await newWorkspace(server, name);
  const admin = workspace.admin;
  await admin.ok('PATCH', '/v1/workspace', { features: { approvals: options.approvals ?? false } });
  const { clientId, projectId, taskId } = await newProject(workspace, { name, hourly_rate: 150 });
  if (options.currency !== undefined)
    await admin.ok('PATCH', `/v1/clients/${clientId}`, { currency: options.currency });
  const agent = await addUser(server, workspace, { name: `${name} review-bot`, user_type: 'agent' });
  await assign(workspace, projectId, agent.id);
  return { workspace, admin, clientId, projectId, taskId, agent };
}

function logTime(b: Billing, body: Record<string, unknown> = {}) {
  return b.admin.ok('POST', '/v1/time-entries', {
    project_id: b.projectId,
    task_id: b.taskId,
    spent_date: PERIOD.from,
    hours: 2,
    notes: 'work',
    ...body,
  });
}

function importBody(b: Billing, extra: Record<string, unknown> = {}) {
  return {
    client_id: b.clientId,
    line_items_import: {
      project_ids: [b.projectId],
      time: { summary_type: 'project', ...PERIOD },
      ...extra,
    },
  };
}

interface Line {
  id: string;
  time_entry_count: number;
  expense_count: number;
}

/**
 * The ids of the time entries or expenses an invoice, or one line of it, bills: a line item says
 * how many, the entry lists filtered by invoice or line say which.
 */
async function billedBy(
  api: Api,
  resource: 'time-entries' | 'expenses',
  filter: { invoice_id: string } | { invoice_line_item_id: string },
): Promise<string[]> {
  const page = await api.ok('GET', `/v1/${resource}?${new URLSearchParams({ ...filter, limit: '200' })}`);
  return page.data.map((row: { id: string }) => row.id).sort();
}

/** The time entries each line bills, checked against the line's count, all together. */
async function timeBilledByLines(api: Api, lines: Line[]): Promise<string[]> {
  const billed: string[] = [];
  for (const line of lines) {
    const ids = await billedBy(api, 'time-entries', { invoice_line_item_id: line.id });
    expect(ids).toHaveLength(line.time_entry_count);
    billed.push(...ids);
  }
  return billed.sort();
}

describe('free-form invoices and their amounts', () => {
  it('computes the amounts on the server: 19 % on 138.66 is 26.35, the total 165.01', async () => {
    const b = await billing('Vat');
    const invoice = await b.admin.ok('POST', '/v1/invoices', {
      client_id: b.clientId,
      tax: 19,
      line_items: [{ description: 'Design', quantity: 1, unit_price: 138.66, taxed: true }],
    });
    expect(invoice).toMatchObject({
      state: 'draft',
      number: null,
      currency: 'USD',
      subtotal: 138.66,
      tax_amount: 26.35,
      amount: 165.01,
      due_amount: 165.01,
      paid_amount: 0,
      payment_term: 'net_30',
      is_overdue: false,
      already_sent: false,
      is_locked: false,
    });
    expect(invoice.line_items).toEqual([
      expect.objectContaining({
        kind: 'Service',
        description: 'Design',
        quantity: 1,
        unit_price: 138.66,
        amount: 138.66,
      }),
    ]);
    expect(invoice.client_key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await b.admin.ok('GET', `/v1/invoices/${invoice.id}`)).amount).toBe(165.01);
  });

  it('takes the discount off the subtotal, then each tax on what is left: Quebec GST and QST', async () => {
    const b = await billing('Quebec', { currency: 'CAD' });
    const invoice = await b.admin.ok('POST', '/v1/invoices', {
      client_id: b.clientId,
      tax: 5,
      tax2: 9.975,
      discount: 10,
      line_items: [
        { description: 'A', quantity: 1, unit_price: 100, taxed: true, taxed2: true },
        { description: 'B', quantity: 1, unit_price: 38.66, taxed: true, taxed2: true },
      ],
    });
    // discount 13.866 -> 13.87; base 124.79; GST 6.2395 -> 6.24; QST 12.4478... -> 12.45; 124.79 + 6.24 + 12.45
    expect(invoice).toMatchObject({
      currency: 'CAD',
      subtotal: 138.66,
      discount_amount: 13.87,
      tax_amount: 6.24,
      tax2_amount: 12.45,
      amount: 143.48,
    });
  });

  it('rounds to the currency: JPY to whole yen, KWD to three decimals', async () => {
    const yen = await billing('Yen', { currency: 'JPY' });
    const jpy = await yen.admin.ok('POST', '/v1/invoices', {
      client_id: yen.clientId,
      tax: 10,
      line_items: [{ description: 'Work', quantity: 1.5, unit_price: 1001, taxed: true }],
    });
    expect([jpy.subtotal, jpy.tax_amount, jpy.amount]).toEqual([1502, 150, 1652]);
    const dinar = await billing('Dinar', { currency: 'KWD' });
    const kwd = await dinar.admin.ok('POST', '/v1/invoices', {
      client_id: dinar.clientId,
      tax: 5,
      line_items: [{ description: 'Work', quantity: 2.5, unit_price: 1.2345, taxed: true }],
    });
    expect([kwd.subtotal, kwd.tax_amount, kwd.amount]).toEqual([3.086, 0.154, 3.24]);
  });

  it('recomputes the amounts when lines are edited through PATCH, keeping the lines given by id', async () => {
    const b = await billing('Edit');
    const invoice = await b.admin.ok('POST', '/v1/invoices', {
      client_id: b.clientId,
      line_items: [
        { description: 'One', quantity: 1, unit_price: 10 },
        { description: 'Two', quantity: 2, unit_price: 20 },
      ],
    });
    const [one] = invoice.line_items;
    const edited = await b.admin.ok('PATCH', `/v1/invoices/${invoice.id}`, {
      discount: 50,
      line_items: [
        { description: 'Three', quantity: 3, unit_price: 30 },
        { id: one.id, description: 'One again', quantity: 1, unit_price: 10 },
      ],
    });
    expect(edited.line_items.map((line: { description: string }) => line.description)).toEqual([
      'Three',
      'One again',
    ]);
    expect(edited.line_items[1].id).toBe(one.id);
    expect([edited.subtotal, edited.discount_amount, edited.amount]).toEqual([100, 50, 50]);
  });

  it('refuses a kind that is not an item category, and a custom term without a due date', async () => {
    const b = await billing('Kinds');
    const kind = await b.admin.post('/v1/invoices', {
      client_id: b.clientId,
      line_items: [{ kind: 'Gadget', description: 'x', quantity: 1, unit_price: 1 }],
    });
    expect(kind.status).toBe(422);
    expect(kind.body.error.field).toBe('line_items.0.kind');
    const custom = await b.admin.post('/v1/invoices', { client_id: b.clientId, payment_term: 'custom' });
    expect(custom.status).toBe(422);
    expect(custom.body.error.field).toBe('due_date');
  });
});

describe('importing time and expenses', () => {
  it('bills the billable, uninvoiced time of the period, links and locks the entries, and says (Agent)', async () => {
    const b = await billing('Import');
    const human = await logTime(b, { hours: 2 });
    const bot = await logTime(b, { hours: 1.5, user_id: b.agent.id });
    const outside = await logTime(b, { spent_date: '2026-11-09' });
    const unbillable = await logTime(b, { is_billable: false });

    const invoice = await b.admin.ok('POST', '/v1/invoices', {
      client_id: b.clientId,
      line_items_import: { project_ids: [b.projectId], time: { summary_type: 'people', ...PERIOD } },
    });
    const descriptions = invoice.line_items.map((line: { description: string }) => line.description).sort();
    // The administrator is named after their email; the agent's line says it is an agent.
    expect(descriptions).toEqual(['Import review-bot (Agent)', 'admin']);
    expect(invoice.amount).toBe(525); // 3.5 h at 150
    expect(invoice.period_start).toBe(PERIOD.from);
    expect(invoice.period_end).toBe(PERIOD.to);
    const billed = await timeBilledByLines(b.admin, invoice.line_items);
    expect(billed).toEqual([human.id, bot.id].sort());

    const entry = await b.admin.ok('GET', `/v1/time-entries/${human.id}`);
    expect(entry).toMatchObject({ invoice_id: invoice.id, is_locked: true });
    const edit = await b.admin.patch(`/v1/time-entries/${human.id}`, { hours: 3 });
    expect(edit.status).toBe(422);
    expect(edit.body.error).toMatchObject({ code: 'entry_locked', reason: 'invoiced' });
    for (const id of [outside.id, unbillable.id]) {
      expect((await b.admin.ok('GET', `/v1/time-entries/${id}`)).invoice_id).toBeNull();
    }
    const billedList = await b.admin.ok('GET', '/v1/time-entries?is_billed=true');
    expect(billedList.data.map((row: { id: string }) => row.id).sort()).toEqual([human.id, bot.id].sort());
    // The list reads each entry's invoice from its link as the single read does.
    expect(billedList.data.map((row: { invoice_id: string }) => row.invoice_id)).toEqual([
      invoice.id,
      invoice.id,
    ]);
  });

  it('never bills an entry twice: a second import of the period finds nothing', async () => {
    const b = await billing('Twice');
    await logTime(b);
    const first = await b.admin.ok('POST', '/v1/invoices', importBody(b));
    expect(first.line_items).toHaveLength(1);
    // Finding nothing, the second is refused rather than made an empty draft (decision 0067).
    const second = await b.admin.post('/v1/invoices', importBody(b));
    expect(second.status).toBe(422);
    expect((await b.admin.ok('GET', '/v1/invoices')).data.map((i: { id: string }) => i.id)).toEqual([
      first.id,
    ]);
  });

  it('two imports of one period at the same moment never share an entry', async () => {
    const b = await billing('Race');
    const entries = [];
    for (let day = 2; day <= 8; day++) {
      entries.push(await logTime(b, { spent_date: `2026-11-0${day}` }));
    }
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        b.admin.post('/v1/invoices', importBody(b, { time: { summary_type: 'detailed', ...PERIOD } })),
      ),
    );
    // A request that runs once another has committed finds nothing and is refused (decision 0067).
    for (const result of results) expect([201, 409, 422]).toContain(result.status);
    const billed: string[] = [];
    for (const result of results.filter((r) => r.status === 201)) {
      billed.push(...(await timeBilledByLines(b.admin, result.body.line_items)));
    }
    expect(new Set(billed).size).toBe(billed.length);
    expect(billed.sort()).toEqual(entries.map((entry) => entry.id).sort());
    for (const result of results.filter((r) => r.status === 409))
      expect(result.body.error.code).toBe('conflict');
    for (const result of results.filter((r) => r.status === 422))
      expect(result.body.error.code).toBe('unprocessable');
  });

  it('while Approvals is on, only approved entries are billed', async () => {
    const b = await billing('Approved', { approvals: true });
    const member = await addUser(server, b.workspace, { name: 'Approved Member' });
    await assign(b.workspace, b.projectId, member.id);
    const approved = await member.api.ok('POST', '/v1/time-entries', {
      project_id: b.projectId,
      spent_date: PERIOD.from,
      hours: 1,
    });
    const sheet = await member.api.ok('POST', '/v1/timesheets/submit', PERIOD);
    await b.admin.ok('POST', `/v1/timesheets/${sheet.id}/approve`);
    await logTime(b, { spent_date: '2026-11-03' }); // unsubmitted
    const invoice = await b.admin.ok('POST', '/v1/invoices', importBody(b));
    expect(await timeBilledByLines(b.admin, invoice.line_items)).toEqual([approved.id]);
  });

  it('removing a line or deleting the draft releases its entries; closing does not', async () => {
    const b = await billing('Release');
    const entry = await logTime(b);
    const draft = await b.admin.ok('POST', '/v1/invoices', importBody(b));
    await b.admin.ok('PATCH', `/v1/invoices/${draft.id}`, { line_items: [] });
    expect((await b.admin.ok('GET', `/v1/time-entries/${entry.id}`)).invoice_id).toBeNull();

    const again = await b.admin.ok('POST', '/v1/invoices', importBody(b));
    expect(await timeBilledByLines(b.admin, again.line_items.slice(0, 1))).toEqual([entry.id]);
    expect((await b.admin.delete(`/v1/invoices/${again.id}`)).status).toBe(204);
    expect((await b.admin.ok('GET', `/v1/time-entries/${entry.id}`)).invoice_id).toBeNull();

    const closing = await b.admin.ok('POST', '/v1/invoices', importBody(b));
    await b.admin.ok('POST', `/v1/invoices/${closing.id}/mark-sent`);
    await b.admin.ok('POST', `/v1/invoices/${closing.id}/close`);
    expect((await b.admin.ok('GET', `/v1/time-entries/${entry.id}`)).invoice_id).toBe(closing.id);
    const deleteIssued = await b.admin.delete(`/v1/invoices/${closing.id}`);
    expect(deleteIssued.status).toBe(422);
  });

  it('bills LLM Usage as lines of model and tokens, apart from other expenses', async () => {
    const b = await billing('Llm', { currency: 'GBP' });
    const llm = await b.agent.api.ok('POST', '/v1/expenses', {
      project_id: b.projectId,
      expense_category_id: 'cat_llm_usage',
      spent_date: PERIOD.from,
      units: 120,
      notes: 'claude-opus-4-6: review',
    });
    await b.agent.api.ok('POST', '/v1/expenses', {
      project_id: b.projectId,
      expense_category_id: 'cat_llm_usage',
      spent_date: '2026-11-03',
      units: 60,
      metadata: { model: 'claude-opus-4-6' },
    });
    const taxi = await b.admin.ok('POST', '/v1/expenses', {
      project_id: b.projectId,
      expense_category_id: 'cat_transportation',
      spent_date: PERIOD.from,
      total_cost: 12.5,
    });
    const invoice = await b.admin.ok('POST', '/v1/invoices', {
      client_id: b.clientId,
      line_items_import: { project_ids: [b.projectId], expenses: { summary_type: 'category', ...PERIOD } },
    });
    const lines = invoice.line_items;
    expect(lines).toHaveLength(2);
    const llmLine = lines.find((line: { description: string }) => line.description.startsWith('LLM Usage'));
    expect(llmLine).toMatchObject({
      kind: 'Expense',
      description: 'LLM Usage — claude-opus-4-6, 180k tokens',
      quantity: 180,
      unit_price: 0.003,
      amount: 0.54,
    });
    expect(llmLine.expense_count).toBe(2);
    expect(await billedBy(b.admin, 'expenses', { invoice_line_item_id: llmLine.id })).toContain(llm.id);
    const taxiLine = lines.find((line: { description: string }) => line.description === 'Transportation');
    expect(taxiLine).toMatchObject({ quantity: 1, unit_price: 12.5, amount: 12.5, expense_count: 1 });
    expect(await billedBy(b.admin, 'expenses', { invoice_line_item_id: taxiLine.id })).toEqual([taxi.id]);
    expect((await b.admin.ok('GET', `/v1/expenses/${taxi.id}`)).invoice_id).toBe(invoice.id);
  });

  it('bills a fixed-fee project by its fee, or a part of it, not by its hours', async () => {
    const b = await billing('Fee');
    const fixed = await b.admin.ok('POST', '/v1/projects', {
      name: 'Fee Website',
      client_id: b.clientId,
      billing_type: 'fixed_fee',
      fixed_fee: 5000,
    });
    const invoice = await b.admin.ok('POST', '/v1/invoices', {
      client_id: b.clientId,
      line_items_import: {
        project_ids: [fixed.id],
        time: { summary_type: 'project' },
        fixed_fee: { percent: 50 },
      },
    });
    expect(invoice.line_items).toEqual([
      expect.objectContaining({
        description: 'Fee Website — fixed fee (50 %)',
        amount: 2500,
        project_id: fixed.id,
      }),
    ]);
  });

  it('offers only what is left of a fixed fee, and nothing once all of it is invoiced', async () => {
    const b = await billing('Remainder');
    const fixed = await b.admin.ok('POST', '/v1/projects', {
      name: 'Fee Shop',
      client_id: b.clientId,
      billing_type: 'fixed_fee',
      fixed_fee: 1000,
    });
    const feeImport = (percent: number) => ({
      client_id: b.clientId,
      line_items_import: { project_ids: [fixed.id], fixed_fee: { percent } },
    });
    const preview = async () =>
      (await b.admin.ok('GET', `/v1/invoices/uninvoiced?client_id=${b.clientId}`)).projects;

    const first = await b.admin.ok('POST', '/v1/invoices', feeImport(30));
    expect(first.line_items).toEqual([
      expect.objectContaining({ description: 'Fee Shop — fixed fee (30 %)', amount: 300 }),
    ]);
    expect(await preview()).toEqual([expect.objectContaining({ project_id: fixed.id, fixed_fee: 700 })]);

    // A part that fits is offered as asked; one that does not is capped to what is left.
    const second = await b.admin.ok('POST', '/v1/invoices', feeImport(50));
    expect(second.line_items).toEqual([expect.objectContaining({ amount: 500 })]);
    const third = await b.admin.ok('POST', '/v1/invoices', feeImport(100));
    expect(third.line_items).toEqual([
      expect.objectContaining({ description: 'Fee Shop — fixed fee (remainder)', amount: 200 }),
    ]);
    expect(await preview()).toEqual([]);
    const fourth = await b.admin.post('/v1/invoices', feeImport(100));
    expect(fourth.status).toBe(422);
    expect(fourth.body.error.message).toBe(
      'Nothing to invoice for Remainder Client: no fixed fee left to invoice',
    );

    // Closing keeps what was invoiced; deleting a draft gives its part back.
    await b.admin.ok('POST', `/v1/invoices/${first.id}/mark-sent`);
    await b.admin.ok('POST', `/v1/invoices/${first.id}/close`);
    expect((await b.admin.delete(`/v1/invoices/${third.id}`)).status).toBe(204);
    expect(await preview()).toEqual([expect.objectContaining({ project_id: fixed.id, fixed_fee: 200 })]);
    // An edited fee line counts for what it now comes to; removing it gives its part back.
    await b.admin.ok('PATCH', `/v1/invoices/${second.id}`, {
      line_items: [
        { id: second.line_items[0].id, description: 'Fee Shop, part two', quantity: 1, unit_price: 400 },
      ],
    });
    expect(await preview()).toEqual([expect.objectContaining({ fixed_fee: 300 })]);
    await b.admin.ok('PATCH', `/v1/invoices/${second.id}`, { line_items: [] });
    expect(await preview()).toEqual([expect.objectContaining({ fixed_fee: 700 })]);
    const again = await b.admin.ok('POST', '/v1/invoices', feeImport(100));
    expect(again.line_items).toEqual([
      expect.objectContaining({ description: 'Fee Shop — fixed fee (remainder)', amount: 700 }),
    ]);
  });

  it('two imports of one fixed fee at the same moment never invoice more than the fee', async () => {
    const b = await billing('FeeRace');
    const fixed = await b.admin.ok('POST', '/v1/projects', {
      name: 'Fee Race',
      client_id: b.clientId,
      billing_type: 'fixed_fee',
      fixed_fee: 1000,
    });
    const results = await Promise.all(
      [60, 60, 60].map((percent) =>
        b.admin.post('/v1/invoices', {
          client_id: b.clientId,
          line_items_import: { project_ids: [fixed.id], fixed_fee: { percent } },
        }),
      ),
    );
    // The last to run finds nothing left and is refused rather than made an empty draft (decision 0067).
    expect(results.map((result) => result.status).sort()).toEqual([201, 201, 422]);
    const amounts = results
      .filter((result) => result.status === 201)
      .map((result) => result.body.amount)
      .sort((x: number, y: number) => x - y);
    expect(amounts).toEqual([400, 600]);
  });

  it('previews what an import would pull, per project', async () => {
    const b = await billing('Preview');
    await logTime(b, { hours: 1.25 });
    await logTime(b, { hours: 2 });
    const preview = await b.admin.ok(
      'GET',
      `/v1/invoices/uninvoiced?client_id=${b.clientId}&from=${PERIOD.from}&to=${PERIOD.to}`,
    );
    expect(preview.projects).toEqual([
      expect.objectContaining({
        project_id: b.projectId,
        hours: 3.25,
        time_amount: 487.5,
        time_entry_count: 2,
      }),
    ]);
  });
});

describe('work awaiting approval, and imports that pull nothing', () => {
  /**
   * Approvals on, a client billed in EUR with two projects in the period: on the first, one approved
   * entry, a member's submitted timesheet (1.33 h, 2 h and a 20.00 expense), and an unsubmitted
   * 0.5 h and 5.55 expense; non-billable, out-of-period and invoiced entries beside them. The second
   * project has only an unsubmitted 2 h.
   */
  async function awaiting(name: string) {
    const b = await billing(name, { approvals: true, currency: 'EUR' });
    const second = await b.admin.ok('POST', '/v1/projects', {
      name: `${name} Second`,
      client_id: b.clientId,
      hourly_rate: 100,
    });
    const approver = await addUser(server, b.workspace, { name: `${name} Approved` });
    const waiter = await addUser(server, b.workspace, { name: `${name} Waiting` });
    for (const member of [approver, waiter]) await assign(b.workspace, b.projectId, member.id);
    const approved = await approver.api.ok('POST', '/v1/time-entries', {
      project_id: b.projectId,
      spent_date: PERIOD.from,
      hours: 1,
    });
    await b.admin.ok(
      'POST',
      `/v1/timesheets/${(await approver.api.ok('POST', '/v1/timesheets/submit', PERIOD)).id}/approve`,
    );
    const submitted = [
      await waiter.api.ok('POST', '/v1/time-entries', {
        project_id: b.projectId,
        spent_date: PERIOD.from,
        hours: 1.33,
      }),
      await waiter.api.ok('POST', '/v1/time-entries', {
        project_id: b.projectId,
        spent_date: '2026-11-04',
        hours: 2,
      }),
    ];
    const expense = await waiter.api.ok('POST', '/v1/expenses', {
      project_id: b.projectId,
      expense_category_id: 'cat_meals',
      spent_date: '2026-11-05',
      total_cost: 20,
    });
    const sheet = await waiter.api.ok('POST', '/v1/timesheets/submit', PERIOD);
    const unsubmitted = await logTime(b, { hours: 0.5, spent_date: '2026-11-06' });
    const unsubmittedExpense = await b.admin.ok('POST', '/v1/expenses', {
      project_id: b.projectId,
      expense_category_id: 'cat_meals',
      spent_date: '2026-11-06',
      total_cost: 5.55,
    });
    await logTime(b, { is_billable: false });
    await logTime(b, { spent_date: '2026-11-09' });
    await billEntriesOnInvoice(server, b.workspace, {
      clientId: b.clientId,
      table: 'time_entries',
      where: `id = '${(await logTime(b, { hours: 8 })).id}'`,
    });
    await logTime(b, { project_id: second.id, task_id: undefined, hours: 2 });
    return { ...b, second, approved, submitted, expense, unsubmitted, unsubmittedExpense, sheet };
  }

  const previewOf = async (b: Billing) =>
    (
      await b.admin.ok(
        'GET',
        `/v1/invoices/uninvoiced?client_id=${b.clientId}&from=${PERIOD.from}&to=${PERIOD.to}`,
      )
    ).projects;

  it('previews, per project, what waits for approval beside what an import would pull', async () => {
    const b = await awaiting('Waits');
    const nothing = {
      hours: 0,
      time_entry_count: 0,
      unsubmitted_time_entry_count: 0,
      expense_amount: 0,
      expense_count: 0,
      unsubmitted_expense_count: 0,
    };
    expect(await previewOf(b)).toEqual([
      expect.objectContaining({
        project_id: b.projectId,
        hours: 1,
        time_amount: 150,
        time_entry_count: 1,
        expense_amount: 0,
        expense_count: 0,
        awaiting_approval: {
          hours: 3.83,
          time_entry_count: 3,
          unsubmitted_time_entry_count: 1,
          expense_amount: 25.55,
          expense_count: 2,
          unsubmitted_expense_count: 1,
        },
      }),
      // Only awaiting work: listed all the same, with nothing to import.
      expect.objectContaining({
        project_id: b.second.id,
        hours: 0,
        time_entry_count: 0,
        awaiting_approval: { ...nothing, hours: 2, time_entry_count: 1, unsubmitted_time_entry_count: 1 },
      }),
    ]);

    // Approvals off: the same work is all importable, and nothing awaits.
    await b.admin.ok('PATCH', '/v1/workspace', { features: { approvals: false } });
    expect(await previewOf(b)).toEqual([
      expect.objectContaining({
        project_id: b.projectId,
        hours: 4.83,
        time_entry_count: 4,
        expense_amount: 25.55,
        expense_count: 2,
        awaiting_approval: nothing,
      }),
      expect.objectContaining({ project_id: b.second.id, hours: 2, awaiting_approval: nothing }),
    ]);
  });

  it('refuses an import that pulls nothing, says what awaits approval, and writes nothing', async () => {
    const b = await awaiting('Refused');
    // Both projects, with the approved entry already invoiced: nothing left to pull.
    const first = await b.admin.ok('POST', '/v1/invoices', importBody(b));
    expect(await timeBilledByLines(b.admin, first.line_items)).toEqual([b.approved.id]);
    const invoices = async () =>
      (await b.admin.ok('GET', '/v1/invoices')).data.map((i: { id: string }) => i.id);
    const before = await invoices();
    const everything = {
      client_id: b.clientId,
      line_items_import: {
        project_ids: [b.projectId, b.second.id],
        time: { summary_type: 'project', ...PERIOD },
        expenses: { summary_type: 'project', ...PERIOD },
      },
    };
    const refused = await b.admin.post('/v1/invoices', everything);
    expect(refused.status).toBe(422);
    expect(refused.body.error).toEqual({
      code: 'unprocessable',
      field: 'line_items_import',
      message:
        'Nothing to invoice for Refused Client between 2026-11-02 and 2026-11-08: 4 time entries (5.83 h) ' +
        'and 2 expenses (€25.55) await approval, 3 of them not submitted yet',
    });
    const timeOnly = await b.admin.post('/v1/invoices', {
      client_id: b.clientId,
      line_items_import: { project_ids: [b.second.id], time: { summary_type: 'people', ...PERIOD } },
    });
    expect(timeOnly.body.error.message).toBe(
      'Nothing to invoice for Refused Client between 2026-11-02 and 2026-11-08: 1 time entry (2.00 h) ' +
        'awaits approval, not submitted yet',
    );
    // No draft was written, and no entry was taken.
    expect(await invoices()).toEqual(before);
    for (const entry of [...b.submitted, b.unsubmitted]) {
      expect((await b.admin.ok('GET', `/v1/time-entries/${entry.id}`)).invoice_id).toBeNull();
    }
    for (const expense of [b.expense, b.unsubmittedExpense]) {
      expect((await b.admin.ok('GET', `/v1/expenses/${expense.id}`)).invoice_id).toBeNull();
    }

    // A typed line beside the empty import is a draft of that line.
    const typed = await b.admin.ok('POST', '/v1/invoices', {
      ...everything,
      line_items: [{ description: 'Setup', quantity: 1, unit_price: 90 }],
    });
    expect(typed.line_items).toEqual([expect.objectContaining({ description: 'Setup', amount: 90 })]);

    // Once approved, the same import bills them.
    await b.admin.ok('POST', `/v1/timesheets/${b.sheet.id}/approve`);
    const billed = await b.admin.ok('POST', '/v1/invoices', everything);
    expect(billed.line_items.map((line: Line) => [line.time_entry_count, line.expense_count])).toEqual([
      [2, 0],
      [0, 1],
    ]);
  });

  it('while Approvals is off, says nothing is billable and uninvoiced', async () => {
    const b = await billing('Empty');
    await logTime(b, { is_billable: false });
    const refused = await b.admin.post('/v1/invoices', {
      client_id: b.clientId,
      line_items_import: {
        project_ids: [b.projectId],
        time: { summary_type: 'project', from: PERIOD.from },
        expenses: { summary_type: 'category', from: PERIOD.from },
      },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toBe(
      'Nothing to invoice for Empty Client from 2026-11-02: no billable, uninvoiced time entries or expenses',
    );
    expect((await b.admin.ok('GET', '/v1/invoices')).data).toEqual([]);
  });
});

describe('numbers and states', () => {
  it('numbers an invoice when it first leaves draft, from the pattern and the settable next number', async () => {
    const b = await billing('Numbers');
    const first = await b.admin.ok('POST', '/v1/invoices', {
      client_id: b.clientId,
      issue_date: '2026-03-05',
    });
    const sent = await b.admin.ok('POST', `/v1/invoices/${first.id}/mark-sent`);
    expect(sent).toMatchObject({ state: 'open', number: 'INV-2026-0001', already_sent: true });
    await b.admin.ok('PATCH', '/v1/invoice-settings', {
      number_pattern: '{YY}{MM}/{#####}',
      next_number: 120,
    });
    const second = await b.admin.ok('POST', '/v1/invoices', {
      client_id: b.clientId,
      issue_date: '2026-04-01',
    });
    expect((await b.admin.ok('POST', `/v1/invoices/${second.id}/mark-sent`)).number).toBe('2604/00120');
    // Marking again keeps the number.
    expect((await b.admin.ok('POST', `/v1/invoices/${first.id}/mark-sent`)).number).toBe('INV-2026-0001');
  });

  it('gives twenty invoices issued at once twenty consecutive numbers', async () => {
    const b = await billing('Twenty');
    const drafts = [];
    for (let i = 0; i < 20; i++) {
      drafts.push(
        await b.admin.ok('POST', '/v1/invoices', { client_id: b.clientId, issue_date: '2026-05-01' }),
      );
    }
    const issued = await Promise.all(
      drafts.map((draft) => b.admin.post(`/v1/invoices/${draft.id}/mark-sent`, undefined)),
    );
    expect(issued.map((response) => response.status)).toEqual(drafts.map(() => 200));
    const numbers = issued.map((response) => response.body.number).sort();
    expect(numbers).toEqual(
      Array.from({ length: 20 }, (_, i) => `INV-2026-${String(i + 1).padStart(4, '0')}`),
    );
  });

  it('closes and reopens; paid and closed invoices are locked', async () => {
    const b = await billing('States');
    const invoice = await b.admin.ok('POST', '/v1/invoices', {
      client_id: b.clientId,
      line_items: [{ description: 'x', quantity: 1, unit_price: 100 }],
    });
    expect((await b.admin.post(`/v1/invoices/${invoice.id}/close`, undefined)).status).toBe(422);
    await b.admin.ok('POST', `/v1/invoices/${invoice.id}/mark-sent`);
    const closed = await b.admin.ok('POST', `/v1/invoices/${invoice.id}/close`);
    expect(closed).toMatchObject({ state: 'closed', is_locked: true });
    const locked = await b.admin.patch(`/v1/invoices/${invoice.id}`, { subject: 'x' });
    expect(locked.status).toBe(422);
    expect(locked.body.error.code).toBe('invoice_locked');
    expect((await b.admin.ok('POST', `/v1/invoices/${invoice.id}/reopen`)).state).toBe('open');
    await b.admin.ok('POST', `/v1/invoices/${invoice.id}/payments`, { amount: 100, paid_date: '2026-05-02' });
    const paid = await b.admin.patch(`/v1/invoices/${invoice.id}`, { subject: 'x' });
    expect(paid.body.error.code).toBe('invoice_locked');
  });
});

describe('payments', () => {
  it('records partial payments, is paid exactly when nothing is due, refuses overpaying, and reopens on delete', async () => {
    const b = await billing('Pay');
    const invoice = await b.admin.ok('POST', '/v1/invoices', {
      client_id: b.clientId,
      tax: 19,
      line_items: [{ description: 'x', quantity: 1, unit_price: 138.66, taxed: true }],
    });
    expect((await b.admin.post(`/v1/invoices/${invoice.id}/payments`, { amount: 1 })).status).toBe(422);
    await b.admin.ok('POST', `/v1/invoices/${invoice.id}/mark-sent`);
    const first = await b.admin.ok('POST', `/v1/invoices/${invoice.id}/payments`, {
      amount: 100,
      paid_date: '2026-05-01',
      notes: 'cheque 12',
    });
    expect(first).toMatchObject({ amount: 100, balance: 65.01, notes: 'cheque 12' });
    expect((await b.admin.ok('GET', `/v1/invoices/${invoice.id}`)).state).toBe('open');
    const over = await b.admin.post(`/v1/invoices/${invoice.id}/payments`, { amount: 65.02 });
    expect(over.status).toBe(422);
    expect(over.body.error.field).toBe('amount');
    const cents = await b.admin.post(`/v1/invoices/${invoice.id}/payments`, { amount: 0.001 });
    expect(cents.status).toBe(422);
    await b.admin.ok('POST', `/v1/invoices/${invoice.id}/payments`, {
      amount: 65.01,
      paid_date: '2026-05-03',
      transaction_id: 'tx-1',
    });
    const paid = await b.admin.ok('GET', `/v1/invoices/${invoice.id}`);
    expect(paid).toMatchObject({ state: 'paid', paid_amount: 165.01, due_amount: 0 });
    const history = await b.admin.ok('GET', `/v1/invoices/${invoice.id}/payments`);
    expect(history.data.map((payment: { balance: number }) => payment.balance)).toEqual([65.01, 0]);

    expect((await b.admin.delete(`/v1/invoices/${invoice.id}/payments/${first.id}`)).status).toBe(204);
    expect(await b.admin.ok('GET', `/v1/invoices/${invoice.id}`)).toMatchObject({
      state: 'open',
      paid_amount: 65.01,
      due_amount: 100,
    });
  });
});

describe('recordPayment, the one way payments are written', () => {
  it("records a provider's transaction once however often it is delivered", async () => {
    const { recordPayment } = await import('../src/domains/invoicing/payments.ts');
    const b = await billing('Provider');
    const invoice = await b.admin.ok('POST', '/v1/invoices', {
      client_id: b.clientId,
      line_items: [{ description: 'x', quantity: 1, unit_price: 50 }],
    });
    await b.admin.ok('POST', `/v1/invoices/${invoice.id}/mark-sent`);
    const delivery = { amount: '50', paidDate: '2026-05-01', transactionId: 'pi_123', provider: 'stripe' };
    const first = await server.db.transaction((tx) =>
      recordPayment(tx, b.workspace.accountId, invoice.id, delivery),
    );
    const again = await server.db.transaction((tx) =>
      recordPayment(tx, b.workspace.accountId, invoice.id, delivery),
    );
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, payment: { id: first.payment.id } });
    const payments = await b.admin.ok('GET', `/v1/invoices/${invoice.id}/payments`);
    expect(payments.data).toEqual([
      expect.objectContaining({ transaction_id: 'pi_123', provider: 'stripe', balance: 0 }),
    ]);
    expect((await b.admin.ok('GET', `/v1/invoices/${invoice.id}`)).state).toBe('paid');
  });
});

describe('receivables', () => {
  it('derives overdue from the workspace date and ages what is due per client', async () => {
    const b = await billing('Aging');
    const old = await b.admin.ok('POST', '/v1/invoices', {
      client_id: b.clientId,
      issue_date: '2025-01-01',
      payment_term: 'net_15',
      line_items: [{ description: 'x', quantity: 1, unit_price: 80 }],
    });
    await b.admin.ok('POST', `/v1/invoices/${old.id}/mark-sent`);
    const recent = await b.admin.ok('POST', '/v1/invoices', {
      client_id: b.clientId,
      line_items: [{ description: 'y', quantity: 1, unit_price: 20 }],
    });
    await b.admin.ok('POST', `/v1/invoices/${recent.id}/mark-sent`);
    await b.admin.ok('POST', '/v1/invoices', {
      client_id: b.clientId,
      line_items: [{ description: 'draft', quantity: 1, unit_price: 1000 }],
    });

    const overdue = await b.admin.ok('GET', `/v1/invoices/${old.id}`);
    expect(overdue.is_overdue).toBe(true);
    expect(overdue.days_overdue).toBeGreaterThan(300);
    expect(
      (await b.admin.ok('GET', '/v1/invoices?is_overdue=true')).data.map((i: { id: string }) => i.id),
    ).toEqual([old.id]);

    const aging = await b.admin.ok('GET', '/v1/invoices/aging');
    expect(aging.clients).toEqual([
      expect.objectContaining({
        client_id: b.clientId,
        days_0_30: 20,
        days_over_90: 80,
        total: 100,
        currency: 'USD',
      }),
    ]);
    expect(aging.totals).toEqual([expect.objectContaining({ currency: 'USD', total: 100 })]);
  });

  it('lists with filters, newest first, a page at a time', async () => {
    const b = await billing('List');
    for (const date of ['2026-01-01', '2026-02-01', '2026-03-01']) {
      await b.admin.ok('POST', '/v1/invoices', { client_id: b.clientId, issue_date: date });
    }
    const first = await b.admin.ok('GET', '/v1/invoices?limit=2');
    expect(first.data.map((i: { issue_date: string }) => i.issue_date)).toEqual(['2026-03-01', '2026-02-01']);
    const second = await b.admin.ok('GET', `/v1/invoices?limit=2&cursor=${first.next_cursor}`);
    expect(second.data.map((i: { issue_date: string }) => i.issue_date)).toEqual(['2026-01-01']);
    expect((await b.admin.ok('GET', '/v1/invoices?from=2026-02-01&to=2026-02-28')).data).toHaveLength(1);
    expect((await b.admin.ok('GET', '/v1/invoices?state=open')).data).toHaveLength(0);
  });
});

describe('who may invoice', () => {
  it('members see no invoices; managers draft for the projects they manage; sending needs its permission', async () => {
    const b = await billing('Perms');
    const member = await addUser(server, b.workspace, { name: 'Perms Member' });
    const manager = await addUser(server, b.workspace, { name: 'Perms Manager', role: 'manager' });
    await assign(b.workspace, b.projectId, manager.id, { is_project_manager: true });
    const other = await newProject(b.workspace, { name: 'Perms Other' });
    await logTime(b);

    expect((await member.api.get('/v1/invoices')).status).toBe(403);
    expect((await member.api.post('/v1/invoices', { client_id: b.clientId })).status).toBe(403);

    const mine = await manager.api.post('/v1/invoices', importBody(b));
    expect(mine.status).toBe(201);
    const theirs = await manager.api.post('/v1/invoices', {
      client_id: other.clientId,
      line_items_import: { project_ids: [other.projectId], time: { summary_type: 'project' } },
    });
    expect(theirs.status).toBe(403);
    const adminInvoice = await b.admin.ok('POST', '/v1/invoices', {
      client_id: other.clientId,
      line_items: [{ description: 'x', quantity: 1, unit_price: 1, project_id: other.projectId }],
    });
    expect((await manager.api.ok('GET', '/v1/invoices')).data.map((i: { id: string }) => i.id)).toEqual([
      mine.body.id,
    ]);
    expect((await manager.api.get(`/v1/invoices/${adminInvoice.id}`)).status).toBe(404);
    expect((await manager.api.patch(`/v1/invoices/${mine.body.id}`, { subject: 'Nov' })).status).toBe(200);
    expect((await manager.api.post(`/v1/invoices/${mine.body.id}/mark-sent`, undefined)).status).toBe(403);
    const issued = await b.admin.ok('POST', '/v1/invoices', {
      client_id: b.clientId,
      line_items: [{ description: 'x', quantity: 1, unit_price: 1, project_id: b.projectId }],
    });
    await b.admin.ok('POST', `/v1/invoices/${issued.id}/mark-sent`);
    expect((await manager.api.patch(`/v1/invoices/${issued.id}`, { subject: 'x' })).status).toBe(403);
    expect((await manager.api.patch('/v1/invoice-settings', { tax: 5 })).status).toBe(403);

    await b.admin.ok('PATCH', `/v1/users/${manager.id}`, {
      manager_permissions: {
        create_projects: false,
        view_billable_rates: false,
        draft_invoices: true,
        send_invoices: true,
        manage_clients_and_tasks: false,
        edit_team_entries: true,
        withdraw_approvals: false,
      },
    });
    expect((await manager.api.post(`/v1/invoices/${mine.body.id}/mark-sent`, undefined)).status).toBe(200);
  });

  it('is refused as a whole while Invoicing is off', async () => {
    const b = await billing('Off');
    await b.admin.ok('PATCH', '/v1/workspace', { features: { invoicing: false } });
    for (const [method, path] of [
      ['GET', '/v1/invoices'],
      ['POST', '/v1/invoices'],
      ['GET', '/v1/invoices/aging'],
      ['GET', '/v1/invoice-settings'],
    ] as const) {
      const response = await b.admin.request(method, path, method === 'POST' ? {} : undefined);
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('feature_disabled');
    }
  });
});

describe('invoice settings', () => {
  it('reads the defaults and changes taxes, terms, templates and categories, which new invoices take', async () => {
    const b = await billing('Settings');
    const defaults = await b.admin.ok('GET', '/v1/invoice-settings');
    expect(defaults).toMatchObject({
      number_pattern: 'INV-{YYYY}-{####}',
      next_number: 1,
      default_payment_term: 'net_30',
      item_categories: ['Service', 'Product', 'Expense'],
      logo_url: null,
    });
    expect(defaults.templates.send.subject).toBe('Invoice {number} from {company}');
    const changed = await b.admin.ok('PATCH', '/v1/invoice-settings', {
      tax_label: 'VAT',
      tax: 20,
      default_payment_term: 'net_15',
      item_categories: ['Consulting', 'Expense'],
      templates: { reminder: { subject: 'Still due: {number}' } },
      accent_color: '#112233',
    });
    expect(changed).toMatchObject({ tax_label: 'VAT', tax: 20, item_categories: ['Consulting', 'Expense'] });
    expect(changed.templates.reminder.subject).toBe('Still due: {number}');
    const invoice = await b.admin.ok('POST', '/v1/invoices', {
      client_id: b.clientId,
      issue_date: '2026-06-01',
      line_items: [{ description: 'x', quantity: 1, unit_price: 100, taxed: true }],
    });
    expect(invoice).toMatchObject({ tax: 20, tax_label: 'VAT', due_date: '2026-06-16', amount: 120 });
    expect(invoice.line_items[0].kind).toBe('Consulting');
    const bad = await b.admin.patch('/v1/invoice-settings', { number_pattern: 'INV-{YYYY}' });
    expect(bad.status).toBe(400);
  });
});

describe('the invoice logo', () => {
  // The smallest PNG: a 1x1 transparent pixel.
  const PNG = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
    'base64',
  );

  async function upload(api: Api, body: Buffer) {
    const response = await fetch(`${api.baseUrl}/v1/invoice-settings/logo`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${api.key}`, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(body),
    });
    return { status: response.status, body: await response.json() };
  }

  it('is documented as the image types it is served as, on the settings and on the client page', async () => {
    const b = await billing('Logo types');
    await upload(b.admin, PNG);
    const served = await fetch(`${b.admin.baseUrl}/v1/invoice-settings/logo`, {
      headers: { authorization: `Bearer ${b.admin.key}` },
    });
    const document = await (await fetch(`${b.admin.baseUrl}/v1/openapi.json`)).json();
    // The contract suite found both downloads documented as JSON once its requests reached a logo.
    for (const path of ['/v1/invoice-settings/logo', '/v1/client/invoices/{key}/logo']) {
      const types = Object.keys(document.paths[path].get.responses['200'].content);
      expect(types, path).toEqual(['image/png', 'image/jpeg', 'image/gif']);
      expect(types, path).toContain(served.headers.get('content-type'));
    }
  });

  it('takes an image by its bytes, serves it back, and refuses what is not one', async () => {
    const b = await billing('Logo');
    const uploaded = await upload(b.admin, PNG);
    expect(uploaded.status).toBe(200);
    expect(uploaded.body.logo_url).toBe('/v1/invoice-settings/logo');
    const served = await fetch(`${b.admin.baseUrl}/v1/invoice-settings/logo`, {
      headers: { authorization: `Bearer ${b.admin.key}` },
    });
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);

    const text = await upload(b.admin, Buffer.from('%PDF-1.4 not an image'));
    expect(text.status).toBe(415);
    const big = await upload(b.admin, Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]));
    expect(big.status).toBe(413);
    const manager = await addUser(server, b.workspace, { name: 'Logo Manager', role: 'manager' });
    expect((await upload(manager.api, PNG)).status).toBe(403);

    expect((await b.admin.ok('DELETE', '/v1/invoice-settings/logo')).logo_url).toBeNull();
    expect((await b.admin.get('/v1/invoice-settings/logo')).status).toBe(404);
  });
});
