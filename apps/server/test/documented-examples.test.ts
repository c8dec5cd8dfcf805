import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Api,
  addUser,
  assign,
  type Member,
  newProject,
  newWorkspace,
  type ProjectFixture,
  startTestServer,
  type Workspace,
} from './harness.ts';

/**
 * Every request of api-reference/* and developer/quickstart.md, sent as the pages show it (ids
 * aside), and checked against the response the pages show.
 */
let workspace: Workspace;
let fixture: ProjectFixture;
let agent: Member;

const sessionId = '550e8400-e29b-41d4-a716-446655440000';

beforeAll(async () => {
  const server = await startTestServer();
  workspace = await newWorkspace(server);
  fixture = await newProject(workspace, { hourly_rate: 150 });
  agent = await addUser(server, workspace, {
    name: 'review-bot-01',
    user_type: 'agent',
    billable_rate: 75,
    cost_rate: 5,
  });
  await assign(workspace, fixture.projectId, agent.id);
});

function timeEntryBody(overrides: Record<string, unknown> = {}) {
  return {
    project_id: fixture.projectId,
    task_id: fixture.taskId,
    spent_date: '2026-03-06',
    hours: 1.5,
    notes: 'Refactored authentication module',
    source: 'agent',
    metadata: {
      agent_id: 'review-bot-01',
      agent_type: 'claude-code',
      session_id: sessionId,
      model: 'claude-opus-4-6',
    },
    ...overrides,
  };
}

function llmExpenseBody(api: Api | undefined = undefined) {
  void api;
  return {
    project_id: fixture.projectId,
    expense_category_id: 'cat_llm_usage',
    spent_date: '2026-03-06',
    units: 45,
    notes: 'claude-opus-4-6: 30k input + 15k output tokens',
    source: 'agent',
    metadata: {
      agent_id: 'review-bot-01',
      session_id: sessionId,
      model: 'claude-opus-4-6',
      input_tokens: 30000,
      output_tokens: 15000,
    },
  };
}

describe('api-reference/time-entries', () => {
  it('creates a time entry and answers with the documented fields', async () => {
    const response = await agent.api.post('/v1/time-entries', timeEntryBody());
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      project_id: fixture.projectId,
      task_id: fixture.taskId,
      user_id: agent.id,
      spent_date: '2026-03-06',
      hours: 1.5,
      notes: 'Refactored authentication module',
      is_running: false,
      is_billable: true,
      source: 'agent',
      metadata: {
        agent_id: 'review-bot-01',
        agent_type: 'claude-code',
        session_id: sessionId,
        model: 'claude-opus-4-6',
      },
    });
    expect(response.body.id).toMatch(/^te_/);
    expect(response.body.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    expect(response.body.updated_at).toBe(response.body.created_at);
  });

  it('lists agent entries for a project within dates', async () => {
    const created = await agent.api.ok(
      'POST',
      '/v1/time-entries',
      timeEntryBody({ spent_date: '2026-03-05' }),
    );
    await agent.api.ok('POST', '/v1/time-entries', timeEntryBody({ spent_date: '2026-02-27' }));
    await agent.api.ok(
      'POST',
      '/v1/time-entries',
      timeEntryBody({ source: 'api', spent_date: '2026-03-04' }),
    );
    const response = await agent.api.get(
      `/v1/time-entries?source=agent&project_id=${fixture.projectId}&from=2026-03-01&to=2026-03-06`,
    );
    expect(response.status).toBe(200);
    expect(response.body.has_more).toBe(false);
    expect(response.body.next_cursor).toBeNull();
    const dates = response.body.data.map((entry: { spent_date: string }) => entry.spent_date);
    expect(dates.every((date: string) => date >= '2026-03-01' && date <= '2026-03-06')).toBe(true);
    expect(response.body.data.every((entry: { source: string }) => entry.source === 'agent')).toBe(true);
    expect(response.body.data.map((entry: { id: string }) => entry.id)).toContain(created.id);
    expect(response.body.data[0]).toMatchObject({
      project_id: fixture.projectId,
      hours: 1.5,
      metadata: { agent_id: 'review-bot-01' },
    });
  });

  it('gets a single time entry', async () => {
    const created = await agent.api.ok('POST', '/v1/time-entries', timeEntryBody());
    const response = await agent.api.get(`/v1/time-entries/${created.id}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(created);
  });

  it('stops a running timer with the hours and notes given', async () => {
    const timer = await agent.api.ok(
      'POST',
      '/v1/time-entries',
      timeEntryBody({ hours: 0, is_running: true }),
    );
    expect(timer).toMatchObject({ is_running: true, hours: 0 });
    const response = await agent.api.patch(`/v1/time-entries/${timer.id}`, {
      hours: 1.5,
      is_running: false,
      notes: 'Completed OAuth implementation',
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: timer.id,
      hours: 1.5,
      is_running: false,
      notes: 'Completed OAuth implementation',
    });
  });

  it('deletes a time entry with 204 No Content', async () => {
    const created = await agent.api.ok('POST', '/v1/time-entries', timeEntryBody());
    const response = await agent.api.delete(`/v1/time-entries/${created.id}`);
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
    expect((await agent.api.get(`/v1/time-entries/${created.id}`)).status).toBe(404);
  });

  it('defaults source to api and is_billable to the project', async () => {
    const { source: _source, ...body } = timeEntryBody();
    const created = await agent.api.ok('POST', '/v1/time-entries', body);
    expect(created.source).toBe('api');
    expect(created.is_billable).toBe(true);
  });
});

describe('api-reference/expenses', () => {
  it('logs an LLM token cost with cat_llm_usage, computing total_cost from units', async () => {
    const response = await agent.api.post('/v1/expenses', llmExpenseBody());
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      project_id: fixture.projectId,
      expense_category_id: 'cat_llm_usage',
      spent_date: '2026-03-06',
      units: 45,
      unit_price: 0.003,
      total_cost: 0.135,
      notes: 'claude-opus-4-6: 30k input + 15k output tokens',
      source: 'agent',
      metadata: llmExpenseBody().metadata,
    });
    expect(response.body.id).toMatch(/^exp_/);
    expect(response.body.created_at).toMatch(/Z$/);
    const category = await agent.api.ok('GET', `/v1/expense-categories/${response.body.expense_category_id}`);
    expect(category).toMatchObject({
      id: 'cat_llm_usage',
      name: 'LLM Usage',
      is_unit_based: true,
      unit_name: '1k tokens',
      unit_price: 0.003,
    });
  });

  it('lists LLM expenses for a project by source and date', async () => {
    const created = await agent.api.ok('POST', '/v1/expenses', llmExpenseBody());
    const response = await agent.api.get(
      `/v1/expenses?source=agent&project_id=${fixture.projectId}&from=2026-03-01`,
    );
    expect(response.status).toBe(200);
    expect(response.body.data.map((expense: { id: string }) => expense.id)).toContain(created.id);
    expect(response.body).toMatchObject({ has_more: false, next_cursor: null });
  });

  it('gets a single expense', async () => {
    const created = await agent.api.ok('POST', '/v1/expenses', llmExpenseBody());
    const response = await agent.api.get(`/v1/expenses/${created.id}`);
    expect(response.status).toBe(200);
    expect(response.body.total_cost).toBe(0.135);
  });
});

describe('api-reference/projects', () => {
  it('lists the projects the user is assigned to, with the documented fields', async () => {
    const response = await agent.api.get('/v1/projects');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ next_cursor: null, has_more: false });
    expect(response.body.data).toHaveLength(1);
    const project = response.body.data[0];
    expect(project).toMatchObject({
      id: fixture.projectId,
      name: 'Acme Website Redesign',
      client_id: fixture.clientId,
      billing_type: 'time_and_materials',
      is_billable: true,
      is_active: true,
    });
    expect(project).toHaveProperty('budget_hours');
    expect(project).toHaveProperty('budget_amount');
    expect(project.created_at).toMatch(/Z$/);
  });

  it('gets a project with budgets', async () => {
    await workspace.admin.ok('PATCH', `/v1/projects/${fixture.projectId}`, {
      budget_hours: 200,
      budget_amount: 30000,
    });
    const response = await workspace.admin.get(`/v1/projects/${fixture.projectId}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ budget_hours: 200, budget_amount: 30000 });
  });
});

describe('api-reference/users', () => {
  it('lists agent users with rates', async () => {
    const response = await workspace.admin.get('/v1/users?user_type=agent');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ next_cursor: null, has_more: false });
    expect(response.body.data).toEqual([
      expect.objectContaining({
        id: agent.id,
        name: 'review-bot-01',
        email: 'review-bot-01@agents.keito.ai',
        user_type: 'agent',
        is_active: true,
        billable_rate: 75,
        cost_rate: 5,
      }),
    ]);
  });

  it('gets a single user', async () => {
    const response = await workspace.admin.get(`/v1/users/${agent.id}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: agent.id, user_type: 'agent' });
    expect(response.body.created_at).toMatch(/Z$/);
  });
});

describe('developer/quickstart', () => {
  it('creates an agent time entry, then its LLM expense with the same session_id', async () => {
    const entry = await agent.api.ok('POST', '/v1/time-entries', {
      ...timeEntryBody({ notes: 'Implemented OAuth flow' }),
      metadata: {
        agent_id: 'my-bot-01',
        agent_type: 'claude-code',
        session_id: sessionId,
        model: 'claude-opus-4-6',
      },
    });
    const expense = await agent.api.ok('POST', '/v1/expenses', {
      ...llmExpenseBody(),
      metadata: {
        ...llmExpenseBody().metadata,
        agent_id: 'my-bot-01',
        session_id: entry.metadata.session_id,
      },
    });
    expect(expense.metadata.session_id).toBe(entry.metadata.session_id);
    expect(expense.total_cost).toBe(0.135);
  });
});
