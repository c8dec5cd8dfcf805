import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { notificationSends } from '../../db/schema/index.ts';

export interface PlannedSend {
  accountId: string;
  userId: string;
  kind: string;
  period: string;
}

/**
 * Records scheduled emails as sent and returns the ones that were not already: the caller queues
 * exactly those, in the same transaction, so each goes out once.
 */
export async function claimSends(db: Executor, sends: PlannedSend[]): Promise<PlannedSend[]> {
  if (sends.length === 0) return [];
  return db.insert(notificationSends).values(sends).onConflictDoNothing().returning({
    accountId: notificationSends.accountId,
    userId: notificationSends.userId,
    kind: notificationSends.kind,
    period: notificationSends.period,
  });
}

/** Drops the record of sends older than a few weeks: no period that old can fall due again. */
export async function forgetSendsBefore(db: Executor, before: Date): Promise<void> {
  await db.delete(notificationSends).where(sql`${notificationSends.queuedAt} < ${before}`);
}
