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

beforeAll(async () => {
  server = await startTestServer();
  workspace = await newWorkspace(server);
  fixture = await newProject(workspace);
});

const withKey = (api: Api, key: string) => new Api(api.baseUrl, api.key, { 'idempotency-key': key });

function entryBody(notes: string) {
  return { project_id: fixture.projectId, spent_date: '2026-03-06', hours: 1, notes };
}

async function countEntries(notes: string): Promise<number> {
  const rows = await server.db.execute(
    sql`SELECT count(*)::int AS n FROM time_entries WHERE notes = ${notes}`,
  );
  return (rows.rows[0] as { n: number }).n;
}

describe('Idempotency-Key', () => {
  it('replays the first response for the same key and body, without writing twice', async () => {
    const api = withKey(workspace.admin, 'key-replay');
    const first = await api.post('/v1/time-entries', entryBody('replayed'));
    const second = await api.post('/v1/time-entries', entryBody('replayed'));
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await countEntries('replayed')).toBe(1);
  });

  it('refuses the same key with a different body with 422', async () => {
    const api = withKey(workspace.admin, 'key-mismatch');
    expect((await api.post('/v1/time-entries', entryBody('first body'))).status).toBe(201);
    const reused = await api.post('/v1/time-entries', entryBody('second body'));
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
    expect(await countEntries('second body')).toBe(0);
  });

  it('answers 409 while the first request with the key is still in flight', async () => {
    const api = withKey(workspace.admin, 'key-in-flight');
    const body = entryBody('in flight');
    // The first request has claimed the key but not answered yet.
    const fingerprintSource = await api.post('/v1/time-entries', body);
    await server.db.execute(
      sql`UPDATE idempotency_keys SET response_status = NULL, completed_at = NULL WHERE key = 'key-in-flight'`,
    );
    const concurrent = await api.post('/v1/time-entries', body);
    expect(fingerprintSource.status).toBe(201);
    expect(concurrent.status).toBe(409);
    expect(concurrent.body.error.code).toBe('conflict');
    expect(await countEntries('in flight')).toBe(1);
  });

  it('concurrent requests with one key write once', async () => {
    const api = withKey(workspace.admin, 'key-race');
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => api.post('/v1/time-entries', entryBody('race'))),
    );
    expect(responses.every((response) => [201, 409].includes(response.status))).toBe(true);
    expect(await countEntries('race')).toBe(1);
  });

  it('keys belong to the user: another user with the same key writes their own entry', async () => {
    const member = await addUser(server, workspace, { name: 'Key Owner' });
    await assign(workspace, fixture.projectId, member.id);
    const mine = await withKey(workspace.admin, 'shared-key').post(
      '/v1/time-entries',
      entryBody('shared key'),
    );
    const theirs = await withKey(member.api, 'shared-key').post('/v1/time-entries', entryBody('shared key'));
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(await countEntries('shared key')).toBe(2);
  });

  it('replays PATCH too, and validation errors as they were', async () => {
    const entry = await workspace.admin.ok('POST', '/v1/time-entries', entryBody('to patch'));
    const api = withKey(workspace.admin, 'key-patch');
    const first = await api.patch(`/v1/time-entries/${entry.id}`, { notes: 'patched once' });
    await workspace.admin.ok('PATCH', `/v1/time-entries/${entry.id}`, { notes: 'changed since' });
    const replayed = await api.patch(`/v1/time-entries/${entry.id}`, { notes: 'patched once' });
    expect(replayed.body).toEqual(first.body);
    const invalid = withKey(workspace.admin, 'key-invalid');
    const bad = await invalid.post('/v1/time-entries', { spent_date: '2026-03-06', hours: 1 });
    expect(bad.status).toBe(400);
    expect((await invalid.post('/v1/time-entries', { spent_date: '2026-03-06', hours: 1 })).status).toBe(400);
  });

  it('requests without a key are not deduplicated', async () => {
    await workspace.admin.ok('POST', '/v1/time-entries', entryBody('no key'));
    await workspace.admin.ok('POST', '/v1/time-entries', entryBody('no key'));
    expect(await countEntries('no key')).toBe(2);
  });
});
