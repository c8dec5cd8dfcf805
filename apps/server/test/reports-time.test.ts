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

/**
 * The time reports against independent SQL: each figure the API answers is recomputed here by a
 * hand-written query over the seeded entries (not by the report code), for a member, a manager
 * and an administrator, for every grouping.
 */

// Wednesday 13 May 2026, 11:00 UTC: Thursday 14 May in the workspace's zone (Kiritimati, UTC+14).
const NOW = new Date('2026-05-13T11:00:00Z');

let server: TestServer;
let workspace: Workspace;
let manager: Member;
let designer: Member;
let developer: Member;
const ids: Record<string, string> = {};

interface Row {
  id: string | null;
  currency: string;
  total_hours: number;
  billable_hours: number;
  non_billable_hours: number;
  billable_amount: number | null;
  uninvoiced_amount: number | null;
}

beforeAll(async () => {
  server = await startTestServer({ now: () => NOW });
  workspace = await newWorkspace(server, 'Reports');
  const admin = workspace.admin;
  await admin.ok('PATCH', '/v1/workspace', { timezone: 'Pacific/Kiritimati', week_starts_on: 'sunday' });
  const usd = await admin.ok('POST', '/v1/clients', { name: 'Acme', currency: 'USD' });
  const jpy = await admin.ok('POST', '/v1/clients', { name: 'Kaisha', currency: 'JPY' });
  const web = await admin.ok('POST', '/v1/projects', {
    name: 'Website',
    client_id: usd.id,
    hourly_rate: 100.5,
  });
  const app = await admin.ok('POST', '/v1/projects', { name: 'App', client_id: usd.id, hourly_rate: 75.25 });
  const tokyo = await admin.ok('POST', '/v1/projects', {
    name: 'Tokyo',
    client_id: jpy.id,
    hourly_rate: 12345,
  });
  const design = await admin.ok('POST', '/v1/tasks', { name: 'Design' });
  const build = await admin.ok('POST', '/v1/tasks', { name: 'Build' });
  for (const project of [web, app, tokyo]) {
    for (const task of [design, build]) {
      await admin.ok('POST', `/v1/projects/${project.id}/task-assignments`, { task_id: task.id });
    }
  }
  manager = await addUser(server, workspace, { name: 'Mia Manager', role: 'manager', business_roles: [] });
  designer = await addUser(server, workspace, { name: 'Dee Designer', business_roles: ['Designer'] });
  developer = await addUser(server, workspace, {
    name: 'Dev Developer',
    business_roles: ['Developer', 'Designer'],
  });
  await admin.ok('PUT', `/v1/users/${manager.id}/teammates`, { teammate_ids: [designer.id] });
  for (const person of [manager, designer, developer]) {
    for (const project of [web, app, tokyo]) await assign(workspace, project.id, person.id);
  }
  Object.assign(ids, { usd: usd.id, jpy: jpy.id, web: web.id, app: app.id, tokyo: tokyo.id });
  Object.assign(ids, { design: design.id, build: build.id });

  // A spread of entries: every person, project, task (and none), source, billable or not, dates
  // across weeks, months and quarters, agent metadata on some.
  const people: [Api, string][] = [
    [admin, 'web'],
    [manager.api, 'cli'],
    [designer.api, 'api'],
    [developer.api, 'agent'],
  ];
  const dates = [
    '2026-01-15',
    '2026-03-31',
    '2026-04-01',
    '2026-05-03',
    '2026-05-09',
    '2026-05-10',
    '2026-05-14',
  ];
  let n = 0;
  for (const [api, source] of people) {
    for (const date of dates) {
      for (const project of [web, app, tokyo]) {
        n += 1;
        await api.ok('POST', '/v1/time-entries', {
          project_id: project.id,
          task_id: n % 3 === 0 ? null : n % 3 === 1 ? design.id : build.id,
          spent_date: date,
          hours: (n % 7) * 0.75 + 0.33,
          is_billable: n % 4 !== 0,
          source,
          notes: `entry ${n}`,
          metadata: n % 5 === 0 ? { agent_id: 'bot-1', session_id: `s-${n % 2}`, model: 'opus' } : undefined,
        });
      }
    }
  }
  // Approval states picked entry by entry (the approvals API decides per period and person).
  await server.pool.query(
    "UPDATE time_entries SET approval_status = 'approved' WHERE notes IN ('entry 2', 'entry 9', 'entry 30')",
  );
  await billEntriesOnInvoice(server, workspace, {
    clientId: usd.id,
    table: 'time_entries',
    where: "notes IN ('entry 1', 'entry 5', 'entry 22', 'entry 40')",
  });
});

/** The independent figures: hand-written SQL per group key and currency, people limited to `userIds`. */
async function expected(key: string, where: string, params: unknown[], names = ''): Promise<Row[]> {
  const { rows } = await server.pool.query(
    `SELECT ${key} AS id, c.currency,
            sum(e.hours) AS total, sum(CASE WHEN e.is_billable THEN e.hours ELSE 0 END) AS billable,
            sum(CASE WHEN e.is_billable THEN round(e.hours * e.billable_rate, cur.exp) ELSE 0 END) AS amount,
            sum(CASE WHEN e.is_billable AND il.invoice_id IS NULL THEN round(e.hours * e.billable_rate, cur.exp) ELSE 0 END) AS uninvoiced
     FROM time_entries e
     LEFT JOIN time_entry_invoice_links il ON il.time_entry_id = e.id
     JOIN projects p ON p.id = e.project_id
     JOIN clients c ON c.id = p.client_id
     JOIN users u ON u.id = e.user_id
     JOIN (VALUES ('USD', 2), ('JPY', 0)) AS cur(code, exp) ON cur.code = c.currency
     ${names}
     WHERE e.account_id = $1 AND ${where}
     GROUP BY 1, 2, cur.exp`,
    [workspace.accountId, ...params],
  );
  return rows
    .map((row) => ({
      id: row.id,
      currency: row.currency,
      total_hours: Number(row.total),
      billable_hours: Number(row.billable),
      non_billable_hours: Number(row.total) - Number(row.billable),
      billable_amount: Number(row.amount),
      uninvoiced_amount: Number(row.uninvoiced),
    }))
    .sort(byKey);
}

const byKey = (a: Row, b: Row) => `${a.id}|${a.currency}`.localeCompare(`${b.id}|${b.currency}`);

function actual(results: Row[]): Row[] {
  return results
    .map(
      ({
        id,
        currency,
        total_hours,
        billable_hours,
        non_billable_hours,
        billable_amount,
        uninvoiced_amount,
      }) => ({
        id,
        currency,
        total_hours,
        billable_hours,
        non_billable_hours,
        billable_amount,
        uninvoiced_amount,
      }),
    )
    .sort(byKey);
}

/** Hours are compared to 4 decimals (their column's scale); amounts exactly. */
function expectSameFigures(got: Row[], want: Row[]) {
  expect(got.map((row) => [row.id, row.currency])).toEqual(want.map((row) => [row.id, row.currency]));
  got.forEach((row, index) => {
    const other = want[index] as Row;
    expect(row.total_hours).toBeCloseTo(other.total_hours, 4);
    expect(row.billable_hours).toBeCloseTo(other.billable_hours, 4);
    expect(row.non_billable_hours).toBeCloseTo(other.non_billable_hours, 4);
    expect(row.billable_amount).toBe(other.billable_amount);
    expect(row.uninvoiced_amount).toBe(other.uninvoiced_amount);
  });
}

/** Independent SQL for each grouping (weeks start on Sunday in this workspace). */
const GROUP_KEYS: Record<string, string> = {
  client: 'p.client_id',
  project: 'e.project_id',
  task: 'e.task_id',
  person: 'e.user_id',
  role: '(u.business_roles)[1]',
  source: 'e.source::text',
  day: "to_char(e.spent_date, 'YYYY-MM-DD')",
  week: "to_char(date_trunc('week', e.spent_date + 1) - interval '1 day', 'YYYY-MM-DD')",
  month: "to_char(e.spent_date, 'YYYY-MM') || '-01'",
};

describe('the time summary matches independent SQL', () => {
  it.each(Object.keys(GROUP_KEYS))(
    'for an administrator, grouped by %s, over a custom range',
    async (group) => {
      const report = await workspace.admin.ok(
        'GET',
        `/v1/reports/time?group_by=${group}&from=2026-03-01&to=2026-05-31`,
      );
      expect(report.group_by).toBe(group);
      expect([report.from, report.to]).toEqual(['2026-03-01', '2026-05-31']);
      const want = await expected(
        GROUP_KEYS[group] as string,
        "e.spent_date BETWEEN '2026-03-01' AND '2026-05-31'",
        [],
      );
      expectSameFigures(actual(report.results), want);
    },
  );

  it.each(Object.keys(GROUP_KEYS))(
    "for a manager: their own and their teammate's time, grouped by %s",
    async (group) => {
      const report = await manager.api.ok('GET', `/v1/reports/time?group_by=${group}`);
      const want = await expected(GROUP_KEYS[group] as string, 'e.user_id = ANY($2)', [
        [manager.id, designer.id],
      ]);
      // Without "View billable rates" a manager sees hours for the team and no amounts.
      expectSameFigures(
        actual(report.results),
        want.map((row) => ({ ...row, billable_amount: null, uninvoiced_amount: null })),
      );
    },
  );

  it('for a manager filtered to their own time: amounts shown', async () => {
    const report = await manager.api.ok('GET', `/v1/reports/time?group_by=project&user_id=${manager.id}`);
    expectSameFigures(actual(report.results), await expected('e.project_id', 'e.user_id = $2', [manager.id]));
  });

  it.each(Object.keys(GROUP_KEYS))('for a member: only their own time, grouped by %s', async (group) => {
    const report = await developer.api.ok('GET', `/v1/reports/time?group_by=${group}`);
    expectSameFigures(
      actual(report.results),
      await expected(GROUP_KEYS[group] as string, 'e.user_id = $2', [developer.id]),
    );
  });

  it('a member asking for someone else gets nothing of theirs', async () => {
    const report = await developer.api.ok('GET', `/v1/reports/time?group_by=person&user_id=${designer.id}`);
    expect(report.results).toEqual([]);
    expect(report.totals.total_hours).toBe(0);
  });

  it('names the groups, and the totals add up the rows per currency', async () => {
    const report = await workspace.admin.ok('GET', '/v1/reports/time?group_by=project');
    expect(report.results.map((row: { name: string; currency: string }) => [row.name, row.currency])).toEqual(
      [
        ['App', 'USD'],
        ['Tokyo', 'JPY'],
        ['Website', 'USD'],
      ],
    );
    const [totals] = (
      await server.pool.query(
        `SELECT sum(hours) AS total, sum(hours) FILTER (WHERE is_billable) AS billable FROM time_entries WHERE account_id = $1`,
        [workspace.accountId],
      )
    ).rows;
    expect(report.totals.total_hours).toBeCloseTo(Number(totals.total), 4);
    expect(report.totals.billable_hours).toBeCloseTo(Number(totals.billable), 4);
    const usdRows = report.results.filter((row: Row) => row.currency === 'USD');
    expect(report.totals.amounts).toEqual([
      {
        currency: 'JPY',
        billable_amount: report.results[1].billable_amount,
        uninvoiced_amount: report.results[1].uninvoiced_amount,
      },
      {
        currency: 'USD',
        billable_amount:
          Number((usdRows[0].billable_amount * 100 + usdRows[1].billable_amount * 100).toFixed(0)) / 100,
        uninvoiced_amount:
          Number((usdRows[0].uninvoiced_amount * 100 + usdRows[1].uninvoiced_amount * 100).toFixed(0)) / 100,
      },
    ]);
    const task = await workspace.admin.ok('GET', '/v1/reports/time?group_by=task');
    const taskNames = task.results.map((row: { id: string | null; name: string }) => [row.id, row.name]);
    expect(taskNames).toContainEqual([ids.design, 'Design']);
    expect(taskNames).toContainEqual([ids.build, 'Build']);
    expect(taskNames).toContainEqual([null, 'No task']);
  });
});

describe('the filters match independent SQL', () => {
  it.each([
    ['client_id', () => `client_id=${ids.jpy}`, () => ['p.client_id = $2', [ids.jpy]]],
    [
      'project_id (two)',
      () => `project_id=${ids.web},${ids.app}`,
      () => ['e.project_id = ANY($2)', [[ids.web, ids.app]]],
    ],
    ['task_id', () => `task_id=${ids.design}`, () => ['e.task_id = $2', [ids.design]]],
    ['role', () => 'role=Designer', () => ["'Designer' = ANY(u.business_roles)", []]],
    ['is_billable', () => 'is_billable=false', () => ['NOT e.is_billable', []]],
    ['invoiced', () => 'invoiced=true', () => ['il.invoice_id IS NOT NULL', []]],
    ['uninvoiced', () => 'invoiced=false', () => ['il.invoice_id IS NULL', []]],
    ['approval_status', () => 'approval_status=approved', () => ["e.approval_status = 'approved'", []]],
    ['source (two)', () => 'source=agent,cli', () => ["e.source IN ('agent', 'cli')", []]],
    ['agent_id', () => 'agent_id=bot-1', () => ["e.metadata->>'agent_id' = 'bot-1'", []]],
    [
      'session_id and model',
      () => 'session_id=s-1&model=opus',
      () => ["e.metadata->>'session_id' = 's-1' AND e.metadata->>'model' = 'opus'", []],
    ],
  ] as [string, () => string, () => [string, unknown[]]][])('%s', async (_name, query, condition) => {
    const report = await workspace.admin.ok('GET', `/v1/reports/time?group_by=person&${query()}`);
    const [where, params] = condition();
    const want = await expected('e.user_id', where, params);
    expect(want.length).toBeGreaterThan(0);
    expectSameFigures(actual(report.results), want);
  });
});

describe('the presets, in the workspace time zone', () => {
  // Today is Thursday 14 May 2026 in Kiritimati (still the 13th in UTC); weeks start on Sunday.
  it.each([
    ['this_week', '2026-05-10', '2026-05-16'],
    ['last_week', '2026-05-03', '2026-05-09'],
    ['this_month', '2026-05-01', '2026-05-31'],
    ['last_month', '2026-04-01', '2026-04-30'],
    ['this_quarter', '2026-04-01', '2026-06-30'],
    ['this_year', '2026-01-01', '2026-12-31'],
  ])('%s covers %s..%s', async (period, from, to) => {
    const report = await workspace.admin.ok('GET', `/v1/reports/time?group_by=day&period=${period}`);
    expect([report.from, report.to]).toEqual([from, to]);
    expectSameFigures(
      actual(report.results),
      await expected(GROUP_KEYS.day as string, 'e.spent_date BETWEEN $2 AND $3', [from, to]),
    );
    expect(report.results.length).toBeGreaterThan(0);
  });

  it("this week includes the workspace's today, which UTC has not reached", async () => {
    const report = await workspace.admin.ok('GET', '/v1/reports/time?group_by=day&period=this_week');
    expect(report.results.map((row: Row) => row.id)).toContain('2026-05-14');
  });

  // 422, not 400: each parameter matches the OpenAPI document, which describes query parameters
  // one at a time and so cannot state a rule between them (decision 0015).
  it('refuses from/to with a preset, and from after to', async () => {
    const preset = await workspace.admin.get('/v1/reports/time?period=this_week&from=2026-01-01');
    expect(preset.status).toBe(422);
    expect(preset.body.error.field).toBe('period');
    const backwards = await workspace.admin.get('/v1/reports/time?from=2026-02-01&to=2026-01-01');
    expect(backwards.status).toBe(422);
    const open = await workspace.admin.get('/v1/reports/utilisation?from=2026-01-01');
    expect([open.status, open.body.error.code, open.body.error.field]).toEqual([
      422,
      'unprocessable',
      'from',
    ]);
  });
});

describe('the detailed time report', () => {
  it('pages through every entry in scope, newest first, with names, amounts and statuses', async () => {
    const seen: Record<string, unknown>[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: Record<string, unknown>[]; next_cursor: string | null } = await workspace.admin.ok(
        'GET',
        `/v1/reports/time/entries?from=2026-03-01&to=2026-05-31&limit=7${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.data);
      cursor = page.next_cursor;
    } while (cursor !== null);
    const { rows } = await server.pool.query(
      `SELECT e.id, u.name AS user_name, c.name AS client_name, p.name AS project_name, t.name AS task_name,
              CASE WHEN e.is_billable THEN round(e.hours * e.billable_rate, CASE c.currency WHEN 'JPY' THEN 0 ELSE 2 END) ELSE 0 END AS amount,
              il.invoice_id, e.approval_status
       FROM time_entries e LEFT JOIN time_entry_invoice_links il ON il.time_entry_id = e.id
       JOIN users u ON u.id = e.user_id JOIN projects p ON p.id = e.project_id
       JOIN clients c ON c.id = p.client_id LEFT JOIN tasks t ON t.id = e.task_id
       WHERE e.account_id = $1 AND e.spent_date BETWEEN '2026-03-01' AND '2026-05-31'
       ORDER BY e.spent_date DESC, e.id DESC`,
      [workspace.accountId],
    );
    expect(seen.map((entry) => entry.id)).toEqual(rows.map((row) => row.id));
    expect(
      seen.map((entry) => [
        entry.user_name,
        entry.client_name,
        entry.project_name,
        entry.task_name,
        entry.billable_amount,
        entry.invoice_id,
        entry.is_invoiced,
        entry.approval_status,
      ]),
    ).toEqual(
      rows.map((row) => [
        row.user_name,
        row.client_name,
        row.project_name,
        row.task_name,
        Number(row.amount),
        row.invoice_id,
        row.invoice_id !== null,
        row.approval_status,
      ]),
    );
  });

  it('adds up to the summary: each entry is rounded to its currency once, on both paths', async () => {
    // The detailed report rounds each entry in TypeScript (lib/money.ts), the summary in SQL before
    // summing (decision 0066); the seeded hours x rates have half cents, so rounding a row's exact
    // sum instead would differ here.
    const range = 'from=2026-01-01&to=2026-05-31';
    const entries: { project_id: string; currency: string; billable_amount: number }[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: typeof entries; next_cursor: string | null } = await workspace.admin.ok(
        'GET',
        `/v1/reports/time/entries?${range}&limit=200${cursor ? `&cursor=${cursor}` : ''}`,
      );
      entries.push(...page.data);
      cursor = page.next_cursor;
    } while (cursor !== null);
    const summary = await workspace.admin.ok('GET', `/v1/reports/time?group_by=project&${range}`);
    const cents = (amount: number, currency: string) => Math.round(amount * (currency === 'JPY' ? 1 : 100));
    for (const row of summary.results as Row[]) {
      const added = entries
        .filter((entry) => entry.project_id === row.id)
        .reduce((sum, entry) => sum + cents(entry.billable_amount, entry.currency), 0);
      expect(added, `${row.id}`).toBe(cents(row.billable_amount ?? 0, row.currency));
    }
  });

  it('shows a member their own entries only, and a manager no amounts of the team', async () => {
    const mine = await designer.api.ok('GET', '/v1/reports/time/entries?limit=200');
    expect(new Set(mine.data.map((entry: { user_id: string }) => entry.user_id))).toEqual(
      new Set([designer.id]),
    );
    expect(
      mine.data.every((entry: { billable_amount: number | null }) => entry.billable_amount !== null),
    ).toBe(true);
    const team = await manager.api.ok('GET', '/v1/reports/time/entries?limit=200');
    expect(new Set(team.data.map((entry: { user_id: string }) => entry.user_id))).toEqual(
      new Set([manager.id, designer.id]),
    );
    expect(
      team.data.every((entry: { billable_amount: number | null }) => entry.billable_amount === null),
    ).toBe(true);
  });
});
