import { api } from '@keito/testkit';
import { describe, expect, it } from 'vitest';
import { createWorld, json, runKeito, server } from '../../../../test/support/keito.js';

describe('keito time status', () => {
  it('shows the running timer with the ⏱ line, project, task and start time', async () => {
    const world = await createWorld();
    const started = await api<{ id: string; started_at: string }>(
      server,
      world.workspace.api_key,
      'POST',
      '/time-entries',
      {
        project_id: world.fixture.project.id,
        task_id: world.fixture.task.id,
        spent_date: new Date().toISOString().slice(0, 10),
        is_running: true,
        hours: 1.3833,
      },
    );
    const result = await runKeito(['time', 'status'], { env: world.adminEnv });
    expect(result.code).toBe(0);
    const start = new Date(started.started_at);
    const pad = (n: number) => String(n).padStart(2, '0');
    const startedText = `${start.toISOString().slice(0, 10)} ${pad(start.getUTCHours())}:${pad(start.getUTCMinutes())}`;
    expect(result.stdout).toBe(
      `⏱ Timer running: 1h 23m\nProject: Acme Website\nTask: Development\nStarted: ${startedText}\n`,
    );
    expect(
      json<{ id: string }>(await runKeito(['time', 'status', '--json'], { env: world.adminEnv })).id,
    ).toBe(started.id);
  });

  it('says no timer is running (JSON null) and exits 0', async () => {
    const world = await createWorld();
    const result = await runKeito(['time', 'status'], { env: world.adminEnv });
    expect(result).toMatchObject({ code: 0, stdout: 'No timer running.\n' });
    expect((await runKeito(['time', 'status', '--json'], { env: world.adminEnv })).stdout.trim()).toBe(
      'null',
    );
  });
});
