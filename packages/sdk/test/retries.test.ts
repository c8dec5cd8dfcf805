// Retries through a fault-injecting proxy in front of the real server: the SDK recovers from 429s, 500s,
// dropped connections and timeouts, and a create retried after the server already wrote it (the response
// lost on the way back) still leaves exactly one row, because every attempt carries the same Idempotency-Key.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  APITimeoutError,
  InternalServerError,
  Keito,
  RateLimitError,
  ValidationError,
} from '../src/index.js';
import { type FaultProxy, startFaultProxy } from './support/fault-proxy.js';
import { createWorld, server, type TestWorld } from './support/keito.js';

let world: TestWorld;
let proxy: FaultProxy;
let keito: Keito;

beforeAll(async () => {
  world = await createWorld('Flaky Networks Inc');
  proxy = await startFaultProxy(server.origin);
  keito = new Keito({
    apiKey: world.fixture.agentApiKey,
    accountId: world.workspace.account_id,
    baseUrl: proxy.baseUrl,
    retryDelay: 20,
    maxRetries: 3,
  });
});
afterAll(() => proxy.close());
beforeEach(() => {
  proxy.seen.length = 0;
});

async function entriesWithNotes(notes: string) {
  const found = [];
  for await (const entry of world.agent.timeEntries.list({ project_id: world.fixture.project.id })) {
    if (entry.notes === notes) found.push(entry);
  }
  return found;
}

function entryInput(notes: string) {
  return {
    project_id: world.fixture.project.id,
    spent_date: '2026-05-01',
    hours: 1,
    notes,
    source: 'agent' as const,
  };
}

describe('retries against the real server', () => {
  it('creates exactly one entry when the response to the first attempt is lost', async () => {
    proxy.inject({ kind: 'drop-after' }, { kind: 'status', status: 500 });
    const entry = await keito.timeEntries.create(entryInput('lost response'));
    expect(proxy.seen.map((r) => r.fault)).toEqual(['drop-after', 'status', 'pass']);
    const keys = new Set(proxy.seen.map((r) => r.headers['idempotency-key']));
    expect(keys.size).toBe(1);
    const stored = await entriesWithNotes('lost response');
    expect(stored.map((e) => e.id)).toEqual([entry.id]);
  });

  it('creates exactly one expense when the response to the first attempt is lost', async () => {
    proxy.inject({ kind: 'drop-after' });
    const expense = await keito.expenses.create({
      project_id: world.fixture.project.id,
      expense_category_id: 'cat_llm_usage',
      spent_date: '2026-05-01',
      units: 12,
      notes: 'lost expense response',
    });
    const stored = (
      await world.agent.expenses.list({ project_id: world.fixture.project.id, limit: 200 })
    ).data.filter((e) => e.notes === 'lost expense response');
    expect(stored.map((e) => e.id)).toEqual([expense.id]);
  });

  it('waits out a 429 with Retry-After and then succeeds', async () => {
    proxy.inject({ kind: 'status', status: 429, headers: { 'retry-after': '1' } });
    const started = Date.now();
    const entry = await keito.timeEntries.create(entryInput('after rate limit'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(proxy.seen).toHaveLength(2);
    expect((await entriesWithNotes('after rate limit')).map((e) => e.id)).toEqual([entry.id]);
  });

  it('retries a connection dropped before the server saw the request', async () => {
    proxy.inject({ kind: 'drop-before' }, { kind: 'drop-before' });
    const entry = await keito.timeEntries.get((await keito.timeEntries.create(entryInput('after drops'))).id);
    expect(entry.notes).toBe('after drops');
    expect(proxy.seen.map((r) => r.fault)).toEqual(['drop-before', 'drop-before', 'pass', 'pass']);
  });

  it('does not retry with maxRetries: 0 and creates nothing when the server never saw the request', async () => {
    proxy.inject({ kind: 'status', status: 500 });
    await expect(
      keito.timeEntries.create(entryInput('no retries'), { maxRetries: 0 }),
    ).rejects.toBeInstanceOf(InternalServerError);
    expect(proxy.seen).toHaveLength(1);
    expect(await entriesWithNotes('no retries')).toEqual([]);
  });

  it('surfaces RateLimitError with retryAfter once retries are exhausted', async () => {
    proxy.inject(
      { kind: 'status', status: 429, headers: { 'retry-after': '0' } },
      { kind: 'status', status: 429, headers: { 'retry-after': '0' } },
    );
    const error = await keito.users.me({ maxRetries: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(0);
    expect(proxy.seen).toHaveLength(2);
  });

  it('retries a timed-out create without duplicating it when the slow attempt lands too', async () => {
    proxy.inject({ kind: 'delay', ms: 600 });
    const entry = await keito.timeEntries.create(entryInput('slow first attempt'), { timeout: 300 });
    // Let the delayed first attempt reach the server before counting.
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect((await entriesWithNotes('slow first attempt')).map((e) => e.id)).toEqual([entry.id]);
  });

  it('throws APITimeoutError when every attempt is too slow', async () => {
    proxy.inject({ kind: 'delay', ms: 1000 }, { kind: 'delay', ms: 1000 });
    await expect(keito.users.me({ timeout: 200, maxRetries: 1 })).rejects.toBeInstanceOf(APITimeoutError);
    expect(proxy.seen).toHaveLength(2);
  });
});

describe('idempotency keys on the real server', () => {
  it('replays the first response for a repeated key', async () => {
    const first = await world.agent.timeEntries.create(entryInput('same key twice'), {
      idempotencyKey: 'sdk-key-1',
    });
    const second = await world.agent.timeEntries.create(entryInput('same key twice'), {
      idempotencyKey: 'sdk-key-1',
    });
    expect(second.id).toBe(first.id);
    expect(await entriesWithNotes('same key twice')).toHaveLength(1);
  });

  it('rejects a key reused with a different body', async () => {
    await world.agent.timeEntries.create(entryInput('key reuse a'), { idempotencyKey: 'sdk-key-2' });
    await expect(
      world.agent.timeEntries.create(entryInput('key reuse b'), { idempotencyKey: 'sdk-key-2' }),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});
