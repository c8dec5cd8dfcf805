import Big from 'big.js';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { timeEntryExportBatches } from '../src/domains/time/queries.ts';
import {
  type Api,
  addUser,
  assign,
  type Member,
  newProject,
  newWorkspace,
  type ProjectFixture,
  startTestServer,
  type TestServer,
  type Workspace,
} from './harness.ts';

/**
 * GET /v1/exports/<kind>.csv|.xlsx (reports/exporting-data.md): every file is read back (CSV with
 * csv-parse, XLSX with exceljs) and compared with what the list of the same things answers, for
 * each kind of caller.
 */

let server: TestServer;
let workspace: Workspace;
let project: ProjectFixture;
let other: ProjectFixture;
let member: Member;
let manager: Member;
let teammate: Member;

/** Notes a spreadsheet would run as formulas, and the text each format must hold instead. */
const INJECTIONS: Record<string, string> = {
  '=HYPERLINK("http://evil.test","click")': `'=HYPERLINK("http://evil.test","click")`,
  "+1+cmd|' /C calc'!A0": `'+1+cmd|' /C calc'!A0`,
  '-2+3': `'-2+3`,
  '@SUM(A1:A9)': `'@SUM(A1:A9)`,
  '\t=1+1': `'\t=1+1`,
  '\r=1+1': `'\r=1+1`,
};

const AGENT_METADATA = {
  agent_id: 'review-bot-01',
  session_id: '550e8400-e29b-41d4-a716-446655440000',
  model: '=claude-opus-4-6',
  input_tokens: 25000,
  output_tokens: '15000',
};

beforeAll(async () => {
  server = await startTestServer();
  workspace = await newWorkspace(server);
  project = await newProject(workspace, { name: 'Website', hourly_rate: 150 });
  other = await newProject(workspace, { name: 'Mobile app', hourly_rate: 99.99 });
  member = await addUser(server, workspace, { name: 'Mia Member', billable_rate: 80 });
  teammate = await addUser(server, workspace, { name: 'Tom Teammate', billable_rate: 90 });
  manager = await addUser(server, workspace, { name: 'Max Manager', role: 'manager', billable_rate: 120 });
  for (const person of [member, teammate, manager]) {
    await assign(workspace, project.projectId, person.id);
    await assign(workspace, other.projectId, person.id);
  }
  await workspace.admin.ok('PUT', `/v1/users/${manager.id}/teammates`, { teammate_ids: [teammate.id] });

  const notes = ['Plain notes, with a comma and "quotes"', null, 'Ünïcödé', ...Object.keys(INJECTIONS)];
  const items = notes.flatMap((note, index) =>
    [member, teammate, manager, { id: workspace.adminId }].map((person, n) => ({
      project_id: index % 2 === 0 ? project.projectId : other.projectId,
      task_id: index % 2 === 0 ? project.taskId : other.taskId,
      user_id: person.id,
      spent_date: `2026-03-${String(10 + (index % 3)).padStart(2, '0')}`,
      hours: 0.25 + index + n / 4,
      notes: note,
      is_billable: index !== 1,
      source: n === 1 ? 'agent' : 'web',
      metadata: n === 1 ? AGENT_METADATA : null,
    })),
  );
  const created = await workspace.admin.ok('POST', '/v1/time-entries/batch', { items });
  expect(created.failed).toEqual([]);

  const expenses = await workspace.admin.ok('POST', '/v1/expenses/batch', {
    items: [member, teammate, manager].flatMap((person) => [
      {
        project_id: project.projectId,
        expense_category_id: 'cat_transportation',
        user_id: person.id,
        spent_date: '2026-03-11',
        total_cost: 12.5,
        notes: '=1+1',
      },
      {
        project_id: other.projectId,
        expense_category_id: 'cat_llm_usage',
        user_id: person.id,
        spent_date: '2026-03-12',
        total_cost: 0.000135,
        source: 'agent',
        metadata: AGENT_METADATA,
      },
    ]),
  });
  expect(expenses.failed).toEqual([]);
});

/** Every item a list answers, page after page. */
async function listAll(api: Api, path: string): Promise<any[]> {
  const items: any[] = [];
  let cursor: string | null = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const page: any = await api.ok('GET', `${path}${separator}limit=7${cursor ? `&cursor=${cursor}` : ''}`);
    items.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor !== null);
  return items;
}

async function download(api: Api, path: string): Promise<Response> {
  return fetch(`${api.baseUrl}${path}`, { headers: { authorization: `Bearer ${api.key}` } });
}

/** A CSV export as records keyed by header. */
async function csvRows(api: Api, path: string): Promise<Record<string, string>[]> {
  const response = await download(api, path);
  expect(response.status).toBe(200);
  return parse(await response.text(), { bom: true, columns: true, relax_quotes: false });
}

/** An XLSX export's first sheet: the headers and each row's cell values, typed as exceljs reads them. */
async function xlsxRows(api: Api, path: string): Promise<Record<string, ExcelJS.CellValue>[]> {
  const response = await download(api, path);
  expect(response.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (sheet === undefined) throw new Error('the workbook has no sheet');
  const headers = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1) as string[];
  const rows: Record<string, ExcelJS.CellValue>[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    rows.push(Object.fromEntries(headers.map((header, index) => [header, row.getCell(index + 1).value])));
  });
  return rows;
}

/** What a text cell must hold for text the user wrote: a leading apostrophe before a formula prefix. */
const safe = (text: string | null) => (text === null ? '' : /^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

/** XML reads a carriage return in text as a line feed (XML 1.0, 2.11), so a sheet holds text so. */
const inXml = (text: string) => text.replace(/\r/g, '\n');

/** The billable amount of a listed entry, computed apart from the export code, to the cent. */
function amountOf(entry: any): string {
  if (!entry.is_billable) return '0.00';
  return new Big(entry.hours).times(entry.billable_rate).round(2, Big.roundHalfUp).toFixed(2);
}

describe('time entries export', () => {
  it('CSV holds the rows the list answers, in its order, with names, amounts and agent context', async () => {
    const listed = await listAll(workspace.admin, '/v1/time-entries');
    const rows = await csvRows(workspace.admin, '/v1/exports/time-entries.csv');
    expect(rows.map((row) => row['Entry ID'])).toEqual(listed.map((entry) => entry.id));
    expect(listed.length).toBe(36);
    for (const [index, entry] of listed.entries()) {
      const row = rows[index] ?? {};
      const agent = entry.source === 'agent';
      expect(row).toEqual({
        Date: entry.spent_date,
        Client: entry.project_id === project.projectId ? 'Website Client' : 'Mobile app Client',
        Project: entry.project_id === project.projectId ? 'Website' : 'Mobile app',
        Task: expect.stringMatching(/^Development /),
        'Team Member': expect.any(String),
        Notes: safe(entry.notes),
        Hours: String(entry.hours),
        Billable: entry.is_billable ? 'Yes' : 'No',
        Billed: 'No',
        'Approval Status': 'unsubmitted',
        'Hourly Rate': String(entry.billable_rate),
        'Billable Amount': amountOf(entry),
        Currency: 'USD',
        Source: entry.source,
        'Agent ID': agent ? 'review-bot-01' : '',
        'Session ID': agent ? AGENT_METADATA.session_id : '',
        Model: agent ? `'=claude-opus-4-6` : '',
        'Input Tokens': agent ? '25000' : '',
        'Output Tokens': agent ? '15000' : '',
        'Entry ID': entry.id,
      });
    }
  });

  it('XLSX holds the same rows with typed cells: dates as dates, figures as numbers, text neutralised', async () => {
    const listed = await listAll(workspace.admin, '/v1/time-entries');
    const rows = await xlsxRows(workspace.admin, '/v1/exports/time-entries.xlsx');
    expect(rows.map((row) => row['Entry ID'])).toEqual(listed.map((entry) => entry.id));
    for (const [index, entry] of listed.entries()) {
      const row = rows[index] ?? {};
      expect(row.Date).toEqual(new Date(`${entry.spent_date}T00:00:00Z`));
      expect(row.Hours).toBe(entry.hours);
      expect(row['Hourly Rate']).toBe(entry.billable_rate);
      expect(row['Billable Amount']).toBe(Number(amountOf(entry)));
      expect(row.Notes ?? '').toBe(inXml(safe(entry.notes)));
      expect(row.Billable).toBe(entry.is_billable ? 'Yes' : 'No');
      if (entry.source === 'agent') {
        expect(row['Input Tokens']).toBe(25000);
        expect(row['Output Tokens']).toBe(15000);
        expect(row.Model).toBe(`'=claude-opus-4-6`);
      }
    }
  });

  it('neutralises every formula prefix in both formats, and nothing else', async () => {
    const csv = await csvRows(workspace.admin, '/v1/exports/time-entries.csv');
    const xlsx = await xlsxRows(workspace.admin, '/v1/exports/time-entries.xlsx');
    for (const [written, expected] of Object.entries(INJECTIONS)) {
      expect(csv.filter((row) => row.Notes === expected)).toHaveLength(4);
      expect(xlsx.filter((row) => row.Notes === inXml(expected))).toHaveLength(4);
      expect(csv.some((row) => row.Notes === written)).toBe(false);
    }
    expect(csv.filter((row) => row.Notes === 'Ünïcödé')).toHaveLength(4);
    expect(csv.filter((row) => row.Notes === 'Plain notes, with a comma and "quotes"')).toHaveLength(4);
  });

  it('applies the list filters', async () => {
    const filters = `project_id=${other.projectId}&from=2026-03-11&to=2026-03-11&is_billable=true`;
    const listed = await listAll(workspace.admin, `/v1/time-entries?${filters}`);
    const rows = await csvRows(workspace.admin, `/v1/exports/time-entries.csv?${filters}`);
    expect(listed.length).toBeGreaterThan(0);
    expect(rows.map((row) => row['Entry ID'])).toEqual(listed.map((entry) => entry.id));
  });

  it('takes the report filters: several values, metadata, a preset period', async () => {
    const all = await csvRows(workspace.admin, '/v1/exports/time-entries.csv');
    const both = await csvRows(
      workspace.admin,
      `/v1/exports/time-entries.csv?project_id=${project.projectId},${other.projectId}`,
    );
    expect(both).toEqual(all);
    const agents = await csvRows(workspace.admin, '/v1/exports/time-entries.csv?agent_id=review-bot-01');
    expect(agents.map((row) => row['Entry ID'])).toEqual(
      all.filter((row) => row.Source === 'agent').map((row) => row['Entry ID']),
    );
    expect(agents).toHaveLength(9);
    // The entries are dated March 2026, long before this test runs: none is in this week.
    expect(await csvRows(workspace.admin, '/v1/exports/time-entries.csv?period=this_week')).toEqual([]);
  });

  it('a member exports their own entries only', async () => {
    const rows = await csvRows(member.api, '/v1/exports/time-entries.csv');
    expect(rows).toHaveLength(9);
    expect(new Set(rows.map((row) => row['Team Member']))).toEqual(new Set(['Mia Member']));
    // The project bills by project: its rate, which everyone sees on their own entries.
    expect(new Set(rows.map((row) => row['Hourly Rate']))).toEqual(new Set(['150', '99.99']));
  });

  it('a manager exports their teammates’ entries too, without the rates they may not see', async () => {
    const listed = await listAll(manager.api, '/v1/time-entries');
    const rows = await csvRows(manager.api, '/v1/exports/time-entries.csv');
    expect(rows.map((row) => row['Entry ID'])).toEqual(listed.map((entry) => entry.id));
    expect(new Set(rows.map((row) => row['Team Member']))).toEqual(new Set(['Max Manager', 'Tom Teammate']));
    for (const row of rows) {
      const own = row['Team Member'] === 'Max Manager';
      expect(row['Hourly Rate'] === '').toBe(!own);
      expect(row['Billable Amount'] === '').toBe(!own);
    }
  });

  it('names the file, and answers bad requests with the error schema before any byte of a file', async () => {
    const response = await download(workspace.admin, '/v1/exports/time-entries.xlsx');
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="time-entries.xlsx"');
    await response.arrayBuffer();

    const badFilter = await workspace.admin.get('/v1/exports/time-entries.csv?from=March');
    expect(badFilter.status).toBe(400);
    expect(badFilter.body.error.field).toBe('from');
    expect((await workspace.admin.get('/v1/exports/time-entries.pdf')).status).toBe(400);
    expect((await workspace.admin.get('/v1/exports/payments.csv')).status).toBe(404);
    const anonymous = await fetch(`${server.baseUrl}/v1/exports/time-entries.csv`);
    expect(anonymous.status).toBe(401);
  });

  it('reads in keyset batches that together give each row once, ties on the date included', async () => {
    const scope = { kind: 'all' } as const;
    const batches = [];
    for await (const batch of timeEntryExportBatches(server.db, workspace.accountId, scope, {}, {}, 5)) {
      expect(batch.length).toBeLessThanOrEqual(5);
      batches.push(batch);
    }
    const listed = await listAll(workspace.admin, '/v1/time-entries');
    expect(batches.length).toBe(Math.ceil(listed.length / 5));
    expect(batches.flat().map((row) => row.id)).toEqual(listed.map((entry) => entry.id));
  });

  it('exports a running timer with its hours so far, as the list does', async () => {
    const timer = await member.api.ok('POST', '/v1/time-entries', {
      project_id: project.projectId,
      spent_date: '2026-03-13',
      is_running: true,
      hours: 1.5,
    });
    const rows = await csvRows(member.api, '/v1/exports/time-entries.csv?from=2026-03-13');
    expect(rows.map((row) => row['Entry ID'])).toEqual([timer.id]);
    // A timer started a moment ago: its 1.5 hours and the seconds since, rounded to the hundredth.
    expect(Number(rows[0]?.Hours)).toBeGreaterThanOrEqual(1.5);
    expect(Number(rows[0]?.Hours)).toBeLessThan(1.6);
    await member.api.ok('DELETE', `/v1/time-entries/${timer.id}`);
  });
});

describe('expenses export', () => {
  it('CSV and XLSX hold the listed expenses, every stored digit of the amount, receipts and agent context', async () => {
    const listed = await listAll(workspace.admin, '/v1/expenses');
    const csv = await csvRows(workspace.admin, '/v1/exports/expenses.csv');
    const xlsx = await xlsxRows(workspace.admin, '/v1/exports/expenses.xlsx');
    expect(listed).toHaveLength(6);
    expect(csv.map((row) => row['Expense ID'])).toEqual(listed.map((expense) => expense.id));
    expect(xlsx.map((row) => row['Expense ID'])).toEqual(listed.map((expense) => expense.id));
    for (const [index, expense] of listed.entries()) {
      const row = csv[index] ?? {};
      expect(row).toMatchObject({
        Date: expense.spent_date,
        Amount: String(expense.total_cost),
        Notes: safe(expense.notes),
        Billed: 'No',
        Receipt: 'No',
        Source: expense.source,
        'Agent ID': expense.source === 'agent' ? 'review-bot-01' : '',
      });
      expect(xlsx[index]?.Amount).toBe(expense.total_cost);
      expect(xlsx[index]?.Date).toEqual(new Date(`${expense.spent_date}T00:00:00Z`));
    }
    expect(csv.filter((row) => row.Notes === `'=1+1`)).toHaveLength(3);
    expect(csv.filter((row) => row.Amount === '0.000135')).toHaveLength(3);
    // The category filter takes the ids the API shows, built-in aliases included.
    const llm = await csvRows(workspace.admin, '/v1/exports/expenses.csv?category_id=cat_llm_usage');
    expect(llm.map((row) => row.Amount)).toEqual(['0.000135', '0.000135', '0.000135']);
  });

  it('a member exports their own expenses; a workspace without Expenses refuses', async () => {
    const rows = await csvRows(member.api, '/v1/exports/expenses.csv');
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((row) => row['Team Member']))).toEqual(new Set(['Mia Member']));

    const globex = await newWorkspace(server, 'Globex');
    await globex.admin.ok('PATCH', '/v1/workspace', { features: { expenses: false } });
    const refused = await globex.admin.get('/v1/exports/expenses.xlsx');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('feature_disabled');
  });
});

describe('projects, clients and team exports', () => {
  it('projects: the listed projects with their client and type; the budgeted filter', async () => {
    await workspace.admin.ok('PATCH', `/v1/projects/${other.projectId}`, {
      budget_by: 'total_hours',
      budget_hours: 120.5,
    });
    const listed = await listAll(workspace.admin, '/v1/projects');
    const rows = await csvRows(workspace.admin, '/v1/exports/projects.csv');
    expect(rows.map((row) => row['Project ID'])).toEqual(listed.map((p) => p.id));
    expect(rows.find((row) => row.Name === 'Mobile app')).toMatchObject({
      Client: 'Mobile app Client',
      'Project Type': 'Time & Materials',
      'Budget Hours': '120.5',
      'Hourly Rate': '99.99',
      Status: 'Active',
    });
    const budgeted = await xlsxRows(workspace.admin, '/v1/exports/projects.xlsx?is_budgeted=true');
    expect(budgeted.map((row) => row.Name)).toEqual(['Mobile app']);
    expect(budgeted[0]?.['Budget Hours']).toBe(120.5);

    // Spent and Remaining: the project's hours, summed here from the list, and what the budget report answers.
    const hours = (await listAll(workspace.admin, `/v1/time-entries?project_id=${other.projectId}`)).reduce(
      (sum, entry) => sum.plus(entry.hours),
      new Big(0),
    );
    const report = await workspace.admin.ok('GET', '/v1/reports/budgets');
    const budget = report.results.find((result: any) => result.project_id === other.projectId);
    expect(budget.spent).toBe(hours.toNumber());
    expect(budget.remaining).toBe(new Big(120.5).minus(hours).toNumber());
    expect(rows.find((row) => row.Name === 'Mobile app')).toMatchObject({
      Spent: hours.toString(),
      Remaining: new Big(120.5).minus(hours).toString(),
      'Budget Unit': 'hours',
    });
    expect(budgeted[0]).toMatchObject({
      Spent: budget.spent,
      Remaining: budget.remaining,
      'Budget Unit': 'hours',
    });
    // A project without a budget has neither.
    expect(rows.find((row) => row.Name === 'Website')).toMatchObject({
      Spent: '',
      Remaining: '',
      'Budget Unit': '',
    });
    const members = await csvRows(member.api, '/v1/exports/projects.csv');
    expect(members.every((row) => row['Hourly Rate'] === '')).toBe(true);
  });

  it('clients: the directory with the active filter', async () => {
    await workspace.admin.ok('POST', '/v1/clients', { name: '@Evil Corp', address: '=cmd' });
    const archived = await workspace.admin.ok('POST', '/v1/clients', { name: 'Gone Ltd' });
    await workspace.admin.ok('PATCH', `/v1/clients/${archived.id}`, { is_active: false });
    const rows = await csvRows(workspace.admin, '/v1/exports/clients.csv?is_active=true');
    const listed = await listAll(workspace.admin, '/v1/clients?is_active=true');
    expect(rows.map((row) => row['Client ID'])).toEqual(listed.map((client) => client.id));
    expect(rows.find((row) => row.Name === `'@Evil Corp`)).toMatchObject({
      Address: `'=cmd`,
      Currency: 'USD',
    });
    expect(rows.some((row) => row.Name === 'Gone Ltd')).toBe(false);
  });

  it('team: administrators export everyone with rates; a member exports themselves; a manager sees no rates but their own', async () => {
    const everyone = await xlsxRows(workspace.admin, '/v1/exports/team.xlsx');
    const listed = await listAll(workspace.admin, '/v1/users');
    expect(everyone.map((row) => row['Person ID'])).toEqual(listed.map((user) => user.id));
    expect(everyone.find((row) => row.Name === 'Mia Member')).toMatchObject({
      Email: 'mia.member@example.test',
      Role: 'member',
      'Hourly Rate': 80,
      'Contractor/Employee': 'Employee',
      Status: 'Invited',
    });
    const own = await csvRows(member.api, '/v1/exports/team.csv');
    expect(own.map((row) => row.Name)).toEqual(['Mia Member']);
    const managed = await csvRows(manager.api, '/v1/exports/team.csv');
    expect(managed.length).toBe(listed.length);
    for (const row of managed) expect(row['Hourly Rate'] === '').toBe(row.Name !== 'Max Manager');
  });
});

describe('invoices export', () => {
  let usd: any;
  let yen: any;
  let draft: any;

  beforeAll(async () => {
    const yenClient = await workspace.admin.ok('POST', '/v1/clients', { name: '=Yen Corp', currency: 'JPY' });
    usd = await workspace.admin.ok('POST', '/v1/invoices', {
      client_id: project.clientId,
      issue_date: '2026-11-02',
      payment_term: 'net_30',
      subject: '+SUM(A1:A9)',
      purchase_order: 'PO-17, "rush"',
      discount: 5,
      tax: 10,
      line_items: [{ description: 'Development', quantity: 3, unit_price: 99.99, taxed: true }],
    });
    await workspace.admin.ok('POST', `/v1/invoices/${usd.id}/mark-sent`);
    await workspace.admin.ok('POST', `/v1/invoices/${usd.id}/payments`, {
      amount: 100,
      paid_date: '2026-11-10',
    });
    yen = await workspace.admin.ok('POST', '/v1/invoices', {
      client_id: yenClient.id,
      issue_date: '2026-01-05',
      payment_term: 'net_15',
      line_items: [{ description: 'Review', quantity: 1.5, unit_price: 1000.5 }],
    });
    await workspace.admin.ok('POST', `/v1/invoices/${yen.id}/mark-sent`);
    draft = await workspace.admin.ok('POST', '/v1/invoices', {
      client_id: project.clientId,
      issue_date: '2026-06-01',
      line_items: [{ description: 'Draft work', quantity: 1, unit_price: 10 }],
    });
  });

  it('CSV holds the listed invoices with their figures at the currency’s decimals, text neutralised', async () => {
    const listed = await listAll(workspace.admin, '/v1/invoices');
    const rows = await csvRows(workspace.admin, '/v1/exports/invoices.csv');
    expect(listed).toHaveLength(3);
    expect(rows.map((row) => row['Invoice ID'])).toEqual(listed.map((invoice) => invoice.id));
    const byId = new Map(rows.map((row) => [row['Invoice ID'], row]));
    // Worked by hand: 3 x 99.99 = 299.97; 5 % off is 15.00 (14.9985); 10 % tax on 284.97 is 28.50;
    // total 313.47, of which 100 paid.
    const open = await workspace.admin.ok('GET', `/v1/invoices/${usd.id}`);
    expect(byId.get(usd.id)).toEqual({
      'Invoice Number': open.number,
      Client: 'Website Client',
      Subject: `'+SUM(A1:A9)`,
      'Purchase Order': 'PO-17, "rush"',
      State: 'Open',
      'Issue Date': '2026-11-02',
      'Due Date': '2026-12-02',
      'Period Start': '',
      'Period End': '',
      Subtotal: '299.97',
      Discount: '15.00',
      Tax: '28.50',
      'Tax 2': '0.00',
      'Total Amount': '313.47',
      Paid: '100.00',
      Balance: '213.47',
      Currency: 'USD',
      Overdue: open.is_overdue ? 'Yes' : 'No',
      'Days Overdue': String(open.days_overdue),
      'Invoice ID': usd.id,
    });
    // Yen have no minor unit: 1.5 x 1000.5 = 1500.75 is 1501; due 2026-01-20, long past.
    expect(byId.get(yen.id)).toMatchObject({
      Client: `'=Yen Corp`,
      State: 'Open',
      'Total Amount': '1501',
      Paid: '0',
      Balance: '1501',
      Currency: 'JPY',
      Overdue: 'Yes',
    });
    expect(byId.get(draft.id)).toMatchObject({
      'Invoice Number': '',
      State: 'Draft',
      'Total Amount': '10.00',
    });
    for (const invoice of listed) {
      const row = byId.get(invoice.id) ?? {};
      expect(Number(row['Total Amount'])).toBe(invoice.amount);
      expect(Number(row.Paid)).toBe(invoice.paid_amount);
      expect(Number(row.Balance)).toBe(invoice.due_amount);
      expect(Number(row['Days Overdue'])).toBe(invoice.days_overdue);
    }
  });

  it('XLSX holds the same invoices with typed cells: dates as dates, amounts as numbers', async () => {
    const listed = await listAll(workspace.admin, '/v1/invoices');
    const rows = await xlsxRows(workspace.admin, '/v1/exports/invoices.xlsx');
    expect(rows.map((row) => row['Invoice ID'])).toEqual(listed.map((invoice) => invoice.id));
    for (const [index, invoice] of listed.entries()) {
      const row = rows[index] ?? {};
      expect(row['Issue Date']).toEqual(new Date(`${invoice.issue_date}T00:00:00Z`));
      expect(row['Due Date']).toEqual(new Date(`${invoice.due_date}T00:00:00Z`));
      expect(row.Subtotal).toBe(invoice.subtotal);
      expect(row['Total Amount']).toBe(invoice.amount);
      expect(row.Paid).toBe(invoice.paid_amount);
      expect(row.Balance).toBe(invoice.due_amount);
      expect(row['Days Overdue']).toBe(invoice.days_overdue);
      expect(row.Currency).toBe(invoice.currency);
    }
    expect(rows.find((row) => row['Invoice ID'] === usd.id)).toMatchObject({
      Subject: `'+SUM(A1:A9)`,
      Tax: 28.5,
      Paid: 100,
      Balance: 213.47,
    });
    expect(rows.find((row) => row['Invoice ID'] === yen.id)?.Client).toBe(`'=Yen Corp`);
  });

  it('applies the list filters: state, client, issue dates', async () => {
    const drafts = await csvRows(workspace.admin, '/v1/exports/invoices.csv?state=draft');
    expect(drafts.map((row) => row['Invoice ID'])).toEqual([draft.id]);
    const ofClient = await csvRows(workspace.admin, `/v1/exports/invoices.csv?client_id=${project.clientId}`);
    expect(new Set(ofClient.map((row) => row['Invoice ID']))).toEqual(new Set([usd.id, draft.id]));
    const spring = await csvRows(workspace.admin, '/v1/exports/invoices.csv?from=2026-01-01&to=2026-06-30');
    expect(spring.map((row) => row['Invoice ID'])).toEqual([draft.id, yen.id]);
    const overdue = await csvRows(workspace.admin, '/v1/exports/invoices.csv?is_overdue=true');
    expect(overdue.map((row) => row['Invoice ID'])).toContain(yen.id);
    expect(overdue.map((row) => row['Invoice ID'])).not.toContain(draft.id);
  });

  it('a manager exports the invoices of the projects they manage, as their list shows them', async () => {
    const managed = await newProject(workspace, { name: 'Managed' });
    await assign(workspace, managed.projectId, manager.id, { is_project_manager: true });
    const theirs = await workspace.admin.ok('POST', '/v1/invoices', {
      client_id: managed.clientId,
      line_items: [
        { description: 'Managed work', quantity: 2, unit_price: 75, project_id: managed.projectId },
      ],
    });
    const listed = await listAll(manager.api, '/v1/invoices');
    expect(listed.map((invoice) => invoice.id)).toEqual([theirs.id]);
    const rows = await csvRows(manager.api, '/v1/exports/invoices.csv');
    expect(rows.map((row) => [row['Invoice ID'], row.Client, row['Total Amount']])).toEqual([
      [theirs.id, 'Managed Client', '150.00'],
    ]);
  });

  it('members see no invoices, so they export none: 403 before any byte; Invoicing off refuses everyone', async () => {
    const refused = await member.api.get('/v1/exports/invoices.csv');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe((await member.api.get('/v1/invoices')).body.error.code);

    const initech = await newWorkspace(server, 'Initech');
    await initech.admin.ok('PATCH', '/v1/workspace', { features: { invoicing: false } });
    const off = await initech.admin.get('/v1/exports/invoices.xlsx');
    expect(off.status).toBe(403);
    expect(off.body.error.code).toBe('feature_disabled');
  });
});
