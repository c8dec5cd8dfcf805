import { beforeAll, describe, expect, it } from 'vitest';
import { newProject, newWorkspace, type ProjectFixture, startTestServer, type Workspace } from './harness.ts';

let workspace: Workspace;
let fixture: ProjectFixture;

beforeAll(async () => {
  const server = await startTestServer();
  workspace = await newWorkspace(server);
  fixture = await newProject(workspace);
});

function logEntry(spentDate: string, notes: string) {
  return workspace.admin.ok('POST', '/v1/time-entries', {
    project_id: fixture.projectId,
    spent_date: spentDate,
    hours: 1,
    notes,
  });
}

async function readAllPages(path: string, limit: number, between?: (page: number) => Promise<void>) {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const query: string = `${path}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = await workspace.admin.ok('GET', query);
    expect(page.data.length).toBeLessThanOrEqual(limit);
    expect(page.has_more).toBe(page.next_cursor !== null);
    ids.push(...page.data.map((row: { id: string }) => row.id));
    cursor = page.next_cursor;
    pages++;
    await between?.(pages);
  } while (cursor !== null);
  return { ids, pages };
}

describe('cursor pagination', () => {
  it('walks every entry exactly once, newest date first', async () => {
    const created = [];
    for (let day = 1; day <= 9; day++) created.push(await logEntry(`2026-04-0${day}`, `day ${day}`));
    created.push(await logEntry('2026-04-05', 'second on the 5th'));
    const { ids, pages } = await readAllPages('/v1/time-entries?from=2026-04-01&to=2026-04-30', 3);
    expect(pages).toBe(4);
    expect(new Set(ids).size).toBe(10);
    expect(ids.sort()).toEqual(created.map((entry) => entry.id).sort());
    const first = await workspace.admin.ok('GET', '/v1/time-entries?from=2026-04-01&to=2026-04-30&limit=1');
    expect(first.data[0].spent_date).toBe('2026-04-09');
    // A cursor past the end of a narrower range: the range still bounds the page.
    const narrower = await workspace.admin.ok(
      'GET',
      `/v1/time-entries?from=2026-04-01&to=2026-04-03&cursor=${encodeURIComponent(first.next_cursor)}`,
    );
    expect(narrower.data.map((entry: { spent_date: string }) => entry.spent_date)).toEqual([
      '2026-04-03',
      '2026-04-02',
      '2026-04-01',
    ]);
  });

  it('is stable while entries are inserted between pages: nothing repeats, nothing is skipped', async () => {
    const existing = [];
    for (let day = 10; day <= 19; day++) existing.push(await logEntry(`2026-05-${day}`, `existing ${day}`));
    const { ids } = await readAllPages('/v1/time-entries?from=2026-05-01&to=2026-05-31', 4, async (page) => {
      // New entries land both before and after the position the reader has reached.
      await logEntry('2026-05-25', `inserted after page ${page}`);
      await logEntry('2026-05-01', `inserted early after page ${page}`);
    });
    expect(new Set(ids).size).toBe(ids.length);
    for (const entry of existing) expect(ids).toContain(entry.id);
  });

  it('defaults to 50 per page and reads a limit above 200 as 200, saying so', async () => {
    const page = await workspace.admin.ok('GET', '/v1/time-entries');
    expect(page.data.length).toBeLessThanOrEqual(50);
    expect(page.limit).toBe(50);
    const tooMany = await workspace.admin.get('/v1/time-entries?limit=201');
    expect(tooMany.status).toBe(200);
    expect(tooMany.body.limit).toBe(200);
    expect((await workspace.admin.get('/v1/projects?limit=5000')).body.limit).toBe(200);
    const zero = await workspace.admin.get('/v1/time-entries?limit=0');
    expect(zero.status).toBe(400);
    expect(zero.body.error).toMatchObject({ code: 'validation_error', field: 'limit' });
  });

  it('combines filters with AND', async () => {
    const other = await newProject(workspace, { name: 'Other project' });
    await workspace.admin.ok('POST', '/v1/time-entries', {
      project_id: other.projectId,
      spent_date: '2026-06-02',
      hours: 1,
      source: 'agent',
    });
    const match = await workspace.admin.ok('POST', '/v1/time-entries', {
      project_id: fixture.projectId,
      spent_date: '2026-06-02',
      hours: 1,
      source: 'agent',
    });
    await workspace.admin.ok('POST', '/v1/time-entries', {
      project_id: fixture.projectId,
      spent_date: '2026-06-02',
      hours: 1,
      source: 'cli',
    });
    const page = await workspace.admin.ok(
      'GET',
      `/v1/time-entries?source=agent&project_id=${fixture.projectId}&from=2026-06-01&to=2026-06-30`,
    );
    expect(page.data.map((entry: { id: string }) => entry.id)).toEqual([match.id]);
  });

  it('paginates projects, users and expenses the same way', async () => {
    for (let n = 0; n < 5; n++) await newProject(workspace, { name: `Paged ${n}` });
    const projects = await readAllPages('/v1/projects', 2);
    expect(new Set(projects.ids).size).toBe(projects.ids.length);
    expect(projects.ids.length).toBeGreaterThanOrEqual(7);
    for (let n = 0; n < 3; n++) {
      await workspace.admin.ok('POST', '/v1/expenses', {
        project_id: fixture.projectId,
        expense_category_id: 'cat_llm_usage',
        spent_date: `2026-07-0${n + 1}`,
        units: 10,
      });
    }
    const expenses = await readAllPages('/v1/expenses', 2);
    expect(expenses.ids).toHaveLength(3);
    const users = await readAllPages('/v1/users', 1);
    expect(users.ids).toHaveLength(1);
  });
});
