// Pagination against the real server: the page object, manual cursors, and `for await` across pages.
import { beforeAll, describe, expect, it } from 'vitest';
import { Page, type TimeEntry } from '../src/index.js';
import { createWorld, type TestWorld } from './support/keito.js';

let world: TestWorld;
const created: TimeEntry[] = [];

beforeAll(async () => {
  world = await createWorld('Pagination Co');
  for (let day = 1; day <= 7; day++) {
    created.push(
      await world.agent.timeEntries.create({
        project_id: world.fixture.project.id,
        spent_date: `2026-04-0${day}`,
        hours: day,
        source: 'agent',
      }),
    );
  }
});

describe('pagination', () => {
  it('returns the documented page object', async () => {
    const page = await world.agent.timeEntries.list({ project_id: world.fixture.project.id, limit: 3 });
    expect(page).toBeInstanceOf(Page);
    expect(page.data).toHaveLength(3);
    expect(page.has_more).toBe(true);
    expect(typeof page.next_cursor).toBe('string');
    expect(page.limit).toBe(3);
    // Serialises as exactly the documented response, without the client inside it.
    expect(Object.keys(JSON.parse(JSON.stringify(page))).sort()).toEqual([
      'data',
      'has_more',
      'limit',
      'next_cursor',
    ]);
  });

  it('walks three pages by cursor without repeating or skipping an entry', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await world.agent.timeEntries.list({
        project_id: world.fixture.project.id,
        limit: 3,
        cursor,
      });
      pages++;
      seen.push(...page.data.map((e) => e.id));
      cursor = page.next_cursor ?? undefined;
      expect(page.has_more).toBe(cursor !== undefined);
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(created.map((e) => e.id).sort());
  });

  it('iterates every item of every page with for await', async () => {
    const ids: string[] = [];
    for await (const entry of world.agent.timeEntries.list({
      project_id: world.fixture.project.id,
      limit: 2,
    })) {
      ids.push(entry.id);
    }
    expect(ids).toHaveLength(7);
    expect(new Set(ids).size).toBe(7);
    expect(ids.sort()).toEqual(created.map((e) => e.id).sort());
  });

  it('iterates pages and fetches the next page on demand', async () => {
    const first = await world.agent.timeEntries.list({ project_id: world.fixture.project.id, limit: 4 });
    expect(first.hasNextPage()).toBe(true);
    const second = await first.getNextPage();
    expect(second.data).toHaveLength(3);
    expect(second.hasNextPage()).toBe(false);
    await expect(second.getNextPage()).rejects.toThrow(/No next page/);

    const sizes: number[] = [];
    for await (const page of first.iterPages()) sizes.push(page.data.length);
    expect(sizes).toEqual([4, 3]);
  });

  it('keeps the filters on every page', async () => {
    const hours: number[] = [];
    const list = world.agent.timeEntries.list({
      project_id: world.fixture.project.id,
      from: '2026-04-02',
      to: '2026-04-06',
      limit: 2,
    });
    for await (const entry of list) hours.push(entry.hours);
    expect(hours.sort()).toEqual([2, 3, 4, 5, 6]);
  });

  it('paginates the other list endpoints the same way', async () => {
    const users: string[] = [];
    for await (const user of world.admin.users.list({ limit: 1 })) users.push(user.id);
    expect(users).toContain(world.workspace.user_id);
    expect(users).toContain(world.fixture.agent.id);
  });
});
