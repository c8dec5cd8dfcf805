import { beforeAll, describe, expect, it } from 'vitest';
import {
  Api,
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

let server: TestServer;
let workspace: Workspace;
let project: ProjectFixture;
let member: Member;
let expenseId: string;

const anExpense = () => ({
  project_id: project.projectId,
  expense_category_id: 'cat_transportation',
  spent_date: '2026-05-04',
  total_cost: 12.5,
});

beforeAll(async () => {
  server = await startTestServer();
  workspace = await newWorkspace(server);
  project = await newProject(workspace);
  member = await addUser(server, workspace, { name: 'Maya' });
  await assign(workspace, project.projectId, member.id);
  expenseId = (await member.api.ok('POST', '/v1/expenses', anExpense())).id;
});

const setExpenses = (on: boolean) =>
  workspace.admin.ok('PATCH', '/v1/workspace', { features: { expenses: on } });

function expectFeatureDisabled(response: { status: number; body: { error?: { code?: string } } }) {
  expect(response.status).toBe(403);
  expect(response.body.error).toMatchObject({
    code: 'feature_disabled',
    message: "Expenses are turned off in this workspace's settings",
  });
}

describe('with Expenses turned off', () => {
  beforeAll(() => setExpenses(false));

  it('refuses every /v1 expense endpoint with 403 feature_disabled, administrators included', async () => {
    for (const api of [workspace.admin, member.api]) {
      expectFeatureDisabled(await api.post('/v1/expenses', anExpense()));
      expectFeatureDisabled(await api.get('/v1/expenses'));
      expectFeatureDisabled(await api.get(`/v1/expenses/${expenseId}`));
      expectFeatureDisabled(await api.patch(`/v1/expenses/${expenseId}`, { notes: 'late' }));
      expectFeatureDisabled(await api.delete(`/v1/expenses/${expenseId}`));
      expectFeatureDisabled(await api.get('/v1/expense-categories'));
    }
  });

  it('refuses the batch create, writing nothing', async () => {
    expectFeatureDisabled(await member.api.post('/v1/expenses/batch', { items: [anExpense(), anExpense()] }));
    await setExpenses(true);
    const listed = await member.api.ok('GET', '/v1/expenses');
    expect(listed.data.map((expense: { id: string }) => expense.id)).toEqual([expenseId]);
    await setExpenses(false);
  });

  it('refuses /api/v2/expenses', async () => {
    const v2 = new Api(server.baseUrl, member.api.key, { 'keito-account-id': workspace.accountId });
    expectFeatureDisabled(await v2.get('/api/v2/expenses'));
    expectFeatureDisabled(await v2.post('/api/v2/expenses', anExpense()));
  });

  it('answers feature_disabled before looking at the request, so an invalid body gets the same answer', async () => {
    expectFeatureDisabled(await member.api.post('/v1/expenses', { nonsense: true }));
  });

  it('leaves the other modules alone: time entries still work', async () => {
    const entry = await member.api.post('/v1/time-entries', {
      project_id: project.projectId,
      task_id: project.taskId,
      spent_date: '2026-05-04',
      hours: 1,
    });
    expect(entry.status).toBe(201);
  });

  it('a refusal is not replayed for its Idempotency-Key once Expenses is back on', async () => {
    const keyed = new Api(server.baseUrl, member.api.key, { 'idempotency-key': 'expense-after-toggle' });
    expectFeatureDisabled(await keyed.post('/v1/expenses', anExpense()));
    await setExpenses(true);
    const retried = await keyed.post('/v1/expenses', anExpense());
    expect(retried.status).toBe(201);
    await setExpenses(false);
  });
});

describe('with Expenses turned back on', () => {
  beforeAll(() => setExpenses(true));

  it('serves the expenses kept while it was off', async () => {
    const expense = await member.api.ok('GET', `/v1/expenses/${expenseId}`);
    expect(expense).toMatchObject({ id: expenseId, total_cost: 12.5 });
  });
});
