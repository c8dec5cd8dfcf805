import { index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { timestamps } from './common.ts';
import { users } from './people.ts';

/**
 * A saved report (reports/time-reports.md, "Saving Reports"): a named set of filters and a grouping,
 * kept as the query parameters the report takes, so opening it is running that query again.
 */
export const savedReports = pgTable(
  'saved_reports',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** Who saved it; only they (and administrators, for shared reports) change it. */
    ownerId: text('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** Which report: `time`, `expenses` (text, so other reports can be saved without a type change). */
    kind: text('kind').notNull(),
    filters: jsonb('filters').$type<Record<string, string>>().notNull(),
    groupBy: text('group_by'),
    /** `private` (the owner's) or `workspace` (everyone in the workspace sees it). */
    visibility: text('visibility').$type<'private' | 'workspace'>().notNull().default('private'),
    ...timestamps,
  },
  (table) => [index('saved_reports_account_name_idx').on(table.accountId, table.name, table.id)],
);
