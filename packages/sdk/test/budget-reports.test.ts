// The budget, utilisation and agent activity reports against the real server.
import { beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type TestWorld } from './support/keito.js';

let world: TestWorld;
const DAY = '2026-11-03';

beforeAll(async () => {
  world = await createWorld('Reports Ltd');
  await world.admin.projects.update(world.fixture.project.id, { budget_by: 'total_hours', budget_hours: 10 });
  await world.agent.timeEntries.create({
    project_id: world.fixture.project.id,
    spent_date: DAY,
    hours: 8.5,
    source: 'agent',
    metadata: { model: 'claude-sonnet' },
  });
});

describe('reports', () => {
  it('budgets: the budgeted project with what it has used', async () => {
    const report = await world.admin.reports.budgets({ project_id: world.fixture.project.id });
    expect(report.results).toEqual([
      expect.objectContaining({
        project_id: world.fixture.project.id,
        budget_type: 'total_hours',
        budget: 10,
        spent: 8.5,
        remaining: 1.5,
        percent_used: 85,
        status: 'warning',
      }),
    ]);
    const project = await world.admin.projects.get(world.fixture.project.id);
    expect(project.budget_progress?.status).toBe('warning');
  });

  it('utilisation: each person against their capacity over a period', async () => {
    const report = await world.admin.reports.utilisation({ from: '2026-11-02', to: '2026-11-08' });
    expect(report).toMatchObject({ from: '2026-11-02', to: '2026-11-08' });
    expect(report.results.length).toBeGreaterThan(0);
  });

  it('agents: agent hours by model', async () => {
    const report = await world.admin.reports.agents({ period: 'custom', from: DAY, to: DAY });
    expect(report.by_model).toEqual([{ model: 'claude-sonnet', agent_hours: 8.5 }]);
  });
});
