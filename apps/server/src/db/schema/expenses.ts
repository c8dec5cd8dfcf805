import {
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { timesheets } from './approvals.ts';
import { approvalStatusEnum, money, sourceEnum, timestamps } from './common.ts';
import { users } from './people.ts';
import { projects } from './projects.ts';

export const expenseCategories = pgTable(
  'expense_categories',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** Unit-based categories have a unit name and price; standard ones have neither. */
    unitName: text('unit_name'),
    unitPrice: money('unit_price'),
    billableByDefault: boolean('billable_by_default').notNull().default(true),
    /** Names a built-in category (`llm_usage`, ...) so aliases such as `cat_llm_usage` can find it. */
    builtinKey: text('builtin_key'),
    isActive: boolean('is_active').notNull().default(true),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    ...timestamps,
  },
  (table) => [uniqueIndex('expense_categories_builtin_unique').on(table.accountId, table.builtinKey)],
);

export const expenses = pgTable(
  'expenses',
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
    expenseCategoryId: text('expense_category_id')
      .notNull()
      .references(() => expenseCategories.id, { onDelete: 'restrict' }),
    spentDate: date('spent_date', { mode: 'string' }).notNull(),
    units: money('units'),
    unitPrice: money('unit_price'),
    totalCost: money('total_cost').notNull(),
    notes: text('notes'),
    billable: boolean('billable').notNull(),
    source: sourceEnum('source').notNull().default('api'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>(),
    /** Where the receipt's bytes are kept (a key of the receipt store) and what they are. */
    receiptKey: text('receipt_key'),
    receiptFileName: text('receipt_file_name'),
    receiptContentType: text('receipt_content_type'),
    receiptSize: integer('receipt_size'),
    approvalStatus: approvalStatusEnum('approval_status').notNull().default('unsubmitted'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    approvedById: text('approved_by_id').references(() => users.id, { onDelete: 'set null' }),
    /** The submission (timesheet) that carries the entry; kept after a rejection until resubmitted. */
    timesheetId: text('timesheet_id').references(() => timesheets.id, { onDelete: 'set null' }),
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    /** An administrator's last change inside the locked period (the lock-after-days rule lets them). */
    lockOverriddenAt: timestamp('lock_overridden_at', { withTimezone: true }),
    lockOverriddenById: text('lock_overridden_by_id').references(() => users.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (table) => [
    index('expenses_account_date_idx').on(table.accountId, table.spentDate, table.id),
    index('expenses_project_date_idx').on(table.projectId, table.spentDate, table.id),
    index('expenses_user_date_idx').on(table.userId, table.spentDate, table.id),
    index('expenses_timesheet_idx').on(table.timesheetId),
    // The metadata filters (agent_id, session_id, model) are one `metadata @> {...}` test; jsonb_path_ops
    // indexes exactly that operator, smaller than the default GIN opclass (reports/filters.ts).
    index('expenses_metadata_idx').using('gin', table.metadata.op('jsonb_path_ops')),
  ],
);

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * Receipt bytes for the default PostgreSQL receipt store (docs/decisions/0021-receipt-storage.md):
 * kept apart from `expenses` so listing expenses never reads them.
 */
export const receiptFiles = pgTable('receipt_files', {
  key: text('key').primaryKey(),
  accountId: text('account_id')
    .notNull()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  content: bytea('content').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Which invoice line bills an expense: a row while it is billed, as `time_entry_invoice_links` for
 * time entries (docs/decisions/0055-invoice-links.md, where the missing foreign keys are explained).
 */
export const expenseInvoiceLinks = pgTable(
  'expense_invoice_links',
  {
    expenseId: text('expense_id').primaryKey(),
    accountId: text('account_id').notNull(),
    invoiceId: text('invoice_id').notNull(),
    invoiceLineItemId: text('invoice_line_item_id').notNull(),
  },
  (table) => [
    index('expense_invoice_links_invoice_idx')
      .using('brin', table.invoiceId, table.invoiceLineItemId)
      .with({ autosummarize: true }),
  ],
);
