import { beforeAll, describe, expect, it } from 'vitest';
import { newProject, newWorkspace, startTestServer, type TestServer, type Workspace } from './harness.ts';

/**
 * Expense amounts through the API and PostgreSQL: what is answered is what is stored, an amount
 * the `money` column cannot hold is a validation error, and an edit reprices from the stored
 * decimals (docs/decisions/0010-money.md).
 */

let server: TestServer;
let workspace: Workspace;
let projectId: string;

beforeAll(async () => {
  server = await startTestServer();
  workspace = await newWorkspace(server, 'Ledger');
  ({ projectId } = await newProject(workspace));
});

const expense = (extra: Record<string, unknown>) => ({
  project_id: projectId,
  expense_category_id: 'cat_llm_usage',
  spent_date: '2026-05-05',
  ...extra,
});

async function storedRow(id: string) {
  const { rows } = await server.pool.query<{
    units: string | null;
    unit_price: string | null;
    total_cost: string;
  }>('SELECT units, unit_price, total_cost FROM expenses WHERE account_id = $1 AND id = $2', [
    workspace.accountId,
    id,
  ]);
  return rows[0];
}

describe('expense amounts', () => {
  // Units and price are each within the document's limits; their product is not a rule a schema
  // states, so it is 422 (decision 0015), found by the contract suite once it reached the handlers.
  it('refuses a computed total beyond what the money column holds as unprocessable, and writes nothing', async () => {
    const response = await workspace.admin.post(
      '/v1/expenses',
      expense({ notes: 'too much', units: 1_000_000, unit_price: 1_000_000_000 }),
    );

    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({ code: 'unprocessable', field: 'total_cost' });
    const { rows } = await server.pool.query('SELECT 1 FROM expenses WHERE account_id = $1 AND notes = $2', [
      workspace.accountId,
      'too much',
    ]);
    expect(rows).toEqual([]);
  });

  it('stores units x unit price exactly where doubles would not', async () => {
    const created = await workspace.admin.ok('POST', '/v1/expenses', expense({ units: 3, unit_price: 0.1 }));

    expect(created.total_cost).toBe(0.3);
    expect(await storedRow(created.id)).toEqual({
      units: '3.000000',
      unit_price: '0.100000',
      total_cost: '0.300000',
    });
  });

  it('reprices an edit from the stored units and price', async () => {
    const created = await workspace.admin.ok('POST', '/v1/expenses', expense({ units: 1.1, unit_price: 7 }));

    const edited = await workspace.admin.ok('PATCH', `/v1/expenses/${created.id}`, { unit_price: 1.1 });

    expect(edited).toMatchObject({ units: 1.1, unit_price: 1.1, total_cost: 1.21 });
    expect(await storedRow(created.id)).toEqual({
      units: '1.100000',
      unit_price: '1.100000',
      total_cost: '1.210000',
    });
  });
});
