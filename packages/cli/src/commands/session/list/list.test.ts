import { createBrowserPerson } from '@keito/testkit';
import { describe, expect, it } from 'vitest';
import { createWorld, json, runKeito, server } from '../../../../test/support/keito.js';

describe('keito session list', () => {
  it("lists the key's person's browsers", async () => {
    const world = await createWorld();
    const person = await createBrowserPerson(server, world.workspace, { email: 'sam@acme.test' });
    const env = { ...world.adminEnv, KEITO_API_KEY: person.apiKey };
    const sessions = json<{ id: string; current: boolean }[]>(
      await runKeito(['session', 'list', '--json'], { env }),
    );
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ id: expect.stringMatching(/^ses_/), current: false });

    const table = await runKeito(['session', 'list'], { env });
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(sessions[0]?.id);
  });

  it('says so when the person is signed in nowhere', async () => {
    const world = await createWorld();
    const result = await runKeito(['session', 'list'], { env: world.adminEnv });
    expect(result).toMatchObject({ code: 0, stdout: '' });
    expect(result.stderr).toContain('Not signed in on any browser.');
  });
});
