import { describe, expect, it } from 'vitest';
import { createWorld, json, runKeito } from '../../../../test/support/keito.js';

type Report = {
  group_by: string;
  from: string | null;
  to: string | null;
  results: { id: string | null; name: string; total_hours: number; billable_hours: number }[];
  totals: { total_hours: number };
};

describe('keito report time', () => {
  it('summarises hours by project and by day, as a table and as JSON', async () => {
    const world = await createWorld();
    const env = world.adminEnv;
    const log = (hours: string, date: string, extra: string[] = []) =>
      runKeito(['time', 'log', '--project', 'acme', '--hours', hours, '--date', date, ...extra], { env });
    await log('1.5', '2026-04-01');
    await log('2.25', '2026-04-02', ['--agent-id', 'review-bot-01']);
    await log('4', '2026-05-01');

    const april = json<Report>(
      await runKeito(
        ['report', 'time', '--group-by', 'project', '--from', '2026-04-01', '--to', '2026-04-30', '--json'],
        {
          env,
        },
      ),
    );
    expect([april.group_by, april.from, april.to]).toEqual(['project', '2026-04-01', '2026-04-30']);
    expect(april.results.map((row) => [row.name, row.total_hours])).toEqual([['Acme Website', 3.75]]);
    expect(april.totals.total_hours).toBe(3.75);

    const byDay = await runKeito(
      ['report', 'time', '--group-by', 'day', '--from', '2026-04-01', '--to', '2026-05-31'],
      {
        env,
      },
    );
    expect(byDay.code).toBe(0);
    // In a pipe: tab-separated rows without a header; the totals go to stderr.
    expect(
      byDay.stdout
        .trim()
        .split('\n')
        .map((line) => line.split('\t').slice(0, 2)),
    ).toEqual([
      ['2026-04-01', '1.5'],
      ['2026-04-02', '2.25'],
      ['2026-05-01', '4'],
    ]);
    expect(byDay.stderr).toContain('Total 2026-04-01 to 2026-05-31: 7.75h');

    const agent = json<Report>(
      await runKeito(['report', 'time', '--group-by', 'source', '--agent-id', 'review-bot-01', '--json'], {
        env,
      }),
    );
    expect(agent.results.map((row) => [row.id, row.total_hours])).toEqual([['agent', 2.25]]);
  });

  it('refuses an unknown grouping, and a preset with dates', async () => {
    const world = await createWorld();
    const bad = await runKeito(['report', 'time', '--group-by', 'planet'], { env: world.adminEnv });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Choose one of: client, project');
    const both = await runKeito(['report', 'time', '--period', 'this_week', '--from', '2026-01-01'], {
      env: world.adminEnv,
    });
    expect(both.code).toBe(2);
  });
});
