import { describe, expect, it } from 'vitest';
import { createWorld, json, runKeito } from '../../../../test/support/keito.js';

type Entry = {
  hours: number;
  spent_date: string;
  notes: string;
  is_billable: boolean;
  source: string;
  task_id: string;
  metadata: Record<string, unknown> | null;
};

describe('keito time log', () => {
  it('logs a completed block with --hours, --date and --notes', async () => {
    const world = await createWorld();
    const args = [
      'time',
      'log',
      '--project',
      'acme',
      '--task',
      'development',
      '--hours',
      '1.5',
      '--date',
      '2026-03-06',
      '--notes',
      'Implemented OAuth flow',
    ];
    const human = await runKeito(args, { env: world.adminEnv });
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('✓ Logged 1h 30m on Acme Website · Development for 2026-03-06');
    const entry = json<Entry>(await runKeito([...args, '--billable', '--json'], { env: world.adminEnv }));
    expect(entry).toMatchObject({
      hours: 1.5,
      spent_date: '2026-03-06',
      notes: 'Implemented OAuth flow',
      is_billable: true,
      source: 'cli',
      task_id: world.fixture.task.id,
    });
  });

  it('defaults the date to today', async () => {
    const world = await createWorld();
    const entry = json<Entry>(
      await runKeito(['time', 'log', '--project', 'acme', '--hours', '0.5', '--json'], {
        env: world.adminEnv,
      }),
    );
    expect(entry.spent_date).toBe(new Date().toISOString().slice(0, 10));
  });

  it('runs the developer quickstart command as an agent', async () => {
    const world = await createWorld();
    const result = await runKeito(
      [
        'time',
        'log',
        '--project',
        'acme',
        '--task',
        'development',
        '--hours',
        '1.5',
        '--notes',
        'Implemented OAuth flow',
        '--source',
        'agent',
        '--agent-id',
        'my-bot-01',
        '--json',
      ],
      { env: world.agentEnv },
    );
    expect(result.code).toBe(0);
    expect(json<Entry>(result)).toMatchObject({ source: 'agent', metadata: { agent_id: 'my-bot-01' } });
  });

  it('is a usage error without --hours or with a malformed date', async () => {
    const world = await createWorld();
    expect((await runKeito(['time', 'log', '--project', 'acme'], { env: world.adminEnv })).code).toBe(2);
    const date = await runKeito(
      ['time', 'log', '--project', 'acme', '--hours', '1', '--date', '2026-02-30'],
      { env: world.adminEnv },
    );
    expect(date.code).toBe(2);
    expect(date.stderr).toContain('--date must be a date');
  });
});
