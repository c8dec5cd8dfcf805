import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Database } from '../db/client.ts';
import { namedStatement } from '../db/named.ts';
import type { ManagerPermissions } from '../db/schema/index.ts';
import type { Role } from '../domains/access/actor.ts';
import { PLAN_LIMITS } from '../domains/workspaces/plans.ts';
import { DomainError } from '../lib/errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** This request's count in each limited window of its API key, set by authentication. */
    rateLimitWindows: WindowState[] | null;
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

export interface WindowState {
  window: WindowName;
  limit: number;
  /** The count after this request, or null when the window was already full (the request was not counted). */
  count: number | null;
  resetSeconds: number;
}

/**
 * Rate limits per API key by the workspace's plan (auth/api-keys.md), counted in fixed windows of a
 * minute and a UTC day in PostgreSQL, so that every server instance counts against the same numbers.
 * Authentication counts the request in the same statement that finds the key
 * (`findApiKeyAndCount`, one statement for all the requests of a key that arrive together); this
 * hook answers for the result.
 *
 * Every limited response carries the IETF draft fields (draft-ietf-httpapi-ratelimit-headers):
 * `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` (seconds) for the window closest to
 * its limit, and `RateLimit-Policy` listing both windows. Over the limit: 429 `rate_limit_exceeded`
 * with `Retry-After` in seconds. Requests refused with 429 are not counted, so a client that
 * retries too early does not push its own reset further away.
 */
export function registerRateLimits(app: FastifyInstance): void {
  app.decorateRequest('rateLimitWindows', null);
  app.addHook('onRequest', async (request, reply) => {
    const states = request.rateLimitWindows;
    if (states === null || states.length === 0) return;
    setHeaders(reply, states);
    const exhausted = states.filter((state) => state.count === null);
    if (exhausted.length > 0) {
      const longest = exhausted.reduce((a, b) => (b.resetSeconds > a.resetSeconds ? b : a));
      reply.header('retry-after', String(longest.resetSeconds));
      throw new RateLimitExceededError(longest.window, longest.resetSeconds);
    }
  });
}

export interface ApiKeyOwner {
  keyId: string;
  lastUsedAt: Date | null;
  accountId: string;
  userId: string;
  role: Role;
  userType: 'human' | 'agent';
  status: 'pending' | 'active' | 'archived';
  managerPermissions: ManagerPermissions | null;
  /** The limited windows of each counted request, in the order the requests were counted. */
  windowsOfRequests: WindowState[][];
}

type KeyRow = {
  key_id: string;
  /** Raw queries return timestamps as text. */
  last_used_at: string | Date | null;
  account_id: string;
  user_id: string;
  role: Role;
  user_type: 'human' | 'agent';
  status: 'pending' | 'active' | 'archived';
  manager_permissions: ManagerPermissions | null;
  per_minute: number | null;
  per_day: number | null;
  now: number;
  minute_count: number | null;
  minute_added: number | null;
  day_count: number | null;
  day_added: number | null;
};

const { free, pro } = PLAN_LIMITS;
const findApiKeyAndCountStatement = namedStatement<KeyRow>(
  'find_api_key_and_count',
  sql`
    WITH key AS (
      SELECT k.id AS key_id, k.last_used_at, u.account_id, u.id AS user_id, u.role, u.user_type, u.status,
             u.manager_permissions,
             coalesce(a.rate_limit_per_minute,
                      CASE a.plan WHEN 'free' THEN ${free.perMinute}::int WHEN 'pro' THEN ${pro.perMinute}::int END)
               AS per_minute,
             coalesce(a.rate_limit_per_day,
                      CASE a.plan WHEN 'free' THEN ${free.perDay}::int WHEN 'pro' THEN ${pro.perDay}::int END)
               AS per_day
      FROM api_keys k
      JOIN users u ON u.id = k.user_id
      JOIN accounts a ON a.id = k.account_id
      WHERE k.hash = ${sql.placeholder('hash')} AND k.revoked_at IS NULL
      LIMIT 1
    ),
    windows AS (
      SELECT key.key_id, w.name, w.size, w.max
      FROM key
      CROSS JOIN LATERAL (VALUES ('minute'::rate_limit_window, 60, key.per_minute),
                                 ('day'::rate_limit_window, 86400, key.per_day)) AS w(name, size, max)
      WHERE w.max IS NOT NULL AND key.status <> 'archived'
    ),
    counted AS (
      INSERT INTO rate_limit_counters AS c (api_key_id, "window", window_start, count, last_added)
      SELECT key_id, name, to_timestamp(floor(extract(epoch FROM now()) / size) * size),
             greatest(0, least(${sql.placeholder('requests')}::int, max)), greatest(0, least(${sql.placeholder('requests')}::int, max))
      FROM windows
      ON CONFLICT (api_key_id, "window") DO UPDATE
        SET count = CASE WHEN c.window_start < excluded.window_start THEN excluded.count
                         ELSE c.count + least(${sql.placeholder('requests')}::int,
                                              (SELECT max FROM windows WHERE windows.name = c."window") - c.count)
                    END,
            last_added = CASE WHEN c.window_start < excluded.window_start THEN excluded.last_added
                              ELSE least(${sql.placeholder('requests')}::int,
                                         (SELECT max FROM windows WHERE windows.name = c."window") - c.count)
                         END,
            window_start = greatest(c.window_start, excluded.window_start)
        WHERE c.window_start < excluded.window_start
           OR c.count < (SELECT max FROM windows WHERE windows.name = c."window")
      RETURNING "window", count, last_added
    )
    SELECT key.*,
           extract(epoch FROM now())::float8 AS now,
           (SELECT set_config('synchronous_commit', 'off', true)) AS async_commit,
           (SELECT count FROM counted WHERE "window" = 'minute') AS minute_count,
           (SELECT last_added FROM counted WHERE "window" = 'minute') AS minute_added,
           (SELECT count FROM counted WHERE "window" = 'day') AS day_count,
           (SELECT last_added FROM counted WHERE "window" = 'day') AS day_added
    FROM key`,
);

/**
 * One round trip for a group of requests made with one API key: finds the live key with its user
 * and the workspace's limits, and counts the `requests` in each limited window — an upsert that
 * starts a new window or adds to the current one as many of them as fit under the limit. A window
 * already full returns no count, and admits none. The database's clock decides the window, so
 * instances with skewed clocks still share windows. Archived users' requests are not counted
 * (authentication refuses them).
 *
 * The upsert also stores how many it added (`last_added`), and returns it with the new count: the
 * row lock makes that pair exactly this statement's share even while other instances count on the
 * same row, so request i of the group is counted as `count - last_added + i + 1` when
 * `i < last_added`, and is refused otherwise. Each window admits on its own, as a lone request does:
 * the first requests of the group get in, up to the room of the fuller window.
 *
 * The statement commits asynchronously (synchronous_commit off for its own transaction only): every
 * request of a key updates the same two rows, and a durable commit would hold their row locks
 * through a WAL flush, queueing all of the key's requests behind the disk (bench/README.md). A crash
 * can lose the last few counts, which costs nothing; the writes the requests make keep their
 * synchronous commits.
 */
export async function findApiKeyAndCount(
  db: Database,
  hash: string,
  requests: number,
): Promise<ApiKeyOwner | undefined> {
  const [row] = await findApiKeyAndCountStatement(db, { hash, requests });
  if (row === undefined) return undefined;
  const windowsOfRequests: WindowState[][] = Array.from({ length: requests }, () => []);
  for (const [window, limit, count, added] of [
    ['minute', row.per_minute, row.minute_count, row.minute_added],
    ['day', row.per_day, row.day_count, row.day_added],
  ] as const) {
    if (limit === null || row.status === 'archived') continue;
    const size = WINDOW_SECONDS[window];
    const resetSeconds = Math.max(1, Math.ceil(size - (row.now % size)));
    // No row came back when the window was already full: none of the group was counted.
    const admitted = added ?? 0;
    const before = (count ?? 0) - admitted;
    windowsOfRequests.forEach((states, index) => {
      states.push({ window, limit, count: index < admitted ? before + index + 1 : null, resetSeconds });
    });
  }
  return {
    keyId: row.key_id,
    lastUsedAt: row.last_used_at === null ? null : new Date(row.last_used_at),
    accountId: row.account_id,
    userId: row.user_id,
    role: row.role,
    userType: row.user_type,
    status: row.status,
    managerPermissions: row.manager_permissions,
    windowsOfRequests,
  };
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
