import { pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { users } from './people.ts';

/**
 * The scheduled emails already sent: one row per person, kind and period (the week's first day for
 * the timesheet reminders and the weekly report, the local date for the daily reminder). Written in
 * the transaction that queues the email, so a reminder goes out once however often the scheduler
 * runs and across restarts.
 */
export const notificationSends = pgTable(
  'notification_sends',
  {
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    period: text('period').notNull(),
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.kind, table.period] })],
);
