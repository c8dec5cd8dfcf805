import { api } from '@keito/testkit';
import { describe, expect, it } from 'vitest';
import { createWorld, json, runKeito, server } from '../../../../test/support/keito.js';

type Entry = { id: string; hours: number; is_running: boolean; notes: string | null };

async function startTimerWithHours(
  world: Awaited<ReturnType<typeof createWorld>>,
  hours: number,
): Promise<string> {
  // A running timer that has already counted `hours`: the server continues from them.
  const entry = await api<Entry>(server, world.workspace.api_key, 'POST', '/time-entries', {
    project_id: world.fixture.project.id,
    spent_date: new Date().toISOString().slice(0, 10),
    is_running: true,
    hours,
  });
  return entry.id;
}

describe('keito time stop', () => {
  it('stops the running timer and saves the notes', async () => {
    const world = await createWorld();
    await runKeito(['time', 'start', '--project', 'acme'], { env: world.adminEnv });
    const result = await runKeito(['time', 'stop', '--notes', 'Completed code review for PR #42'], {
      env: world.adminEnv,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^✓ Timer stopped: \d+m on Acme Website\n/);
    const entries = await api<{ data: Entry[] }>(server, world.workspace.api_key, 'GET', '/time-entries');
    expect(entries.data).toHaveLength(1);
    expect(entries.data[0]).toMatchObject({ is_running: false, notes: 'Completed code review for PR #42' });
  });

  it('rounds to the nearest increment with --round', async () => {
    const world = await createWorld();
    const id = await startTimerWithHours(world, 1.3833); // 1h 23m
    const result = await runKeito(['time', 'stop', '--round', '15m', '--json'], { env: world.adminEnv });
    expect(result.code).toBe(0);
    expect(json<Entry>(result)).toMatchObject({ id, hours: 1.5, is_running: false });

    const id6 = await startTimerWithHours(world, 0.52); // 31.2 minutes -> 30m
    const six = json<Entry>(
      await runKeito(['time', 'stop', '--round', '6m', '--json'], { env: world.adminEnv }),
    );
    expect(six).toMatchObject({ id: id6, hours: 0.5 });
  });

  it('deletes the entry with --discard', async () => {
    const world = await createWorld();
    const id = await startTimerWithHours(world, 0.25);
    const result = await runKeito(['time', 'stop', '--discard'], { env: world.adminEnv });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Timer discarded: deleted ${id}`);
    const entries = await api<{ data: Entry[] }>(server, world.workspace.api_key, 'GET', '/time-entries');
    expect(entries.data).toHaveLength(0);
  });

  it('fails with exit 1 when no timer runs, and 2 for a malformed --round', async () => {
    const world = await createWorld();
    const none = await runKeito(['time', 'stop'], { env: world.adminEnv });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('No timer is running');
    const bad = await runKeito(['time', 'stop', '--round', 'soon'], { env: world.adminEnv });
    expect(bad.code).toBe(2);
  });
});
