// Reports through the SDK against the real server: summaries, detailed pages, several ids in one
// filter, and saved reports.
import { beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type TestWorld } from './support/keito.js';

let world: TestWorld;

beforeAll(async () => {
  world = await createWorld('Reports Co');
  const project_id = world.fixture.project.id;
  for (const [day, hours, agent] of [
    ['2026-04-01', 1.5, 'bot-a'],
    ['2026-04-02', 2.25, 'bot-a'],
    ['2026-04-03', 3, 'bot-b'],
  ] as const) {
    await world.agent.timeEntries.create({
      project_id,
      spent_date: day,
      hours,
      source: 'agent',
      metadata: { agent_id: agent, session_id: `s-${day}`, model: 'claude-opus-4-6' },
    });
  }
  await world.agent.expenses.create({
    project_id,
    expense_category_id: 'cat_llm_usage',
    spent_date: '2026-04-01',
    units: 100,
    metadata: { agent_id: 'bot-a' },
  });
});

describe('reports', () => {
  it('reports.time groups hours by project with totals', async () => {
    const report = await world.admin.reports.time({
      group_by: 'project',
      from: '2026-04-01',
      to: '2026-04-30',
    });
    expect(report.results).toHaveLength(1);
    expect(report.results[0]).toMatchObject({ id: world.fixture.project.id, total_hours: 6.75 });
    expect(report.totals.total_hours).toBe(6.75);
    expect([report.from, report.to]).toEqual(['2026-04-01', '2026-04-30']);
  });

  it('takes several values of a filter as an array, and the metadata filters', async () => {
    const both = await world.admin.reports.time({
      group_by: 'day',
      source: ['agent', 'cli'],
      agent_id: 'bot-a',
    });
    expect(both.results.map((row) => [row.id, row.total_hours])).toEqual([
      ['2026-04-01', 1.5],
      ['2026-04-02', 2.25],
    ]);
    const entries = await world.agent.timeEntries.list({ agent_id: 'bot-b' });
    expect(entries.data.map((entry) => entry.hours)).toEqual([3]);
    const spent = await world.agent.expenses.list({ agent_id: 'bot-a' });
    expect(spent.data).toHaveLength(1);
  });

  it('reports.timeEntries pages through the detailed report', async () => {
    const seen: number[] = [];
    for await (const entry of world.admin.reports.timeEntries({
      limit: 2,
      user_id: [world.fixture.agent.id as string],
    })) {
      seen.push(entry.hours);
    }
    expect(seen).toEqual([3, 2.25, 1.5]);
  });

  it('reports.expenses and reports.expenseEntries', async () => {
    const report = await world.admin.reports.expenses({ group_by: 'category' });
    expect(report.results.map((row) => row.name)).toEqual(['LLM Usage']);
    const page = await world.admin.reports.expenseEntries();
    expect(page.data[0]).toMatchObject({ has_receipt: false, approval_status: 'unsubmitted' });
  });

  it('reports.saved: create, list, update, delete', async () => {
    const saved = await world.admin.reports.saved.create({
      name: 'Agent hours this month',
      kind: 'time',
      filters: { period: 'this_month', source: 'agent' },
      group_by: 'person',
      visibility: 'workspace',
    });
    expect((await world.agent.reports.saved.list()).data.map((report) => report.id)).toEqual([saved.id]);
    const renamed = await world.admin.reports.saved.update(saved.id, { name: 'Agent hours' });
    expect(renamed.name).toBe('Agent hours');
    await world.admin.reports.saved.delete(saved.id);
    expect((await world.admin.reports.saved.list()).data).toEqual([]);
  });
});
