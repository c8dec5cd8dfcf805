import { beforeAll, describe, expect, it } from 'vitest';
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
 * The utilisation and agent activity reports, checked against hand-written SQL over a seeded
 * workspace (not against the reports' own code), for an administrator, a manager and a member.
 */

let server: TestServer;
let workspace: Workspace;
let manager: Member;
let member: Member;
let other: Member;
let agent: Member;
let projectId: string;

/** A past week, Monday to Sunday; the workspace's default capacity is 35 hours. */
const WEEK = { from: '2026-11-02', to: '2026-11-08' };

beforeAll(async () => {
  server = await startTestServer();
  workspace = await newWorkspace(server, 'People');
  [manager, member, other, agent] = await Promise.all([
    addUser(server, workspace, { name: 'People Manager', role: 'manager' }),
    addUser(server, workspace, { name: 'People Member', weekly_capacity: 20 }),
    addUser(server, workspace, { name: 'People Other' }),
    addUser(server, workspace, { name: 'People Agent', user_type: 'agent', cost_rate: 10 }),
  ]);
  await workspace.admin.ok('PUT', `/v1/users/${manager.id}/teammates`, {
    teammate_ids: [member.id, agent.id],
  });
  const client = await workspace.admin.ok('POST', '/v1/clients', { name: 'People Client', currency: 'GBP' });
  projectId = (
    await workspace.admin.ok('POST', '/v1/projects', {
      name: 'Agents at work',
      client_id: client.id,
      hourly_rate: 75,
    })
  ).id;
  for (const user of [manager, member, other, agent]) await assign(workspace, projectId, user.id);

  const log = (api: Api, body: Record<string, unknown>) =>
    api.ok('POST', '/v1/time-entries', {
      project_id: projectId,
      spent_date: WEEK.from,
      notes: 'work',
      ...body,
    });
  await log(member.api, { hours: 10 });
  await log(member.api, { hours: 4, is_billable: false, spent_date: '2026-11-05' });
  // Outside the week: in no figure below.
  await log(member.api, { hours: 8, spent_date: '2026-11-09' });
  await log(other.api, { hours: 15 });
  await log(other.api, { hours: 15, spent_date: '2026-11-04' });
  await log(workspace.admin, { hours: 5 });
  await log(agent.api, { hours: 2, source: 'agent', metadata: { model: 'claude-sonnet' } });
  await log(agent.api, { hours: 1.5, source: 'agent', metadata: { model: 'gpt-4o' } });
  await log(agent.api, { hours: 1, source: 'agent' });

  const llm = (api: Api, body: Record<string, unknown>) =>
    api.ok('POST', '/v1/expenses', {
      project_id: projectId,
      expense_category_id: 'cat_llm_usage',
      spent_date: '2026-11-03',
      ...body,
    });
  await llm(agent.api, { total_cost: 0.123456, metadata: { model: 'claude-sonnet' } });
  await llm(agent.api, { total_cost: 0.5, metadata: { model: 'gpt-4o' } });
  await llm(member.api, { total_cost: 1, metadata: { model: 'claude-sonnet' } });
});

const range = `from=${WEEK.from}&to=${WEEK.to}`;

async function get(api: Api, path: string) {
  const response = await api.get(path);
  expect(response.status).toBe(200);
  return response.body;
}

/** Each human's tracked and billable hours of the week and weekly capacity, by hand-written SQL. */
async function utilisationBySql(userIds: string[]) {
  const { rows } = await server.pool.query(
    `SELECT u.id, coalesce(u.weekly_capacity, a.default_weekly_capacity)::float AS capacity,
       coalesce((SELECT sum(hours) FROM time_entries e WHERE e.user_id = u.id AND e.spent_date BETWEEN $2 AND $3), 0)::float AS tracked,
       coalesce((SELECT sum(hours) FROM time_entries e WHERE e.user_id = u.id AND e.is_billable AND e.spent_date BETWEEN $2 AND $3), 0)::float AS billable
     FROM users u JOIN accounts a ON a.id = u.account_id
     WHERE u.id = ANY($1) AND u.user_type = 'human' ORDER BY u.name, u.id`,
    [userIds, WEEK.from, WEEK.to],
  );
  return rows.map((row) => ({
    user_id: row.id,
    capacity_hours: row.capacity,
    tracked_hours: row.tracked,
    billable_hours: row.billable,
    utilisation_percent: row.capacity === 0 ? null : Math.round((row.tracked / row.capacity) * 1000) / 10,
  }));
}

describe('the utilisation report', () => {
  it("gives an administrator every human's hours of the week against their capacity", async () => {
    const body = await get(workspace.admin, `/v1/reports/utilisation?${range}`);
    const everyone = [workspace.adminId, manager.id, member.id, other.id];
    expect(
      body.results.map(
        ({
          user_id,
          capacity_hours,
          tracked_hours,
          billable_hours,
          utilisation_percent,
        }: Record<string, unknown>) => ({
          user_id,
          capacity_hours,
          tracked_hours,
          billable_hours,
          utilisation_percent,
        }),
      ),
    ).toEqual(await utilisationBySql(everyone));
    const memberRow = body.results.find((row: { user_id: string }) => row.user_id === member.id);
    expect(memberRow).toMatchObject({
      weekly_capacity: 20,
      non_billable_hours: 4,
      utilisation_percent: 70,
      billable_utilisation_percent: 50,
      difference_hours: -6,
      band: 'healthy',
    });
    expect(body.totals).toMatchObject({ capacity_hours: 125, tracked_hours: 49, billable_hours: 45 });
  });

  it('prorates the capacity to the days of the period', async () => {
    const body = await get(member.api, '/v1/reports/utilisation?from=2026-11-02&to=2026-11-15');
    expect(body.results).toEqual([
      expect.objectContaining({
        capacity_hours: 40,
        tracked_hours: 22,
        utilisation_percent: 55,
        band: 'under',
      }),
    ]);
  });

  it('gives a manager themselves and their human teammates, and a member themselves', async () => {
    const managers = await get(manager.api, `/v1/reports/utilisation?${range}`);
    expect(managers.results.map((row: { user_id: string }) => row.user_id)).toEqual(
      (await utilisationBySql([manager.id, member.id])).map((row) => row.user_id),
    );
    const own = await get(member.api, `/v1/reports/utilisation?${range}`);
    expect(own.results.map((row: { user_id: string }) => row.user_id)).toEqual([member.id]);
  });
});

describe('the agent activity report', () => {
  it('gives an administrator agent and human hours, hours by model, LLM spend and the margin SQL gives', async () => {
    const body = await get(workspace.admin, `/v1/reports/agents?${range}`);
    const { rows: hours } = await server.pool.query(
      `SELECT coalesce(sum(e.hours) FILTER (WHERE u.user_type = 'agent'), 0)::float AS agent,
              coalesce(sum(e.hours) FILTER (WHERE u.user_type = 'human'), 0)::float AS human
       FROM time_entries e JOIN users u ON u.id = e.user_id
       WHERE e.project_id = $1 AND e.spent_date BETWEEN $2 AND $3`,
      [projectId, WEEK.from, WEEK.to],
    );
    expect(body.by_project).toEqual([
      {
        project_id: projectId,
        project_name: 'Agents at work',
        agent_hours: hours[0].agent,
        human_hours: hours[0].human,
        agent_percent: 8.4,
      },
    ]);
    expect(body.by_model).toEqual([
      { model: 'claude-sonnet', agent_hours: 2 },
      { model: 'gpt-4o', agent_hours: 1.5 },
      { model: null, agent_hours: 1 },
    ]);
    expect(body.llm_spend_by_project).toEqual([
      { project_id: projectId, project_name: 'Agents at work', currency: 'GBP', amount: 1.62 },
    ]);
    expect(body.llm_spend_by_model).toEqual([
      { model: 'claude-sonnet', currency: 'GBP', amount: 1.12 },
      { model: 'gpt-4o', currency: 'GBP', amount: 0.5 },
    ]);
    const { rows: margin } = await server.pool.query(
      `SELECT (SELECT sum(round(hours * billable_rate, 2)) FROM time_entries
               WHERE user_id = $1 AND is_billable AND spent_date BETWEEN $2 AND $3)::float AS billable,
              (SELECT sum(round(hours * cost_rate, 2)) FROM time_entries
               WHERE user_id = $1 AND spent_date BETWEEN $2 AND $3)::float AS cost,
              (SELECT round(sum(total_cost), 2) FROM expenses
               WHERE user_id = $1 AND expense_category_id IN (SELECT id FROM expense_categories WHERE builtin_key = 'llm_usage')
                 AND spent_date BETWEEN $2 AND $3)::float AS llm`,
      [agent.id, WEEK.from, WEEK.to],
    );
    const { billable, cost, llm } = margin[0];
    expect(body.margins).toEqual([
      {
        agent_id: agent.id,
        agent_name: 'People Agent',
        project_id: projectId,
        project_name: 'Agents at work',
        currency: 'GBP',
        hours: 4.5,
        billable_amount: billable,
        time_cost: cost,
        llm_cost: llm,
        margin: 291.88,
      },
    ]);
    expect([billable, cost, llm]).toEqual([337.5, 45, 0.62]);
    expect(body.totals).toEqual({ agent_hours: 4.5, human_hours: 49 });
  });

  it('gives a manager their agent teammate without the amounts they may not see', async () => {
    const body = await get(manager.api, `/v1/reports/agents?${range}`);
    expect(body.by_project[0]).toMatchObject({ agent_hours: 4.5, human_hours: 14 });
    expect(body.margins).toEqual([
      expect.objectContaining({
        hours: 4.5,
        billable_amount: null,
        time_cost: null,
        llm_cost: 0.62,
        margin: null,
      }),
    ]);
  });

  it('gives a member only their own time and LLM spend', async () => {
    const body = await get(member.api, `/v1/reports/agents?${range}`);
    expect(body.by_project[0]).toMatchObject({ agent_hours: 0, human_hours: 14 });
    expect(body.by_model).toEqual([]);
    expect(body.llm_spend_by_project).toEqual([expect.objectContaining({ amount: 1 })]);
    expect(body.margins).toEqual([]);
  });

  it('narrows to a model with the metadata filter', async () => {
    const body = await get(workspace.admin, `/v1/reports/agents?${range}&model=gpt-4o`);
    expect(body.by_model).toEqual([{ model: 'gpt-4o', agent_hours: 1.5 }]);
    expect(body.llm_spend_by_model).toEqual([{ model: 'gpt-4o', currency: 'GBP', amount: 0.5 }]);
  });
});
