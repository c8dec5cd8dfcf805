import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  Api,
  addUser,
  assign,
  newProject,
  newWorkspace,
  type ProjectFixture,
  startTestServer,
  type TestServer,
  type Workspace,
} from './harness.ts';

let server: TestServer;
let workspace: Workspace;
let v2: Api;
let web: ProjectFixture;
let mobile: ProjectFixture;
let agent: { id: string; api: Api };

beforeAll(async () => {
  server = await startTestServer();
  workspace = await newWorkspace(server);
  v2 = new Api(server.baseUrl, workspace.admin.key, { 'keito-account-id': workspace.accountId });
  web = await newProject(workspace, { name: 'Web' });
  mobile = await newProject(workspace, { name: 'Mobile' });
  agent = await addUser(server, workspace, { name: 'review-bot', user_type: 'agent' });
  await assign(workspace, web.projectId, agent.id);
  const agentV2 = new Api(server.baseUrl, agent.api.key, { 'keito-account-id': workspace.accountId });
  // 7 expenses: 5 on Web (3 by the agent from source agent), 2 on Mobile.
  for (const day of ['2026-05-01', '2026-05-02', '2026-05-03']) {
    await agentV2.ok('POST', '/api/v2/expenses', {
      project_id: web.projectId,
      expense_category_id: 'cat_llm_usage',
      spent_date: day,
      units: 45,
      source: 'agent',
    });
  }
  for (const day of ['2026-04-20', '2026-05-04']) {
    await v2.ok('POST', '/api/v2/expenses', {
      project_id: web.projectId,
      expense_category_id: 'cat_transportation',
      spent_date: day,
      total_cost: 12.5,
      billable: false,
    });
  }
  for (const day of ['2026-05-05', '2026-05-06']) {
    await v2.ok('POST', '/api/v2/expenses', {
      project_id: mobile.projectId,
      expense_category_id: 'cat_transportation',
      spent_date: day,
      total_cost: 30,
    });
  }
});

describe('/api/v2/expenses', () => {
  it('creates the documented example: total_cost, source and metadata, 201 with the billable field', async () => {
    const created = await v2.post('/api/v2/expenses', {
      project_id: mobile.projectId,
      expense_category_id: 'cat_llm_usage',
      spent_date: '2026-05-05',
      total_cost: 0.135,
      notes: 'LLM usage for review session',
      source: 'agent',
      metadata: {
        session_id: '550e8400-e29b-41d4-a716-446655440000',
        model: 'claude-opus-4-6',
        input_tokens: 30000,
        output_tokens: 15000,
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^exp_/),
      total_cost: 0.135,
      billable: true,
      source: 'agent',
      expense_category_id: 'cat_llm_usage',
    });
    await workspace.admin.ok('DELETE', `/v1/expenses/${created.body.id}`);
  });

  it('takes units instead of total_cost, and refuses neither', async () => {
    const byUnits = await v2.post('/api/v2/expenses', {
      project_id: mobile.projectId,
      expense_category_id: 'cat_llm_usage',
      spent_date: '2026-05-05',
      units: 10,
    });
    expect(byUnits.status).toBe(201);
    expect(byUnits.body.units).toBe(10);
    expect(byUnits.body.total_cost).toBeGreaterThan(0);
    await workspace.admin.ok('DELETE', `/v1/expenses/${byUnits.body.id}`);

    const neither = await v2.post('/api/v2/expenses', {
      project_id: mobile.projectId,
      expense_category_id: 'cat_transportation',
      spent_date: '2026-05-05',
    });
    expect(neither.status).toBe(400);
    expect(neither.body.error).toMatchObject({ code: 'validation_error', field: 'total_cost' });
  });

  it('requires the Keito-Account-Id header, on reads and writes', async () => {
    const withoutHeader = new Api(server.baseUrl, workspace.admin.key);
    const list = await withoutHeader.get('/api/v2/expenses');
    expect(list.status).toBe(400);
    expect(list.body.error.code).toBe('validation_error');
    expect(list.body.error.message).toContain('Keito-Account-Id');
    const create = await withoutHeader.post('/api/v2/expenses', {
      project_id: web.projectId,
      expense_category_id: 'cat_transportation',
      spent_date: '2026-05-05',
      total_cost: 1,
    });
    expect(create.status).toBe(400);
  });

  it("refuses a Keito-Account-Id that is not the key's workspace", async () => {
    const other = await newWorkspace(server, 'Other');
    const wrong = new Api(server.baseUrl, workspace.admin.key, { 'keito-account-id': other.accountId });
    const response = await wrong.get('/api/v2/expenses');
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('authentication_error');
  });

  it('pages with page and per_page, totals and links', async () => {
    const first = await v2.get(`/api/v2/expenses?per_page=3&project_id=${web.projectId}`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      page: 1,
      per_page: 3,
      total_pages: 2,
      total_entries: 5,
      next_page: 2,
      previous_page: null,
    });
    expect(first.body.expenses.map((e: { spent_date: string }) => e.spent_date)).toEqual([
      '2026-05-04',
      '2026-05-03',
      '2026-05-02',
    ]);
    const next = new URL(first.body.links.next);
    expect(next.pathname).toBe('/api/v2/expenses');
    expect(next.searchParams.get('page')).toBe('2');
    expect(next.searchParams.get('project_id')).toBe(web.projectId);
    expect(new URL(first.body.links.last).searchParams.get('page')).toBe('2');

    const second = await v2.get(`${next.pathname}${next.search}`);
    expect(second.body).toMatchObject({ page: 2, next_page: null, previous_page: 1 });
    expect(second.body.links.next).toBeNull();
    expect(second.body.expenses.map((e: { spent_date: string }) => e.spent_date)).toEqual([
      '2026-05-01',
      '2026-04-20',
    ]);

    const beyond = await v2.get(`/api/v2/expenses?per_page=3&page=9&project_id=${web.projectId}`);
    expect(beyond.body).toMatchObject({ expenses: [], page: 9, total_entries: 5, next_page: null });
  });

  it('refuses per_page above the maximum and page 0', async () => {
    expect((await v2.get('/api/v2/expenses?per_page=2001')).status).toBe(400);
    expect((await v2.get('/api/v2/expenses?page=0')).status).toBe(400);
  });

  it('filters by source, project, client, user, dates and billed status', async () => {
    const total = async (query: string) => (await v2.ok('GET', `/api/v2/expenses?${query}`)).total_entries;
    expect(await total('source=agent')).toBe(3);
    expect(await total(`project_id=${mobile.projectId}`)).toBe(2);
    expect(await total(`client_id=${mobile.clientId}`)).toBe(2);
    expect(await total(`user_id=${agent.id}`)).toBe(3);
    expect(await total('from=2026-05-01&to=2026-05-03')).toBe(3);
    expect(await total('source=agent&from=2026-05-02')).toBe(2);
    expect(await total('is_billed=false')).toBe(7);
    expect(await total('is_billed=true')).toBe(0);
    expect(await total('billable=false')).toBe(2);
  });

  it('filters by updated_since', async () => {
    const { expenses } = await v2.ok('GET', `/api/v2/expenses?project_id=${mobile.projectId}`);
    await server.db.execute(sql`UPDATE expenses SET updated_at = now() - interval '2 days'`);
    await workspace.admin.ok('PATCH', `/v1/expenses/${expenses[0].id}`, { notes: 'changed' });
    const since = new Date(Date.now() - 86_400_000).toISOString();
    const changed = await v2.ok('GET', `/api/v2/expenses?updated_since=${encodeURIComponent(since)}`);
    expect(changed.total_entries).toBe(1);
    expect(changed.expenses[0].id).toBe(expenses[0].id);
    expect((await v2.get('/api/v2/expenses?updated_since=yesterday')).status).toBe(400);
  });

  it('shows a member only their own expenses, as v1 does', async () => {
    const agentV2 = new Api(server.baseUrl, agent.api.key, { 'keito-account-id': workspace.accountId });
    const page = await agentV2.ok('GET', '/api/v2/expenses');
    expect(page.total_entries).toBe(3);
    expect(page.expenses.every((e: { user_id: string }) => e.user_id === agent.id)).toBe(true);
  });

  it('is in the OpenAPI document with the account header', async () => {
    const document = await (await fetch(`${server.baseUrl}/v1/openapi.json`)).json();
    const list = document.paths['/api/v2/expenses'].get;
    expect(list.operationId).toBe('listExpensesV2');
    expect(list.parameters).toContainEqual(
      expect.objectContaining({ in: 'header', name: 'keito-account-id', required: true }),
    );
  });
});
