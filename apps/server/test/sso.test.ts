import { signInAt, startOidcProvider, type TestOidcProvider } from '@keito/testkit/oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/domains/auth/password.ts';
import { addUser, newWorkspace, startTestServer, type Workspace } from './harness.ts';

// The app's clock runs this far ahead of the provider's: moving it makes ID tokens expired.
let clockOffsetMs = 0;
const server = await startTestServer({ now: () => new Date(Date.now() + clockOffsetMs) });
const CALLBACK = `${server.baseUrl}/v1/auth/sso/callback`;
const acme = await newWorkspace(server, 'Acme');
let idp: TestOidcProvider;

beforeAll(async () => {
  idp = await startOidcProvider({ redirectUris: [CALLBACK] });
});
afterAll(() => idp.close());

/** A browser: keeps every cookie of the Keito server and does not follow redirects. */
function browser() {
  const cookies = new Map<string, string>();
  return {
    cookies,
    async get(path: string, headers: Record<string, string> = {}) {
      const response = await fetch(`${server.baseUrl}${path}`, {
        redirect: 'manual',
        headers: { ...headers, cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
      });
      for (const header of response.headers.getSetCookie()) {
        const [pair = ''] = header.split(';');
        const at = pair.indexOf('=');
        const value = pair.slice(at + 1);
        if (value === '') cookies.delete(pair.slice(0, at));
        else cookies.set(pair.slice(0, at), value);
      }
      return response;
    },
  };
}

type Browser = ReturnType<typeof browser>;

/** Clicks "Sign in with SSO" with an email, and, when Keito sends the browser to the provider, signs in there as `login`. */
async function signInWithSso(email: string, login = email, on: Browser = browser(), redirect?: string) {
  const query = new URLSearchParams({ email, ...(redirect ? { redirect } : {}) });
  const started = await on.get(`/v1/auth/sso/start?${query}`);
  expect(started.status).toBe(302);
  const location = started.headers.get('location') ?? '';
  const stateCookie = on.cookies.get('keito_sso_state');
  if (!location.startsWith(idp.issuer))
    return { browser: on, landing: location, authorizationUrl: undefined };
  const callback = await signInAt(location, login);
  expect(callback.href.startsWith(CALLBACK)).toBe(true);
  const finished = await on.get(`${callback.pathname}${callback.search}`);
  expect(finished.status).toBe(302);
  return {
    browser: on,
    landing: finished.headers.get('location') ?? '',
    authorizationUrl: location,
    stateCookie,
  };
}

async function signedInAs(on: Browser): Promise<string | null> {
  const session = await (await on.get('/v1/auth/session')).json();
  return session.user_id;
}

async function configure(workspace: Workspace, settings: Record<string, unknown> = {}) {
  return workspace.admin.ok('PUT', '/v1/workspace/sso', {
    issuer: idp.issuer,
    client_id: idp.clientId,
    client_secret: idp.clientSecret,
    ...settings,
  });
}

async function lastEvent(workspace: Workspace, action: string) {
  const page = await workspace.admin.ok('GET', `/v1/audit-events?action=${action}&limit=1`);
  return page.data[0];
}

async function person(workspace: Workspace, name: string, email: string, password?: string) {
  const user = await addUser(server, workspace, { name, email });
  const passwordHash = password === undefined ? null : await hashPassword(password);
  await server.pool.query("UPDATE users SET status = 'active', password_hash = $1 WHERE id = $2", [
    passwordHash,
    user.id,
  ]);
  return user;
}

describe('SSO settings', () => {
  it('show the redirect URL to register before anything is configured, to administrators only', async () => {
    const fresh = await newWorkspace(server, 'Fresh');
    expect(await fresh.admin.ok('GET', '/v1/workspace/sso')).toEqual({
      configured: false,
      issuer: null,
      client_id: null,
      client_secret_set: false,
      redirect_url: CALLBACK,
      auto_join_domains: [],
      sso_required: false,
      break_glass_user_id: null,
      updated_at: null,
    });
    const member = await addUser(server, fresh, { name: 'Mo', role: 'manager' });
    expect((await member.api.get('/v1/workspace/sso')).status).toBe(403);
    expect((await member.api.put('/v1/workspace/sso', { issuer: idp.issuer, client_id: 'x' })).status).toBe(
      403,
    );
  });

  it('are saved after the issuer answers its discovery document; the secret is sealed and never returned', async () => {
    const saved = await configure(acme, { auto_join_domains: ['Joiners.Test'] });
    expect(saved).toMatchObject({
      configured: true,
      issuer: idp.issuer,
      client_id: 'keito',
      client_secret_set: true,
      auto_join_domains: ['joiners.test'],
    });
    expect(JSON.stringify(saved)).not.toContain(idp.clientSecret);
    const { rows } = await server.pool.query('SELECT client_secret_sealed FROM sso_connections');
    expect(rows[0].client_secret_sealed).toMatch(/^v1:/);
    expect(rows[0].client_secret_sealed).not.toContain(idp.clientSecret);
    expect(await lastEvent(acme, 'sso.configuration_changed')).toMatchObject({
      actor_user_id: acme.adminId,
      details: { created: true, changed: expect.arrayContaining(['issuer', 'client_id', 'client_secret']) },
    });

    // A later save may leave the secret out and keeps it.
    const kept = await acme.admin.ok('PUT', '/v1/workspace/sso', {
      issuer: idp.issuer,
      client_id: idp.clientId,
      auto_join_domains: ['joiners.test'],
    });
    expect(kept.client_secret_set).toBe(true);
    expect((await lastEvent(acme, 'sso.configuration_changed')).details).toEqual({ changed: [] });
  });

  it('refuse an issuer that does not answer as an OpenID Provider, and plain http off this machine', async () => {
    const fresh = await newWorkspace(server, 'Typo');
    const typo = await fresh.admin.put('/v1/workspace/sso', {
      issuer: `${server.baseUrl}/not-a-provider`,
      client_id: 'keito',
      client_secret: 's',
    });
    expect(typo.status).toBe(422);
    expect(typo.body.error.field).toBe('issuer');
    const http = await fresh.admin.put('/v1/workspace/sso', {
      issuer: 'http://idp.example.com',
      client_id: 'keito',
      client_secret: 's',
    });
    expect(http.status).toBe(422);
    expect(http.body.error.message).toMatch(/https/);
    const noSecret = await fresh.admin.put('/v1/workspace/sso', { issuer: idp.issuer, client_id: 'keito' });
    expect(noSecret.status).toBe(422);
    expect(noSecret.body.error.field).toBe('client_secret');
  });

  it('make the sign-in page offer SSO', async () => {
    expect(await (await fetch(`${server.baseUrl}/v1/auth/sso`)).json()).toEqual({ available: true });
  });
});

describe('signing in with SSO', () => {
  it('signs in the person with that verified email, PKCE and state on the way, and lands on the home', async () => {
    const ada = await person(acme, 'Ada', 'ada@acme.test');
    idp.setIdentity('ada@acme.test', { email: 'Ada@Acme.test', email_verified: true, name: 'Ada L' });
    const { browser: ours, landing, authorizationUrl, stateCookie } = await signInWithSso('ada@acme.test');
    const sent = new URL(authorizationUrl ?? '');
    expect(sent.searchParams.get('code_challenge_method')).toBe('S256');
    expect(sent.searchParams.get('state')).toBe(stateCookie);
    expect(sent.searchParams.get('nonce')).toBeTruthy();
    expect(sent.searchParams.get('redirect_uri')).toBe(CALLBACK);
    expect(landing).toBe('/');
    expect(await signedInAs(ours)).toBe(ada.id);
    expect(ours.cookies.has('keito_sso_state')).toBe(false);
    expect(await lastEvent(acme, 'sign_in.sso_succeeded')).toMatchObject({
      target_id: ada.id,
      ip_address: '127.0.0.1',
      details: { issuer: idp.issuer, subject: 'ada@acme.test' },
    });
  });

  it('lands a member and an administrator on the home, where the web app picks their page as after a password sign-in', async () => {
    // The web app's `/` sends administrators to the Reports overview and members to the Time page
    // (decision 0060); a default page chosen here would be a second copy of that rule.
    const member = await person(acme, 'Mia', 'mia@acme.test');
    idp.setIdentity('mia@acme.test', { email: 'mia@acme.test', email_verified: true });
    const asMember = await signInWithSso('mia@acme.test');
    expect(asMember.landing).toBe('/');
    expect(await signedInAs(asMember.browser)).toBe(member.id);

    idp.setIdentity('admin@acme.test', { email: 'admin@acme.test', email_verified: true });
    const asAdministrator = await signInWithSso('admin@acme.test');
    expect(asAdministrator.landing).toBe('/');
    expect(await signedInAs(asAdministrator.browser)).toBe(acme.adminId);
  });

  it('returns to the page asked for, but never to another site', async () => {
    idp.setIdentity('ada@acme.test', { email: 'ada@acme.test', email_verified: true });
    expect((await signInWithSso('ada@acme.test', undefined, browser(), '/projects?x=1')).landing).toBe(
      '/projects?x=1',
    );
    expect((await signInWithSso('ada@acme.test', undefined, browser(), '//evil.test/')).landing).toBe('/');
    // A browser drops the tab from a Location header and would go to //evil.test/.
    expect((await signInWithSso('ada@acme.test', undefined, browser(), '/\t/evil.test/')).landing).toBe('/');
  });

  it('activates an invited person who signs in with SSO', async () => {
    const invited = await addUser(server, acme, { name: 'Ivy', email: 'ivy@acme.test' });
    idp.setIdentity('ivy@acme.test', { email: 'ivy@acme.test', email_verified: true });
    const { browser: ours } = await signInWithSso('ivy@acme.test');
    expect(await signedInAs(ours)).toBe(invited.id);
    expect((await acme.admin.ok('GET', `/v1/users/${invited.id}`)).status).toBe('active');
  });

  it('refuses an ID token issued to another client (wrong audience)', async () => {
    idp.setIdentity('ada@acme.test', { email: 'ada@acme.test', email_verified: true });
    idp.tamperNextIdToken({ claims: { aud: 'another-client' } });
    const { browser: ours, landing } = await signInWithSso('ada@acme.test');
    expect(landing).toBe('/sign-in?sso_error=invalid_token');
    expect(await signedInAs(ours)).toBeNull();
    const refusal = await lastEvent(acme, 'sign_in.sso_refused');
    expect(refusal.details).toMatchObject({ reason: 'invalid_token' });
    expect(refusal.details.error).toMatch(/"aud"/);
  });

  it('refuses an ID token whose signature is not by a key of the provider', async () => {
    idp.tamperNextIdToken({ foreignKey: true });
    const { browser: ours, landing } = await signInWithSso('ada@acme.test');
    expect(landing).toBe('/sign-in?sso_error=invalid_token');
    expect(await signedInAs(ours)).toBeNull();
    expect((await lastEvent(acme, 'sign_in.sso_refused')).details.error).toMatch(
      /signature verification failed/,
    );
  });

  it('refuses an expired ID token', async () => {
    // A workspace of its own: its events are dated by the moved clock, hours after everyone else's.
    const later = await newWorkspace(server, 'Later');
    await configure(later);
    await person(later, 'Lee', 'lee@later.test');
    idp.setIdentity('lee@later.test', { email: 'lee@later.test', email_verified: true });
    // The provider's ID tokens live an hour; Keito's clock is two ahead.
    clockOffsetMs = 2 * 3_600_000;
    try {
      const { browser: ours, landing } = await signInWithSso('lee@later.test');
      expect(landing).toBe('/sign-in?sso_error=invalid_token');
      expect(await signedInAs(ours)).toBeNull();
    } finally {
      clockOffsetMs = 0;
    }
    expect((await lastEvent(later, 'sign_in.sso_refused')).details.error).toMatch(/"exp"/);
  });

  it('refuses a redirect whose state this browser did not start, and a redirect used twice', async () => {
    const ours = browser();
    const started = await ours.get('/v1/auth/sso/start?email=ada%40acme.test');
    const callback = await signInAt(started.headers.get('location') ?? '', 'ada@acme.test');
    const path = `${callback.pathname}${callback.search}`;

    // Someone else's browser given this redirect (login CSRF): no cookie, or another sign-in's.
    const stranger = browser();
    expect((await stranger.get(path)).headers.get('location')).toBe('/sign-in?sso_error=invalid_state');
    const other = browser();
    await other.get('/v1/auth/sso/start?email=ada%40acme.test');
    expect((await other.get(path)).headers.get('location')).toBe('/sign-in?sso_error=invalid_state');
    expect(await signedInAs(other)).toBeNull();

    // The stranger's attempt spent the sign-in: even the browser that started it cannot redeem it now.
    expect((await ours.get(path)).headers.get('location')).toBe('/sign-in?sso_error=invalid_state');
    expect(await signedInAs(ours)).toBeNull();

    // A state nobody issued.
    const forged = browser();
    forged.cookies.set('keito_sso_state', 'forged');
    expect((await forged.get('/v1/auth/sso/callback?code=abc&state=forged')).headers.get('location')).toBe(
      '/sign-in?sso_error=invalid_state',
    );
  });

  it('refuses a sign-in the person cancelled at the provider', async () => {
    const ours = browser();
    const started = await ours.get('/v1/auth/sso/start?email=ada%40acme.test');
    const state = new URL(started.headers.get('location') ?? '').searchParams.get('state') ?? '';
    const back = await ours.get(`/v1/auth/sso/callback?error=access_denied&state=${state}`);
    expect(back.headers.get('location')).toBe('/sign-in?sso_error=provider_error');
    expect((await lastEvent(acme, 'sign_in.sso_refused')).details).toMatchObject({
      reason: 'provider_error',
      error: 'access_denied',
    });
  });

  it('refuses an email the provider has not verified', async () => {
    idp.setIdentity('ada@acme.test', { email: 'ada@acme.test', email_verified: false });
    const { browser: ours, landing } = await signInWithSso('ada@acme.test');
    expect(landing).toBe('/sign-in?sso_error=unverified_email');
    expect(await signedInAs(ours)).toBeNull();
    expect((await lastEvent(acme, 'sign_in.sso_refused')).details).toMatchObject({
      reason: 'unverified_email',
      email: 'ada@acme.test',
    });
  });

  it('refuses a verified email that is nobody in the workspace', async () => {
    // The person asked for SSO as Ada but signed in at the provider as someone else.
    idp.setIdentity('eve', { email: 'eve@elsewhere.test', email_verified: true });
    const { browser: ours, landing } = await signInWithSso('ada@acme.test', 'eve');
    expect(landing).toBe('/sign-in?sso_error=unknown_email');
    expect(await signedInAs(ours)).toBeNull();
    expect((await lastEvent(acme, 'sign_in.sso_refused')).details).toMatchObject({
      reason: 'unknown_email',
      email: 'eve@elsewhere.test',
    });
  });

  it('sends an email no workspace signs in with SSO back to the sign-in page', async () => {
    expect((await signInWithSso('nobody@nowhere.test')).landing).toBe('/sign-in?sso_error=not_configured');
  });

  it('lets people of an allowed domain join as members on their first sign-in', async () => {
    idp.setIdentity('jo@joiners.test', { email: 'jo@joiners.test', email_verified: true, name: 'Jo Joiner' });
    const { browser: ours, landing } = await signInWithSso('jo@joiners.test');
    expect(landing).toBe('/');
    const userId = await signedInAs(ours);
    expect(await acme.admin.ok('GET', `/v1/users/${userId}`)).toMatchObject({
      name: 'Jo Joiner',
      email: 'jo@joiners.test',
      role: 'member',
      status: 'active',
    });
    expect(await lastEvent(acme, 'sign_in.sso_succeeded')).toMatchObject({
      target_id: userId,
      details: { joined: true },
    });
    // The second time they are simply signed in.
    expect(await signedInAs((await signInWithSso('jo@joiners.test')).browser)).toBe(userId);
  });

  it('refuses an archived person', async () => {
    const gone = await person(acme, 'Gus', 'gus@acme.test');
    await acme.admin.ok('PATCH', `/v1/users/${gone.id}`, { is_active: false });
    idp.setIdentity('gus@acme.test', { email: 'gus@acme.test', email_verified: true });
    expect((await signInWithSso('gus@acme.test')).landing).toBe('/sign-in?sso_error=archived');
  });

  it('reads the email from UserInfo when the provider leaves it out of the ID token', async () => {
    const globex = await newWorkspace(server, 'Globex');
    const strict = await startOidcProvider({ redirectUris: [CALLBACK], claimsOnlyFromUserInfo: true });
    try {
      await globex.admin.ok('PUT', '/v1/workspace/sso', {
        issuer: strict.issuer,
        client_id: strict.clientId,
        client_secret: strict.clientSecret,
      });
      const hal = await person(globex, 'Hal', 'hal@globex.test');
      strict.setIdentity('hal@globex.test', { email: 'hal@globex.test', email_verified: true });
      const ours = browser();
      const started = await ours.get('/v1/auth/sso/start?email=hal%40globex.test');
      expect(started.headers.get('location')?.startsWith(strict.issuer)).toBe(true);
      const callback = await signInAt(started.headers.get('location') ?? '', 'hal@globex.test');
      expect((await ours.get(`${callback.pathname}${callback.search}`)).headers.get('location')).toBe('/');
      expect(await signedInAs(ours)).toBe(hal.id);
    } finally {
      await strict.close();
    }
  });
});

describe('SSO required', () => {
  it('needs a break-glass administrator, and only an administrator can be one', async () => {
    const refused = await acme.admin.put('/v1/workspace/sso', {
      issuer: idp.issuer,
      client_id: idp.clientId,
      sso_required: true,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.field).toBe('break_glass_user_id');
    const member = await person(acme, 'Max', 'max@acme.test');
    const notAdmin = await acme.admin.put('/v1/workspace/sso', {
      issuer: idp.issuer,
      client_id: idp.clientId,
      sso_required: true,
      break_glass_user_id: member.id,
    });
    expect(notAdmin.status).toBe(422);
    expect(notAdmin.body.error.field).toBe('break_glass_user_id');
  });

  it('refuses password sign-in to everyone but the break-glass administrator, who still signs in', async () => {
    const admin = await person(acme, 'Root', 'root@acme.test', 'root password 1');
    await acme.admin.ok('PATCH', `/v1/users/${admin.id}`, { role: 'administrator' });
    const member = await person(acme, 'Pat', 'pat@acme.test', 'pat password 1');
    await configure(acme, {
      sso_required: true,
      break_glass_user_id: admin.id,
      auto_join_domains: ['joiners.test'],
    });

    const signIn = (email: string, password: string) =>
      fetch(`${server.baseUrl}/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
    const refused = await signIn('pat@acme.test', 'pat password 1');
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.message).toMatch(/single sign-on/);
    expect(refused.headers.get('set-cookie')).toBeNull();
    expect(await lastEvent(acme, 'sign_in.failed')).toMatchObject({
      target_id: member.id,
      details: { reason: 'sso_required' },
    });

    expect((await signIn('root@acme.test', 'root password 1')).status).toBe(200);

    // The member signs in the way the workspace requires.
    idp.setIdentity('pat@acme.test', { email: 'pat@acme.test', email_verified: true });
    expect(await signedInAs((await signInWithSso('pat@acme.test')).browser)).toBe(member.id);

    // An administrator no longer is one once demoted, break-glass or not.
    await acme.admin.ok('PATCH', `/v1/users/${admin.id}`, { role: 'member' });
    expect((await signIn('root@acme.test', 'root password 1')).status).toBe(403);
  });

  it('ends with SSO turned off: passwords work again and the sign-in page stops offering it', async () => {
    const response = await acme.admin.delete('/v1/workspace/sso');
    expect(response.status).toBe(204);
    expect((await lastEvent(acme, 'sso.configuration_changed')).details).toEqual({ removed: true });
    const signIn = await fetch(`${server.baseUrl}/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'pat@acme.test', password: 'pat password 1' }),
    });
    expect(signIn.status).toBe(200);
    expect((await signInWithSso('pat@acme.test')).landing).toBe('/sign-in?sso_error=not_configured');
  });
});
