import { beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, monthOf, todayIn } from '../src/lib/workspace-clock.ts';
import {
  type Api,
  addUser,
  assign,
  type Member,
  newWorkspace,
  startTestServer,
  type TestServer,
  type Workspace,
} from './harness.ts';

/**
 * The budget report and each project's budget_progress, checked against hand-written SQL over a
 * seeded workspace (not against the report's own code), for an administrator, a manager and a member.
 */

let server: TestServer;
let workspace: Workspace;
let manager: Member;
let member: Member;
let stranger: Member;
const ids: Record<'hours' | 'fees' | 'jpy' | 'tasks' | 'people' | 'unbudgeted', string> = {
  hours: '',
  fees: '',
  jpy: '',
  tasks: '',
  people: '',
  unbudgeted: '',
};
let taskA = '';
let taskB = '';

// The workspace is in UTC, so this month is UTC's; a day of last month counts only for life budgets.
const today = todayIn('UTC', new Date());
const thisMonth = monthOf(today);
const lastMonthDay = addCalendarDays(thisMonth.start, -1);

async function project(api: Api, clientId: string, body: Record<string, unknown>) {
  const created = await api.ok('POST', '/v1/projects', {
    client_id: clientId,
    billing_type: 'time_and_materials',
    ...body,
  });
  return created.id as string;
}

beforeAll(async () => {
  server = await startTestServer();
  workspace = await newWorkspace(server, 'Budgets');
  const { admin } = workspace;
  [manager, member, stranger] = await Promise.all([
    addUser(server, workspace, { name: 'Budget Manager', role: 'manager' }),
    addUser(server, workspace, { name: 'Budget Member', billable_rate: 100, cost_rate: 40 }),
    addUser(server, workspace, { name: 'Budget Stranger' }),
  ]);
  await admin.ok('PUT', `/v1/users/${manager.id}/teammates`, { teammate_ids: [member.id] });
  const gbp = await admin.ok('POST', '/v1/clients', { name: 'Pound Client', currency: 'GBP' });
  const jpy = await admin.ok('POST', '/v1/clients', { name: 'Yen Client', currency: 'JPY' });
  taskA = (await admin.ok('POST', '/v1/tasks', { name: 'Design' })).id;
  taskB = (await admin.ok('POST', '/v1/tasks', { name: 'Build' })).id;

  ids.hours = await project(admin, gbp.id, {
    name: 'Hours for life',
    hourly_rate: 100,
    budget_by: 'total_hours',
    budget_hours: 10,
    show_budget_to_all: true,
  });
  ids.fees = await project(admin, gbp.id, {
    name: 'Monthly fees, hidden',
    hourly_rate: 150.5,
    budget_by: 'total_fees',
    budget_amount: 1000,
    budget_resets_monthly: true,
    budget_includes_expenses: true,
    budget_alert_percent: 50,
  });
  ids.jpy = await project(admin, jpy.id, {
    name: 'Yen fees, shown',
    hourly_rate: 1234.5,
    budget_by: 'total_fees',
    budget_amount: 5000,
    show_budget_to_all: true,
  });
  ids.tasks = await project(admin, gbp.id, { name: 'Per task', hourly_rate: 90, budget_by: 'task' });
  ids.people = await project(admin, gbp.id, { name: 'Per person', hourly_rate: 90, budget_by: 'person' });
  ids.unbudgeted = await project(admin, gbp.id, { name: 'No budget', hourly_rate: 90 });

  for (const id of Object.values(ids)) {
    await assign(workspace, id, member.id);
  }
  // The manager is on three of them; the stranger on none.
  for (const id of [ids.hours, ids.fees, ids.tasks]) await assign(workspace, id, manager.id);
  await admin.ok('POST', `/v1/projects/${ids.tasks}/task-assignments`, { task_id: taskA, budget_hours: 4 });
  await admin.ok('POST', `/v1/projects/${ids.tasks}/task-assignments`, { task_id: taskB, budget_hours: 6 });
  await admin.ok('POST', `/v1/projects/${ids.people}/task-assignments`, { task_id: taskA });
  const people = await admin.ok('GET', `/v1/projects/${ids.people}/user-assignments`);
  const memberAssignment = people.data.find((row: { user_id: string }) => row.user_id === member.id);
  await admin.ok('PATCH', `/v1/projects/${ids.people}/user-assignments/${memberAssignment.id}`, {
    budget_hours: 3,
  });

  const log = (api: Api, body: Record<string, unknown>) =>
    api.ok('POST', '/v1/time-entries', { spent_date: today, notes: 'work', ...body });
  await log(member.api, { project_id: ids.hours, hours: 6.25 });
  await log(member.api, { project_id: ids.hours, hours: 2, spent_date: lastMonthDay });
  await log(admin, { project_id: ids.hours, hours: 0.5, is_billable: false });
  // 150.5 x 1.3333 = 200.66165 -> 200.66; 150.5 x 2.0001 = 301.01505 -> 301.02 (rounded per entry).
  await log(member.api, { project_id: ids.fees, hours: 1.3333 });
  await log(member.api, { project_id: ids.fees, hours: 2.0001 });
  await log(member.api, { project_id: ids.fees, hours: 1, is_billable: false });
  await log(member.api, { project_id: ids.fees, hours: 3, spent_date: lastMonthDay });
  // 1234.5 x 1.5 = 1851.75 -> 1852 yen.
  await log(member.api, { project_id: ids.jpy, hours: 1.5 });
  await log(member.api, { project_id: ids.tasks, task_id: taskA, hours: 3.5 });
  await log(member.api, { project_id: ids.tasks, task_id: taskB, hours: 7 });
  await log(admin, { project_id: ids.people, task_id: taskA, hours: 5 });
  await log(member.api, { project_id: ids.people, task_id: taskA, hours: 1 });

  const expense = (body: Record<string, unknown>) =>
    member.api.ok('POST', '/v1/expenses', {
      project_id: ids.fees,
      expense_category_id: 'cat_llm_usage',
      spent_date: today,
      ...body,
    });
  await expense({ total_cost: 12.345, billable: true });
  await expense({ total_cost: 99, billable: false });
  await expense({ total_cost: 40, billable: true, spent_date: lastMonthDay });
});

/** The figures as hand-written SQL gives them, one project at a time. */
async function expected(projectId: string): Promise<{ budget: string; spent: string }> {
  const q = async (text: string, values: unknown[]) => (await server.pool.query(text, values)).rows[0];
  const {
    budget_by: type,
    budget_hours,
    budget_amount,
    budget_resets_monthly,
    currency,
  } = await q(
    `SELECT p.budget_by, p.budget_hours, p.budget_amount, p.budget_resets_monthly, c.currency
     FROM projects p JOIN clients c ON c.id = p.client_id WHERE p.id = $1`,
    [projectId],
  );
  const from = budget_resets_monthly ? thisMonth.start : '0001-01-01';
  const to = budget_resets_monthly ? thisMonth.end : '9999-12-31';
  const digits = currency === 'JPY' ? 0 : 2;
  if (type === 'total_hours') {
    const row = await q(
      `SELECT coalesce(sum(hours), 0) AS spent FROM time_entries
       WHERE project_id = $1 AND spent_date BETWEEN $2 AND $3`,
      [projectId, from, to],
    );
    return { budget: budget_hours, spent: row.spent };
  }
  if (type === 'total_fees') {
    const row = await q(
      `SELECT
         (SELECT coalesce(sum(round(hours * billable_rate, $4)), 0) FROM time_entries
          WHERE project_id = $1 AND is_billable AND spent_date BETWEEN $2 AND $3)
       + (SELECT coalesce(sum(round(total_cost, $4)), 0) FROM expenses e JOIN projects p ON p.id = e.project_id
          WHERE e.project_id = $1 AND e.billable AND p.budget_includes_expenses AND e.spent_date BETWEEN $2 AND $3)
         AS spent`,
      [projectId, from, to, digits],
    );
    return { budget: budget_amount, spent: row.spent };
  }
  const join =
    type === 'task'
      ? 'project_task_assignments a ON a.project_id = e.project_id AND a.task_id = e.task_id'
      : 'project_user_assignments a ON a.project_id = e.project_id AND a.user_id = e.user_id';
  const table = type === 'task' ? 'project_task_assignments' : 'project_user_assignments';
  const row = await q(
    `SELECT (SELECT sum(budget_hours) FROM ${table} WHERE project_id = $1) AS budget,
       (SELECT coalesce(sum(e.hours), 0) FROM time_entries e JOIN ${join}
        WHERE e.project_id = $1 AND a.budget_hours IS NOT NULL AND e.spent_date BETWEEN $2 AND $3) AS spent`,
    [projectId, from, to],
  );
  return row;
}

const num = (value: string) => Number(value);

async function report(api: Api, query = '') {
  const response = await api.get(`/v1/reports/budgets${query}`);
  expect(response.status).toBe(200);
  return response.body;
}

describe('the budget report', () => {
  it('gives an administrator every budgeted project with the figures SQL gives', async () => {
    const body = await report(workspace.admin);
    const byId = new Map(body.results.map((row: { project_id: string }) => [row.project_id, row]));
    expect([...byId.keys()].sort()).toEqual([ids.hours, ids.fees, ids.jpy, ids.tasks, ids.people].sort());
    for (const id of byId.keys()) {
      const want = await expected(id as string);
      const row = byId.get(id) as { budget: number; spent: number; remaining: number };
      expect([row.budget, row.spent, row.remaining]).toEqual([
        num(want.budget),
        num(want.spent),
        Number((num(want.budget) - num(want.spent)).toFixed(4)),
      ]);
    }
  });

  it('rounds each billed line to the currency, counts the month for monthly budgets and adds billable expenses', async () => {
    const body = await report(workspace.admin);
    const fees = body.results.find((row: { project_id: string }) => row.project_id === ids.fees);
    // 200.66 + 301.02 (this month's billable time) + 12.35 (this month's billable expense).
    expect(fees).toMatchObject({
      budget_type: 'total_fees',
      unit: 'GBP',
      budget: 1000,
      spent: 514.03,
      remaining: 485.97,
      percent_used: 51.4,
      status: 'warning',
      is_monthly: true,
      period_from: thisMonth.start,
      period_to: thisMonth.end,
      includes_expenses: true,
    });
    const yen = body.results.find((row: { project_id: string }) => row.project_id === ids.jpy);
    expect(yen).toMatchObject({
      unit: 'JPY',
      spent: 1852,
      remaining: 3148,
      percent_used: 37.04,
      status: 'on_track',
    });
  });

  it('gives per-task and per-person budgets one row each, and the project their sum', async () => {
    const body = await report(workspace.admin);
    const tasks = body.results.find((row: { project_id: string }) => row.project_id === ids.tasks);
    expect(tasks).toMatchObject({
      budget_type: 'task',
      unit: 'hours',
      budget: 10,
      spent: 10.5,
      status: 'over',
    });
    expect(tasks.items).toEqual([
      {
        kind: 'task',
        id: taskB,
        name: 'Build',
        budget: 6,
        spent: 7,
        remaining: -1,
        percent_used: 116.67,
        status: 'over',
      },
      {
        kind: 'task',
        id: taskA,
        name: 'Design',
        budget: 4,
        spent: 3.5,
        remaining: 0.5,
        percent_used: 87.5,
        status: 'warning',
      },
    ]);
    const people = body.results.find((row: { project_id: string }) => row.project_id === ids.people);
    // Only the member has a budget; the administrator's 5 hours count against nobody's.
    expect(people).toMatchObject({ budget: 3, spent: 1, status: 'on_track' });
    expect(people.items).toHaveLength(1);
  });

  it('adds up hour budgets, and fee budgets per currency, in the totals', async () => {
    const { totals } = await report(workspace.admin);
    expect(totals).toEqual({
      projects: 5,
      on_track: 2,
      warning: 2,
      over: 1,
      hours: { budget: 23, spent: 20.25, remaining: 2.75 },
      fees: [
        { currency: 'GBP', budget: 1000, spent: 514.03, remaining: 485.97 },
        { currency: 'JPY', budget: 5000, spent: 1852, remaining: 3148 },
      ],
    });
  });

  it('counts another month of a monthly budget when asked, leaving life budgets as they are', async () => {
    const month = lastMonthDay.slice(0, 7);
    const body = await report(workspace.admin, `?month=${month}`);
    const fees = body.results.find((row: { project_id: string }) => row.project_id === ids.fees);
    // 150.5 x 3 + 40 of last month.
    expect(fees).toMatchObject({ spent: 491.5, period_from: `${month}-01`, period_to: lastMonthDay });
    const hours = body.results.find((row: { project_id: string }) => row.project_id === ids.hours);
    expect(hours.spent).toBe(8.75);
  });

  it('filters by status and by project', async () => {
    const over = await report(workspace.admin, '?status=over');
    expect(over.results.map((row: { project_id: string }) => row.project_id)).toEqual([ids.tasks]);
    const one = await report(workspace.admin, `?project_id=${ids.jpy}`);
    expect(one.results.map((row: { project_id: string }) => row.project_id)).toEqual([ids.jpy]);
  });

  it('gives a manager the budgets of their projects, hidden ones included, but fee amounts only if shown to all', async () => {
    const body = await report(manager.api);
    const rows = new Map(body.results.map((row: { project_id: string }) => [row.project_id, row]));
    expect([...rows.keys()].sort()).toEqual([ids.hours, ids.fees, ids.tasks].sort());
    // The manager has no "view billable rates": the hidden fee budget shows its percentage, not its amounts.
    expect(rows.get(ids.fees)).toMatchObject({
      budget: null,
      spent: null,
      remaining: null,
      percent_used: 51.4,
    });
    expect(rows.get(ids.hours)).toMatchObject({ budget: 10, spent: 8.75 });
    expect(body.totals.fees).toEqual([]);
  });

  it('gives a member only the budgets shown to the team of their projects', async () => {
    const body = await report(member.api);
    const rows = new Map(body.results.map((row: { project_id: string }) => [row.project_id, row]));
    expect([...rows.keys()].sort()).toEqual([ids.hours, ids.jpy].sort());
    // A budget shown to the team shows its amounts to the team, as budget_amount on the project does.
    expect(rows.get(ids.jpy)).toMatchObject({ budget: 5000, spent: 1852 });
    expect((await report(stranger.api)).results).toEqual([]);
  });
});

describe('budget_progress on projects', () => {
  it('matches the report on the project page and in the list', async () => {
    const { results } = await report(workspace.admin);
    const { project_id, project_name, client_id, client_name, ...progress } = results.find(
      (row: { project_id: string }) => row.project_id === ids.fees,
    );
    const page = await workspace.admin.ok('GET', `/v1/projects/${ids.fees}`);
    expect(page.budget_progress).toEqual(progress);
    const list = await workspace.admin.ok('GET', '/v1/projects?limit=200');
    const listed = list.data.find((row: { id: string }) => row.id === ids.fees);
    expect(listed.budget_progress).toEqual(progress);
    expect(list.data.find((row: { id: string }) => row.id === ids.unbudgeted).budget_progress).toBeNull();
  });

  it('is null for a member when the budget is hidden from the team', async () => {
    const page = await member.api.ok('GET', `/v1/projects/${ids.fees}`);
    expect(page.budget_progress).toBeNull();
    const shown = await member.api.ok('GET', `/v1/projects/${ids.hours}`);
    expect(shown.budget_progress).toMatchObject({
      budget: 10,
      spent: 8.75,
      percent_used: 87.5,
      status: 'warning',
    });
  });
});
