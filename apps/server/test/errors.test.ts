import { beforeAll, describe, expect, it } from 'vitest';
import { generateApiKey } from '../src/domains/api-keys/secret.ts';
import {
  Api,
  type ApiResponse,
  addUser,
  assign,
  billEntriesOnInvoice,
  type Member,
  newProject,
  newWorkspace,
  type ProjectFixture,
  startTestServer,
  type TestServer,
  type Workspace,
} from './harness.ts';

/**
 * Every error code and status of api-reference/error-handling.md, with the documented error object
 * `{"error":{"code","message","field"?}}` and nothing else in it, and the promise that a failed
 * request leaves nothing half-written behind.
 */
let server: TestServer;
let workspace: Workspace;
let fixture: ProjectFixture;
let elsewhere: ProjectFixture;
let member: Member;

beforeAll(async () => {
  server = await startTestServer();
  workspace = await newWorkspace(server, 'Acme');
  fixture = await newProject(workspace, { name: 'Acme Website', hourly_rate: 150 });
  elsewhere = await newProject(workspace, { name: 'Not Yours' });
  member = await addUser(server, workspace, { name: 'Mia Member' });
  await assign(workspace, fixture.projectId, member.id);
});

/** `reason` is the machine-readable cause entry_locked answers with (and only it). */
function expectError(response: ApiResponse, status: number, code: string, field?: string, reason?: string) {
  expect({ status: response.status, body: response.body }).toStrictEqual({
    status,
    body: {
      error: {
        code,
        message: expect.any(String),
        ...(field !== undefined && { field }),
        ...(reason !== undefined && { reason }),
      },
    },
  });
  expect(response.body.error.message.length).toBeGreaterThan(0);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
}

function entryBody(overrides: Record<string, unknown> = {}) {
  return {
    project_id: fixture.projectId,
    task_id: fixture.taskId,
    spent_date: '2026-03-06',
    hours: 1.5,
    notes: 'Refactored authentication module',
    source: 'agent',
    ...overrides,
  };
}

function expenseBody(overrides: Record<string, unknown> = {}) {
  return {
    project_id: fixture.projectId,
    expense_category_id: 'cat_llm_usage',
    spent_date: '2026-03-06',
    units: 45,
    source: 'agent',
    ...overrides,
  };
}

/** Everything in the workspace's lists, to show a failed request added nothing. */
async function snapshot() {
  const [entries, expenses, projects, users, clients] = await Promise.all(
    ['/v1/time-entries', '/v1/expenses', '/v1/projects', '/v1/users', '/v1/clients'].map((path) =>
      workspace.admin.ok('GET', `${path}?limit=200`),
    ),
  );
  const ids = (page: { data: { id: string; updated_at: string }[] }) =>
    page.data.map((row) => `${row.id}@${row.updated_at}`).sort();
  return {
    entries: ids(entries),
    expenses: ids(expenses),
    projects: ids(projects),
    users: ids(users),
    clients: ids(clients),
  };
}

describe('validation_error (400)', () => {
  it('answers a missing project_id with the documented message and field', async () => {
    const { project_id: _omitted, ...body } = entryBody();
    const response = await member.api.post('/v1/time-entries', body);
    expectError(response, 400, 'validation_error', 'project_id');
    expect(response.body.error.message).toBe('project_id is required');
  });

  const timeEntryCases: [string, Record<string, unknown>, string][] = [
    ['spent_date 2026-02-30, a day that does not exist', { spent_date: '2026-02-30' }, 'spent_date'],
    ['spent_date in another format', { spent_date: '06/03/2026' }, 'spent_date'],
    ['hours above 24', { hours: 24.5 }, 'hours'],
    ['negative hours', { hours: -1 }, 'hours'],
    ['hours given as text', { hours: 'one' }, 'hours'],
    ['an unknown source', { source: 'robot' }, 'source'],
    ['metadata that is not an object', { metadata: ['a', 'b'] }, 'metadata'],
    ['is_running that is not a boolean', { is_running: 'yes' }, 'is_running'],
  ];
  it.each(timeEntryCases)('refuses a time entry with %s', async (_label, overrides, field) => {
    expectError(
      await member.api.post('/v1/time-entries', entryBody(overrides)),
      400,
      'validation_error',
      field,
    );
  });

  // Forms show these messages as they are: each says what the field must be, not zod's vocabulary.
  const readableCases: [string, Record<string, unknown>, string][] = [
    ['hours above 24', { hours: 24.5 }, 'hours: must be at most 24'],
    ['hours given as text', { hours: 'one' }, 'hours: must be a number'],
    ['an unknown source', { source: 'robot' }, 'source: must be one of: web, cli, api, agent'],
    [
      'notes over 10,000 characters',
      { notes: 'x'.repeat(10_001) },
      'notes: must be at most 10000 characters',
    ],
  ];
  it.each(readableCases)('says in words what is wrong with %s', async (_label, overrides, message) => {
    const response = await member.api.post('/v1/time-entries', entryBody(overrides));
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe(message);
  });

  it('refuses a time entry with neither hours nor a timer', async () => {
    const { hours: _omitted, ...body } = entryBody();
    expectError(await member.api.post('/v1/time-entries', body), 400, 'validation_error', 'hours');
  });

  const expenseCases: [string, Record<string, unknown>, string][] = [
    ['negative units', { units: -5 }, 'units'],
    ['a negative total_cost', { units: undefined, total_cost: -1 }, 'total_cost'],
    ['no expense_category_id', { expense_category_id: undefined }, 'expense_category_id'],
    ['spent_date 2026-02-30', { spent_date: '2026-02-30' }, 'spent_date'],
    ['an unknown source', { source: 'robot' }, 'source'],
  ];
  it.each(expenseCases)('refuses an expense with %s', async (_label, overrides, field) => {
    expectError(
      await member.api.post('/v1/expenses', expenseBody(overrides)),
      400,
      'validation_error',
      field,
    );
  });

  // The request matches the document (units and a total, each within its limits); their
  // disagreement is a rule between fields no schema states, so it is 422, not 400 (decision 0015:
  // the contract suite, once it reached the handlers, found this answered 400).
  it('refuses an expense whose total disagrees with units x unit price as unprocessable', async () => {
    expectError(
      await member.api.post('/v1/expenses', expenseBody({ total_cost: 99 })),
      422,
      'unprocessable',
      'total_cost',
    );
  });

  it('refuses an expense in a standard category without total_cost', async () => {
    const category = await workspace.admin.ok('POST', '/v1/expense-categories', { name: 'Travel' });
    const response = await member.api.post(
      '/v1/expenses',
      expenseBody({ expense_category_id: category.id, units: undefined }),
    );
    expectError(response, 400, 'validation_error', 'total_cost');
  });

  // A limit above 200 is read as 200, not refused (issue 18; test/pagination.test.ts).
  const queryCases: [string, string, string][] = [
    ['limit 0', '/v1/expenses?limit=0', 'limit'],
    ['a limit that is not a number', '/v1/projects?limit=lots', 'limit'],
    ['a garbage cursor', '/v1/time-entries?cursor=garbage!!', 'cursor'],
    ['a garbage cursor on a roster list', '/v1/users?cursor=%7B%7D', 'cursor'],
    ['a from date that does not exist', '/v1/time-entries?from=2026-13-01', 'from'],
    ['an unknown source filter', '/v1/expenses?source=robot', 'source'],
  ];
  it.each(queryCases)('refuses a list request with %s', async (_label, path, field) => {
    expectError(await member.api.get(path), 400, 'validation_error', field);
  });

  it('refuses a cursor that decodes but was never issued', async () => {
    // Well-formed base64url JSON of the right shape, but not a date: must not reach the database.
    // 422, not 400: it matches the cursor's documented pattern (issue 12: schema-valid requests
    // must not be answered as malformed).
    const forged = Buffer.from(JSON.stringify(['not-a-date', 'te_x'])).toString('base64url');
    for (const path of ['/v1/time-entries', '/v1/expenses']) {
      expectError(await member.api.get(`${path}?cursor=${forged}`), 422, 'unprocessable', 'cursor');
    }
  });

  it('refuses a malformed JSON body', async () => {
    const response = await fetch(`${server.baseUrl}/v1/time-entries`, {
      method: 'POST',
      headers: { authorization: `Bearer ${member.api.key}`, 'content-type': 'application/json' },
      body: '{"project_id": "prj_1", "hours": ',
    });
    const body = await response.json();
    expect(response.status).toBe(400);
    expect(body.error.code).toBe('validation_error');
    expect(typeof body.error.message).toBe('string');
    expect(Object.keys(body)).toEqual(['error']);
    for (const key of Object.keys(body.error)) expect(['code', 'message', 'field']).toContain(key);
  });

  it('refuses to change source, project_id or user_id after creation, naming the field', async () => {
    const entry = await member.api.ok('POST', '/v1/time-entries', entryBody({ notes: 'immutable' }));
    const expense = await member.api.ok('POST', '/v1/expenses', expenseBody({ notes: 'immutable' }));
    for (const [path, created] of [
      ['/v1/time-entries', entry],
      ['/v1/expenses', expense],
    ] as const) {
      for (const [field, value] of [
        ['source', 'web'],
        ['project_id', elsewhere.projectId],
        ['user_id', workspace.adminId],
      ] as const) {
        expectError(
          await member.api.patch(`${path}/${created.id}`, { [field]: value, notes: 'changed' }),
          400,
          'validation_error',
          field,
        );
      }
      const after = await member.api.ok('GET', `${path}/${created.id}`);
      expect(after).toMatchObject({ source: 'agent', project_id: fixture.projectId, user_id: member.id });
      expect(after.notes).toBe('immutable');
    }
  });

  it('refuses a PATCH with invalid values, leaving the entry as it was', async () => {
    const entry = await member.api.ok('POST', '/v1/time-entries', entryBody({ notes: 'keep me' }));
    expectError(
      await member.api.patch(`/v1/time-entries/${entry.id}`, { hours: 30, notes: 'changed' }),
      400,
      'validation_error',
      'hours',
    );
    expectError(
      await member.api.patch(`/v1/time-entries/${entry.id}`, { spent_date: '2026-02-29' }),
      400,
      'validation_error',
      'spent_date',
    );
    expect(await member.api.ok('GET', `/v1/time-entries/${entry.id}`)).toEqual(entry);
  });

  it('leaves nothing behind after any of these failed creates', async () => {
    const before = await snapshot();
    await member.api.post('/v1/time-entries', entryBody({ hours: 25 }));
    await member.api.post('/v1/time-entries', entryBody({ spent_date: '2026-02-30' }));
    await member.api.post('/v1/expenses', expenseBody({ units: -1 }));
    await member.api.post('/v1/expenses', expenseBody({ total_cost: 1 }));
    await workspace.admin.post('/v1/projects', { name: 'No client' });
    await workspace.admin.post('/v1/users', { name: 'No email' });
    await workspace.admin.post('/v1/clients', { name: 'Bad currency', currency: 'dollars' });
    expect(await snapshot()).toEqual(before);
  });
});

describe('authentication_error (401)', () => {
  const cases: [string, () => Promise<Record<string, string>>][] = [
    ['no Authorization header', async () => ({})],
    ['a scheme other than Bearer', async () => ({ authorization: `Basic ${btoa('admin:secret')}` })],
    ['a bare key without the Bearer scheme', async () => ({ authorization: workspace.admin.key ?? '' })],
    ['Bearer with nothing after it', async () => ({ authorization: 'Bearer ' })],
    ['a key that is not a Keito key', async () => ({ authorization: 'Bearer sk-live-1234567890' })],
    [
      'a Keito key with a typo (bad checksum)',
      async () => ({ authorization: `Bearer ${(workspace.admin.key ?? '').slice(0, -1)}x` }),
    ],
    [
      'a well-formed key that was never issued',
      async () => ({ authorization: `Bearer ${generateApiKey().key}` }),
    ],
    [
      'a revoked key',
      async () => {
        const key = await member.api.ok('POST', '/v1/api-keys', { name: 'soon revoked' });
        await member.api.ok('DELETE', `/v1/api-keys/${key.id}`);
        return { authorization: `Bearer ${key.key}` };
      },
    ],
    [
      "an archived user's key",
      async () => {
        const leaver = await addUser(server, workspace, {
          name: `Leaver ${Math.random().toString(36).slice(2)}`,
        });
        await workspace.admin.ok('PATCH', `/v1/users/${leaver.id}`, { is_active: false });
        return { authorization: `Bearer ${leaver.api.key}` };
      },
    ],
  ];

  it.each(cases)('answers 401 to %s, for reads and writes alike', async (_label, headers) => {
    const sent = await headers();
    const before = await snapshot();
    for (const [method, path, body] of [
      ['GET', '/v1/time-entries', undefined],
      ['GET', '/v1/users/me', undefined],
      ['POST', '/v1/time-entries', entryBody()],
      ['POST', '/v1/clients', { name: 'Unauthenticated client' }],
    ] as const) {
      const response = await fetch(`${server.baseUrl}${path}`, {
        method,
        headers: body === undefined ? sent : { ...sent, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      expectError(
        { status: response.status, body: JSON.parse(text), headers: response.headers },
        401,
        'authentication_error',
      );
    }
    expect(await snapshot()).toEqual(before);
  });

  it('answers 401 before validating the body', async () => {
    const response = await new Api(server.baseUrl, undefined).post('/v1/time-entries', { hours: 99 });
    expectError(response, 401, 'authentication_error');
  });

  it('answers a Keito-Account-Id of another workspace with 401', async () => {
    const other = await newWorkspace(server, 'Globex');
    const api = new Api(server.baseUrl, member.api.key, { 'Keito-Account-Id': other.accountId });
    expectError(await api.get('/v1/users/me'), 401, 'authentication_error');
  });
});

describe('authorization_error (403)', () => {
  it('answers a member creating a client with 403 and creates nothing', async () => {
    const before = await snapshot();
    expectError(await member.api.post('/v1/clients', { name: 'Members cannot' }), 403, 'authorization_error');
    expectError(
      await member.api.patch('/v1/workspace', { name: 'Members cannot' }),
      403,
      'authorization_error',
    );
    expectError(
      await member.api.post('/v1/users', { name: 'Members cannot', email: 'cannot@example.test' }),
      403,
      'authorization_error',
    );
    expect(await snapshot()).toEqual(before);
  });
});

describe('project_not_assigned (403)', () => {
  it.each([
    [
      'a time entry',
      '/v1/time-entries',
      () => entryBody({ project_id: elsewhere.projectId, task_id: elsewhere.taskId }),
    ],
    ['an expense', '/v1/expenses', () => expenseBody({ project_id: elsewhere.projectId })],
  ])('answers %s on a project the user is not assigned to', async (_label, path, body) => {
    const before = await snapshot();
    expectError(await member.api.post(path, body()), 403, 'project_not_assigned', 'project_id');
    expect(await snapshot()).toEqual(before);
  });
});

describe('not_found (404)', () => {
  it.each([
    '/v1/time-entries/te_doesnotexist',
    '/v1/expenses/exp_doesnotexist',
    '/v1/projects/prj_doesnotexist',
    '/v1/clients/cli_doesnotexist',
    '/v1/tasks/tsk_doesnotexist',
    '/v1/users/usr_doesnotexist',
    '/v1/expense-categories/cat_doesnotexist',
    '/v1/projects/prj_doesnotexist/user-assignments',
  ])('answers GET %s with 404', async (path) => {
    expectError(await workspace.admin.get(path), 404, 'not_found');
  });

  it('answers PATCH and DELETE of unknown ids with 404', async () => {
    expectError(await workspace.admin.patch('/v1/time-entries/te_nope', { notes: 'x' }), 404, 'not_found');
    expectError(await workspace.admin.delete('/v1/time-entries/te_nope'), 404, 'not_found');
    expectError(await workspace.admin.patch('/v1/expenses/exp_nope', { notes: 'x' }), 404, 'not_found');
    expectError(await workspace.admin.delete('/v1/expenses/exp_nope'), 404, 'not_found');
    expectError(await workspace.admin.delete('/v1/api-keys/key_nope'), 404, 'not_found');
  });

  it('answers unknown routes with 404 not_found', async () => {
    expectError(await workspace.admin.get('/v1/no-such-resource'), 404, 'not_found');
    expectError(await workspace.admin.get('/v2/time-entries'), 404, 'not_found');
  });
});

describe('method_not_allowed (405)', () => {
  // PUT /v1/time-entries was a 404 before issue 12: the path exists, so the method is what is wrong.
  it('answers an undeclared method on a known path with 405 and the declared methods in Allow', async () => {
    const put = await workspace.admin.request('PUT', '/v1/time-entries', entryBody());
    expectError(put, 405, 'method_not_allowed');
    expect(put.headers.get('allow')).toBe('GET, HEAD, POST');

    const trace = await workspace.admin.request('OPTIONS', `/v1/clients/${fixture.clientId}`);
    expectError(trace, 405, 'method_not_allowed');
    expect(trace.headers.get('allow')).toBe('DELETE, GET, HEAD, PATCH');
  });

  it('names the methods of the most specific path: only POST on /v1/time-entries/batch', async () => {
    // /v1/time-entries/:id matches the path too, but its GET, PATCH and DELETE are not offered here.
    const response = await workspace.admin.request('OPTIONS', '/v1/time-entries/batch');
    expectError(response, 405, 'method_not_allowed');
    expect(response.headers.get('allow')).toBe('POST');
  });

  // Both were 404 or 400 before: the webhooks were not among the API's paths, and a parameter that
  // shares its segment with text (`clients.:format`) matched no path.
  it('answers 405 with Allow on the webhook paths and on paths with a parameter inside a segment', async () => {
    const connect = await workspace.admin.request('OPTIONS', '/webhooks/stripe/connect');
    expectError(connect, 405, 'method_not_allowed');
    expect(connect.headers.get('allow')).toBe('POST');
    const paypal = await workspace.admin.request('GET', '/webhooks/paypal/acc_someone');
    expectError(paypal, 405, 'method_not_allowed');
    expect(paypal.headers.get('allow')).toBe('POST');
    // QUERY carries a body: without a Content-Type it was refused 400 before the method was looked at.
    const query = await workspace.admin.request('QUERY', '/v1/exports/clients.csv');
    expectError(query, 405, 'method_not_allowed');
    expect(query.headers.get('allow')).toBe('GET, HEAD');
  });

  it('names both methods of a payment gateway, which has a path of its own', async () => {
    const response = await workspace.admin.request('PATCH', '/v1/payment-gateways/stripe', {});
    expectError(response, 405, 'method_not_allowed');
    expect(response.headers.get('allow')).toBe('DELETE, PUT');
  });

  it.each([
    ['an unknown project', '/v1/time-entries', () => entryBody({ project_id: 'prj_nope' }), 'project_id'],
    ['an unknown task', '/v1/time-entries', () => entryBody({ task_id: 'tsk_nope' }), 'task_id'],
    ['an unknown user', '/v1/time-entries', () => entryBody({ user_id: 'usr_nope' }), 'user_id'],
    [
      'an unknown category',
      '/v1/expenses',
      () => expenseBody({ expense_category_id: 'cat_nope' }),
      'expense_category_id',
    ],
    ['an unknown client', '/v1/projects', () => ({ name: 'Orphan', client_id: 'cli_nope' }), 'client_id'],
  ])('answers a create referencing %s with 404 naming the field', async (_label, path, body, field) => {
    const before = await snapshot();
    expectError(await workspace.admin.post(path, body()), 404, 'not_found', field);
    expect(await snapshot()).toEqual(before);
  });
});

describe('request head too large (431)', () => {
  it('answers a query over 16 KB with 431 and the error object, before any route runs', async () => {
    const roles = Array.from({ length: 50 }, (_, index) => `${index}`.padEnd(100, 'r')).join(',');
    // Each parameter is within its schema (50 roles of 100 characters); together they are over 16 KB.
    const query = ['role', 'client_id', 'project_id', 'user_id'].map((name) => `${name}=${roles}`).join('&');
    expectError(await workspace.admin.get(`/v1/reports/time?${query}`), 431, 'validation_error');
  });
});

describe('metadata_too_large', () => {
  /** A metadata object whose JSON is exactly `bytes` long. */
  function metadataOf(bytes: number) {
    const overhead = JSON.stringify({ blob: '' }).length;
    return { blob: 'x'.repeat(bytes - overhead) };
  }

  it('accepts metadata of exactly 4096 bytes of JSON', async () => {
    const metadata = metadataOf(4096);
    expect(JSON.stringify(metadata).length).toBe(4096);
    const response = await member.api.post('/v1/time-entries', entryBody({ metadata }));
    expect(response.status).toBe(201);
    expect(response.body.metadata).toEqual(metadata);
  });

  it('refuses metadata of 4097 bytes on time entries and expenses, creating nothing', async () => {
    const before = await snapshot();
    const metadata = metadataOf(4097);
    expectError(
      await member.api.post('/v1/time-entries', entryBody({ metadata })),
      400,
      'metadata_too_large',
      'metadata',
    );
    expectError(
      await member.api.post('/v1/expenses', expenseBody({ metadata })),
      400,
      'metadata_too_large',
      'metadata',
    );
    expect(await snapshot()).toEqual(before);
  });

  it('counts bytes, not characters', async () => {
    // 2,100 two-byte characters: about 2,100 characters of JSON but over 4 KB once encoded as UTF-8.
    const metadata = { note: '\u00e9'.repeat(2100) };
    expect(JSON.stringify(metadata).length).toBeLessThan(4096);
    expectError(
      await member.api.post('/v1/time-entries', entryBody({ metadata })),
      400,
      'metadata_too_large',
      'metadata',
    );
  });

  it('refuses oversized metadata on PATCH and keeps the old metadata', async () => {
    const entry = await member.api.ok('POST', '/v1/time-entries', entryBody({ metadata: { run: 1 } }));
    const expense = await member.api.ok('POST', '/v1/expenses', expenseBody({ metadata: { run: 1 } }));
    for (const path of [`/v1/time-entries/${entry.id}`, `/v1/expenses/${expense.id}`]) {
      expectError(
        await member.api.patch(path, { metadata: metadataOf(5000) }),
        400,
        'metadata_too_large',
        'metadata',
      );
      expect((await member.api.ok('GET', path)).metadata).toEqual({ run: 1 });
    }
  });
});

describe('business rules (422)', () => {
  it('refuses entries on an archived project with unprocessable', async () => {
    const project = await newProject(workspace, { name: 'Soon Archived' });
    await assign(workspace, project.projectId, member.id);
    await workspace.admin.ok('POST', `/v1/projects/${project.projectId}/archive`, {});
    const before = await snapshot();
    expectError(
      await member.api.post(
        '/v1/time-entries',
        entryBody({ project_id: project.projectId, task_id: project.taskId }),
      ),
      422,
      'unprocessable',
      'project_id',
    );
    expectError(
      await member.api.post('/v1/expenses', expenseBody({ project_id: project.projectId })),
      422,
      'unprocessable',
      'project_id',
    );
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an archived task and an archived expense category with unprocessable', async () => {
    const task = await workspace.admin.ok('POST', '/v1/tasks', { name: 'Retired task' });
    await workspace.admin.ok('POST', `/v1/projects/${fixture.projectId}/task-assignments`, {
      task_id: task.id,
    });
    await workspace.admin.ok('PATCH', `/v1/tasks/${task.id}`, { is_active: false });
    expectError(
      await member.api.post('/v1/time-entries', entryBody({ task_id: task.id })),
      422,
      'unprocessable',
      'task_id',
    );
    const category = await workspace.admin.ok('POST', '/v1/expense-categories', { name: 'Retired category' });
    await workspace.admin.ok('PATCH', `/v1/expense-categories/${category.id}`, { is_active: false });
    expectError(
      await member.api.post(
        '/v1/expenses',
        expenseBody({ expense_category_id: category.id, units: undefined, total_cost: 5 }),
      ),
      422,
      'unprocessable',
      'expense_category_id',
    );
  });

  const locks: [string, 'time_entries' | 'expenses'][] = [
    ['approved', 'time_entries'],
    ['invoiced', 'time_entries'],
    ['approved', 'expenses'],
    ['invoiced', 'expenses'],
  ];
  it.each(locks)('refuses to edit or delete an %s row of %s with entry_locked', async (state, table) => {
    const path = table === 'time_entries' ? '/v1/time-entries' : '/v1/expenses';
    const body =
      table === 'time_entries' ? entryBody({ notes: 'history' }) : expenseBody({ notes: 'history' });
    const created = await member.api.ok('POST', path, body);
    if (state === 'approved') {
      await server.pool.query(`UPDATE ${table} SET approval_status = 'approved' WHERE id = $1`, [created.id]);
    } else {
      const [client] = (await workspace.admin.ok('GET', '/v1/clients')).data;
      await billEntriesOnInvoice(server, workspace, {
        clientId: client.id,
        table,
        where: `id = '${created.id}'`,
      });
    }

    for (const api of [member.api, workspace.admin]) {
      const rewrite = await api.patch(`${path}/${created.id}`, { notes: 'rewritten' });
      expectError(rewrite, 422, 'entry_locked', undefined, state);
      expectError(await api.delete(`${path}/${created.id}`), 422, 'entry_locked', undefined, state);
    }
    const after = await member.api.ok('GET', `${path}/${created.id}`);
    expect(after).toMatchObject({ notes: 'history', is_locked: true });
  });

  it("refuses entries dated inside the workspace's locked period with entry_locked", async () => {
    await workspace.admin.ok('PATCH', '/v1/workspace', { lock_entries_after_days: 30 });
    try {
      const before = await snapshot();
      expectError(
        await member.api.post('/v1/time-entries', entryBody({ spent_date: '2020-01-06' })),
        422,
        'entry_locked',
        undefined,
        'date_locked',
      );
      expect(await snapshot()).toEqual(before);
    } finally {
      await workspace.admin.ok('PATCH', '/v1/workspace', { lock_entries_after_days: 0 });
    }
  });
});

describe('conflict (409)', () => {
  it('refuses a second user with the same email, whatever its case', async () => {
    const first = await workspace.admin.ok('POST', '/v1/users', { name: 'Dana', email: 'dana@example.test' });
    const before = await snapshot();
    expectError(
      await workspace.admin.post('/v1/users', { name: 'Dana Again', email: 'dana@example.test' }),
      409,
      'conflict',
      'email',
    );
    expectError(
      await workspace.admin.post('/v1/users', { name: 'Dana Shouting', email: 'DANA@example.test' }),
      409,
      'conflict',
      'email',
    );
    expect(await snapshot()).toEqual(before);
    expectError(
      await workspace.admin.patch(`/v1/users/${member.id}`, { email: 'dana@example.test' }),
      409,
      'conflict',
      'email',
    );
    expect((await workspace.admin.ok('GET', `/v1/users/${first.id}`)).email).toBe('dana@example.test');
  });

  it('refuses assigning the same task or the same person to a project twice', async () => {
    expectError(
      await workspace.admin.post(`/v1/projects/${fixture.projectId}/task-assignments`, {
        task_id: fixture.taskId,
      }),
      409,
      'conflict',
      'task_id',
    );
    expectError(
      await workspace.admin.post(`/v1/projects/${fixture.projectId}/user-assignments`, {
        user_id: member.id,
      }),
      409,
      'conflict',
      'user_id',
    );
    const tasks = await workspace.admin.ok('GET', `/v1/projects/${fixture.projectId}/task-assignments`);
    expect(tasks.data.filter((row: { task_id: string }) => row.task_id === fixture.taskId)).toHaveLength(1);
    const team = await workspace.admin.ok('GET', `/v1/projects/${fixture.projectId}/user-assignments`);
    expect(team.data.filter((row: { user_id: string }) => row.user_id === member.id)).toHaveLength(1);
  });
});

describe('failures that reach the database', () => {
  it('a failed timer start neither stops the running timer nor leaves a row', async () => {
    const timer = await member.api.ok(
      'POST',
      '/v1/time-entries',
      entryBody({ is_running: true, hours: 0, notes: 'running' }),
    );
    const before = await snapshot();
    // PostgreSQL text cannot hold U+0000: the insert fails after the previous timer was stopped.
    const response = await member.api.post(
      '/v1/time-entries',
      entryBody({ is_running: true, hours: 0, notes: 'nul \u0000 byte' }),
    );
    expect(response.status).toBeGreaterThanOrEqual(400);
    const after = await member.api.ok('GET', `/v1/time-entries/${timer.id}`);
    expect(after.is_running).toBe(true);
    expect(await snapshot()).toEqual(before);
    await member.api.ok('PATCH', `/v1/time-entries/${timer.id}`, { is_running: false, hours: 1 });
  });

  const refusedByDatabase: [string, string, () => Record<string, unknown>][] = [
    ['notes', '/v1/time-entries', () => entryBody({ notes: 'nul \u0000 byte' })],
    ['metadata', '/v1/time-entries', () => entryBody({ metadata: { note: 'nul \u0000 byte' } })],
    ['name', '/v1/clients', () => ({ name: 'Nul \u0000 Client' })],
  ];

  it('a request the database refuses never shows internals', async () => {
    for (const [field, path, body] of refusedByDatabase) {
      const api = path === '/v1/clients' ? workspace.admin : member.api;
      const response = await api.post(path, body());
      expect(response.status, field).toBeGreaterThanOrEqual(400);
      expect(JSON.stringify(response.body), field).not.toMatch(
        /0x00|UTF8|invalid byte|unicode|postgres|drizzle|insert into|stack|\.ts:\d/i,
      );
      if (response.status >= 500) {
        expect(response.body, field).toStrictEqual({
          error: { code: 'internal_error', message: 'Internal server error' },
        });
      }
    }
  });

  it.each(refusedByDatabase)(
    'text with a NUL character in %s is a validation_error, not a 500',
    async (_field, path, body) => {
      const api = path === '/v1/clients' ? workspace.admin : member.api;
      const response = await api.post(path, body());
      expect({ status: response.status, code: response.body.error.code }).toEqual({
        status: 400,
        code: 'validation_error',
      });
    },
  );
});
