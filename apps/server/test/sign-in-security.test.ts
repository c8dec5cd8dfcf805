import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { browserOn, startTestServer } from './harness.ts';

/** The app's clock, moved by the tests: sessions and throttling are measured by it. */
let now = new Date('2026-03-02T09:00:00Z');
const advance = (ms: number) => {
  now = new Date(now.getTime() + ms);
};
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Every test starts after the throttles' quiet hour, so counts of earlier tests are forgotten. */
const startQuiet = () => advance(2 * HOUR);

const server = await startTestServer({
  now: () => now,
  sessions: { idleTimeoutMs: 12 * HOUR, lifetimeMs: 3 * DAY },
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
const admin = browser();
expect((await admin.request('POST', '/v1/auth/setup', owner)).status).toBe(201);

const signIn = (email: string, password: string, who = browser()) =>
  who.request('POST', '/v1/auth/sign-in', { email, password });

describe('sign-in throttling', () => {
  it('backs off an account exponentially after five failures, with the exact Retry-After', async () => {
    startQuiet();
    for (let attempt = 1; attempt <= 6; attempt++) {
      expect((await signIn(owner.email, 'wrong')).status, String(attempt)).toBe(401);
    }
    // The sixth failure blocks the account for 1 s: even the right password waits.
    const blocked = await signIn(owner.email, owner.password);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe('1');
    expect((await blocked.json()).error.code).toBe('rate_limit_exceeded');

    advance(SECOND);
    expect((await signIn(owner.email, 'wrong')).status).toBe(401);
    advance(SECOND / 2);
    const doubled = await signIn(owner.email, owner.password);
    expect(doubled.status).toBe(429);
    // 2 s from the seventh failure, half of which has gone.
    expect(doubled.headers.get('retry-after')).toBe('2');

    advance(2 * SECOND);
    expect((await signIn(owner.email, 'WRONG')).status).toBe(401);
    expect((await signIn(owner.email, owner.password)).headers.get('retry-after')).toBe('4');
    advance(4 * SECOND);
    expect((await signIn(owner.email, owner.password)).status).toBe(200);
    // Success forgets the account's failures.
    for (let attempt = 1; attempt <= 6; attempt++) {
      expect((await signIn(owner.email, 'wrong')).status, String(attempt)).toBe(401);
    }
  });

  it('answers an unknown email exactly as a known one, so it reveals nothing', async () => {
    startQuiet();
    const answers = async (email: string) => {
      const seen = [];
      for (let attempt = 1; attempt <= 7; attempt++) {
        const response = await signIn(email, 'wrong');
        seen.push({
          status: response.status,
          retryAfter: response.headers.get('retry-after'),
          body: await response.json(),
        });
      }
      return seen;
    };
    const known = await answers(owner.email);
    const unknown = await answers('nobody@northwind.test');
    expect(unknown).toEqual(known);
    expect(known.at(-1)?.status).toBe(429);
  });

  it('blocks a client address guessing many accounts, whatever the account', async () => {
    startQuiet();
    // One failure each for twenty-one accounts: no account is blocked, the address is.
    for (let attempt = 1; attempt <= 21; attempt++) {
      expect((await signIn(`guess${attempt}@northwind.test`, 'wrong')).status, String(attempt)).toBe(401);
    }
    const blocked = await signIn(owner.email, owner.password);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe('1');
    advance(SECOND);
    expect((await signIn(owner.email, owner.password)).status).toBe(200);
  });

  it('throttles invitation links and password changes the same way', async () => {
    startQuiet();
    const accept = () =>
      browser().request('POST', '/v1/auth/invitations/not-a-real-token/accept', {
        password: 'long enough pw',
      });
    for (let attempt = 1; attempt <= 6; attempt++) expect((await accept()).status, String(attempt)).toBe(404);
    const link = await accept();
    expect(link.status).toBe(429);
    expect(link.headers.get('retry-after')).toBe('1');

    startQuiet();
    const ada = browser();
    expect((await signIn(owner.email, owner.password, ada)).status).toBe(200);
    const change = (current: string) =>
      ada.request('POST', '/v1/auth/password', { current_password: current, new_password: 'another secret' });
    for (let attempt = 1; attempt <= 6; attempt++)
      expect((await change('wrong')).status, String(attempt)).toBe(422);
    const password = await change(owner.password);
    expect(password.status).toBe(429);
    expect(password.headers.get('retry-after')).toBe('1');
  });

  it('keeps neither emails nor addresses in the throttle table', async () => {
    const { rows } = await server.pool.query('SELECT key_hash FROM auth_throttles');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('session limits', () => {
  it('ends a session left unused for the idle timeout, and keeps one in use alive', async () => {
    startQuiet();
    const ada = browser();
    expect((await signIn(owner.email, owner.password, ada)).status).toBe(200);
    advance(11 * HOUR);
    expect((await ada.request('GET', '/v1/users/me')).status).toBe(200);
    advance(11 * HOUR);
    // 22 hours after sign-in, but only 11 since it was last used.
    expect((await ada.request('GET', '/v1/users/me')).status).toBe(200);
    advance(12 * HOUR + MINUTE);
    expect((await ada.request('GET', '/v1/users/me')).status).toBe(401);
    expect((await (await ada.request('GET', '/v1/auth/session')).json()).authenticated).toBe(false);
  });

  it('ends a session at its absolute lifetime however busy it is', async () => {
    startQuiet();
    const ada = browser();
    expect((await signIn(owner.email, owner.password, ada)).status).toBe(200);
    for (let hours = 0; hours < 3 * 24 - 10; hours += 10) {
      advance(10 * HOUR);
      expect((await ada.request('GET', '/v1/users/me')).status, `${hours + 10} h`).toBe(200);
    }
    advance(10 * HOUR);
    expect((await ada.request('GET', '/v1/users/me')).status).toBe(401);
  });
});

describe('the session list', () => {
  it('lists your browsers, marks this one, and signs out everywhere', async () => {
    startQuiet();
    const laptop = browser();
    const phone = browser();
    await signIn(owner.email, owner.password, laptop);
    await signIn(owner.email, owner.password, phone);
    const list = await laptop.request('GET', '/v1/auth/sessions');
    expect(list.status).toBe(200);
    const { sessions } = await list.json();
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((session: { current: boolean }) => session.current)).toHaveLength(1);
    expect(sessions[0]).toMatchObject({
      id: expect.stringMatching(/^ses_[0-9a-f]{32}$/),
      ip_address: '127.0.0.1',
    });

    const everywhere = await laptop.request('DELETE', '/v1/auth/sessions');
    expect(everywhere.status).toBe(204);
    expect((await laptop.request('GET', '/v1/users/me')).status).toBe(401);
    expect((await phone.request('GET', '/v1/users/me')).status).toBe(401);
  });

  it('signs out one browser by its id, only your own, and with an API key too', async () => {
    startQuiet();
    const laptop = browser();
    const phone = browser();
    await signIn(owner.email, owner.password, laptop);
    await signIn(owner.email, owner.password, phone);
    const { sessions } = await (await laptop.request('GET', '/v1/auth/sessions')).json();
    const phoneSession = sessions.find((session: { current: boolean }) => !session.current);

    // Another person cannot end it: it is not theirs (404, as for an id that does not exist).
    const stranger = browser();
    await server.db.execute(sql`
      INSERT INTO users (id, account_id, name, email, status, password_hash)
      SELECT 'usr_stranger_sessions', account_id, 'Stranger', 'stranger@northwind.test', 'active', password_hash
      FROM users WHERE email = ${owner.email}`);
    await signIn('stranger@northwind.test', owner.password, stranger);
    expect((await stranger.request('DELETE', `/v1/auth/sessions/${phoneSession.id}`)).status).toBe(404);
    expect((await phone.request('GET', '/v1/users/me')).status).toBe(200);

    expect((await laptop.request('DELETE', `/v1/auth/sessions/${phoneSession.id}`)).status).toBe(204);
    expect((await phone.request('GET', '/v1/users/me')).status).toBe(401);
    expect((await laptop.request('GET', '/v1/users/me')).status).toBe(200);

    // An API key lists and ends its person's browser sessions (none of them is "current").
    const created = await laptop.request('POST', '/v1/api-keys', { name: 'sessions' });
    const { key } = await created.json();
    const withKey = (method: string, path: string) =>
      fetch(`${server.baseUrl}${path}`, { method, headers: { authorization: `Bearer ${key}` } });
    const listed = await (await withKey('GET', '/v1/auth/sessions')).json();
    expect(listed.sessions.map((session: { current: boolean }) => session.current)).not.toContain(true);
    expect(listed.sessions.map((session: { id: string }) => session.id)).toContain(
      sessions.find((session: { current: boolean }) => session.current).id,
    );
    expect((await withKey('DELETE', '/v1/auth/sessions')).status).toBe(204);
    expect((await laptop.request('GET', '/v1/users/me')).status).toBe(401);
  });

  it("ends an archived person's sessions", async () => {
    startQuiet();
    await signIn(owner.email, owner.password, admin);
    const created = await admin.request('POST', '/v1/users', { name: 'Bo', email: 'bo@northwind.test' });
    const bo = await created.json();
    // Bo gets Ada's password, as if Bo had accepted an invitation with it.
    await server.db.execute(sql`
      UPDATE users SET status = 'active',
        password_hash = (SELECT password_hash FROM users WHERE email = ${owner.email})
      WHERE id = ${bo.id}`);
    const bosBrowser = browser();
    expect((await signIn('bo@northwind.test', owner.password, bosBrowser)).status).toBe(200);

    expect((await admin.request('PATCH', `/v1/users/${bo.id}`, { is_active: false })).status).toBe(200);
    const { rows } = await server.pool.query('SELECT count(*)::int AS n FROM sessions WHERE user_id = $1', [
      bo.id,
    ]);
    expect(rows[0].n).toBe(0);
  });
});

describe('session cookies', () => {
  it('are Secure when the public URL is https', async () => {
    const https = await startTestServer({
      mail: { from: 'Keito <no-reply@localhost>', publicUrl: 'https://time.example.com' },
    });
    const response = await browserOn(https.baseUrl).request('POST', '/v1/auth/setup', owner);
    expect(response.status).toBe(201);
    expect(response.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    const plain = await signIn(owner.email, owner.password);
    expect(plain.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
  });
});

describe('client addresses behind a trusted proxy', () => {
  it("counts each forwarded address on its own, and ignores the header when the proxy isn't trusted", async () => {
    const attempt = (baseUrl: string, forwardedFor: string, email: string) =>
      fetch(`${baseUrl}/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
        body: JSON.stringify({ email, password: 'wrong' }),
      });
    const proxied = await startTestServer({ now: () => now, trustProxy: true });
    const direct = await startTestServer({ now: () => now });
    for (const baseUrl of [proxied.baseUrl, direct.baseUrl]) {
      for (let n = 1; n <= 21; n++) {
        expect((await attempt(baseUrl, '203.0.113.7', `guess${n}@example.test`)).status).toBe(401);
      }
      expect((await attempt(baseUrl, '203.0.113.7', 'one.more@example.test')).status).toBe(429);
    }
    // Another client behind the trusted proxy has its own count; without trust, it is the same peer.
    expect((await attempt(proxied.baseUrl, '198.51.100.9', 'one.more@example.test')).status).toBe(401);
    expect((await attempt(direct.baseUrl, '198.51.100.9', 'one.more@example.test')).status).toBe(429);
  });
});
