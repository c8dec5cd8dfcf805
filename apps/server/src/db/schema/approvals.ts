import { date, index, pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { timestamps } from './common.ts';
import { users } from './people.ts';

export const timesheetStateEnum = pgEnum('timesheet_state', ['submitted', 'approved', 'rejected']);

/**
 * One submission: the time entries and expenses a person handed in for a period, decided on
 * together. A second submission in the same period is a timesheet of its own, carrying only the
 * entries the first did not (docs/decisions/0018-timesheets.md).
 */
export const timesheets = pgTable(
  'timesheets',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    state: timesheetStateEnum('state').notNull().default('submitted'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    /** Who pressed submit: the person, or an administrator or manager on their behalf. */
    submittedById: text('submitted_by_id').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedById: text('decided_by_id').references(() => users.id, { onDelete: 'set null' }),
    /** Why it was rejected, shown to the person. */
    reason: text('reason'),
    ...timestamps,
  },
  (table) => [
    index('timesheets_account_state_idx').on(table.accountId, table.state, table.periodFrom),
    index('timesheets_user_period_idx').on(table.userId, table.periodFrom),
  ],
);
