import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Api,
  addUser,
  assign,
  billEntriesOnInvoice,
  type Member,
  newWorkspace,
  startTestServer,
  type TestServer,
  type Workspace,
} from './harness.ts';

/** The expense reports against independent SQL over a seeded workspace, for each role and grouping. */

let server: TestServer;
let workspace: Workspace;
let manager: Member;
let teammate: Member;
let other: Member;

interface Row {
  id: string;
  currency: string;
  total_amount: number;
  billable_amount: number;
  non_billable_amount: number;
  uninvoiced_amount: number;
}

beforeAll(async () => {
  server = await startTestServer();
  workspace = await newWorkspace(server, 'Spend');
  const admin = workspace.admin;
  const gbp = await admin.ok('POST', '/v1/clients', { name: 'Brit', currency: 'GBP' });
  const kwd = await admin.ok('POST', '/v1/clients', { name: 'Gulf', currency: 'KWD' });
  const london = await admin.ok('POST', '/v1/projects', { name: 'London', client_id: gbp.id });
  const kuwait = await admin.ok('POST', '/v1/projects', { name: 'Kuwait', client_id: kwd.id });
  const travel = await admin.ok('POST', '/v1/expense-categories', { name: 'Travel' });
  manager = await addUser(server, workspace, { name: 'Manny', role: 'manager' });
  teammate = await addUser(server, workspace, { name: 'Tess' });
  other = await addUser(server, workspace, { name: 'Otto' });
  await admin.ok('PUT', `/v1/users/${manager.id}/teammates`, { teammate_ids: [teammate.id] });
  for (const person of [manager, teammate, other]) {
    for (const project of [london, kuwait]) await assign(workspace, project.id, person.id);
  }
  const people: Api[] = [admin, manager.api, teammate.api, other.api];
  let n = 0;
  for (const api of people) {
    for (const project of [london, kuwait]) {
      for (const date of ['2026-02-10', '2026-04-20', '2026-06-30']) {
        n += 1;
        // LLM usage priced per unit (fractions of a cent), and plain costs with odd decimals.
        await api.ok(
          'POST',
          '/v1/expenses',
          n % 2 === 0
            ? {
                project_id: project.id,
                expense_category_id: 'cat_llm_usage',
                spent_date: date,
                units: 1234 + n,
                billable: n % 3 !== 0,
                notes: `expense ${n}`,
                source: 'agent',
                metadata: { agent_id: `bot-${n % 2}`, model: 'opus' },
              }
            : {
                project_id: project.id,
                expense_category_id: travel.id,
                spent_date: date,
                total_cost: 10.0049 * n,
                billable: n % 3 !== 0,
                notes: `expense ${n}`,
              },
        );
      }
    }
  }
  await billEntriesOnInvoice(server, workspace, {
    clientId: gbp.id,
    table: 'expenses',
    where: "notes IN ('expense 1', 'expense 8')",
  });
  await server.pool.query("UPDATE expenses SET receipt_key = 'r/1' WHERE notes = 'expense 3'");
});

const KEYS: Record<string, string> = {
  client: 'p.client_id',
  project: 'e.project_id',
  category: 'e.expense_category_id',
  person: 'e.user_id',
};

async function expected(key: string, where: string, params: unknown[]): Promise<Row[]> {
  const { rows } = await server.pool.query(
    `SELECT ${key} AS id, c.currency,
            sum(round(e.total_cost, cur.exp)) AS total,
            sum(CASE WHEN e.billable THEN round(e.total_cost, cur.exp) ELSE 0 END) AS billable,
            sum(CASE WHEN e.billable AND il.invoice_id IS NULL THEN round(e.total_cost, cur.exp) ELSE 0 END) AS uninvoiced
     FROM expenses e LEFT JOIN expense_invoice_links il ON il.expense_id = e.id
     JOIN projects p ON p.id = e.project_id JOIN clients c ON c.id = p.client_id
     JOIN (VALUES ('GBP', 2), ('KWD', 3)) AS cur(code, exp) ON cur.code = c.currency
     WHERE e.account_id = $1 AND ${where}
     GROUP BY 1, 2, cur.exp`,
    [workspace.accountId, ...params],
  );
  return rows
    .map((row) => ({
      id: row.id,
      currency: row.currency,
      total_amount: Number(row.total),
      billable_amount: Number(row.billable),
      non_billable_amount: Number((Number(row.total) - Number(row.billable)).toFixed(3)),
      uninvoiced_amount: Number(row.uninvoiced),
    }))
    .sort(byKey);
}

const byKey = (a: Row, b: Row) => `${a.id}|${a.currency}`.localeCompare(`${b.id}|${b.currency}`);
const figures = (results: (Row & { name: string })[]) =>
  results.map(({ name: _name, ...row }) => row).sort(byKey);

describe('the expense summary matches independent SQL', () => {
  it.each(Object.keys(KEYS))('for an administrator, grouped by %s', async (group) => {
    const report = await workspace.admin.ok(
      'GET',
      `/v1/reports/expenses?group_by=${group}&from=2026-01-01&to=2026-05-31`,
    );
    expect(figures(report.results)).toEqual(
      await expected(KEYS[group] as string, "e.spent_date BETWEEN '2026-01-01' AND '2026-05-31'", []),
    );
  });

  it.each(Object.keys(KEYS))('for a manager (own and teammate), grouped by %s', async (group) => {
    const report = await manager.api.ok('GET', `/v1/reports/expenses?group_by=${group}`);
    expect(figures(report.results)).toEqual(
      await expected(KEYS[group] as string, 'e.user_id = ANY($2)', [[manager.id, teammate.id]]),
    );
  });

  it.each(Object.keys(KEYS))('for a member (own only), grouped by %s', async (group) => {
    const report = await other.api.ok('GET', `/v1/reports/expenses?group_by=${group}`);
    expect(figures(report.results)).toEqual(
      await expected(KEYS[group] as string, 'e.user_id = $2', [other.id]),
    );
  });

  it('filters by category, billable and agent metadata; totals add the rounded rows per currency', async () => {
    const report = await workspace.admin.ok(
      'GET',
      '/v1/reports/expenses?group_by=person&category_id=cat_llm_usage&is_billable=true&agent_id=bot-0',
    );
    const want = await expected(
      'e.user_id',
      "e.expense_category_id = (SELECT id FROM expense_categories WHERE account_id = $1 AND builtin_key = 'llm_usage') AND e.billable AND e.metadata->>'agent_id' = 'bot-0'",
      [],
    );
    expect(want.length).toBeGreaterThan(0);
    expect(figures(report.results)).toEqual(want);
    for (const line of report.totals.amounts) {
      const rows = report.results.filter((row: Row) => row.currency === line.currency);
      const sum = (field: keyof Row) =>
        rows.reduce((total: number, row: Row) => total + Math.round((row[field] as number) * 1000), 0) / 1000;
      expect(line.total_amount).toBe(sum('total_amount'));
      expect(line.billable_amount).toBe(sum('billable_amount'));
    }
  });
});

describe('the detailed expense report', () => {
  it('lists each expense with its receipt indicator, invoice and approval status', async () => {
    const page = await workspace.admin.ok('GET', '/v1/reports/expenses/entries?limit=200');
    const { rows } = await server.pool.query(
      `SELECT e.id, cat.name AS category, e.receipt_key IS NOT NULL AS receipt, il.invoice_id, e.approval_status
       FROM expenses e LEFT JOIN expense_invoice_links il ON il.expense_id = e.id
       JOIN expense_categories cat ON cat.id = e.expense_category_id
       WHERE e.account_id = $1 ORDER BY e.spent_date DESC, e.id DESC`,
      [workspace.accountId],
    );
    expect(
      page.data.map((expense: Record<string, unknown>) => [
        expense.id,
        expense.category_name,
        expense.has_receipt,
        expense.invoice_id,
        expense.approval_status,
      ]),
    ).toEqual(rows.map((row) => [row.id, row.category, row.receipt, row.invoice_id, row.approval_status]));
    expect(page.data.filter((expense: { has_receipt: boolean }) => expense.has_receipt)).toHaveLength(1);
  });

  it('shows a member only their own expenses', async () => {
    const page = await teammate.api.ok('GET', '/v1/reports/expenses/entries');
    expect(new Set(page.data.map((expense: { user_id: string }) => expense.user_id))).toEqual(
      new Set([teammate.id]),
    );
  });
});

describe('with Expenses turned off', () => {
  it('the expense reports answer 403 feature_disabled; the time report still answers', async () => {
    await workspace.admin.ok('PATCH', '/v1/workspace', { features: { expenses: false } });
    try {
      for (const path of ['/v1/reports/expenses', '/v1/reports/expenses/entries']) {
        const response = await workspace.admin.get(path);
        expect([response.status, response.body.error.code]).toEqual([403, 'feature_disabled']);
      }
      expect((await workspace.admin.get('/v1/reports/time')).status).toBe(200);
    } finally {
      await workspace.admin.ok('PATCH', '/v1/workspace', { features: { expenses: true } });
    }
  });
});
