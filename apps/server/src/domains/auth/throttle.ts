import { createHash } from 'node:crypto';
import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { authThrottles } from '../../db/schema/index.ts';
import { TooManyAttemptsError } from '../../lib/errors.ts';
import type { Origin } from '../audit/record.ts';

/**
 * Who is trying a secret: the client's address and the moment (the app's clock, injected in tests).
 * Every attempt is counted against the account it names and against the address
 * (docs/decisions/0025-sign-in-throttling-and-sessions.md).
 */
export interface Attempt extends Origin {
  now: Date;
}

/** What is counted, and how many attempts it gets before the backoff starts. */
interface Counter {
  key: string;
  free: number;
}

/** An account (an email, an invitation link, a user) gets a few tries; an address, shared by an office, more. */
const ACCOUNT_FREE_ATTEMPTS = 5;
const ADDRESS_FREE_ATTEMPTS = 20;
/** Beyond the free attempts each one doubles the wait, 1 s, 2 s, 4 s ... up to 15 minutes. */
const MAX_BLOCK_SECONDS = 15 * 60;
/** An hour without attempts starts the count again. */
const QUIET_RESET_MS = 3_600_000;

export function accountCounter(key: string): Counter {
  return { key, free: ACCOUNT_FREE_ATTEMPTS };
}

function addressCounter(address: string): Counter {
  return { key: `address:${address}`, free: ADDRESS_FREE_ATTEMPTS };
}

function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/**
 * Runs `tryIt` (which throws when the secret is wrong) as one counted attempt for `account` and the
 * attempt's address. The attempt is counted before the secret is checked: the row lock orders
 * simultaneous attempts, so a flood of parallel guesses meets the block as soon as one of them set
 * it, rather than all passing a check made before any was counted. Success forgets the account's
 * count and takes this attempt back from the address's; a blocked attempt is not counted, so
 * retrying too early does not push the block further away.
 */
export async function throttled<T>(
  db: Executor,
  account: Counter,
  attempt: Attempt,
  tryIt: () => Promise<T>,
): Promise<T> {
  const address = addressCounter(attempt.address);
  for (const counter of [account, address]) await count(db, counter, attempt.now);
  const result = await tryIt();
  await db.delete(authThrottles).where(eq(authThrottles.keyHash, hashKey(account.key)));
  await db
    .update(authThrottles)
    .set({ attempts: sql`greatest(${authThrottles.attempts} - 1, 0)` })
    .where(eq(authThrottles.keyHash, hashKey(address.key)));
  await purgeQuietCounters(db, attempt.now);
  return result;
}

/**
 * A counter quiet for the reset interval and not blocked counts as no row at all, so it goes: every
 * email a guesser tries leaves a row, and successful sign-ins, which happen all day, sweep them.
 */
async function purgeQuietCounters(db: Executor, now: Date): Promise<void> {
  await db
    .delete(authThrottles)
    .where(
      and(
        lte(authThrottles.lastAttemptAt, quietSince(now)),
        or(isNull(authThrottles.blockedUntil), lte(authThrottles.blockedUntil, now)),
      ),
    );
}

function quietSince(now: Date): Date {
  return new Date(now.getTime() - QUIET_RESET_MS);
}

/** Counts one attempt, or refuses it with the exact time left when the counter is blocked. */
async function count(db: Executor, counter: Counter, now: Date): Promise<void> {
  const keyHash = hashKey(counter.key);
  const attempts = sql`CASE WHEN ${authThrottles.lastAttemptAt} <= ${quietSince(now)}
                        THEN 1 ELSE ${authThrottles.attempts} + 1 END`;
  const counted = await db
    .insert(authThrottles)
    .values({ keyHash, attempts: 1, lastAttemptAt: now, blockedUntil: null })
    .onConflictDoUpdate({
      target: authThrottles.keyHash,
      set: {
        attempts,
        lastAttemptAt: now,
        blockedUntil: sql`CASE WHEN ${attempts} > ${counter.free}
          THEN ${now}::timestamptz + make_interval(secs => least(power(2, ${attempts} - ${counter.free} - 1), ${MAX_BLOCK_SECONDS}))
          END`,
      },
      setWhere: or(sql`${authThrottles.blockedUntil} IS NULL`, sql`${authThrottles.blockedUntil} <= ${now}`),
    })
    .returning({ keyHash: authThrottles.keyHash });
  if (counted.length > 0) return;
  const [blocked] = await db
    .select({ until: authThrottles.blockedUntil })
    .from(authThrottles)
    .where(eq(authThrottles.keyHash, keyHash));
  const waitMs = (blocked?.until?.getTime() ?? now.getTime()) - now.getTime();
  throw new TooManyAttemptsError(Math.max(1, Math.ceil(waitMs / 1000)));
}
