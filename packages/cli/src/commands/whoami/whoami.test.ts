import { describe, expect, it } from 'vitest';
import { createWorld, json, runKeito } from '../../../test/support/keito.js';

describe('keito whoami', () => {
  it('prints the user, the workspace and the account as the getting-started page shows', async () => {
    const world = await createWorld();
    const result = await runKeito(['whoami'], { env: world.agentEnv });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `✓ Authenticated as review-bot-01\nWorkspace: Acme Consulting\nAccount: ${world.workspace.account_id}\n`,
    );
  });

  it('gives the user and workspace as JSON with --json', async () => {
    const world = await createWorld();
    const result = await runKeito(['whoami', '--json'], { env: world.adminEnv });
    const body = json<{ user: { id: string }; workspace: { name: string }; account_id: string }>(result);
    expect(body.user.id).toBe(world.workspace.user_id);
    expect(body.workspace.name).toBe('Acme Consulting');
    expect(body.account_id).toBe(world.workspace.account_id);
  });

  it('exits 4 without a key and 4 with a revoked or wrong key', async () => {
    const none = await runKeito(['whoami']);
    expect(none.code).toBe(4);
    expect(none.stderr).toContain('keito auth login');
    const world = await createWorld();
    const wrong = await runKeito(['whoami'], {
      env: { ...world.adminEnv, KEITO_API_KEY: 'keito_sk_notakey' },
    });
    expect(wrong.code).toBe(4);
    expect(wrong.stdout).toBe('');
  });
});
