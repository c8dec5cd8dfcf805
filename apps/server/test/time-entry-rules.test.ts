import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Api,
  type ApiResponse,
  addUser,
  assign,
  type Member,
  newProject,
  newWorkspace,
  startTestServer,
  type TestServer,
  type Workspace,
} from './harness.ts';

/**
 * The rules every new time entry is checked against and priced with, through POST /v1/time-entries
 * and POST /v1/time-entries/batch: the rate stored on the entry, its billable default, the task and
 * project rules, and how one refused create leaves its concurrent neighbours alone.
 */

let server: TestServer;
let workspace: Workspace;
let admin: Api;
/** A member with a default billable rate of 110. */
let mia: Member;
/** A member with a default billable rate of 90. */
let ned: Member;
/** A member who is on no project. */
let otto: Member;
/** A second administrator, on no project. */
let ada: Member;
let foreignTaskId: string;
let foreignProjectId: string;

type Body = Record<string, unknown>;
type ErrorOf = { code: string; message: string; field?: string };

beforeAll(async () => {
  server = await startTestServer();
  workspace = await newWorkspace(server, 'Rules');
  admin = workspace.admin;
  mia = await addUser(server, workspace, { name: 'Mia Member', billable_rate: 110, cost_rate: 40 });
  ned = await addUser(server, workspace, { name: 'Ned Member', billable_rate: 90, cost_rate: 30 });
  otto = await addUser(server, workspace, { name: 'Otto Outsider', billable_rate: 80 });
  ada = await addUser(server, workspace, { name: 'Ada Admin', role: 'administrator', billable_rate: 200 });

  const foreign = await newWorkspace(server, 'Elsewhere');
  const foreignFixture = await newProject(foreign, { name: 'Elsewhere Portal' });
  foreignTaskId = foreignFixture.taskId;
  foreignProjectId = foreignFixture.projectId;
});

/** A project created by the administrator (who is then on its team), with nobody else assigned. */
async function project(fields: Body): Promise<string> {
  const client = await admin.ok('POST', '/v1/clients', {
    name: `Client ${Math.random().toString(36).slice(2)}`,
  });
  const created = await admin.ok('POST', '/v1/projects', {
    name: `Project ${Math.random().toString(36).slice(2)}`,
    client_id: client.id,
    ...fields,
  });
  return created.id;
}

async function task(fields: Body = {}): Promise<string> {
  const created = await admin.ok('POST', '/v1/tasks', {
    name: `Task ${Math.random().toString(36).slice(2)}`,
    ...fields,
  });
  return created.id;
}

async function assignTask(projectId: string, taskId: string, fields: Body = {}) {
  return admin.ok('POST', `/v1/projects/${projectId}/task-assignments`, { task_id: taskId, ...fields });
}

function entry(projectId: string, extra: Body = {}): Body {
  return { project_id: projectId, spent_date: '2026-05-04', hours: 1, ...extra };
}

async function countWithNotes(notes: string): Promise<number> {
  const result = await server.pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM time_entries WHERE notes = $1',
    [notes],
  );
  return result.rows[0]?.n ?? -1;
}

/** Creates `body` alone and as the only item of a batch; both must give an entry matching `expected`. */
async function expectCreatedBoth(api: Api, body: Body, expected: Body) {
  const single = await api.post('/v1/time-entries', body);
  expect({ status: single.status, body: single.body }).toMatchObject({ status: 201, body: expected });

  const batch = await api.post('/v1/time-entries/batch', { items: [body] });
  expect(batch.status).toBe(200);
  expect(batch.body.failed).toEqual([]);
  expect(batch.body.created).toHaveLength(1);
  expect(batch.body.created[0].data).toMatchObject(expected);
  expect(batch.body.created[0].data.id).not.toBe(single.body.id);
}

/** `body` is refused alone with `status` and `error`, and inside a batch with the same, writing nothing. */
async function expectRefusedBoth(api: Api, body: Body, status: number, error: ErrorOf) {
  const notes = `refused ${Math.random().toString(36).slice(2)}`;
  const item = { ...body, notes };
  const single = await api.post('/v1/time-entries', item);
  expect({ status: single.status, body: single.body }).toEqual({ status, body: { error } });

  const batch = await api.post('/v1/time-entries/batch', { items: [item] });
  expect({ status: batch.status, body: batch.body }).toEqual({
    status: 200,
    body: { created: [], failed: [{ index: 0, status, error }] },
  });
  expect(await countWithNotes(notes)).toBe(0);
}

function billableRates(response: ApiResponse): (number | null)[] {
  return response.body.created.map(
    (item: { data: { billable_rate: number | null } }) => item.data.billable_rate,
  );
}

describe('the billable rate stored on a new entry', () => {
  it("bill_by people: the person's rate on the project, else the person's default rate", async () => {
    const projectId = await project({ bill_by: 'people', hourly_rate: 150 });
    const taskId = await task({ default_hourly_rate: 60 });
    await assignTask(projectId, taskId, { hourly_rate: 70 });
    await assign(workspace, projectId, mia.id, { hourly_rate: 130 });
    await assign(workspace, projectId, ned.id);

    await expectCreatedBoth(admin, entry(projectId, { user_id: mia.id }), { billable_rate: 130 });
    await expectCreatedBoth(admin, entry(projectId, { user_id: mia.id, task_id: taskId }), {
      billable_rate: 130,
    });
    await expectCreatedBoth(admin, entry(projectId, { user_id: ned.id }), { billable_rate: 90 });
    await expectCreatedBoth(mia.api, entry(projectId), { user_id: mia.id, billable_rate: 130 });
    // An administrator off the team is priced at their own default rate.
    await expectCreatedBoth(ada.api, entry(projectId), { user_id: ada.id, billable_rate: 200 });
  });

  it('bill_by people: each person of one batch gets their own rate', async () => {
    const projectId = await project({ bill_by: 'people', hourly_rate: 150 });
    await assign(workspace, projectId, mia.id, { hourly_rate: 125 });
    await assign(workspace, projectId, ned.id);

    const response = await admin.post('/v1/time-entries/batch', {
      items: [
        entry(projectId, { user_id: mia.id }),
        entry(projectId, { user_id: ned.id }),
        entry(projectId, { user_id: mia.id, hours: 2 }),
        entry(projectId, { user_id: ada.id }),
      ],
    });

    expect(response.status).toBe(200);
    expect(response.body.failed).toEqual([]);
    expect(billableRates(response)).toEqual([125, 90, 125, 200]);
  });

  it("bill_by tasks: the task's rate on the project, else the task's default rate, and none without a task", async () => {
    const projectId = await project({ bill_by: 'tasks', hourly_rate: 150 });
    const priced = await task({ default_hourly_rate: 60 });
    const defaulted = await task({ default_hourly_rate: 75 });
    const unpriced = await task();
    await assignTask(projectId, priced, { hourly_rate: 140 });
    await assignTask(projectId, defaulted);
    await assignTask(projectId, unpriced);
    await assign(workspace, projectId, mia.id, { hourly_rate: 130 });

    await expectCreatedBoth(mia.api, entry(projectId, { task_id: priced }), { billable_rate: 140 });
    await expectCreatedBoth(mia.api, entry(projectId, { task_id: defaulted }), { billable_rate: 75 });
    await expectCreatedBoth(mia.api, entry(projectId, { task_id: unpriced }), { billable_rate: null });
    await expectCreatedBoth(mia.api, entry(projectId), { task_id: null, billable_rate: null });

    const batch = await mia.api.post('/v1/time-entries/batch', {
      items: [
        entry(projectId, { task_id: defaulted }),
        entry(projectId),
        entry(projectId, { task_id: priced }),
        entry(projectId, { task_id: defaulted }),
      ],
    });
    expect(batch.body.failed).toEqual([]);
    expect(billableRates(batch)).toEqual([75, null, 140, 75]);
  });

  it("bill_by project: the project's rate, whoever logs it and on whatever task", async () => {
    const projectId = await project({ bill_by: 'project', hourly_rate: 150 });
    const taskId = await task({ default_hourly_rate: 60 });
    await assignTask(projectId, taskId, { hourly_rate: 70 });
    await assign(workspace, projectId, mia.id, { hourly_rate: 130 });

    await expectCreatedBoth(mia.api, entry(projectId), { billable_rate: 150 });
    await expectCreatedBoth(mia.api, entry(projectId, { task_id: taskId }), { billable_rate: 150 });
    await expectCreatedBoth(admin, entry(projectId, { user_id: mia.id }), { billable_rate: 150 });
  });

  it('a non-billable project stores no rate, whatever its bill_by and hourly_rate', async () => {
    const byProject = await project({ billing_type: 'non_billable', bill_by: 'project', hourly_rate: 150 });
    const byPeople = await project({ billing_type: 'non_billable', bill_by: 'people' });
    const byTasks = await project({ billing_type: 'non_billable', bill_by: 'tasks' });
    const taskId = await task({ default_hourly_rate: 60 });
    await assignTask(byTasks, taskId, { hourly_rate: 70 });
    for (const projectId of [byProject, byPeople, byTasks]) {
      await assign(workspace, projectId, mia.id, { hourly_rate: 130 });
    }

    await expectCreatedBoth(mia.api, entry(byProject), { billable_rate: null });
    await expectCreatedBoth(mia.api, entry(byPeople), { billable_rate: null });
    await expectCreatedBoth(mia.api, entry(byTasks, { task_id: taskId }), { billable_rate: null });
  });
});

describe('the is_billable default of a new entry', () => {
  it("comes from the task's assignment to the project, and is true without a task", async () => {
    const projectId = await project({ bill_by: 'project', hourly_rate: 100 });
    const billable = await task();
    const unbillable = await task();
    await assignTask(projectId, billable, { is_billable: true });
    await assignTask(projectId, unbillable, { is_billable: false });
    await assign(workspace, projectId, mia.id);

    await expectCreatedBoth(mia.api, entry(projectId, { task_id: billable }), { is_billable: true });
    await expectCreatedBoth(mia.api, entry(projectId, { task_id: unbillable }), { is_billable: false });
    await expectCreatedBoth(mia.api, entry(projectId), { is_billable: true });
  });

  it('is false on a non-billable project, even for a task assigned as billable', async () => {
    const projectId = await project({ billing_type: 'non_billable' });
    const taskId = await task();
    await assignTask(projectId, taskId, { is_billable: true });
    await assign(workspace, projectId, mia.id);

    await expectCreatedBoth(mia.api, entry(projectId, { task_id: taskId }), { is_billable: false });
    await expectCreatedBoth(mia.api, entry(projectId), { is_billable: false });
  });
});

describe('the task of a new entry', () => {
  let projectId: string;
  let onProject: string;

  beforeAll(async () => {
    projectId = await project({ bill_by: 'tasks' });
    onProject = await task({ default_hourly_rate: 50 });
    await assignTask(projectId, onProject);
    await assign(workspace, projectId, mia.id);
  });

  it('an unknown task is not found (task_id)', async () => {
    await expectRefusedBoth(mia.api, entry(projectId, { task_id: 'task_doesnotexist' }), 404, {
      code: 'not_found',
      message: 'Task not found',
      field: 'task_id',
    });
  });

  it("another workspace's task is not found (task_id)", async () => {
    await expectRefusedBoth(mia.api, entry(projectId, { task_id: foreignTaskId }), 404, {
      code: 'not_found',
      message: 'Task not found',
      field: 'task_id',
    });
  });

  // 422, not 400 (issue 12): the request matches the schema; what is stored refuses it.
  it('a task that is not on the project is refused as a business rule (task_id)', async () => {
    const elsewhere = await task();

    await expectRefusedBoth(mia.api, entry(projectId, { task_id: elsewhere }), 422, {
      code: 'unprocessable',
      message: 'task_id is not a task of this project',
      field: 'task_id',
    });
  });

  it('a task whose assignment to the project is inactive is not a task of the project', async () => {
    const inactive = await task();
    const assignment = await assignTask(projectId, inactive);
    await server.pool.query('UPDATE project_task_assignments SET is_active = false WHERE id = $1', [
      assignment.id,
    ]);

    await expectRefusedBoth(mia.api, entry(projectId, { task_id: inactive }), 422, {
      code: 'unprocessable',
      message: 'task_id is not a task of this project',
      field: 'task_id',
    });
  });

  it('an archived task is refused as a business rule (task_id)', async () => {
    const archived = await task();
    await assignTask(projectId, archived);
    await admin.ok('PATCH', `/v1/tasks/${archived}`, { is_active: false });

    await expectRefusedBoth(mia.api, entry(projectId, { task_id: archived }), 422, {
      code: 'unprocessable',
      message: 'The task is archived',
      field: 'task_id',
    });
  });

  it('a task on the project is taken, and an explicit null task means none', async () => {
    await expectCreatedBoth(mia.api, entry(projectId, { task_id: onProject }), {
      task_id: onProject,
      billable_rate: 50,
    });
    await expectCreatedBoth(mia.api, entry(projectId, { task_id: null }), {
      task_id: null,
      billable_rate: null,
    });
  });
});

describe('the project of a new entry', () => {
  const notAssigned: ErrorOf = {
    code: 'project_not_assigned',
    message: 'User is not assigned to this project',
    field: 'project_id',
  };
  const projectNotFound: ErrorOf = { code: 'not_found', message: 'Project not found', field: 'project_id' };
  let projectId: string;
  let archivedId: string;

  beforeAll(async () => {
    projectId = await project({ bill_by: 'project', hourly_rate: 100 });
    archivedId = await project({ bill_by: 'project', hourly_rate: 100 });
    await assign(workspace, projectId, mia.id);
    await assign(workspace, archivedId, mia.id);
    await admin.ok('PATCH', `/v1/projects/${archivedId}`, { is_active: false });
  });

  it('an unknown project is not found (project_id)', async () => {
    await expectRefusedBoth(mia.api, entry('prj_doesnotexist'), 404, projectNotFound);
    await expectRefusedBoth(admin, entry('prj_doesnotexist'), 404, projectNotFound);
  });

  it("another workspace's project is not found, even for an administrator", async () => {
    await expectRefusedBoth(admin, entry(foreignProjectId), 404, projectNotFound);
  });

  it('an archived project is refused as a business rule (project_id)', async () => {
    const archived: ErrorOf = {
      code: 'unprocessable',
      message: 'The project is archived',
      field: 'project_id',
    };
    await expectRefusedBoth(mia.api, entry(archivedId), 422, archived);
    await expectRefusedBoth(admin, entry(archivedId), 422, archived);
  });

  it('a member off the project team is refused with project_not_assigned', async () => {
    await expectRefusedBoth(otto.api, entry(projectId), 403, notAssigned);
  });

  it('a member whose assignment is inactive is refused with project_not_assigned', async () => {
    const inactiveOn = await project({ bill_by: 'project', hourly_rate: 100 });
    const assignment = await assign(workspace, inactiveOn, ned.id);
    await server.pool.query('UPDATE project_user_assignments SET is_active = false WHERE id = $1', [
      assignment.id,
    ]);

    await expectRefusedBoth(ned.api, entry(inactiveOn), 403, notAssigned);
  });

  it('an administrator logs to a project without being on its team, for themselves or another administrator', async () => {
    await expectCreatedBoth(ada.api, entry(projectId), { user_id: ada.id, project_id: projectId });
    await expectCreatedBoth(admin, entry(projectId, { user_id: ada.id }), {
      user_id: ada.id,
      project_id: projectId,
    });
  });

  it('an administrator logging for a user who does not exist gets User not found (user_id)', async () => {
    await expectRefusedBoth(admin, entry(projectId, { user_id: 'usr_doesnotexist' }), 404, {
      code: 'not_found',
      message: 'User not found',
      field: 'user_id',
    });
  });

  it('an administrator logging for a member off the project team gets project_not_assigned', async () => {
    await expectRefusedBoth(admin, entry(projectId, { user_id: otto.id }), 403, notAssigned);
  });

  it('an administrator logs for a member on the team', async () => {
    await expectCreatedBoth(admin, entry(projectId, { user_id: mia.id }), { user_id: mia.id });
  });

  it('reports the first rule broken: the person, then the project, its team, its archiving, then the task', async () => {
    await expectRefusedBoth(admin, entry('prj_doesnotexist', { user_id: 'usr_doesnotexist' }), 404, {
      code: 'not_found',
      message: 'User not found',
      field: 'user_id',
    });
    await expectRefusedBoth(
      otto.api,
      entry('prj_doesnotexist', { task_id: 'task_doesnotexist' }),
      404,
      projectNotFound,
    );
    await expectRefusedBoth(otto.api, entry(archivedId), 403, notAssigned);
    await expectRefusedBoth(mia.api, entry(archivedId, { task_id: 'task_doesnotexist' }), 422, {
      code: 'unprocessable',
      message: 'The project is archived',
      field: 'project_id',
    });
    await expectRefusedBoth(otto.api, entry(projectId, { task_id: 'task_doesnotexist' }), 403, notAssigned);
  });
});

describe('concurrent creates of one key', () => {
  it('each valid create gets its own entry and each invalid one its own error', async () => {
    const byProject = await project({ bill_by: 'project', hourly_rate: 100 });
    const byTasks = await project({ bill_by: 'tasks' });
    const priced = await task({ default_hourly_rate: 45 });
    const archived = await task();
    await assignTask(byTasks, priced, { hourly_rate: 55 });
    await assignTask(byTasks, archived);
    await admin.ok('PATCH', `/v1/tasks/${archived}`, { is_active: false });
    const notOnProject = await task();
    await assign(workspace, byProject, ned.id);
    await assign(workspace, byTasks, ned.id);
    const date = '2026-06-01';
    const valid = (n: number, extra: Body): Body => ({
      spent_date: date,
      hours: n / 4,
      notes: `concurrent ${n}`,
      metadata: { n },
      ...extra,
    });
    const requests: { body: Body; status: number; expected: Body }[] = [
      { body: valid(1, { project_id: byProject }), status: 201, expected: { billable_rate: 100 } },
      {
        body: valid(2, { project_id: byTasks, task_id: priced }),
        status: 201,
        expected: { billable_rate: 55, task_id: priced },
      },
      {
        body: { ...valid(3, {}), project_id: 'prj_doesnotexist' },
        status: 404,
        expected: { error: { code: 'not_found', message: 'Project not found', field: 'project_id' } },
      },
      { body: valid(4, { project_id: byTasks }), status: 201, expected: { billable_rate: null } },
      {
        body: valid(5, { project_id: byTasks, task_id: archived }),
        status: 422,
        expected: { error: { code: 'unprocessable', message: 'The task is archived', field: 'task_id' } },
      },
      { body: valid(6, { project_id: byProject, is_billable: false }), status: 201, expected: {} },
      {
        body: valid(7, { project_id: byTasks, task_id: notOnProject }),
        status: 422,
        expected: {
          error: {
            code: 'unprocessable',
            message: 'task_id is not a task of this project',
            field: 'task_id',
          },
        },
      },
      { body: valid(8, { project_id: byProject }), status: 201, expected: { billable_rate: 100 } },
      {
        body: valid(9, { project_id: byTasks, task_id: priced }),
        status: 201,
        expected: { billable_rate: 55 },
      },
      {
        body: valid(10, { project_id: byProject, metadata: { blob: 'x'.repeat(5000) } }),
        status: 400,
        expected: { error: expect.objectContaining({ code: 'metadata_too_large' }) },
      },
    ];

    const responses = await Promise.all(requests.map(({ body }) => ned.api.post('/v1/time-entries', body)));

    const createdIds: string[] = [];
    responses.forEach((response, index) => {
      const request = requests[index];
      if (request === undefined) throw new Error('no request');
      if (request.status !== 201) {
        expect({ index, status: response.status, body: response.body }).toStrictEqual({
          index,
          status: request.status,
          body: request.expected,
        });
        return;
      }
      expect({ index, status: response.status }).toEqual({ index, status: 201 });
      expect(response.body).toMatchObject({
        ...request.expected,
        user_id: ned.id,
        project_id: request.body.project_id,
        notes: request.body.notes,
        metadata: request.body.metadata,
        hours: request.body.hours,
        is_billable: request.body.is_billable ?? true,
      });
      createdIds.push(response.body.id);
    });
    expect(new Set(createdIds).size).toBe(6);

    const listed = await ned.api.get(`/v1/time-entries?from=${date}&to=${date}&limit=100`);
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((item: { id: string }) => item.id).sort()).toEqual([...createdIds].sort());
    const listedNotes = listed.body.data.map(
      (item: { id: string; notes: string }) => `${item.id} ${item.notes}`,
    );
    const answeredNotes = responses
      .filter((response) => response.status === 201)
      .map((response) => `${response.body.id} ${response.body.notes}`);
    expect(listedNotes.sort()).toEqual(answeredNotes.sort());
  });

  it('the same items in one batch are created and refused alike, in their order', async () => {
    const byProject = await project({ bill_by: 'project', hourly_rate: 100 });
    const archived = await task();
    await assignTask(byProject, archived);
    await admin.ok('PATCH', `/v1/tasks/${archived}`, { is_active: false });
    await assign(workspace, byProject, ned.id);
    const item = (n: number, extra: Body = {}): Body => ({
      project_id: byProject,
      spent_date: '2026-06-02',
      hours: n / 4,
      notes: `batched ${n}`,
      metadata: { n },
      ...extra,
    });

    const response = await ned.api.post('/v1/time-entries/batch', {
      items: [
        item(1),
        item(2, { project_id: 'prj_doesnotexist' }),
        item(3),
        item(4, { task_id: archived }),
        item(5),
      ],
    });

    expect(response.status).toBe(200);
    expect(
      response.body.created.map(({ index, data }: { index: number; data: Body }) => ({
        index,
        notes: data.notes,
        metadata: data.metadata,
        hours: data.hours,
      })),
    ).toEqual([
      { index: 0, notes: 'batched 1', metadata: { n: 1 }, hours: 0.25 },
      { index: 2, notes: 'batched 3', metadata: { n: 3 }, hours: 0.75 },
      { index: 4, notes: 'batched 5', metadata: { n: 5 }, hours: 1.25 },
    ]);
    expect(response.body.failed).toEqual([
      {
        index: 1,
        status: 404,
        error: { code: 'not_found', message: 'Project not found', field: 'project_id' },
      },
      {
        index: 3,
        status: 422,
        error: { code: 'unprocessable', message: 'The task is archived', field: 'task_id' },
      },
    ]);
    const listed = await ned.api.get('/v1/time-entries?from=2026-06-02&to=2026-06-02&limit=100');
    expect(listed.body.data.map((entry: { id: string }) => entry.id).sort()).toEqual(
      response.body.created.map(({ data }: { data: { id: string } }) => data.id).sort(),
    );
  });
});

describe('a row the database refuses', () => {
  const poison = 'refuse me';

  beforeAll(async () => {
    await server.pool.query(`
      CREATE FUNCTION test_refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.notes = '${poison}' THEN RAISE EXCEPTION 'refused by the test trigger'; END IF;
        RETURN NEW;
      END $$`);
    await server.pool.query(`
      CREATE TRIGGER test_refuse_poison BEFORE INSERT ON time_entries
      FOR EACH ROW EXECUTE FUNCTION test_refuse_poison()`);
  });

  // Dropped after this block so the trigger never outlives the tests that need it.
  describe('with a trigger refusing notes "refuse me"', () => {
    let projectId: string;

    beforeAll(async () => {
      projectId = await project({ bill_by: 'project', hourly_rate: 100 });
      await assign(workspace, projectId, mia.id);
    });

    it('fails only its own single create: concurrent neighbours are created', async () => {
      const notes = ['poison n1', 'poison n2', poison, 'poison n3', 'poison n4', 'poison n5'];

      const responses = await Promise.all(
        notes.map((note, n) =>
          mia.api.post('/v1/time-entries', entry(projectId, { notes: note, metadata: { n } })),
        ),
      );

      expect(responses.map((response) => response.status)).toEqual([201, 201, 500, 201, 201, 201]);
      expect(responses[2]?.body).toEqual({
        error: { code: 'internal_error', message: 'Internal server error' },
      });
      responses.forEach((response, n) => {
        if (n === 2) return;
        expect(response.body).toMatchObject({ notes: notes[n], metadata: { n } });
      });
      expect(await countWithNotes(poison)).toBe(0);
      for (const note of notes.filter((note) => note !== poison)) {
        expect({ note, count: await countWithNotes(note) }).toEqual({ note, count: 1 });
      }
    });

    it('fails a whole batch: 500 and nothing of the batch is stored', async () => {
      const response = await mia.api.post('/v1/time-entries/batch', {
        items: [
          entry(projectId, { notes: 'poisoned batch' }),
          entry(projectId, { notes: poison }),
          entry(projectId, { notes: 'poisoned batch' }),
        ],
      });

      expect(response.status).toBe(500);
      expect(response.body).toEqual({ error: { code: 'internal_error', message: 'Internal server error' } });
      expect(await countWithNotes('poisoned batch')).toBe(0);
      expect(await countWithNotes(poison)).toBe(0);
    });

    it('leaves the single creates of the key working afterwards', async () => {
      const response = await mia.api.post('/v1/time-entries', entry(projectId, { notes: 'after poison' }));

      expect(response.status).toBe(201);
      expect(await countWithNotes('after poison')).toBe(1);
    });
  });

  describe('once the trigger is dropped', () => {
    beforeAll(async () => {
      await server.pool.query('DROP TRIGGER test_refuse_poison ON time_entries');
      await server.pool.query('DROP FUNCTION test_refuse_poison()');
    });

    it('the same notes are stored', async () => {
      const projectId = await project({ bill_by: 'project', hourly_rate: 100 });
      await assign(workspace, projectId, mia.id);

      const response = await mia.api.post('/v1/time-entries', entry(projectId, { notes: poison }));

      expect(response.status).toBe(201);
      expect(await countWithNotes(poison)).toBe(1);
    });
  });
});
