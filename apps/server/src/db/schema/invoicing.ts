import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  date,
  index,
  integer,
  numeric,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { clients } from './clients.ts';
import { money, timestamps } from './common.ts';
import { users } from './people.ts';
import { projects } from './projects.ts';

/** States and numbering: docs/decisions/0027-invoice-numbering-and-states.md. */
export const invoiceStateEnum = pgEnum('invoice_state', ['draft', 'open', 'paid', 'closed']);
export const paymentTermEnum = pgEnum('payment_term', [
  'upon_receipt',
  'net_15',
  'net_30',
  'net_45',
  'net_60',
  'custom',
]);

/** A tax or discount rate in percent: 9.975 (Quebec's QST) needs three decimals, six leave room. */
export const percent = (name: string) => numeric(name, { precision: 9, scale: 6 });

export const invoices = pgTable(
  'invoices',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    clientId: text('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'restrict' }),
    /** Given when the invoice first leaves draft (invoice_settings.next_number); a draft has none. */
    number: text('number'),
    state: invoiceStateEnum('state').notNull().default('draft'),
    issueDate: date('issue_date', { mode: 'string' }).notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    paymentTerm: paymentTermEnum('payment_term').notNull(),
    subject: text('subject'),
    purchaseOrder: text('purchase_order'),
    notes: text('notes'),
    /** The client's currency when the invoice was made: every amount below is rounded to it. */
    currency: text('currency').notNull(),
    /** Rates and labels copied from the settings at creation, so a later settings change rewrites nothing. */
    tax: percent('tax'),
    taxLabel: text('tax_label'),
    tax2: percent('tax2'),
    tax2Label: text('tax2_label'),
    discount: percent('discount'),
    /** Computed by domains/invoicing/amounts.ts and stored: every view reads these, none recomputes. */
    subtotal: money('subtotal').notNull().default('0'),
    discountAmount: money('discount_amount').notNull().default('0'),
    taxAmount: money('tax_amount').notNull().default('0'),
    tax2Amount: money('tax2_amount').notNull().default('0'),
    amount: money('amount').notNull().default('0'),
    paidAmount: money('paid_amount').notNull().default('0'),
    /** The period an import covered, for the PDF and the client page. */
    periodStart: date('period_start', { mode: 'string' }),
    periodEnd: date('period_end', { mode: 'string' }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** The unguessable key of the client page (/client/invoices/{key}); regenerating it revokes old links. */
    clientKey: text('client_key').notNull(),
    /** The client page's first view. */
    viewedAt: timestamp('viewed_at', { withTimezone: true }),
    createdById: text('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (table) => [
    // Numbers are unique per workspace; drafts have none.
    uniqueIndex('invoices_account_number_unique')
      .on(table.accountId, table.number)
      .where(sql`${table.number} IS NOT NULL`),
    uniqueIndex('invoices_client_key_unique').on(table.clientKey),
    index('invoices_account_issue_date_idx').on(table.accountId, table.issueDate, table.id),
    index('invoices_client_idx').on(table.clientId),
  ],
);

/**
 * A line of an invoice. The time entries and expenses it bills are linked to it
 * (time_entry_invoice_links, expense_invoice_links, keyed by the entry): an entry has at most one
 * line, so it cannot be on two invoices.
 */
export const invoiceLineItems = pgTable(
  'invoice_line_items',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    invoiceId: text('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'cascade' }),
    /** The line's place on the invoice, from 0. */
    position: integer('position').notNull(),
    /** One of the workspace's item categories (invoice_settings.item_categories). */
    kind: text('kind').notNull(),
    description: text('description').notNull().default(''),
    quantity: money('quantity').notNull(),
    unitPrice: money('unit_price').notNull(),
    /** quantity x unit_price rounded half-up to the invoice's currency. */
    amount: money('amount').notNull(),
    taxed: boolean('taxed').notNull().default(false),
    taxed2: boolean('taxed2').notNull().default(false),
    projectId: text('project_id').references(() => projects.id, { onDelete: 'restrict' }),
    /**
     * The fixed-fee project whose fee (or part of it) this line bills; what the project's lines
     * add up to is what was invoiced of its fee, and an import offers only the rest.
     */
    fixedFeeProjectId: text('fixed_fee_project_id').references(() => projects.id, { onDelete: 'restrict' }),
    /**
     * How many time entries and expenses the line bills, written with their links by the import:
     * entries join a line only then and leave it only with it, so the counts stay exact and reading
     * an invoice never counts its links (decision 0055).
     */
    timeEntryCount: integer('time_entry_count').notNull().default(0),
    expenseCount: integer('expense_count').notNull().default(0),
    ...timestamps,
  },
  (table) => [
    index('invoice_line_items_invoice_idx').on(table.invoiceId, table.position),
    index('invoice_line_items_fixed_fee_idx')
      .on(table.fixedFeeProjectId)
      .where(sql`${table.fixedFeeProjectId} IS NOT NULL`),
  ],
);

export const invoicePayments = pgTable(
  'invoice_payments',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    invoiceId: text('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'cascade' }),
    amount: money('amount').notNull(),
    paidDate: date('paid_date', { mode: 'string' }).notNull(),
    notes: text('notes'),
    transactionId: text('transaction_id'),
    /** Which payment provider recorded it (online payments); null for a payment recorded by hand. */
    provider: text('provider'),
    recordedById: text('recorded_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('invoice_payments_invoice_idx').on(table.invoiceId, table.paidDate, table.id),
    // A provider's webhook delivered twice records one payment.
    uniqueIndex('invoice_payments_provider_transaction_unique')
      .on(table.accountId, table.provider, table.transactionId)
      .where(sql`${table.provider} IS NOT NULL AND ${table.transactionId} IS NOT NULL`),
  ],
);

export const DEFAULT_ITEM_CATEGORIES = ['Service', 'Product', 'Expense'];

/** One row a workspace, made on first use; every column has the default a new workspace shows. */
export const invoiceSettings = pgTable('invoice_settings', {
  accountId: text('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  /** `{YYYY}`, `{YY}`, `{MM}` and `{#...}` (the sequence, padded to as many digits as #). */
  numberPattern: text('number_pattern').notNull().default('INV-{YYYY}-{####}'),
  /** The sequence number the next invoice to leave draft gets. */
  nextNumber: integer('next_number').notNull().default(1),
  defaultPaymentTerm: paymentTermEnum('default_payment_term').notNull().default('net_30'),
  /** Days until due for the `custom` default term. */
  defaultPaymentTermDays: integer('default_payment_term_days'),
  taxLabel: text('tax_label').notNull().default('Tax'),
  tax: percent('tax'),
  tax2Label: text('tax2_label').notNull().default('Tax 2'),
  tax2: percent('tax2'),
  accentColor: text('accent_color').notNull().default('#1f6feb'),
  showProjectCodes: boolean('show_project_codes').notNull().default(false),
  itemCategories: text('item_categories').array().notNull().default(sql`'{Service,Product,Expense}'::text[]`),
  sendSubject: text('send_subject').notNull().default('Invoice {number} from {company}'),
  sendBody: text('send_body')
    .notNull()
    .default(
      'Hello {client},\n\nPlease find invoice {number} for {amount}, due {due_date}. You can view and download it at {link}.\n\nThank you.',
    ),
  sendFooter: text('send_footer').notNull().default(''),
  reminderSubject: text('reminder_subject').notNull().default('Reminder: invoice {number} from {company}'),
  reminderBody: text('reminder_body')
    .notNull()
    .default(
      'Hello {client},\n\nThis is a reminder that invoice {number} for {amount} was due {due_date}. You can view it at {link}.\n\nThank you.',
    ),
  reminderFooter: text('reminder_footer').notNull().default(''),
  thankYouSubject: text('thank_you_subject')
    .notNull()
    .default('Thank you for your payment of invoice {number}'),
  thankYouBody: text('thank_you_body')
    .notNull()
    .default('Hello {client},\n\nWe received your payment for invoice {number}. Thank you.'),
  thankYouFooter: text('thank_you_footer').notNull().default(''),
  /** Send the thank-you message by itself when a payment settles an invoice. */
  thankYouOnPayment: boolean('thank_you_on_payment').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** The invoice logo, kept apart from the settings so reading the settings never reads the image. */
export const invoiceLogos = pgTable('invoice_logos', {
  accountId: text('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  content: bytea('content').notNull(),
  contentType: text('content_type').notNull(),
  size: integer('size').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
