import { numeric, pgEnum, timestamp } from 'drizzle-orm/pg-core';

export const sourceEnum = pgEnum('entry_source', ['web', 'cli', 'api', 'agent']);
export const approvalStatusEnum = pgEnum('approval_status', [
  'unsubmitted',
  'submitted',
  'approved',
  'rejected',
]);

/** Money and rates: exact decimals, never floats. */
export const money = (name: string) => numeric(name, { precision: 18, scale: 6 });
/** Hours: 4 decimals is a resolution of 0.36 seconds. */
export const hours = (name: string) => numeric(name, { precision: 10, scale: 4 });

export const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};
