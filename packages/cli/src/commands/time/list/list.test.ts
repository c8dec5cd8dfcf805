import { describe, expect, it } from 'vitest';
import { createWorld, json, runKeito } from '../../../../test/support/keito.js';

type Entry = { id: string; spent_date: string; source: string };

describe('keito time list', () => {
  it("lists today's entries by default, a given --date, a --project, and filters by --source", async () => {
    const world = await createWorld();
    const env = world.adminEnv;
    await runKeito(['time', 'log', '--project', 'acme', '--hours', '1', '--notes', 'today by hand'], { env });
    await runKeito(['time', 'log', '--project', 'acme', '--hours', '2', '--source', 'agent'], { env });
    await runKeito(['time', 'log', '--project', 'acme', '--hours', '3', '--date', '2026-03-06'], { env });

    const today = json<Entry[]>(await runKeito(['time', 'list', '--json'], { env }));
    expect(today).toHaveLength(2);
    const dated = json<Entry[]>(await runKeito(['time', 'list', '--date', '2026-03-06', '--json'], { env }));
    expect(dated.map((e) => e.spent_date)).toEqual(['2026-03-06']);
    const agent = json<Entry[]>(await runKeito(['time', 'list', '--source', 'agent', '--json'], { env }));
    expect(agent.map((e) => e.source)).toEqual(['agent']);
    const project = json<Entry[]>(await runKeito(['time', 'list', '--project', 'acme', '--json'], { env }));
    expect(project).toHaveLength(2);

    // Not a terminal: one tab-separated line per entry, no header, names instead of ids.
    const text = await runKeito(['time', 'list'], { env });
    const lines = text.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(
      lines.some((line) => line.split('\t').slice(2).join('|') === 'Acme Website||1h 0m|cli|today by hand'),
    ).toBe(true);
  });

  it("shows only the caller's own entries", async () => {
    const world = await createWorld();
    await runKeito(['time', 'log', '--project', 'acme', '--hours', '1'], { env: world.agentEnv });
    const admin = json<Entry[]>(await runKeito(['time', 'list', '--json'], { env: world.adminEnv }));
    expect(admin).toEqual([]);
  });
});
