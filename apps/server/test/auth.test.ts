import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { Api, addUser, browserOn, newWorkspace, startTestServer, type TestServer } from './harness.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

const browser = () => browserOn(server.baseUrl);

const owner = {
  company_name: 'Northwind Studio',
  timezone: 'Europe/Berlin',
  currency: 'EUR',
  name: 'Ada Admin',
  email: 'ada@northwind.test',
  password: 'correct horse battery',
};

describe('first-run setup', () => {
  it('reports that setup is required on a server without workspaces', async () => {
    const response = await browser().request('GET', '/v1/auth/session');
    expect(await response.json()).toEqual({
      setup_required: true,
      authenticated: false,
      user_id: null,
      account_id: null,
    });
  });

  it('creates the workspace and its administrator and signs them in', async () => {
    const ada = browser();
    const response = await ada.request('POST', '/v1/auth/setup', owner);
    expect(response.status).toBe(201);
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^keito_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);

    const me = await (await ada.request('GET', '/v1/users/me')).json();
    expect(me).toMatchObject({ name: 'Ada Admin', email: 'ada@northwind.test', role: 'administrator' });
    const workspace = await (await ada.request('GET', '/v1/workspace')).json();
    expect(workspace).toMatchObject({ name: 'Northwind Studio', timezone: 'Europe/Berlin', currency: 'EUR' });
    // The key createWorkspace issues for the CLI is not left live for a browser sign-up.
    const keys = await (await ada.request('GET', '/v1/api-keys')).json();
    expect(keys.data).toEqual([]);
  });

  it('stores the password as a scrypt hash, never as given', async () => {
    const { rows } = await server.pool.query('SELECT password_hash FROM users WHERE email = $1', [
      owner.email,
    ]);
    expect(rows[0].password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(rows[0].password_hash).not.toContain(owner.password);
  });

  it('refuses a second setup once a workspace exists', async () => {
    const response = await browser().request('POST', '/v1/auth/setup', { ...owner, email: 'eve@evil.test' });
    expect(response.status).toBe(409);
    expect(
      (
        await browser()
          .request('GET', '/v1/auth/session')
          .then((r) => r.json())
      ).setup_required,
    ).toBe(false);
  });
});

describe('sign-in and sessions', () => {
  it('signs in with email (any case) and password, and the cookie authenticates API calls', async () => {
    const ada = browser();
    const response = await ada.request('POST', '/v1/auth/sign-in', {
      email: 'ADA@northwind.test',
      password: owner.password,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ authenticated: true, setup_required: false });
    expect((await ada.request('GET', '/v1/users/me')).status).toBe(200);
    const session = await (await ada.request('GET', '/v1/auth/session')).json();
    expect(session.authenticated).toBe(true);
  });

  it('refuses a wrong password and an unknown email alike', async () => {
    for (const body of [
      { email: owner.email, password: 'wrong password' },
      { email: 'nobody@northwind.test', password: owner.password },
    ]) {
      const response = await browser().request('POST', '/v1/auth/sign-in', body);
      expect(response.status).toBe(401);
      expect((await response.json()).error).toMatchObject({
        code: 'authentication_error',
        message: 'Email or password is incorrect',
      });
    }
  });

  it('does not let agent users sign in', async () => {
    const workspace = await newWorkspace(server, 'Agents');
    await addUser(server, workspace, {
      name: 'deploy-bot',
      user_type: 'agent',
      email: 'deploy-bot@agents.test',
    });
    const response = await browser().request('POST', '/v1/auth/sign-in', {
      email: 'deploy-bot@agents.test',
      password: 'anything at all',
    });
    expect(response.status).toBe(401);
    expect((await response.json()).error.message).toMatch(/Agent users cannot sign in/);
  });

  it('refuses cookie-authenticated writes without the client header or from another origin', async () => {
    const ada = browser();
    await ada.request('POST', '/v1/auth/sign-in', { email: owner.email, password: owner.password });
    const bare = await ada.request('POST', '/v1/clients', { name: 'Forged' }, {});
    expect(bare.status).toBe(403);
    const crossSite = await ada.request(
      'POST',
      '/v1/clients',
      { name: 'Forged' },
      { 'x-keito-client': 'web', origin: 'https://evil.example' },
    );
    expect(crossSite.status).toBe(403);
    const sameSite = await ada.request(
      'POST',
      '/v1/clients',
      { name: 'Real client' },
      { 'x-keito-client': 'web', origin: server.baseUrl },
    );
    expect(sameSite.status).toBe(201);
    // Reads need no header.
    expect((await ada.request('GET', '/v1/clients', undefined, {})).status).toBe(200);
  });

  it('keeps API keys working exactly as before, cookie or not', async () => {
    const workspace = await newWorkspace(server, 'Keys');
    expect((await workspace.admin.get('/v1/users/me')).status).toBe(200);
    const noAuth = await new Api(server.baseUrl, undefined).get('/v1/users/me');
    expect(noAuth.status).toBe(401);
    expect(noAuth.body.error.message).toMatch(/Missing Authorization header/);
  });

  it('signs out: the cookie is cleared and the session no longer works', async () => {
    const ada = browser();
    await ada.request('POST', '/v1/auth/sign-in', { email: owner.email, password: owner.password });
    const stolen = ada.cookie;
    const response = await ada.request('POST', '/v1/auth/sign-out');
    expect(response.status).toBe(204);
    expect(ada.cookie).toBeUndefined();
    const replay = await fetch(`${server.baseUrl}/v1/users/me`, { headers: { cookie: stolen ?? '' } });
    expect(replay.status).toBe(401);
  });

  it('ends expired sessions', async () => {
    const ada = browser();
    await ada.request('POST', '/v1/auth/sign-in', { email: owner.email, password: owner.password });
    await server.db.execute(sql`UPDATE sessions SET expires_at = now() - interval '1 second'`);
    expect((await ada.request('GET', '/v1/users/me')).status).toBe(401);
    expect((await (await ada.request('GET', '/v1/auth/session')).json()).authenticated).toBe(false);
  });
});

describe('changing the password', () => {
  it('needs the current password, then signs out the other browsers only', async () => {
    const laptop = browser();
    const phone = browser();
    await laptop.request('POST', '/v1/auth/sign-in', { email: owner.email, password: owner.password });
    await phone.request('POST', '/v1/auth/sign-in', { email: owner.email, password: owner.password });

    const wrong = await laptop.request('POST', '/v1/auth/password', {
      current_password: 'not it',
      new_password: 'a brand new secret',
    });
    // 422 (was 400): the request is well-formed; what is stored refuses it (issue 12).
    expect(wrong.status).toBe(422);
    expect((await wrong.json()).error.field).toBe('current_password');

    const short = await laptop.request('POST', '/v1/auth/password', {
      current_password: owner.password,
      new_password: 'short',
    });
    expect(short.status).toBe(400);

    const changed = await laptop.request('POST', '/v1/auth/password', {
      current_password: owner.password,
      new_password: 'a brand new secret',
    });
    expect(changed.status).toBe(204);
    expect((await laptop.request('GET', '/v1/users/me')).status).toBe(200);
    expect((await phone.request('GET', '/v1/users/me')).status).toBe(401);

    const old = await browser().request('POST', '/v1/auth/sign-in', {
      email: owner.email,
      password: owner.password,
    });
    expect(old.status).toBe(401);
    const fresh = await browser().request('POST', '/v1/auth/sign-in', {
      email: owner.email,
      password: 'a brand new secret',
    });
    expect(fresh.status).toBe(200);
  });
});
