import { drizzle } from 'drizzle-orm/node-postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../src/db/schema/index.ts';
import type { Actor } from '../src/domains/access/actor.ts';
import * as apiKeys from '../src/domains/api-keys/service.ts';
import * as clients from '../src/domains/clients/service.ts';
import { expenseExportBatches } from '../src/domains/expenses/queries.ts';
import * as expenses from '../src/domains/expenses/service.ts';
import * as people from '../src/domains/people/service.ts';
import * as projects from '../src/domains/projects/service.ts';
import * as tasks from '../src/domains/tasks/service.ts';
import { timeEntryExportBatches } from '../src/domains/time/queries.ts';
import * as time from '../src/domains/time/service.ts';
import type { Page } from '../src/lib/pagination.ts';
import {
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
 * The plans PostgreSQL chooses for the list queries with a cursor deep in the list (decision 0023):
 * the cursor must be an index condition (a seek), not a filter applied to every row read from the
 * start of the list. Plans, not timings: EXPLAIN of the exact statements the services send,
 * recorded through drizzle's query logger, over tables large enough for the planner to care.
 */
let server: TestServer;
let workspace: Workspace;
let fixture: ProjectFixture;
let member: Member;
let admin: Actor;
let statements: { query: string; params: unknown[] }[] = [];
// The services run against this database: the test server's pool, with every statement recorded.
let recordingDb: ReturnType<typeof drizzle<typeof schema>>;

const ROWS = 4000;

/** Copies the row `id` of `table` ROWS times, with the overrides (SQL over `n` and the row `t`). */
async function cloneRow(table: string, id: string, overrides: Record<string, string>) {
  const fields = Object.entries(overrides)
    .map(([column, expression]) => `'${column}', ${expression}`)
    .join(', ');
  await server.pool.query(
    `INSERT INTO ${table}
     SELECT (jsonb_populate_record(null::${table}, to_jsonb(t) || jsonb_build_object(${fields}))).*
     FROM ${table} t, generate_series(1, ${ROWS}) n WHERE t.id = $1`,
    [id],
  );
}

beforeAll(async () => {
  server = await startTestServer();
  workspace = await newWorkspace(server, 'Plans');
  fixture = await newProject(workspace);
  member = await addUser(server, workspace, { name: 'Deep Member' });
  const entry = await workspace.admin.ok('POST', '/v1/time-entries', {
    project_id: fixture.projectId,
    spent_date: '2026-01-01',
    hours: 1,
  });
  const expense = await workspace.admin.ok('POST', '/v1/expenses', {
    project_id: fixture.projectId,
    expense_category_id: 'cat_llm_usage',
    spent_date: '2026-01-01',
    units: 10,
  });
  const [key] = (await server.pool.query('SELECT id FROM api_keys WHERE user_id = $1', [member.id])).rows;
  const day = `to_char(date '2025-01-01' + n % 365, 'YYYY-MM-DD')`;
  const id = `t.id || '_' || lpad(n::text, 5, '0')`;
  const name = `'Seeded ' || lpad(n::text, 5, '0')`;
  await cloneRow('time_entries', entry.id, { id, spent_date: day });
  await cloneRow('time_entries', entry.id, {
    id: `${id} || 'm'`,
    spent_date: day,
    user_id: `'${member.id}'`,
  });
  await cloneRow('expenses', expense.id, { id, spent_date: day });
  await cloneRow('clients', fixture.clientId, { id, name });
  await cloneRow('projects', fixture.projectId, { id, name });
  await cloneRow('tasks', fixture.taskId, { id, name });
  await cloneRow('users', member.id, { id, name, email: `'seeded' || n || '@example.test'` });
  await cloneRow('api_keys', key.id, { id, hash: `t.hash || n` });
  // As autovacuum would leave a table this size: statistics, and the visibility map index-only scans use.
  await server.pool.query('VACUUM ANALYZE time_entries, expenses, clients, projects, tasks, users, api_keys');

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

/** Runs `list` twice: once to find a cursor about three quarters down the list, then from that cursor. */
async function deepPage<T>(list: (cursor: string | undefined) => Promise<Page<T>>): Promise<string> {
  let page = await list(undefined);
  for (let n = 0; n < 15 && page.next_cursor !== null; n++) page = await list(page.next_cursor);
  expect(page.next_cursor, 'the list is deep enough to have a cursor far down').not.toBeNull();
  statements = [];
  await list(page.next_cursor ?? undefined);
  return listStatement();
}

/** The recorded statement that reads the page: the one with ORDER BY ... LIMIT. */
function listStatement(): string {
  const found = statements.find(({ query }) => /order by .* limit/i.test(query));
  if (found === undefined) throw new Error(`no list statement among ${JSON.stringify(statements)}`);
  return found.query;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Filter?: string;
  Plans?: PlanNode[];
}

async function planOf(query: string): Promise<PlanNode> {
  const { params } = statements.find((statement) => statement.query === query) ?? { params: [] };
  const { rows } = await server.pool.query(`EXPLAIN (FORMAT JSON) ${query}`, params);
  return rows[0]['QUERY PLAN'][0].Plan;
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/** The plan reads `index` with the cursor's row comparison as its index condition, and sorts nothing. */
function expectSeek(plan: PlanNode, index: string | RegExp, cursorCondition = /ROW\(.*\) [<>] ROW\(/) {
  const all = nodes(plan);
  const scan = all.find((node) =>
    typeof index === 'string' ? node['Index Name'] === index : index.test(node['Index Name'] ?? ''),
  );
  expect(scan, `an index scan on ${index} in ${JSON.stringify(plan, null, 1)}`).toBeDefined();
  expect(scan?.['Index Cond']).toMatch(cursorCondition);
  expect(all.map((node) => node['Node Type'])).not.toContain('Sort');
  expect(all.map((node) => node['Node Type'])).not.toContain('Seq Scan');
}

const page = { limit: 200 };

describe('a deep cursor is an index seek', () => {
  it('for time entries of the workspace, of one person and of one project', async () => {
    expectSeek(
      await planOf(await deepPage((cursor) => time.listTimeEntries(recordingDb, admin, { ...page, cursor }))),
      'time_entries_account_date_idx',
    );
    const ofMember = await deepPage((cursor) =>
      time.listTimeEntries(recordingDb, admin, { ...page, cursor, user_id: member.id }),
    );
    expectSeek(await planOf(ofMember), 'time_entries_user_date_idx');
    const ofProject = await deepPage((cursor) =>
      time.listTimeEntries(recordingDb, admin, { ...page, cursor, project_id: fixture.projectId }),
    );
    expectSeek(await planOf(ofProject), 'time_entries_project_date_idx');
  });

  it('for a date range: the cursor, not the end of the range, is where the scan starts', async () => {
    const range = { from: '2025-01-01', to: '2025-12-31' };
    const lists: ((cursor: string | undefined) => Promise<Page<unknown>>)[] = [
      (cursor) => time.listTimeEntries(recordingDb, admin, { ...page, ...range, cursor }),
      (cursor) => expenses.listExpenses(recordingDb, admin, { ...page, ...range, cursor }),
    ];
    for (const list of lists) {
      const plan = await planOf(await deepPage(list));
      expectSeek(plan, /_account_date_idx$/);
      // With `spent_date <= to` beside the cursor, a backward scan starts at `to` and walks down.
      const conditions = nodes(plan).map((node) => node['Index Cond'] ?? '');
      expect(conditions.join(' ')).not.toMatch(/spent_date <=/);
    }
  });

  it('for expenses', async () => {
    expectSeek(
      await planOf(
        await deepPage((cursor) => expenses.listExpenses(recordingDb, admin, { ...page, cursor })),
      ),
      'expenses_account_date_idx',
    );
  });

  it('for clients, projects, tasks, people and API keys', async () => {
    const lists: [string, (cursor: string | undefined) => Promise<Page<unknown>>][] = [
      ['clients_account_name_idx', (cursor) => clients.listClients(recordingDb, admin, { ...page, cursor })],
      [
        'projects_account_name_idx',
        (cursor) => projects.listProjects(recordingDb, admin, { ...page, cursor }),
      ],
      ['tasks_account_name_idx', (cursor) => tasks.listTasks(recordingDb, admin, { ...page, cursor })],
      ['users_account_name_idx', (cursor) => people.listUsers(recordingDb, admin, { ...page, cursor })],
    ];
    for (const [index, list] of lists) expectSeek(await planOf(await deepPage(list)), index);
    // API keys page by their id alone (ids sort by creation time); with one workspace in the table
    // the primary key serves as well as (account, id).
    const keys = await deepPage((cursor) =>
      apiKeys.listApiKeys(recordingDb, admin, { ...page, cursor, include_revoked: true }),
    );
    expectSeek(await planOf(keys), /^api_keys_(pkey|account_id_idx)$/, /\(id < /);
  });
});

describe('a deep numbered page (v2)', () => {
  it('skips its offset over the index alone and reads whole rows only for the page', async () => {
    statements = [];
    await expenses.listExpensesPage(recordingDb, admin, {}, { offset: 3000, limit: 100 });
    const plan = await planOf(listStatement());
    const all = nodes(plan);
    const skip = all.find((node) => node['Node Type'] === 'Limit');
    expect(nodes(skip ?? plan).map((node) => [node['Node Type'], node['Index Name']])).toContainEqual([
      'Index Only Scan',
      'expenses_account_date_idx',
    ]);
  });
});

describe('an export batch deep in the file is an index seek of the entry table', () => {
  it('for time entries and expenses over a year, joined to names only after the batch is picked', async () => {
    const year = { from: '2025-01-01', to: '2025-12-31' };
    const everyone = { kind: 'all' } as const;
    const exports = [
      [
        'time_entries',
        () => timeEntryExportBatches(recordingDb, workspace.accountId, everyone, year, {}, 500),
      ],
      ['expenses', () => expenseExportBatches(recordingDb, workspace.accountId, everyone, year, {}, 500)],
    ] as const;
    for (const [table, batches] of exports) {
      let read = 0;
      for await (const _batch of batches()) {
        if (++read === 4) statements = [];
        if (read === 5) break;
      }
      expect(read, `${table} has five batches to read`).toBe(5);
      const plan = await planOf(listStatement());
      const all = nodes(plan);
      const scan = all.find((node) => node['Index Name'] === `${table}_account_date_idx`);
      expect(scan?.['Index Cond'], JSON.stringify(plan, null, 1)).toMatch(/ROW\(.*\) < ROW\(/);
      // One upper bound, the seek's: with `spent_date <= to` too, the scan would start at `to`.
      expect(scan?.['Index Cond']).not.toMatch(/spent_date <=/);
      expect(
        all.filter((node) => node['Node Type'] === 'Seq Scan' && node['Relation Name'] === table),
      ).toEqual([]);
    }
  });
});
