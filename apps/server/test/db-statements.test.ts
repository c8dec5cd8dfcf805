import { desc, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '../src/db/client.ts';
import { insertMany, insertStatement } from '../src/db/insert-many.ts';
import { namedStatement } from '../src/db/named.ts';
import { selectRows } from '../src/db/rows.ts';
import { clients, tasks, timeEntries } from '../src/db/schema/index.ts';
import { newProject, newWorkspace, startTestServer, type TestServer, type Workspace } from './harness.ts';

/**
 * The statements the hot write paths send by name (db/named.ts, db/insert-many.ts), against the
 * real PostgreSQL: the names they are prepared under on a connection, and drizzle's internal
 * prepareQuery they rely on (docs/decisions/0009-coalesced-writes.md says why drizzle is pinned).
 */
let server: TestServer;
let workspace: Workspace;

beforeAll(async () => {
  server = await startTestServer();
  workspace = await newWorkspace(server, 'Statements');
});

/** The insert-many statements prepared on the connection of `tx`. */
async function preparedInserts(tx: Executor): Promise<string[]> {
  const { rows } = await tx.execute<{ name: string }>(
    sql`SELECT name FROM pg_prepared_statements WHERE name LIKE 'insert_many_%' ORDER BY name`,
  );
  return rows.map((row) => row.name);
}

describe('namedStatement', () => {
  it("prepares its query under its name through drizzle's session.prepareQuery", async () => {
    // Fails loudly when a drizzle upgrade drops or reshapes db._.session.prepareQuery(query, fields,
    // name, arrayMode): the call throws, or the statement is no longer prepared under its name.
    const double = namedStatement<{ doubled: number }>(
      'test_named_double',
      sql`SELECT ${sql.placeholder('n')}::int * 2 AS doubled`,
    );
    await server.db.transaction(async (tx) => {
      expect(await double(tx, { n: 21 })).toEqual([{ doubled: 42 }]);
      expect(await double(tx, { n: 4 })).toEqual([{ doubled: 8 }]);
      const { rows } = await tx.execute<{ statement: string }>(
        sql`SELECT statement FROM pg_prepared_statements WHERE name = 'test_named_double'`,
      );
      expect(rows).toEqual([{ statement: 'SELECT $1::int * 2 AS doubled' }]);
    });
  });
});

describe('insertMany statements', () => {
  it('are one statement for equal lists of keys, whether or not they are the same array', () => {
    expect(insertStatement(clients, ['id', 'accountId', 'name'])).toBe(
      insertStatement(clients, ['id', 'accountId', 'name']),
    );
  });

  it('are distinct for another list of keys, another order, or another table', () => {
    const statement = insertStatement(clients, ['id', 'accountId', 'name']);
    expect(insertStatement(clients, ['id', 'accountId', 'name', 'currency'])).not.toBe(statement);
    expect(insertStatement(clients, ['accountId', 'id', 'name'])).not.toBe(statement);
    expect(insertStatement(tasks, ['id', 'accountId', 'name'])).not.toBe(statement);
  });

  it('of different shapes run side by side on one connection, each under its own name', async () => {
    const { accountId } = workspace;
    await server.db.transaction(async (tx) => {
      const before = await preparedInserts(tx);
      const plain = await insertMany(
        tx,
        clients,
        ['id', 'accountId', 'name', 'currency'],
        [
          { id: 'cli_shape_a', accountId, name: 'A', currency: 'USD' },
          { id: 'cli_shape_b', accountId, name: 'B', currency: 'EUR' },
        ],
      );
      const withPhone = await insertMany(
        tx,
        clients,
        ['id', 'accountId', 'name', 'currency', 'phone'],
        [{ id: 'cli_shape_c', accountId, name: 'C', currency: 'GBP', phone: '+44 20 7946 0000' }],
      );
      // A fresh array of the same keys and another row count: the first statement again.
      const again = await insertMany(
        tx,
        clients,
        [...(['id', 'accountId', 'name', 'currency'] as const)],
        [
          { id: 'cli_shape_d', accountId, name: 'D', currency: 'JPY' },
          { id: 'cli_shape_e', accountId, name: 'E', currency: 'KWD' },
          { id: 'cli_shape_f', accountId, name: 'F', currency: 'USD' },
        ],
      );

      expect(plain.map((row) => [row.id, row.currency, row.phone])).toEqual([
        ['cli_shape_a', 'USD', null],
        ['cli_shape_b', 'EUR', null],
      ]);
      expect(withPhone.map((row) => [row.id, row.phone])).toEqual([['cli_shape_c', '+44 20 7946 0000']]);
      expect(again.map((row) => row.id)).toEqual(['cli_shape_d', 'cli_shape_e', 'cli_shape_f']);
      const added = (await preparedInserts(tx)).filter((name) => !before.includes(name));
      expect(added).toHaveLength(2);
      expect(added.every((name) => name.startsWith('insert_many_clients_'))).toBe(true);
    });
  });
});

describe('selectRows', () => {
  it("returns the rows drizzle's select returns, every kind of column decoded alike", async () => {
    const { projectId, taskId } = await newProject(workspace, { name: 'Rows', hourly_rate: 120.5 });
    const { admin } = workspace;
    await admin.ok('POST', '/v1/time-entries', {
      project_id: projectId,
      task_id: taskId,
      spent_date: '2025-03-04',
      started_at: '2025-03-04T09:15:00.250Z',
      ended_at: '2025-03-04T11:00:00Z',
      notes: 'Pairing',
      source: 'agent',
      metadata: { agent_id: 'bot', input_tokens: 1200, tags: ['a', 'b'] },
    });
    await admin.ok('POST', '/v1/time-entries', {
      project_id: projectId,
      spent_date: '2025-03-05',
      is_running: true,
    });
    const where = eq(timeEntries.accountId, workspace.accountId);
    const orderBy = [desc(timeEntries.spentDate), desc(timeEntries.id)];

    const drizzleRows = await server.db
      .select()
      .from(timeEntries)
      .where(where)
      .orderBy(...orderBy);
    const rows = await selectRows(server.db, timeEntries, { where, orderBy });
    expect(drizzleRows).toHaveLength(2);
    expect(rows).toEqual(drizzleRows);
    // Key order too: the presenters' JSON follows them.
    expect(rows.map((row) => Object.keys(row))).toEqual(drizzleRows.map((row) => Object.keys(row)));
    expect(rows.some((row) => row.startedAt instanceof Date && row.timerStartedAt === null)).toBe(true);
    expect(rows.some((row) => row.timerStartedAt instanceof Date)).toBe(true);
    expect(await selectRows(server.db, timeEntries, { where, orderBy, limit: 1 })).toEqual(
      drizzleRows.slice(0, 1),
    );
    // An extra expression (the lists read an entry's invoice from its link so) comes after the columns.
    const withExtra = await selectRows(server.db, timeEntries, {
      where,
      orderBy,
      extra: { hoursTimesTwo: sql<string>`${timeEntries.hours} * 2` },
    });
    expect(withExtra.map(({ hoursTimesTwo, ...row }) => [row, Number(hoursTimesTwo)])).toEqual(
      drizzleRows.map((row) => [row, Number(row.hours) * 2]),
    );
    expect(Object.keys(withExtra[0] ?? {}).at(-1)).toBe('hoursTimesTwo');
  });
});
