import { sql } from 'drizzle-orm';
import { boolean, date, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { timesheets } from './approvals.ts';
import { approvalStatusEnum, hours, money, sourceEnum, timestamps } from './common.ts';
import { users } from './people.ts';
import { projects, tasks } from './projects.ts';

export const timeEntries = pgTable(
  'time_entries',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'restrict' }),
    taskId: text('task_id').references(() => tasks.id, { onDelete: 'restrict' }),
    spentDate: date('spent_date', { mode: 'string' }).notNull(),
    /** Hours recorded so far; a running timer adds the time since timer_started_at on read. */
    hours: hours('hours').notNull().default('0'),
    notes: text('notes'),
    isBillable: boolean('is_billable').notNull(),
    source: sourceEnum('source').notNull().default('api'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>(),
    /** Set while the timer runs. */
    timerStartedAt: timestamp('timer_started_at', { withTimezone: true }),
    /** Start/end mode: the clock times the entry covers (may cross midnight). */
    startedAt: timestamp('started_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /** Rates resolved when the entry was written, so later rate changes do not rewrite history. */
    billableRate: money('billable_rate'),
    costRate: money('cost_rate'),
    approvalStatus: approvalStatusEnum('approval_status').notNull().default('unsubmitted'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    approvedById: text('approved_by_id').references(() => users.id, { onDelete: 'set null' }),
    /** The submission (timesheet) that carries the entry; kept after a rejection until resubmitted. */
    timesheetId: text('timesheet_id').references(() => timesheets.id, { onDelete: 'set null' }),
    /** Locked by hand or by the workspace's lock-after-days rule; approved and invoiced entries lock too. */
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    /** An administrator's last change inside the locked period (the lock-after-days rule lets them). */
    lockOverriddenAt: timestamp('lock_overridden_at', { withTimezone: true }),
    lockOverriddenById: text('lock_overridden_by_id').references(() => users.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (table) => [
    // One running timer per user, enforced by the database rather than a check-then-insert.
    uniqueIndex('time_entries_one_running_timer')
      .on(table.userId)
      .where(sql`${table.timerStartedAt} IS NOT NULL`),
    index('time_entries_account_date_idx').on(table.accountId, table.spentDate, table.id),
    index('time_entries_user_date_idx').on(table.userId, table.spentDate, table.id),
    index('time_entries_timesheet_idx').on(table.timesheetId),
    // The metadata filters (agent_id, session_id, model) are one `metadata @> {...}` test; jsonb_path_ops
    // indexes exactly that operator, smaller than the default GIN opclass (reports/filters.ts).
    index('time_entries_metadata_idx').using('gin', table.metadata.op('jsonb_path_ops')),
    index('time_entries_project_date_idx').on(table.projectId, table.spentDate, table.id),
  ],
);

/**
 * Which invoice line bills an entry: a row while the entry is billed (docs/decisions/0055-invoice-links.md).
 * The primary key is the entry, so no entry can be on two invoices, whatever runs at the same time.
 * Billing writes these narrow rows instead of updating the wide, many-times-indexed entry rows.
 * No foreign keys: each is a per-row check that costs as much as the insert itself; the entry owner
 * is the only writer, and an invoice line is deleted only after its links (domains/invoicing).
 */
export const timeEntryInvoiceLinks = pgTable(
  'time_entry_invoice_links',
  {
    timeEntryId: text('time_entry_id').primaryKey(),
    accountId: text('account_id').notNull(),
    invoiceId: text('invoice_id').notNull(),
    invoiceLineItemId: text('invoice_line_item_id').notNull(),
  },
  // An invoice's or a line's entries (releasing a line, the entry lists' filters). A BRIN index: links
  // arrive an import at a time and invoice and line ids begin with their time, so each block range
  // holds a narrow span of them, and an insert costs it next to nothing where a B-tree entry a row
  // cost a third of the import (decision 0055). Ranges widen as deleted drafts' space is reused.
  (table) => [
    index('time_entry_invoice_links_invoice_idx')
      .using('brin', table.invoiceId, table.invoiceLineItemId)
      .with({ autosummarize: true }),
  ],
);
