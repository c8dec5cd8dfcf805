import { createBrowserPerson } from '@keito/testkit';
import { describe, expect, it } from 'vitest';
import { createWorld, json, runKeito, server } from '../../../../test/support/keito.js';

const signedIn = async (cookie: string) =>
  (await (await fetch(`${server.baseUrl}/auth/session`, { headers: { cookie } })).json()).authenticated;

describe('keito session revoke', () => {
  it('signs one browser out by id, then every browser with --all', async () => {
    const world = await createWorld();
    const person = await createBrowserPerson(server, world.workspace);
    const env = { ...world.adminEnv, KEITO_API_KEY: person.apiKey };
    const [session] = json<{ id: string }[]>(await runKeito(['session', 'list', '--json'], { env }));
    const result = await runKeito(['session', 'revoke', session?.id ?? ''], { env });
    expect(result).toMatchObject({ code: 0, stdout: `✓ Signed out session ${session?.id}\n` });
    expect(await signedIn(person.cookie)).toBe(false);

    const again = await runKeito(['session', 'revoke', session?.id ?? ''], { env });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/not found/i);

    const laptop = await fetch(`${server.baseUrl}/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: person.email, password: person.password }),
    });
    const cookie = (laptop.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(await signedIn(cookie)).toBe(true);
    expect(json(await runKeito(['session', 'revoke', '--all', '--json'], { env }))).toEqual({
      all: true,
      revoked: true,
    });
    expect(await signedIn(cookie)).toBe(false);
  });

  it('needs an id or --all, not both (exit 2)', async () => {
    const world = await createWorld();
    expect((await runKeito(['session', 'revoke'], { env: world.adminEnv })).code).toBe(2);
    expect((await runKeito(['session', 'revoke', 'ses_x', '--all'], { env: world.adminEnv })).code).toBe(2);
  });
});
