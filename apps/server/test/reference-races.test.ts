import type pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiResponse,
  newProject,
  newWorkspace,
  startTestServer,
  type TestServer,
  type Workspace,
} from './harness.ts';

/**
 * A delete that races with a new reference to what it deletes. The services check first (a project
 * with entries is not deleted; an entry names an existing project), but a check cannot see what
 * another transaction has not committed yet, so the database's references decide, and their
 * refusals answer like any refusal: 409 conflict for the delete, 422 on the field for the create,
 * with the documented error object, never 500. Each race is forced in one order by holding the
 * other side's transaction open until the request is waiting for its locks.
 */
let server: TestServer;
let workspace: Workspace;

beforeAll(async () => {
  server = await startTestServer();
  workspace = await newWorkspace(server, 'Races');
});

interface HeldTransaction {
  commit(): Promise<void>;
}

/** Runs `statements` in a transaction on a connection of its own and keeps it open. */
async function hold(statements: [string, unknown[]][]): Promise<HeldTransaction> {
  const client: pg.PoolClient = await server.pool.connect();
  await client.query('BEGIN');
  for (const [text, values] of statements) await client.query(text, values);
  return {
    async commit() {
      await client.query('COMMIT');
      client.release();
    },
  };
}

/** Resolves once a statement of this test's database waits for a lock another transaction holds. */
async function someoneWaitsForALock(): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const { rows } = await server.pool.query(
      `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if (rows.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('no statement ever waited for a lock');
}

/** Sends the request, lets it run into the held transaction's locks, then commits that transaction. */
async function raceAgainst<Response>(held: HeldTransaction, request: Promise<Response>): Promise<Response> {
  await someoneWaitsForALock();
  await held.commit();
  return request;
}

function expectError(response: ApiResponse, status: number, code: string, field?: string) {
  expect({ status: response.status, body: response.body }).toStrictEqual({
    status,
    body: {
      error:
        field === undefined
          ? { code, message: expect.any(String) }
          : { code, message: expect.any(String), field },
    },
  });
}

const newEntryRow = (id: string, projectId: string): [string, unknown[]] => [
  `INSERT INTO time_entries (id, account_id, user_id, project_id, spent_date, is_billable)
   VALUES ($1, $2, $3, $4, '2026-05-05', true)`,
  [id, workspace.accountId, workspace.adminId, projectId],
];

describe('a project deleted while a time entry on it is created', () => {
  it('the delete that loses answers 409 conflict and the project stays', async () => {
    const { projectId } = await newProject(workspace, { name: 'Delete loses' });
    const inserting = await hold([newEntryRow('te_race_delete_loses', projectId)]);

    const response = await raceAgainst(inserting, workspace.admin.delete(`/v1/projects/${projectId}`));

    expectError(response, 409, 'conflict');
    expect(response.body.error.message).toContain('time entries');
    expect((await workspace.admin.get(`/v1/projects/${projectId}`)).status).toBe(200);
  });

  it('the create that loses answers 422 on project_id and nothing is written', async () => {
    const { projectId, taskId } = await newProject(workspace, { name: 'Create loses' });
    const deleting = await hold([['DELETE FROM projects WHERE id = $1', [projectId]]]);

    const response = await raceAgainst(
      deleting,
      workspace.admin.post('/v1/time-entries', {
        project_id: projectId,
        task_id: taskId,
        spent_date: '2026-05-05',
        hours: 1,
      }),
    );

    expectError(response, 422, 'unprocessable', 'project_id');
    const { rows } = await server.pool.query('SELECT 1 FROM time_entries WHERE project_id = $1', [projectId]);
    expect(rows).toEqual([]);
  });

  it("in a group of creates, only the losing create is refused; the group's others are written", async () => {
    const kept = await newProject(workspace, { name: 'Kept' });
    const gone = await newProject(workspace, { name: 'Gone' });
    const deleting = await hold([['DELETE FROM projects WHERE id = $1', [gone.projectId]]]);
    const entry = (projectId: string, notes: string) =>
      workspace.admin.post('/v1/time-entries', {
        project_id: projectId,
        spent_date: '2026-05-05',
        hours: 1,
        notes,
      });

    const [first, second, third] = await raceAgainst(
      deleting,
      Promise.all([
        entry(kept.projectId, 'kept 1'),
        entry(gone.projectId, 'gone'),
        entry(kept.projectId, 'kept 2'),
      ]),
    );

    // The group's INSERT was refused; retried alone, the create on the deleted project no longer finds it.
    expect([first.status, third.status]).toEqual([201, 201]);
    expectError(second, 404, 'not_found', 'project_id');
  });
});

describe('a task deleted while a time entry with it is created', () => {
  it('the create that loses answers 422 on task_id', async () => {
    const { projectId, taskId } = await newProject(workspace, { name: 'Task goes' });
    const deleting = await hold([
      ['DELETE FROM project_task_assignments WHERE task_id = $1', [taskId]],
      ['DELETE FROM tasks WHERE id = $1', [taskId]],
    ]);

    const response = await raceAgainst(
      deleting,
      workspace.admin.post('/v1/time-entries', {
        project_id: projectId,
        task_id: taskId,
        spent_date: '2026-05-05',
        hours: 1,
      }),
    );

    expectError(response, 422, 'unprocessable', 'task_id');
  });
});

describe('an expense category deleted while an expense in it is created', () => {
  it('the create that loses answers 422 on expense_category_id', async () => {
    const { projectId } = await newProject(workspace, { name: 'Category goes' });
    const category = await workspace.admin.ok('POST', '/v1/expense-categories', { name: 'Short-lived' });
    const deleting = await hold([['DELETE FROM expense_categories WHERE id = $1', [category.id]]]);

    const response = await raceAgainst(
      deleting,
      workspace.admin.post('/v1/expenses', {
        project_id: projectId,
        expense_category_id: category.id,
        spent_date: '2026-05-05',
        total_cost: 12.5,
      }),
    );

    expectError(response, 422, 'unprocessable', 'expense_category_id');
  });
});

describe('a client deleted while a project for it is created', () => {
  it('the delete that loses answers 409 conflict', async () => {
    const client = await workspace.admin.ok('POST', '/v1/clients', { name: 'Delete loses Client' });
    const inserting = await hold([
      [
        'INSERT INTO projects (id, account_id, client_id, name) VALUES ($1, $2, $3, $4)',
        ['prj_race_delete_loses', workspace.accountId, client.id, 'Raced'],
      ],
    ]);

    const response = await raceAgainst(inserting, workspace.admin.delete(`/v1/clients/${client.id}`));

    expectError(response, 409, 'conflict');
    expect((await workspace.admin.get(`/v1/clients/${client.id}`)).status).toBe(200);
  });

  it('the create that loses answers 422 on client_id', async () => {
    const client = await workspace.admin.ok('POST', '/v1/clients', { name: 'Create loses Client' });
    const deleting = await hold([['DELETE FROM clients WHERE id = $1', [client.id]]]);

    const response = await raceAgainst(
      deleting,
      workspace.admin.post('/v1/projects', { name: 'Too late', client_id: client.id }),
    );

    expectError(response, 422, 'unprocessable', 'client_id');
  });
});

describe('references', () => {
  it('all declare what a delete does to them, so a refused delete is always 23001 and 409', async () => {
    // With NO ACTION (the default), a delete would raise 23503, which the API reads as a create
    // naming something missing (db/errors.ts); cascade, set null or restrict keep the two apart.
    const { rows } = await server.pool.query(
      `SELECT conname FROM pg_constraint WHERE contype = 'f' AND confdeltype = 'a' ORDER BY conname`,
    );
    expect(rows).toEqual([]);
  });
});
