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
let fixture: ProjectFixture;
let agent: { id: string; api: Api };
let unassigned: ProjectFixture;

beforeAll(async () => {
  server = await startTestServer();
  workspace = await newWorkspace(server);
  fixture = await newProject(workspace);
  unassigned = await newProject(workspace, { name: 'Elsewhere' });
  agent = await addUser(server, workspace, { name: 'batch-bot', user_type: 'agent' });
  await assign(workspace, fixture.projectId, agent.id);
});

async function countWhere(table: 'time_entries' | 'expenses', notes: string): Promise<number> {
  const result = await server.db.execute(
    sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} WHERE notes = ${notes}`,
  );
  return (result.rows[0] as { n: number }).n;
}

describe('POST /v1/time-entries/batch', () => {
  it('creates the valid items and reports each refused one with its index and error', async () => {
    const entry = (extra: Record<string, unknown>) => ({
      project_id: fixture.projectId,
      spent_date: '2026-05-05',
      hours: 1,
      notes: 'partial',
      source: 'agent',
      ...extra,
    });
    const response = await agent.api.post('/v1/time-entries/batch', {
      items: [
        entry({ hours: 1.5 }),
        entry({ project_id: undefined }),
        entry({ project_id: unassigned.projectId }),
        entry({ hours: 30 }),
        entry({ metadata: { blob: 'x'.repeat(5000) } }),
        entry({ hours: 0.25, metadata: { agent_id: 'batch-bot' } }),
      ],
    });
    expect(response.status).toBe(200);
    expect(response.body.created.map((item: { index: number }) => item.index)).toEqual([0, 5]);
    expect(response.body.created[0].data).toMatchObject({
      id: expect.stringMatching(/^te_/),
      hours: 1.5,
      user_id: agent.id,
      source: 'agent',
    });
    expect(response.body.failed).toEqual([
      {
        index: 1,
        status: 400,
        error: { code: 'validation_error', message: 'project_id is required', field: 'project_id' },
      },
      {
        index: 2,
        status: 403,
        error: expect.objectContaining({ code: 'project_not_assigned', field: 'project_id' }),
      },
      { index: 3, status: 400, error: expect.objectContaining({ code: 'validation_error', field: 'hours' }) },
      { index: 4, status: 400, error: expect.objectContaining({ code: 'metadata_too_large' }) },
    ]);
    expect(await countWhere('time_entries', 'partial')).toBe(2);
  });

  it('refuses an empty batch and one over the limit as a whole', async () => {
    expect((await agent.api.post('/v1/time-entries/batch', { items: [] })).status).toBe(400);
    const tooMany = Array.from({ length: 101 }, () => ({
      project_id: fixture.projectId,
      spent_date: '2026-05-05',
      hours: 1,
    }));
    const response = await agent.api.post('/v1/time-entries/batch', { items: tooMany });
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe('items');
  });

  it('takes 100 items', async () => {
    const items = Array.from({ length: 100 }, (_, i) => ({
      project_id: fixture.projectId,
      spent_date: '2026-05-06',
      hours: 0.1,
      notes: 'hundred',
      metadata: { n: i },
    }));
    const response = await agent.api.post('/v1/time-entries/batch', { items });
    expect(response.body.created).toHaveLength(100);
    expect(
      response.body.created.map((item: { data: { metadata: { n: number } } }) => item.data.metadata.n),
    ).toEqual(items.map((_, i) => i));
    expect(await countWhere('time_entries', 'hundred')).toBe(100);
  });

  it('is idempotent: the same Idempotency-Key replays the batch without writing again', async () => {
    const api = new Api(server.baseUrl, agent.api.key, { 'idempotency-key': 'batch-1' });
    const body = {
      items: [
        { project_id: fixture.projectId, spent_date: '2026-05-07', hours: 1, notes: 'replay' },
        { project_id: unassigned.projectId, spent_date: '2026-05-07', hours: 1, notes: 'replay' },
      ],
    };
    const first = await api.post('/v1/time-entries/batch', body);
    const second = await api.post('/v1/time-entries/batch', body);
    expect(second.status).toBe(200);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body).toEqual(first.body);
    expect(await countWhere('time_entries', 'replay')).toBe(1);
    const changed = await api.post('/v1/time-entries/batch', { items: body.items.slice(0, 1) });
    expect(changed.status).toBe(422);
  });

  it('runs items in order: a second running timer stops the first', async () => {
    const response = await agent.api.post('/v1/time-entries/batch', {
      items: [
        { project_id: fixture.projectId, spent_date: '2026-05-08', is_running: true, notes: 'timer one' },
        { project_id: fixture.projectId, spent_date: '2026-05-08', is_running: true, notes: 'timer two' },
      ],
    });
    expect(response.body.created).toHaveLength(2);
    const first = await agent.api.get(`/v1/time-entries/${response.body.created[0].data.id}`);
    const second = await agent.api.get(`/v1/time-entries/${response.body.created[1].data.id}`);
    expect(first.body.is_running).toBe(false);
    expect(second.body.is_running).toBe(true);
  });
});

describe('POST /v1/expenses/batch', () => {
  it('creates the valid items and reports the others, each with the single-create error', async () => {
    const expense = (extra: Record<string, unknown>) => ({
      project_id: fixture.projectId,
      expense_category_id: 'cat_llm_usage',
      spent_date: '2026-05-05',
      notes: 'expense batch',
      source: 'agent',
      ...extra,
    });
    const response = await agent.api.post('/v1/expenses/batch', {
      items: [
        expense({ units: 45 }),
        expense({ expense_category_id: 'cat_transportation' }),
        expense({ expense_category_id: 'cat_nope', total_cost: 1 }),
        expense({ total_cost: 0.135 }),
        'not an object',
      ],
    });
    expect(response.status).toBe(400);
    const valid = await agent.api.post('/v1/expenses/batch', {
      items: [
        expense({ units: 45 }),
        expense({ expense_category_id: 'cat_transportation' }),
        expense({ expense_category_id: 'cat_nope', total_cost: 1 }),
        expense({ total_cost: 0.135 }),
      ],
    });
    expect(valid.status).toBe(200);
    expect(
      valid.body.created.map((item: { index: number; data: { total_cost: number } }) => item.index),
    ).toEqual([0, 3]);
    expect(valid.body.created[1].data.total_cost).toBe(0.135);
    expect(valid.body.failed).toEqual([
      {
        index: 1,
        status: 400,
        error: expect.objectContaining({ code: 'validation_error', field: 'total_cost' }),
      },
      {
        index: 2,
        status: 404,
        error: expect.objectContaining({ code: 'not_found', field: 'expense_category_id' }),
      },
    ]);
    expect(await countWhere('expenses', 'expense batch')).toBe(2);
  });

  it('is in the OpenAPI document', async () => {
    const document = await (await fetch(`${server.baseUrl}/v1/openapi.json`)).json();
    expect(document.paths['/v1/expenses/batch'].post.operationId).toBe('createExpensesBatch');
    expect(document.paths['/v1/time-entries/batch'].post.operationId).toBe('createTimeEntriesBatch');
  });
});
