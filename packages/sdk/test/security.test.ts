// Browser sessions and the security log through the SDK, against the real server.
import { type CreatedApiKey, Keito, NotFoundError, PermissionError } from '@keito/sdk';
import { createBrowserPerson } from '@keito/testkit';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createWorld, server, type TestWorld } from './support/keito.js';

let world: TestWorld;
beforeAll(async () => {
  world = await createWorld('SDK security');
});

const signedIn = async (cookie: string) =>
  (await (await fetch(`${server.baseUrl}/auth/session`, { headers: { cookie } })).json()).authenticated;

describe('sessions', () => {
  it("lists the key's person's browsers, signs one out, then all of them", async () => {
    const person = await createBrowserPerson(server, world.workspace, {
      mailboxHttpUrl: inject('mailboxHttpUrl'),
    });
    const client = new Keito({ baseUrl: server.baseUrl, apiKey: person.apiKey });
    const sessions = await client.sessions.list();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ id: expect.stringMatching(/^ses_/), current: false });

    // A second browser of the same person.
    const signIn = await fetch(`${server.baseUrl}/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: person.email, password: person.password }),
    });
    const laptop = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(await client.sessions.list()).toHaveLength(2);

    await client.sessions.revoke(sessions[0]?.id ?? '');
    expect(await signedIn(person.cookie)).toBe(false);
    expect(await signedIn(laptop)).toBe(true);
    await expect(client.sessions.revoke(sessions[0]?.id ?? '')).rejects.toBeInstanceOf(NotFoundError);

    await client.sessions.revokeAll();
    expect(await signedIn(laptop)).toBe(false);
    expect(await client.sessions.list()).toEqual([]);
  });
});

describe('audit events', () => {
  it('lists the security log newest first, filtered, across pages', async () => {
    const { admin } = world;
    const keys: CreatedApiKey[] = [];
    for (const name of ['one', 'two', 'three'])
      keys.push(await admin.apiKeys.create({ name: `audit ${name}` }));
    await admin.apiKeys.delete(keys[0]?.id ?? '');

    const created = [];
    for await (const event of admin.auditEvents.list({ action: 'api_key.created', limit: 2 })) {
      created.push(event);
    }
    expect(created.map((event) => event.target_id)).toEqual(
      expect.arrayContaining(keys.map((key) => key.id)),
    );
    const ours = created.filter((event) => keys.some((key) => key.id === event.target_id));
    expect(ours.map((event) => event.details.name)).toEqual(['audit three', 'audit two', 'audit one']);
    expect(ours[0]).toMatchObject({
      actor_user_id: world.workspace.user_id,
      actor_api_key_id: expect.any(String),
    });

    const first = await admin.auditEvents.list({ action: 'api_key.created', limit: 2 });
    expect(first.data).toHaveLength(2);
    expect(first.has_more).toBe(true);

    const revoked = await admin.auditEvents.list({ action: 'api_key.revoked' });
    expect(revoked.data.map((event) => event.target_id)).toEqual([keys[0]?.id]);
  });

  it('is for administrators only', async () => {
    await expect(world.agent.auditEvents.list()).rejects.toBeInstanceOf(PermissionError);
  });
});
