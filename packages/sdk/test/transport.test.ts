// The transport against a scriptable peer: retries, backoff, Retry-After, idempotency keys, timeouts and
// the error classes. The same behaviour against the real server sits in retries.test.ts.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  APIConnectionError,
  APITimeoutError,
  AuthenticationError,
  ConflictError,
  InternalServerError,
  Keito,
  KeitoError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ValidationError,
} from '../src/index.js';
import { backoffDelay, parseRetryAfter } from '../src/internal/retry.js';
import { apiError, dropConnection, json, stall, startUpstream, type Upstream } from './support/upstream.js';

const entry = { id: 'te_1', project_id: 'prj_1', hours: 1 };
let upstream: Upstream;

beforeAll(async () => {
  upstream = await startUpstream();
});
afterAll(() => upstream.close());
afterEach(() => {
  upstream.requests.length = 0;
});

function client(options: ConstructorParameters<typeof Keito>[0] = {}) {
  return new Keito({ apiKey: 'keito_sk_test', baseUrl: upstream.baseUrl, retryDelay: 1, ...options });
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

describe('construction', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('fails at construction with a message naming KEITO_API_KEY when no key is found', () => {
    delete process.env.KEITO_API_KEY;
    expect(() => new Keito()).toThrow(/KEITO_API_KEY/);
    expect(() => new Keito({ apiKey: '' })).toThrow(KeitoError);
  });

  it('reads the key, account and base URL from the environment', async () => {
    process.env.KEITO_API_KEY = 'keito_sk_from_env';
    process.env.KEITO_ACCOUNT_ID = 'acc_env';
    process.env.KEITO_BASE_URL = `${upstream.baseUrl}/`;
    upstream.script(json(200, { id: 'usr_1' }));
    const keito = new Keito();
    expect(keito.baseUrl).toBe(upstream.baseUrl);
    await keito.users.me();
    expect(upstream.requests[0]?.headers.authorization).toBe('Bearer keito_sk_from_env');
    expect(upstream.requests[0]?.headers['keito-account-id']).toBe('acc_env');
    expect(upstream.requests[0]?.url).toBe('/v1/users/me');
  });

  it('defaults to the hosted API with its /v1 prefix', () => {
    delete process.env.KEITO_BASE_URL;
    expect(new Keito({ apiKey: 'k' }).baseUrl).toBe('https://api.keito.ai/v1');
  });

  it('rejects a negative maxRetries', () => {
    expect(() => new Keito({ apiKey: 'k', maxRetries: -1 })).toThrow(/maxRetries/);
  });
});

describe('requests', () => {
  it('sends the key, JSON and no account header when no account is configured', async () => {
    delete process.env.KEITO_ACCOUNT_ID;
    upstream.script(json(201, entry));
    await client().timeEntries.create({ project_id: 'prj_1', spent_date: '2026-03-06', hours: 1 });
    const [request] = upstream.requests;
    expect(request?.method).toBe('POST');
    expect(request?.headers.authorization).toBe('Bearer keito_sk_test');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['user-agent']).toMatch(/^keito-node\//);
    expect(request?.headers['keito-account-id']).toBeUndefined();
    expect(JSON.parse(request?.body ?? '')).toEqual({
      project_id: 'prj_1',
      spent_date: '2026-03-06',
      hours: 1,
    });
  });

  it('puts an Idempotency-Key on every POST and none on other methods', async () => {
    upstream.script(json(201, entry), json(201, entry), json(200, entry), json(200, { data: [] }));
    const keito = client();
    await keito.timeEntries.create({ project_id: 'p', spent_date: '2026-03-06' });
    await keito.timeEntries.create({ project_id: 'p', spent_date: '2026-03-06' });
    await keito.timeEntries.update('te_1', { hours: 2 });
    await keito.timeEntries.get('te_1');
    const keys = upstream.requests.map((r) => r.headers['idempotency-key']);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[0]).not.toBe(keys[1]);
    expect(keys.slice(2)).toEqual([undefined, undefined]);
  });

  it('uses the caller-supplied idempotency key', async () => {
    upstream.script(json(201, entry));
    await client().expenses.create(
      { project_id: 'p', expense_category_id: 'cat_llm_usage', spent_date: '2026-03-06', units: 1 },
      { idempotencyKey: 'my-key-1' },
    );
    expect(upstream.requests[0]?.headers['idempotency-key']).toBe('my-key-1');
  });

  it('serialises list filters into the query string, dropping undefined ones', async () => {
    upstream.script(json(200, { data: [], next_cursor: null, has_more: false }));
    await client().timeEntries.list({ source: 'agent', is_running: false, limit: 100, user_id: undefined });
    expect(upstream.requests[0]?.url).toBe('/v1/time-entries?source=agent&is_running=false&limit=100');
  });

  it('escapes ids so they cannot change the route', async () => {
    upstream.script(json(200, entry));
    await client().timeEntries.get('../users/me');
    expect(upstream.requests[0]?.url).toBe('/v1/time-entries/..%2Fusers%2Fme');
  });

  it('returns undefined for a 204 delete', async () => {
    upstream.script((_req, res) => {
      res.writeHead(204);
      res.end();
    });
    await expect(client().timeEntries.delete('te_1')).resolves.toBeUndefined();
  });

  it('says to check for /v1 when the base URL answers with a web page', async () => {
    upstream.script((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><html><body>Keito</body></html>');
    });
    const error = await caught(client().timeEntries.get('te_1'));
    expect(error).toBeInstanceOf(KeitoError);
    expect((error as KeitoError).code).toBe('invalid_response');
    expect((error as KeitoError).message).toContain('end with /v1');
  });
});

describe('retries', () => {
  it('retries 500s and reuses one Idempotency-Key across the attempts of a create', async () => {
    upstream.script(
      apiError(500, 'internal_error', 'boom'),
      apiError(502, 'bad_gateway', 'x'),
      json(201, entry),
    );
    const created = await client().timeEntries.create({ project_id: 'p', spent_date: '2026-03-06' });
    expect(created.id).toBe('te_1');
    expect(upstream.requests).toHaveLength(3);
    const keys = new Set(upstream.requests.map((r) => r.headers['idempotency-key']));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('retries a dropped connection', async () => {
    upstream.script(dropConnection, json(200, entry));
    await expect(client().timeEntries.get('te_1')).resolves.toEqual(entry);
    expect(upstream.requests).toHaveLength(2);
  });

  it('honours Retry-After on a 429 instead of the backoff', async () => {
    upstream.script(
      apiError(429, 'rate_limit_exceeded', 'slow down', { 'retry-after': '1' }),
      json(200, entry),
    );
    // A one-minute retryDelay would make the test time out if the backoff were used instead of Retry-After.
    const started = Date.now();
    await client({ retryDelay: 60_000 }).timeEntries.get('te_1');
    const elapsed = Date.now() - started;
    expect(upstream.requests).toHaveLength(2);
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(5_000);
  });

  it('gives up after maxRetries and throws the last error', async () => {
    upstream.script(apiError(503, 'unavailable', 'down', { 'x-request-id': 'req_503' }));
    const error = await caught(client({ maxRetries: 2 }).timeEntries.get('te_1'));
    expect(upstream.requests).toHaveLength(3);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 503, code: 'unavailable', requestId: 'req_503' });
  });

  it('does not retry at all with maxRetries: 0', async () => {
    upstream.script(apiError(500, 'internal_error', 'boom'), json(200, entry));
    await expect(client({ maxRetries: 0 }).timeEntries.get('te_1')).rejects.toBeInstanceOf(
      InternalServerError,
    );
    expect(upstream.requests).toHaveLength(1);
  });

  it('lets one call override the client maxRetries', async () => {
    upstream.script(apiError(500, 'internal_error', 'boom'), json(200, entry));
    await expect(client({ maxRetries: 0 }).timeEntries.get('te_1', { maxRetries: 1 })).resolves.toEqual(
      entry,
    );
    expect(upstream.requests).toHaveLength(2);
  });

  it('throws APIConnectionError when the connection keeps dropping', async () => {
    upstream.script(dropConnection);
    const error = await caught(client({ maxRetries: 1 }).timeEntries.get('te_1'));
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).toBeInstanceOf(KeitoError);
    expect(error).not.toBeInstanceOf(APITimeoutError);
    expect(upstream.requests).toHaveLength(2);
  });

  it('does not retry client errors', async () => {
    upstream.script(apiError(400, 'validation_error', 'project_id is required'), json(201, entry));
    await expect(client().timeEntries.create({ project_id: '', spent_date: '' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(upstream.requests).toHaveLength(1);
  });

  it('retries a 409 on a POST (the first attempt still in flight) but not on a PATCH', async () => {
    upstream.script(apiError(409, 'conflict', 'in flight'), json(201, entry));
    await expect(client().timeEntries.create({ project_id: 'p', spent_date: '2026-03-06' })).resolves.toEqual(
      entry,
    );
    expect(upstream.requests).toHaveLength(2);

    upstream.requests.length = 0;
    upstream.script(apiError(409, 'conflict', 'conflict'), json(200, entry));
    await expect(client().timeEntries.update('te_1', { hours: 1 })).rejects.toBeInstanceOf(ConflictError);
    expect(upstream.requests).toHaveLength(1);
  });

  it('hands an hours-long Retry-After to the caller instead of sleeping through it', async () => {
    upstream.script(apiError(429, 'rate_limit_exceeded', 'daily quota', { 'retry-after': '3600' }));
    const error = await caught(client().timeEntries.get('te_1'));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(3600);
    expect(upstream.requests).toHaveLength(1);
  });
});

describe('timeouts', () => {
  it('throws APITimeoutError when the server does not answer in time', async () => {
    upstream.script(stall);
    const started = Date.now();
    const error = await caught(client({ timeout: 150, maxRetries: 0 }).timeEntries.get('te_1'));
    expect(error).toBeInstanceOf(APITimeoutError);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as APITimeoutError).code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('retries a timed-out attempt', async () => {
    upstream.script(stall, json(200, entry));
    await expect(client({ timeout: 150, maxRetries: 1 }).timeEntries.get('te_1')).resolves.toEqual(entry);
    expect(upstream.requests).toHaveLength(2);
  });

  it('times out a response whose body stalls after the headers', async () => {
    upstream.script((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"id":');
    });
    await expect(client({ timeout: 150, maxRetries: 0 }).timeEntries.get('te_1')).rejects.toBeInstanceOf(
      APITimeoutError,
    );
  });

  it('stops at once when the caller aborts, without retrying', async () => {
    upstream.script(stall);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('caller gave up')), 50);
    await expect(
      client({ maxRetries: 3 }).timeEntries.get('te_1', { signal: controller.signal }),
    ).rejects.toThrow('caller gave up');
    expect(upstream.requests).toHaveLength(1);
  });
});

describe('errors', () => {
  it.each([
    [400, 'validation_error', ValidationError],
    [422, 'unprocessable', ValidationError],
    [401, 'authentication_error', AuthenticationError],
    [403, 'project_not_assigned', PermissionError],
    [404, 'not_found', NotFoundError],
    [409, 'conflict', ConflictError],
    [429, 'rate_limit_exceeded', RateLimitError],
    [500, 'internal_error', InternalServerError],
  ])('maps %i %s to %o', async (status, code, errorClass) => {
    upstream.script(
      json(
        status,
        { error: { code, message: `failed with ${code}`, field: 'project_id' } },
        { 'x-request-id': 'r1' },
      ),
    );
    const error = await caught(client({ maxRetries: 0 }).timeEntries.get('te_1'));
    expect(error).toBeInstanceOf(errorClass);
    expect(error).toBeInstanceOf(KeitoError);
    expect(error).toMatchObject({
      status,
      code,
      message: `failed with ${code}`,
      field: 'project_id',
      requestId: 'r1',
    });
  });

  it('still gives a code when a proxy answers with HTML', async () => {
    upstream.script((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html>Bad Gateway</html>');
    });
    const error = await caught(client({ maxRetries: 0 }).timeEntries.get('te_1'));
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 502, code: 'internal_error', field: undefined });
  });
});

describe('retry policy', () => {
  it('doubles the delay per attempt with at most 25% jitter', () => {
    expect(backoffDelay(0, 1000, () => 0)).toBe(1000);
    expect(backoffDelay(1, 1000, () => 0)).toBe(2000);
    expect(backoffDelay(2, 1000, () => 0)).toBe(4000);
    expect(backoffDelay(2, 1000, () => 1)).toBe(3000);
    expect(backoffDelay(10, 1000, () => 0)).toBe(8000);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter(new Headers({ 'retry-after': '7' }))).toBe(7);
    const now = Date.parse('2026-03-06T12:00:00Z');
    expect(parseRetryAfter(new Headers({ 'retry-after': 'Fri, 06 Mar 2026 12:00:30 GMT' }), now)).toBe(30);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(parseRetryAfter(new Headers())).toBeUndefined();
  });
});
