import { api } from '@keito/testkit';
import { describe, expect, it } from 'vitest';
import { createWorld, json, runKeito, server } from '../../../../test/support/keito.js';

describe('keito audit list', () => {
  it('lists security events newest first, filtered by action, at most --limit of them', async () => {
    const world = await createWorld();
    const admin = (method: string, path: string, body?: unknown) =>
      api<{ id: string }>(server, world.workspace.api_key, method, path, body);
    const keys = [];
    for (const name of ['one', 'two', 'three']) keys.push(await admin('POST', '/api-keys', { name }));
    await admin('DELETE', `/api-keys/${keys[0]?.id}`);

    const created = json<{ action: string; details: { name: string } }[]>(
      await runKeito(['audit', 'list', '--action', 'api_key.created', '--limit', '3', '--json'], {
        env: world.adminEnv,
      }),
    );
    // The fixture's agent key was created first; the three newest are ours.
    expect(created.map((event) => event.details.name)).toEqual(['three', 'two', 'one']);

    const table = await runKeito(['audit', 'list', '--action', 'api_key.revoked'], { env: world.adminEnv });
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('api_key.revoked');
    expect(table.stdout).toContain(keys[0]?.id);
    expect(table.stdout).not.toContain('api_key.created');
  });

  it('refuses an unknown action (exit 2) and a member (exit 1)', async () => {
    const world = await createWorld();
    const unknown = await runKeito(['audit', 'list', '--action', 'coffee.made'], { env: world.adminEnv });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('sign_in.succeeded');
    const member = await runKeito(['audit', 'list'], { env: world.agentEnv });
    expect(member.code).toBe(1);
    expect(member.stderr).toMatch(/administrators/i);
  });
});
