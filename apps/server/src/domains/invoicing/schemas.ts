import { z } from 'zod';
import { idString, isoDate, nonBlank, pageQuery, queryBoolean } from '../../http/schemas.ts';

/**
 * The invoice resource (issue 15). Field names follow Harvest's API v2 where it has one, so people
 * who know it feel at home. Amounts are JSON numbers at the boundary as elsewhere (decision 0010);
 * they are computed and stored by the server, never taken from a request.
 */

export const invoiceStateSchema = z.enum(['draft', 'open', 'paid', 'closed']);
export const paymentTermSchema = z.enum(['upon_receipt', 'net_15', 'net_30', 'net_45', 'net_60', 'custom']);
export const timeSummaryTypeSchema = z.enum(['project', 'task', 'people', 'detailed']);
export const expenseSummaryTypeSchema = z.enum(['project', 'category', 'people', 'detailed']);

/** A quantity or a price typed on a line: non-negative, within what a `money` column holds. */
const lineNumber = z.number().min(0).max(1_000_000_000);
const percentage = z.number().min(0).max(100);
const optionalText = (max: number) => z.string().max(max).nullable().optional();

export const lineItemSchema = z.object({
  id: z.string(),
  /** One of the workspace's item categories (Service, Product, Expense by default). */
  kind: z.string(),
  description: z.string(),
  quantity: z.number(),
  unit_price: z.number(),
  /** quantity x unit_price, rounded half-up to the invoice's currency. */
  amount: z.number(),
  taxed: z.boolean(),
  taxed2: z.boolean(),
  project_id: z.string().nullable(),
  /**
   * How many time entries and expenses this line bills: they are locked while it exists. The
   * entries themselves: `GET /v1/time-entries?invoice_id=` and `GET /v1/expenses?invoice_id=`.
   */
  time_entry_count: z.number().int(),
  expense_count: z.number().int(),
});

export const invoiceClientSchema = z.object({ id: z.string(), name: z.string() });

export const invoiceSchema = z.object({
  id: z.string(),
  client_id: z.string(),
  client: invoiceClientSchema,
  /** Given when the invoice first leaves draft; null for a draft. */
  number: z.string().nullable(),
  state: invoiceStateSchema,
  issue_date: z.string(),
  due_date: z.string(),
  payment_term: paymentTermSchema,
  subject: z.string().nullable(),
  purchase_order: z.string().nullable(),
  notes: z.string().nullable(),
  currency: z.string(),
  /** Percentages; null when the invoice has no such tax or discount. */
  tax: z.number().nullable(),
  tax_label: z.string().nullable(),
  tax2: z.number().nullable(),
  tax2_label: z.string().nullable(),
  discount: z.number().nullable(),
  subtotal: z.number(),
  discount_amount: z.number(),
  tax_amount: z.number(),
  tax2_amount: z.number(),
  amount: z.number(),
  paid_amount: z.number(),
  due_amount: z.number(),
  /** Open, with an amount due, and past its due date in the workspace's time zone. */
  is_overdue: z.boolean(),
  /** Days past the due date while overdue, else 0. */
  days_overdue: z.number().int(),
  /** True for an open invoice that was already sent: an edit changes what the client received. */
  already_sent: z.boolean(),
  /** Paid and closed invoices cannot be edited (`invoice_locked`). */
  is_locked: z.boolean(),
  period_start: z.string().nullable(),
  period_end: z.string().nullable(),
  sent_at: z.string().nullable(),
  paid_at: z.string().nullable(),
  closed_at: z.string().nullable(),
  /** The key of the client page, /client/invoices/{client_key}. */
  client_key: z.string(),
  viewed_at: z.string().nullable(),
  line_items: z.array(lineItemSchema),
  created_at: z.string(),
  updated_at: z.string(),
});

/** A line typed or edited by hand. On PATCH, `id` keeps an existing line (and the entries it bills). */
export const lineItemInput = z.object({
  id: idString.optional(),
  /** Defaults to the first item category (Service). */
  kind: nonBlank(100).optional(),
  description: z.string().max(10_000).default(''),
  quantity: lineNumber,
  unit_price: lineNumber,
  taxed: z.boolean().default(false),
  taxed2: z.boolean().default(false),
  project_id: idString.nullable().optional(),
});

export const lineItemsImportSchema = z.object({
  /** Projects of the invoice's client whose billable, uninvoiced work is pulled in. */
  project_ids: z.array(idString).min(1).max(100),
  time: z
    .object({
      summary_type: timeSummaryTypeSchema,
      from: isoDate.optional(),
      to: isoDate.optional(),
    })
    .optional(),
  expenses: z
    .object({
      summary_type: expenseSummaryTypeSchema,
      from: isoDate.optional(),
      to: isoDate.optional(),
      /** LLM Usage as lines of their own, by model (invoicing/agent-work); false groups them as other expenses. */
      separate_llm_usage: z.boolean().default(true),
    })
    .optional(),
  /** For fixed-fee projects among project_ids: the percentage of each fee billed as a line. */
  fixed_fee: z.object({ percent: z.number().gt(0).max(100).default(100) }).optional(),
});

const invoiceFields = {
  /** Default: today in the workspace's time zone. */
  issue_date: isoDate.optional(),
  /** Default: the settings' default term. */
  payment_term: paymentTermSchema.optional(),
  /** Required with payment_term custom, ignored otherwise (the term gives it). */
  due_date: isoDate.optional(),
  subject: optionalText(1000),
  purchase_order: optionalText(200),
  notes: optionalText(10_000),
  /** Defaults from the invoice settings. */
  tax: percentage.nullable().optional(),
  tax2: percentage.nullable().optional(),
  discount: percentage.nullable().optional(),
};

export const createInvoiceBody = z.object({
  client_id: idString,
  ...invoiceFields,
  line_items: z
    .array(lineItemInput.omit({ id: true }))
    .max(1000)
    .optional(),
  line_items_import: lineItemsImportSchema.optional(),
});

export const updateInvoiceBody = z.object({
  ...invoiceFields,
  /** The full list, in order: lines left out are removed and release the entries they billed. */
  line_items: z.array(lineItemInput).max(10_000).optional(),
});

export const listInvoicesQuery = pageQuery.extend({
  state: invoiceStateSchema.optional(),
  client_id: idString.optional(),
  /** Issue dates from and to, inclusive. */
  from: isoDate.optional(),
  to: isoDate.optional(),
  is_overdue: queryBoolean.optional(),
});

export const uninvoicedQuery = z.object({
  client_id: idString,
  from: isoDate.optional(),
  to: isoDate.optional(),
});

const UNSUBMITTED =
  'Of those, the ones not submitted yet or rejected: nobody can approve them until they are (re)submitted';

/** What an import would pull, a project at a time. */
export const uninvoicedSchema = z.object({
  client_id: z.string(),
  currency: z.string(),
  projects: z.array(
    z.object({
      project_id: z.string(),
      project_name: z.string(),
      billing_type: z.enum(['time_and_materials', 'fixed_fee', 'non_billable']),
      hours: z.number(),
      time_amount: z.number(),
      expense_amount: z.number(),
      /**
       * What is left to invoice of a fixed-fee project's fee (its time is billed through the fee, not
       * by the hour): the fee less its lines on invoices, 0 once all of it is; null for other projects,
       * and for a fee some of which was invoiced in another currency than the client's (the import
       * refuses it: a fee is invoiced in one currency).
       */
      fixed_fee: z.number().nullable(),
      time_entry_count: z.number().int(),
      expense_count: z.number().int(),
      awaiting_approval: z
        .object({
          hours: z.number(),
          time_entry_count: z.number().int(),
          unsubmitted_time_entry_count: z.number().int().describe(UNSUBMITTED),
          expense_amount: z.number(),
          expense_count: z.number().int(),
          unsubmitted_expense_count: z.number().int().describe(UNSUBMITTED),
        })
        .describe(
          'What an import leaves out of the period because Approvals is on and it is not approved yet: ' +
            'billable, uninvoiced time (of projects billed by the hour) and expenses, in the currency. ' +
            'All zero while Approvals is off.',
        ),
    }),
  ),
});

export const paymentSchema = z.object({
  id: z.string(),
  invoice_id: z.string(),
  amount: z.number(),
  paid_date: z.string(),
  notes: z.string().nullable(),
  transaction_id: z.string().nullable(),
  /** The payment provider that recorded it; null when recorded by hand. */
  provider: z.string().nullable(),
  /** What was still due after this payment, payments taken by date then as recorded. */
  balance: z.number(),
  recorded_by_id: z.string().nullable(),
  created_at: z.string(),
});

export const createPaymentBody = z.object({
  amount: z.number().gt(0).max(1_000_000_000),
  /** Default: today in the workspace's time zone. */
  paid_date: isoDate.optional(),
  notes: optionalText(10_000),
  transaction_id: nonBlank(200).nullable().optional(),
});

export const paymentParams = z.object({ id: idString, paymentId: idString });

export const agingBucketsSchema = z.object({
  days_0_30: z.number(),
  days_31_60: z.number(),
  days_61_90: z.number(),
  days_over_90: z.number(),
  total: z.number(),
});

/** Outstanding amounts of open invoices, by days past due. Amounts are in each client's currency. */
export const agingSchema = z.object({
  clients: z.array(
    agingBucketsSchema.extend({ client_id: z.string(), client_name: z.string(), currency: z.string() }),
  ),
  /** Total receivables per currency: amounts in different currencies are never added together. */
  totals: z.array(agingBucketsSchema.extend({ currency: z.string() })),
});

const templateSchema = z.object({ subject: z.string(), body: z.string(), footer: z.string() });
const templateInput = z.object({
  subject: nonBlank(500).optional(),
  body: z.string().max(20_000).optional(),
  footer: z.string().max(5_000).optional(),
});

/** `{YYYY}`, `{YY}`, `{MM}` and exactly one `{#...}` (the sequence, padded to the number of #). */
export const numberPatternSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(
    /^(?:[^{}]|\{YYYY\}|\{YY\}|\{MM\})*\{#{1,12}\}(?:[^{}]|\{YYYY\}|\{YY\}|\{MM\})*$/,
    'must contain one {#...} sequence and only {YYYY}, {YY} and {MM} besides',
  );

export const invoiceSettingsSchema = z.object({
  number_pattern: z.string(),
  next_number: z.number().int(),
  default_payment_term: paymentTermSchema,
  /** Days until due for the custom default term. */
  default_payment_term_days: z.number().int().nullable(),
  tax_label: z.string(),
  tax: z.number().nullable(),
  tax2_label: z.string(),
  tax2: z.number().nullable(),
  accent_color: z.string(),
  show_project_codes: z.boolean(),
  item_categories: z.array(z.string()),
  /** Where the logo is served, GET /v1/invoice-settings/logo; null without one. */
  logo_url: z.string().nullable(),
  templates: z.object({ send: templateSchema, reminder: templateSchema, thank_you: templateSchema }),
  thank_you_on_payment: z.boolean(),
  updated_at: z.string(),
});

export const updateInvoiceSettingsBody = z.object({
  number_pattern: numberPatternSchema.optional(),
  next_number: z.number().int().min(1).max(2_000_000_000).optional(),
  default_payment_term: paymentTermSchema.optional(),
  default_payment_term_days: z.number().int().min(0).max(3650).nullable().optional(),
  tax_label: nonBlank(50).optional(),
  tax: percentage.nullable().optional(),
  tax2_label: nonBlank(50).optional(),
  tax2: percentage.nullable().optional(),
  accent_color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour as #rrggbb')
    .optional(),
  show_project_codes: z.boolean().optional(),
  item_categories: z.array(nonBlank(100)).min(1).max(50).optional(),
  templates: z
    .object({
      send: templateInput.optional(),
      reminder: templateInput.optional(),
      thank_you: templateInput.optional(),
    })
    .optional(),
  thank_you_on_payment: z.boolean().optional(),
});

export type InvoiceResponse = z.infer<typeof invoiceSchema>;
export type LineItemResponse = z.infer<typeof lineItemSchema>;
export type LineItemInput = z.infer<typeof lineItemInput>;
export type LineItemsImport = z.infer<typeof lineItemsImportSchema>;
export type CreateInvoiceInput = z.infer<typeof createInvoiceBody>;
export type UpdateInvoiceInput = z.infer<typeof updateInvoiceBody>;
export type ListInvoicesFilters = z.infer<typeof listInvoicesQuery>;
export type UninvoicedFilters = z.infer<typeof uninvoicedQuery>;
export type UninvoicedResponse = z.infer<typeof uninvoicedSchema>;
export type PaymentResponse = z.infer<typeof paymentSchema>;
export type CreatePaymentInput = z.infer<typeof createPaymentBody>;
export type AgingResponse = z.infer<typeof agingSchema>;
export type InvoiceSettingsResponse = z.infer<typeof invoiceSettingsSchema>;
export type UpdateInvoiceSettingsInput = z.infer<typeof updateInvoiceSettingsBody>;

/** The kinds of image a logo may be, decided from its bytes (as receipts are, decision 0022). */
export const LOGO_CONTENT_TYPES = ['image/png', 'image/jpeg', 'image/gif'];
const logoBytes = z.string().meta({ format: 'binary', description: 'The logo image' });
/** A logo download: served with the type sniffed at upload, so the document lists each one it can be. */
export const logoResponse = {
  content: Object.fromEntries(LOGO_CONTENT_TYPES.map((type) => [type, { schema: logoBytes }])),
};
