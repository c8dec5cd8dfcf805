import { rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { Api, newWorkspace, startTestServer, type TestServer } from './harness.ts';
import { runCommand, startServerProcess, tempDataDir } from './process.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

async function hit(api: Api, times: number) {
  const statuses: number[] = [];
  for (let i = 0; i < times; i++) statuses.push((await api.get('/v1/users/me')).status);
  return statuses;
}

describe('rate limits per API key', () => {
  it('a Free workspace gets 60 requests a minute, then 429 with Retry-After', async () => {
    const { admin } = await newWorkspace(server, 'Free', { plan: 'free' });
    const first = await admin.get('/v1/users/me');
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-limit')).toBe('60');
    expect(first.headers.get('ratelimit-remaining')).toBe('59');
    expect(first.headers.get('ratelimit-policy')).toBe('60;w=60, 1000;w=86400');
    const reset = Number(first.headers.get('ratelimit-reset'));
    expect(reset).toBeGreaterThanOrEqual(1);
    expect(reset).toBeLessThanOrEqual(60);

    const statuses = await hit(admin, 59);
    expect(statuses.every((status) => status === 200)).toBe(true);

    const refused = await admin.get('/v1/users/me');
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('rate_limit_exceeded');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
  });

  it('a Pro workspace gets 300 a minute', async () => {
    const { admin } = await newWorkspace(server, 'Pro', { plan: 'pro' });
    const response = await admin.get('/v1/users/me');
    expect(response.headers.get('ratelimit-limit')).toBe('300');
    expect(response.headers.get('ratelimit-policy')).toBe('300;w=60, 50000;w=86400');
  });

  it('Enterprise custom limits apply, and the day limit answers with the time to the next UTC day', async () => {
    const { admin } = await newWorkspace(server, 'Ent', { plan: 'enterprise', rateLimitPerDay: 3 });
    expect(await hit(admin, 3)).toEqual([200, 200, 200]);
    const refused = await admin.get('/v1/users/me');
    expect(refused.status).toBe(429);
    const secondsToMidnight = Math.ceil(86_400 - ((Date.now() / 1000) % 86_400));
    expect(Math.abs(Number(refused.headers.get('retry-after')) - secondsToMidnight)).toBeLessThanOrEqual(5);
    expect(refused.headers.get('ratelimit-policy')).toBe('3;w=86400');
  });

  it('Enterprise without custom limits is not limited and sends no RateLimit fields', async () => {
    const { admin } = await newWorkspace(server, 'Unlimited', { plan: 'enterprise' });
    const response = await admin.get('/v1/users/me');
    expect(response.status).toBe(200);
    expect(response.headers.get('ratelimit-limit')).toBeNull();
  });

  it('limits are per key: another key of the same workspace has its own count', async () => {
    const workspace = await newWorkspace(server, 'PerKey', { plan: 'enterprise', rateLimitPerMinute: 2 });
    const other = await workspace.admin.ok('POST', '/v1/api-keys', { name: 'second' });
    expect(await hit(workspace.admin, 2)).toEqual([200, 429]);
    const second = new Api(server.baseUrl, other.key);
    expect(await hit(second, 2)).toEqual([200, 200]);
    expect((await second.get('/v1/users/me')).status).toBe(429);
  });

  it('refused requests are not counted: the next window starts afresh', async () => {
    const workspace = await newWorkspace(server, 'Window', { plan: 'enterprise', rateLimitPerMinute: 2 });
    expect(await hit(workspace.admin, 4)).toEqual([200, 200, 429, 429]);
    // Move the window into the past, as if a minute had gone by.
    await server.db.execute(
      sql`UPDATE rate_limit_counters SET window_start = window_start - interval '1 minute'`,
    );
    const next = await workspace.admin.get('/v1/users/me');
    expect(next.status).toBe(200);
    expect(next.headers.get('ratelimit-remaining')).toBe('1');
  });

  it('two server instances on one database share the counters', async () => {
    const second = await buildApp({ db: server.db, logLevel: 'silent' });
    await second.listen({ port: 0, host: '127.0.0.1' });
    afterAll(() => second.close());
    const workspace = await newWorkspace(server, 'Shared', { plan: 'enterprise', rateLimitPerMinute: 4 });
    const viaSecond = new Api(
      `http://127.0.0.1:${(second.server.address() as AddressInfo).port}`,
      workspace.admin.key,
    );
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await workspace.admin.get('/v1/users/me')).status);
      statuses.push((await viaSecond.get('/v1/users/me')).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });

  it('concurrent requests never exceed the limit', async () => {
    const workspace = await newWorkspace(server, 'Burst', { plan: 'enterprise', rateLimitPerMinute: 10 });
    const responses = await Promise.all(
      Array.from({ length: 25 }, () => workspace.admin.get('/v1/users/me')),
    );
    expect(responses.filter((response) => response.status === 200)).toHaveLength(10);
    expect(responses.filter((response) => response.status === 429)).toHaveLength(15);
  });

  it('requests sent at once are each counted exactly: distinct remaining counts, the rest refused', async () => {
    const workspace = await newWorkspace(server, 'AtOnce', { plan: 'enterprise', rateLimitPerMinute: 5 });
    const responses = await Promise.all(Array.from({ length: 8 }, () => workspace.admin.get('/v1/users/me')));
    const admitted = responses.filter((response) => response.status === 200);
    const refused = responses.filter((response) => response.status === 429);
    expect(admitted).toHaveLength(5);
    expect(admitted.map((response) => response.headers.get('ratelimit-remaining')).sort()).toEqual([
      '0',
      '1',
      '2',
      '3',
      '4',
    ]);
    expect(refused).toHaveLength(3);
    for (const response of refused) {
      expect(response.body.error.code).toBe('rate_limit_exceeded');
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(response.headers.get('ratelimit-remaining')).toBe('0');
    }
  });

  it('requests sent at once get in only while both windows have room', async () => {
    const workspace = await newWorkspace(server, 'BothWindows', {
      plan: 'enterprise',
      rateLimitPerMinute: 5,
      rateLimitPerDay: 3,
    });
    const responses = await Promise.all(Array.from({ length: 5 }, () => workspace.admin.get('/v1/users/me')));
    const admitted = responses.filter((response) => response.status === 200);
    expect(admitted.map((response) => response.headers.get('ratelimit-remaining')).sort()).toEqual([
      '0',
      '1',
      '2',
    ]);
    expect(responses.filter((response) => response.status === 429)).toHaveLength(2);
  });

  it('requests of two keys sent at once are each counted on their own key', async () => {
    const workspace = await newWorkspace(server, 'TwoKeys', { plan: 'enterprise', rateLimitPerMinute: 3 });
    // Creating the second key is the first key's first request of the minute.
    const other = await workspace.admin.ok('POST', '/v1/api-keys', { name: 'second' });
    const second = new Api(server.baseUrl, other.key);
    const burst = (api: Api) =>
      Promise.all(Array.from({ length: 4 }, async () => (await api.get('/v1/users/me')).status));

    const [first, ofSecond] = await Promise.all([burst(workspace.admin), burst(second)]);

    expect(first.sort()).toEqual([200, 200, 429, 429]);
    expect(ofSecond.sort()).toEqual([200, 200, 200, 429]);
  });

  it('requests of one key that arrive in the same turn are counted by one statement', async () => {
    const app = await buildApp({ db: server.db, logLevel: 'silent' });
    try {
      await app.ready();
      const workspace = await newWorkspace(server, 'OneTurn', {
        plan: 'enterprise',
        rateLimitPerMinute: 100,
      });
      const headers = { authorization: `Bearer ${workspace.admin.key}` };

      const responses = await Promise.all(
        Array.from({ length: 8 }, () => app.inject({ method: 'GET', url: '/v1/users/me', headers })),
      );

      expect(responses.map((response) => response.statusCode)).toEqual(Array(8).fill(200));
      const remaining = responses.map((response) => Number(response.headers['ratelimit-remaining']));
      expect(remaining.sort((a, b) => a - b)).toEqual([92, 93, 94, 95, 96, 97, 98, 99]);
      // last_added is what the last statement to count on the row added: all eight at once.
      const counters = await server.db.execute<{ count: number; last_added: number }>(sql`
        SELECT c.count, c.last_added FROM rate_limit_counters c JOIN api_keys k ON k.id = c.api_key_id
        WHERE k.account_id = ${workspace.accountId} AND c."window" = 'minute'`);
      expect(counters.rows).toEqual([{ count: 8, last_added: 8 }]);
    } finally {
      await app.close();
    }
  });

  it('a revoked key is refused for every request of its group, and nothing is counted', async () => {
    const workspace = await newWorkspace(server, 'Revoked', { plan: 'enterprise', rateLimitPerMinute: 5 });
    const key = await workspace.admin.ok('POST', '/v1/api-keys', { name: 'to revoke' });
    expect((await workspace.admin.delete(`/v1/api-keys/${key.id}`)).status).toBe(204);
    const revoked = new Api(server.baseUrl, key.key);

    const responses = await Promise.all(Array.from({ length: 3 }, () => revoked.get('/v1/users/me')));

    expect(responses.map((response) => [response.status, response.body.error.code])).toEqual(
      Array(3).fill([401, 'authentication_error']),
    );
    const counters = await server.db.execute(
      sql`SELECT 1 FROM rate_limit_counters WHERE api_key_id = ${key.id}`,
    );
    expect(counters.rows).toEqual([]);
  });
});

describe('keito-server workspace create --plan', () => {
  it('self-hosted workspaces are Enterprise without limits unless the operator picks a plan', async () => {
    const dataDir = await tempDataDir();
    const env = { KEITO_DATA_DIR: dataDir };
    const create = (name: string, ...extra: string[]) =>
      runCommand(
        ['workspace', 'create', '--name', name, '--admin-email', `a@${name}.test`, '--json', ...extra],
        env,
      );
    const unlimited = await create('default');
    const free = await create('free', '--plan', 'free');
    const custom = await create('custom', '--rate-limit-per-minute', '5');
    const wrong = await create('wrong', '--plan', 'gold');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--plan must be free, pro or enterprise');

    const running = await startServerProcess(env);
    try {
      const limitOf = async (created: { stdout: string }) => {
        const { api_key: key } = JSON.parse(created.stdout.trim());
        const response = await new Api(running.baseUrl, key).get('/v1/workspace');
        return { plan: response.body.plan, limit: response.headers.get('ratelimit-limit') };
      };
      expect(await limitOf(unlimited)).toEqual({ plan: 'enterprise', limit: null });
      expect(await limitOf(free)).toEqual({ plan: 'free', limit: '60' });
      expect(await limitOf(custom)).toEqual({ plan: 'enterprise', limit: '5' });
    } finally {
      await running.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
