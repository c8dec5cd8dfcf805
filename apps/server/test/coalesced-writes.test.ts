import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import type { Actor } from '../src/domains/access/actor.ts';
import { coalescedCreate } from '../src/domains/entries/create-many.ts';
import { createTimeEntryBody } from '../src/domains/time/schemas.ts';
import { createTimeEntries } from '../src/domains/time/service.ts';
import {
  newProject,
  newWorkspace,
  type ProjectFixture,
  startTestServer,
  type TestServer,
} from './harness.ts';

/**
 * How concurrent creates are grouped (docs/decisions/0009-coalesced-writes.md): one coalescer per
 * kind of create per app, whichever API a request came through, and a failed group retried one
 * create at a time in the order the requests arrived.
 */
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

/** The transaction that wrote each row: rows written by one INSERT share it. */
async function writersOf(table: 'expenses' | 'time_entries', ids: string[]): Promise<Set<string>> {
  const { rows } = await server.pool.query<{ xmin: string }>(
    `SELECT xmin::text FROM ${table} WHERE id = ANY($1)`,
    [ids],
  );
  expect(rows).toHaveLength(ids.length);
  return new Set(rows.map((row) => row.xmin));
}

describe('one coalescer per kind of work per app', () => {
  it('v1 and v2 expense creates of one key that arrive together are written by one INSERT', async () => {
    const workspace = await newWorkspace(server, 'BothApis', { plan: 'enterprise', rateLimitPerMinute: 100 });
    const { projectId } = await newProject(workspace);
    const app = await buildApp({ db: server.db, logLevel: 'silent' });
    try {
      await app.ready();
      const headers = {
        authorization: `Bearer ${workspace.admin.key}`,
        'keito-account-id': workspace.accountId,
      };
      const expense = (notes: string) => ({
        project_id: projectId,
        expense_category_id: 'cat_llm_usage',
        spent_date: '2026-05-05',
        units: 10,
        notes,
      });
      const create = (url: string, notes: string) =>
        app.inject({ method: 'POST', url, headers, payload: expense(notes) });

      const responses = await Promise.all([
        create('/v1/expenses', 'v1 a'),
        create('/api/v2/expenses', 'v2 a'),
        create('/v1/expenses', 'v1 b'),
        create('/api/v2/expenses', 'v2 b'),
      ]);

      expect(responses.map((response) => response.statusCode)).toEqual([201, 201, 201, 201]);
      const created = responses.map((response) => response.json());
      expect(created.map((row) => row.notes)).toEqual(['v1 a', 'v2 a', 'v1 b', 'v2 b']);
      expect(
        (
          await writersOf(
            'expenses',
            created.map((row) => row.id),
          )
        ).size,
      ).toBe(1);
      // Authenticated and counted together too: last_added is what the last count statement added.
      const { rows: counters } = await server.pool.query(
        `SELECT c.count, c.last_added FROM rate_limit_counters c JOIN api_keys k ON k.id = c.api_key_id
         WHERE k.account_id = $1 AND c."window" = 'minute'`,
        [workspace.accountId],
      );
      expect(counters).toEqual([{ count: expect.any(Number), last_added: 4 }]);
    } finally {
      await app.close();
    }
  });
});

describe('a group whose shared write fails', () => {
  let fixture: ProjectFixture;
  let actor: Actor;

  beforeAll(async () => {
    const workspace = await newWorkspace(server, 'Fallback');
    fixture = await newProject(workspace);
    actor = {
      accountId: workspace.accountId,
      userId: workspace.adminId,
      role: 'administrator',
      userType: 'human',
      managerPermissions: null,
      apiKeyId: null,
    };
  });

  it('is retried one create at a time, in the order the requests arrived', async () => {
    const events: string[] = [];
    // The real set-based create, except that a group's write fails as a refused INSERT would.
    const create = coalescedCreate(server.db, async (db, who, inputs: ReturnType<typeof timer>[]) => {
      if (inputs.length > 1) throw new Error('the group INSERT was refused');
      const notes = inputs[0]?.notes;
      events.push(`start ${notes}`);
      try {
        return await createTimeEntries(db, who, inputs);
      } finally {
        events.push(`end ${notes}`);
      }
    });
    function timer(notes: string) {
      return createTimeEntryBody.parse({
        project_id: fixture.projectId,
        spent_date: '2026-05-05',
        is_running: true,
        notes,
      });
    }

    const entries = await Promise.all(
      ['first', 'second', 'third'].map((notes) => create(actor, timer(notes))),
    );

    expect(events).toEqual([
      'start first',
      'end first',
      'start second',
      'end second',
      'start third',
      'end third',
    ]);
    // As three requests sent one by one: each timer stopped the one before it.
    const { rows } = await server.pool.query<{ notes: string; running: boolean }>(
      'SELECT notes, timer_started_at IS NOT NULL AS running FROM time_entries WHERE id = ANY($1) ORDER BY notes',
      [entries.map((entry) => entry.id)],
    );
    expect(rows).toEqual([
      { notes: 'first', running: false },
      { notes: 'second', running: false },
      { notes: 'third', running: true },
    ]);
  });
});
