import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Database } from '../db/client.ts';
import type { RateLimits } from '../domains/workspaces/plans.ts';
import { DomainError } from '../lib/errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The limits of the API key's workspace, set by authentication. */
    rateLimits: RateLimits | null;
  }
}

const WINDOW_SECONDS = { minute: 60, day: 86_400 } as const;
type WindowName = keyof typeof WINDOW_SECONDS;

export class RateLimitExceededError extends DomainError {
  constructor(
    window: WindowName,
    readonly retryAfterSeconds: number,
  ) {
    super(
      'rate_limit_exceeded',
      `Rate limit exceeded: too many requests this ${window} for this API key; retry after ${retryAfterSeconds} s`,
    );
  }
}

interface WindowState {
  window: WindowName;
  limit: number;
  /** The count after this request, or null when the window was already full (the request was not counted). */
  count: number | null;
  resetSeconds: number;
}

/**
 * Rate limits per API key by the workspace's plan (auth/api-keys.md), counted in fixed windows of a
 * minute and a UTC day in PostgreSQL, so that every server instance counts against the same numbers.
 *
 * Every limited response carries the IETF draft fields (draft-ietf-httpapi-ratelimit-headers):
 * `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` (seconds) for the window closest to
 * its limit, and `RateLimit-Policy` listing both windows. Over the limit: 429 `rate_limit_exceeded`
 * with `Retry-After` in seconds. Requests refused with 429 are not counted, so a client that
 * retries too early does not push its own reset further away.
 */
export function registerRateLimits(app: FastifyInstance, db: Database): void {
  app.decorateRequest('rateLimits', null);
  app.addHook('onRequest', async (request, reply) => {
    const limits = request.rateLimits;
    const keyId = request.actor.apiKeyId;
    if (limits === null || keyId === null) return;
    const windows = (['minute', 'day'] as const).flatMap((window) => {
      const limit = window === 'minute' ? limits.perMinute : limits.perDay;
      return limit === null ? [] : [{ window, limit }];
    });
    if (windows.length === 0) return;

    const states = await countRequest(db, keyId, windows);
    setHeaders(reply, states);
    const exhausted = states.filter((state) => state.count === null);
    if (exhausted.length > 0) {
      const longest = exhausted.reduce((a, b) => (b.resetSeconds > a.resetSeconds ? b : a));
      reply.header('retry-after', String(longest.resetSeconds));
      throw new RateLimitExceededError(longest.window, longest.resetSeconds);
    }
  });
}

/**
 * One round trip: an upsert per window that starts a new window or adds one to the current one,
 * but only while the count is under the limit (a full window returns no row). The database's clock
 * decides the window, so instances with skewed clocks still share windows.
 *
 * The statement commits asynchronously (synchronous_commit off for its own transaction only): every
 * request of a key updates the same two rows, and a durable commit would hold their row locks
 * through a WAL flush, queueing all of the key's requests behind the disk (the ingest benchmark
 * measured a ceiling of about 170 requests/s a key). A crash can lose the last few counts, which
 * costs nothing; the writes the requests make keep their synchronous commits.
 */
async function countRequest(
  db: Database,
  keyId: string,
  windows: { window: WindowName; limit: number }[],
): Promise<WindowState[]> {
  const values = windows.map(
    ({ window }) =>
      sql`(${keyId}, ${window}::rate_limit_window, to_timestamp(floor(extract(epoch FROM now()) / ${WINDOW_SECONDS[window]}) * ${WINDOW_SECONDS[window]}), 1)`,
  );
  const limitOf = (window: WindowName) => windows.find((w) => w.window === window)?.limit ?? 0;
  const result = await db.execute<{ now: number; minute: number | null; day: number | null }>(sql`
    WITH counted AS (
      INSERT INTO rate_limit_counters AS c (api_key_id, "window", window_start, count)
      VALUES ${sql.join(values, sql`, `)}
      ON CONFLICT (api_key_id, "window") DO UPDATE
        SET count = CASE WHEN c.window_start < excluded.window_start THEN 1 ELSE c.count + 1 END,
            window_start = greatest(c.window_start, excluded.window_start)
        WHERE c.window_start < excluded.window_start
           OR c.count < CASE c."window" WHEN 'minute' THEN ${limitOf('minute')}::int ELSE ${limitOf('day')}::int END
      RETURNING "window", count
    )
    SELECT extract(epoch FROM now())::float8 AS now,
           (SELECT set_config('synchronous_commit', 'off', true)) AS async_commit,
           (SELECT count FROM counted WHERE "window" = 'minute') AS minute,
           (SELECT count FROM counted WHERE "window" = 'day') AS day`);
  const row = result.rows[0];
  if (row === undefined) throw new Error('rate limit count returned no row');
  return windows.map(({ window, limit }) => {
    const size = WINDOW_SECONDS[window];
    return {
      window,
      limit,
      count: row[window],
      resetSeconds: Math.max(1, Math.ceil(size - (row.now % size))),
    };
  });
}

function setHeaders(reply: FastifyReply, states: WindowState[]): void {
  const remainingOf = (state: WindowState) =>
    state.count === null ? 0 : Math.max(0, state.limit - state.count);
  // The window that will refuse first is the one a client needs to know about.
  const tightest = states.reduce((a, b) => (remainingOf(b) < remainingOf(a) ? b : a));
  reply.header('ratelimit-limit', String(tightest.limit));
  reply.header('ratelimit-remaining', String(remainingOf(tightest)));
  reply.header('ratelimit-reset', String(tightest.resetSeconds));
  reply.header(
    'ratelimit-policy',
    states.map((state) => `${state.limit};w=${WINDOW_SECONDS[state.window]}`).join(', '),
  );
}
