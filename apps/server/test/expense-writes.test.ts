import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Api,
  newProject,
  newWorkspace,
  startTestServer,
  type TestServer,
  type Workspace,
} from './harness.ts';

/**
 * Expenses created together: concurrent single creates of one key are written as a group
 * (docs/decisions/0009-coalesced-writes.md), and each request still gets the answer a lone create
 * would give. Agents log their LLM costs this way, many sessions at once.
 */

let server: TestServer;
let workspace: Workspace;
let projectId: string;

beforeAll(async () => {
  server = await startTestServer();
  workspace = await newWorkspace(server, 'Costs');
  ({ projectId } = await newProject(workspace));
});

function llmCost(extra: Record<string, unknown> = {}) {
  return {
    project_id: projectId,
    expense_category_id: 'cat_llm_usage',
    spent_date: '2026-05-05',
    source: 'agent',
    units: 45,
    notes: `session ${Math.random().toString(36).slice(2)}`,
    metadata: { agent_id: 'cost-bot', model: 'claude-opus-4-6' },
    ...extra,
  };
}

async function storedNotes(): Promise<string[]> {
  const { rows } = await server.pool.query<{ notes: string }>(
    'SELECT notes FROM expenses WHERE account_id = $1 ORDER BY notes',
    [workspace.accountId],
  );
  return rows.map((row) => row.notes);
}

describe('concurrent expense creates of one key', () => {
  it('each valid create gets its own expense and each invalid one its own error', async () => {
    const bodies = [
      llmCost({ notes: 'a' }),
      llmCost({ notes: 'b', expense_category_id: 'cat_nope' }),
      llmCost({ notes: 'c', units: 10, unit_price: 0.5 }),
      llmCost({ notes: 'd', project_id: 'prj_nope' }),
      llmCost({ notes: 'e', expense_category_id: 'cat_transportation', units: undefined }),
      llmCost({ notes: 'f', units: 2, total_cost: 1 }),
      llmCost({ notes: 'g', total_cost: 0.25, units: undefined }),
    ];

    const responses = await Promise.all(bodies.map((body) => workspace.admin.post('/v1/expenses', body)));

    // f's total disagrees with units x price: a rule between fields, 422 (decision 0015).
    expect(responses.map((response) => response.status)).toEqual([201, 404, 201, 404, 400, 422, 201]);
    const created = responses.filter((response) => response.status === 201).map((response) => response.body);
    expect(created.map((expense) => [expense.notes, expense.total_cost])).toEqual([
      ['a', 0.135],
      ['c', 5],
      ['g', 0.25],
    ]);
    expect(new Set(created.map((expense) => expense.id)).size).toBe(3);
    expect(created.every((expense) => expense.expense_category_id === 'cat_llm_usage')).toBe(true);
    expect(responses[1]?.body.error).toMatchObject({ code: 'not_found', field: 'expense_category_id' });
    expect(responses[3]?.body.error).toMatchObject({ code: 'not_found', field: 'project_id' });
    expect(responses[4]?.body.error).toMatchObject({ code: 'validation_error', field: 'total_cost' });
    expect(responses[5]?.body.error).toMatchObject({ code: 'unprocessable', field: 'total_cost' });
    expect(await storedNotes()).toEqual(['a', 'c', 'g']);
  });

  it('the v2 API creates concurrently alike', async () => {
    const v2 = new Api(server.baseUrl, workspace.admin.key, { 'keito-account-id': workspace.accountId });
    const responses = await Promise.all(
      ['v2-1', 'v2-2', 'v2-3'].map((notes) => v2.post('/api/v2/expenses', llmCost({ notes }))),
    );

    expect(responses.map((response) => response.status)).toEqual([201, 201, 201]);
    expect(responses.map((response) => response.body.notes)).toEqual(['v2-1', 'v2-2', 'v2-3']);
  });
});

describe('an expense row the database refuses', () => {
  beforeAll(async () => {
    await server.pool.query(`
      CREATE FUNCTION test_refuse_expense() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.notes = 'refuse me' THEN RAISE EXCEPTION 'refused by the test trigger'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER test_refuse_expense BEFORE INSERT ON expenses
        FOR EACH ROW EXECUTE FUNCTION test_refuse_expense();
    `);
  });

  afterAll(async () => {
    await server.pool.query(`
      DROP TRIGGER test_refuse_expense ON expenses;
      DROP FUNCTION test_refuse_expense();
    `);
  });

  it('fails only its own create: the concurrent neighbours are created', async () => {
    const notes = ['n1', 'n2', 'refuse me', 'n3'];

    const responses = await Promise.all(
      notes.map((note) => workspace.admin.post('/v1/expenses', llmCost({ notes: note }))),
    );

    expect(responses.map((response) => response.status)).toEqual([201, 201, 500, 201]);
    expect(await storedNotes()).toEqual(expect.arrayContaining(['n1', 'n2', 'n3']));
    expect(await storedNotes()).not.toContain('refuse me');
  });

  it('fails a whole batch: 500 and nothing of it is stored', async () => {
    const before = await storedNotes();

    const response = await workspace.admin.post('/v1/expenses/batch', {
      items: [llmCost({ notes: 'batch-1' }), llmCost({ notes: 'refuse me' }), llmCost({ notes: 'batch-2' })],
    });

    expect(response.status).toBe(500);
    expect(await storedNotes()).toEqual(before);
  });
});

describe('listing expenses by approval status', () => {
  it('returns only the expenses in the status asked for', async () => {
    const [approved, open] = await Promise.all(
      ['approved later', 'still open'].map((notes) =>
        workspace.admin.ok('POST', '/v1/expenses', llmCost({ notes, spent_date: '2026-04-01' })),
      ),
    );
    // Approval arrives with the approvals work; the row is set as it will leave it.
    await server.pool.query("UPDATE expenses SET approval_status = 'approved' WHERE id = $1", [approved.id]);
    const listed = async (status: string) =>
      (
        await workspace.admin.ok(
          'GET',
          `/v1/expenses?from=2026-04-01&to=2026-04-01&approval_status=${status}`,
        )
      ).data.map((expense: { id: string }) => expense.id);
    expect(await listed('approved')).toEqual([approved.id]);
    expect(await listed('unsubmitted')).toEqual([open.id]);
    expect((await workspace.admin.get('/v1/expenses?approval_status=done')).status).toBe(400);
  });
});
