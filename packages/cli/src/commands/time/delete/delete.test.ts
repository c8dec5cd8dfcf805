import { api } from '@keito/testkit';
import { describe, expect, it } from 'vitest';
import { createWorld, json, runKeito, server } from '../../../../test/support/keito.js';

describe('keito time delete', () => {
  it('deletes the entry by id', async () => {
    const world = await createWorld();
    const entry = json<{ id: string }>(
      await runKeito(['time', 'log', '--project', 'acme', '--hours', '1', '--json'], { env: world.adminEnv }),
    );
    const result = await runKeito(['time', 'delete', entry.id], { env: world.adminEnv });
    expect(result).toMatchObject({ code: 0, stdout: `✓ Deleted time entry ${entry.id}\n` });
    const left = await api<{ data: unknown[] }>(server, world.workspace.api_key, 'GET', '/time-entries');
    expect(left.data).toEqual([]);
  });

  it('fails with exit 1 for an unknown id and 2 without one', async () => {
    const world = await createWorld();
    const unknown = await runKeito(['time', 'delete', 'te_doesnotexist'], { env: world.adminEnv });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/not found/i);
    expect((await runKeito(['time', 'delete'], { env: world.adminEnv })).code).toBe(2);
  });
});
