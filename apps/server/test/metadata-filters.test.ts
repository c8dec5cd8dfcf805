import { drizzle } from 'drizzle-orm/node-postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../src/db/schema/index.ts';
import type { Actor } from '../src/domains/access/actor.ts';
import * as expenses from '../src/domains/expenses/service.ts';
import * as time from '../src/domains/time/service.ts';
import {
  Api,
  addUser,
  type Member,
  newProject,
  newWorkspace,
  type ProjectFixture,
  startTestServer,
  type TestServer,
  type Workspace,
} from './harness.ts';

/**
 * The metadata filters (agent_id, session_id, model) of the entry lists, and the plan that serves
 * them: the GIN index on metadata, not a scan of the workspace's entries.
 */
let server: TestServer;
let workspace: Workspace;
let fixture: ProjectFixture;
let member: Member;

const ROWS = 4000;

beforeAll(async () => {
  server = await startTestServer();
  workspace = await newWorkspace(server, 'Agents');
  fixture = await newProject(workspace);
  member = await addUser(server, workspace, { name: 'Agent Owner' });
  await workspace.admin.ok('POST', `/v1/projects/${fixture.projectId}/user-assignments`, {
    user_id: member.id,
  });
  const sessions = [
    { agent_id: 'review-bot', session_id: 's-1', model: 'claude-opus-4-6', pr: 42 },
    { agent_id: 'review-bot', session_id: 's-2', model: 'claude-sonnet-4-6' },
    { agent_id: 'research-bot', session_id: 's-3', model: 'claude-opus-4-6' },
  ];
  for (const [index, metadata] of sessions.entries()) {
    await member.api.ok('POST', '/v1/time-entries', {
      project_id: fixture.projectId,
      spent_date: `2026-02-0${index + 1}`,
      hours: 1,
      source: 'agent',
      metadata,
    });
    await member.api.ok('POST', '/v1/expenses', {
      project_id: fixture.projectId,
      expense_category_id: 'cat_llm_usage',
      spent_date: `2026-02-0${index + 1}`,
      units: 10,
      source: 'agent',
      metadata,
    });
  }
  // Entries without agent metadata, and with other agents', around them.
  await member.api.ok('POST', '/v1/time-entries', {
    project_id: fixture.projectId,
    spent_date: '2026-02-04',
    hours: 2,
  });
  await member.api.ok('POST', '/v1/time-entries', {
    project_id: fixture.projectId,
    spent_date: '2026-02-05',
    hours: 2,
    metadata: { agent_id: 'review-bot-2', note: 'review-bot' },
  });
});

const ids = (page: { data: { metadata: Record<string, unknown> }[] }) =>
  page.data.map((entry) => [entry.metadata.agent_id, entry.metadata.session_id]);

describe('GET /v1/time-entries and /v1/expenses filter on agent metadata', () => {
  it('by agent_id, exactly (not a prefix, not another key holding the value)', async () => {
    const entries = await member.api.ok('GET', '/v1/time-entries?agent_id=review-bot');
    expect(ids(entries)).toEqual([
      ['review-bot', 's-2'],
      ['review-bot', 's-1'],
    ]);
    const spent = await member.api.ok('GET', '/v1/expenses?agent_id=review-bot');
    expect(ids(spent)).toEqual([
      ['review-bot', 's-2'],
      ['review-bot', 's-1'],
    ]);
  });

  it('by session_id and by model, combined with AND', async () => {
    expect(ids(await member.api.ok('GET', '/v1/time-entries?session_id=s-3'))).toEqual([
      ['research-bot', 's-3'],
    ]);
    expect(ids(await member.api.ok('GET', '/v1/expenses?model=claude-opus-4-6&agent_id=review-bot'))).toEqual(
      [['review-bot', 's-1']],
    );
    expect(
      (await member.api.ok('GET', '/v1/time-entries?model=claude-opus-4-6&session_id=s-2')).data,
    ).toEqual([]);
  });

  it('on the v2 expense list as well', async () => {
    const v2 = new Api(server.baseUrl, workspace.admin.key, { 'keito-account-id': workspace.accountId });
    const page = await v2.ok('GET', '/api/v2/expenses?agent_id=research-bot');
    expect(
      page.expenses.map((expense: { metadata: { session_id: string } }) => expense.metadata.session_id),
    ).toEqual(['s-3']);
  });

  it('still scoped to what the caller sees', async () => {
    const stranger = await addUser(server, workspace, { name: 'Stranger' });
    expect((await stranger.api.ok('GET', '/v1/time-entries?agent_id=review-bot')).data).toEqual([]);
  });
});

describe('the metadata filter is answered by the GIN index', () => {
  let statements: { query: string; params: unknown[] }[] = [];
  let recordingDb: ReturnType<typeof drizzle<typeof schema>>;
  let admin: Actor;

  beforeAll(async () => {
    // Thousands of entries of other sessions, so that reading the workspace's entries would cost the
    // planner more than the index.
    for (const table of ['time_entries', 'expenses']) {
      await server.pool.query(
        `INSERT INTO ${table}
         SELECT (jsonb_populate_record(null::${table}, to_jsonb(t) || jsonb_build_object(
           'id', t.id || '_' || n,
           'spent_date', to_char(date '2025-01-01' + n % 365, 'YYYY-MM-DD'),
           'metadata', jsonb_build_object('agent_id', 'bulk-' || (n % 50), 'session_id', 'bulk-' || n, 'model', 'm-' || (n % 3))))).*
         FROM ${table} t, generate_series(1, ${ROWS}) n
         WHERE t.id = (SELECT id FROM ${table} WHERE metadata->>'session_id' = 's-1')`,
      );
    }
    await server.pool.query('VACUUM ANALYZE time_entries, expenses');
    admin = {
      accountId: workspace.accountId,
      userId: workspace.adminId,
      role: 'administrator',
      userType: 'human',
      managerPermissions: null,
      apiKeyId: null,
    };
    recordingDb = drizzle(server.pool, {
      schema,
      logger: { logQuery: (query, params) => statements.push({ query, params }) },
    });
  });

  async function planOf(run: () => Promise<unknown>): Promise<string> {
    statements = [];
    await run();
    const list = statements.find(({ query }) => /order by .* limit/i.test(query));
    if (list === undefined) throw new Error('no list statement');
    const { rows } = await server.pool.query(`EXPLAIN (FORMAT JSON) ${list.query}`, list.params);
    return JSON.stringify(rows[0]['QUERY PLAN']);
  }

  it.each([
    [
      'time entries',
      'time_entries_metadata_idx',
      () => time.listTimeEntries(recordingDb, admin, { limit: 50, session_id: 's-2' }),
    ],
    [
      'expenses',
      'expenses_metadata_idx',
      () => expenses.listExpenses(recordingDb, admin, { limit: 50, agent_id: 'research-bot' }),
    ],
  ] as const)('for %s', async (_name, index, list) => {
    const plan = await planOf(list);
    expect(plan).toContain(`"Index Name":"${index}"`);
    expect(plan).not.toContain('"Node Type":"Seq Scan"');
  });

  it('and the filtered page is still the right one', async () => {
    const page = await time.listTimeEntries(recordingDb, admin, { limit: 50, agent_id: 'review-bot' });
    expect(page.data.map((entry) => entry.metadata?.session_id)).toEqual(['s-2', 's-1']);
  });
});
