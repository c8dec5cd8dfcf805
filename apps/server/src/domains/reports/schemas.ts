import { z } from 'zod';
import {
  approvalStatusSchema,
  isoDate,
  MAX_ID_LENGTH,
  nonBlank,
  pageQuery,
  queryBoolean,
  sourceSchema,
  unchangeable,
} from '../../http/schemas.ts';

/** The preset ranges of a report (reports/time-reports.md, "Date range"). */
export const PERIODS = [
  'this_week',
  'last_week',
  'this_month',
  'last_month',
  'this_quarter',
  'this_year',
  'custom',
] as const;
export type Period = (typeof PERIODS)[number];

/** At most this many values in one list filter. */
const MAX_LISTED = 50;

/**
 * A query parameter naming one or more values, comma-separated (`project_id=prj_1,prj_2`): the
 * report filters take "one or more clients" (reports/time-reports.md) in the query string a
 * bookmarked report keeps. The pattern spells out the values and their number, so the OpenAPI
 * document says exactly which lists are accepted (`approval_status=0` breaks it) instead of
 * "a string" that the server then refuses.
 */
function commaSeparated<Item extends z.ZodType<string, string>>(
  item: Item,
  value: { pattern: string; maxLength: number },
  what: string,
) {
  return z
    .string()
    .max(MAX_LISTED * (value.maxLength + 1) - 1)
    .regex(
      new RegExp(`^(?:${value.pattern})(?:,(?:${value.pattern})){0,${MAX_LISTED - 1}}$`),
      `must be one to ${MAX_LISTED} ${what}, comma-separated`,
    )
    .transform((text) => text.split(','))
    .pipe(z.array(item));
}

/** Free text values (ids, business roles): anything but a comma, up to `maxLength` characters. */
const textList = (maxLength: number, what: string) =>
  commaSeparated(z.string(), { pattern: `[^,]{1,${maxLength}}`, maxLength }, what);

const ids = (what: string) => textList(MAX_ID_LENGTH, what);

/** Values of an enum, by name. */
function enumList<Values extends readonly [string, ...string[]]>(
  values: z.ZodEnum<{ [Value in Values[number]]: Value }>,
  what: string,
) {
  const names = values.options as readonly string[];
  return commaSeparated(
    values,
    { pattern: names.join('|'), maxLength: Math.max(...names.map((name) => name.length)) },
    what,
  );
}

/** Metadata values are matched exactly (best-practices/metadata.md: agent_id, session_id, model). */
const metadataValue = z.string().min(1).max(200);

/** The filters every report takes; the time and expense reports add their own dimensions. */
export const reportFiltersQuery = z.object({
  period: z
    .enum(PERIODS)
    .optional()
    .describe(
      "A preset range in the workspace's time zone and week start; `custom` (or no period) uses from/to",
    ),
  from: isoDate.optional().describe('First day, inclusive; not with a preset period'),
  to: isoDate.optional().describe('Last day, inclusive; not with a preset period'),
  client_id: ids('client ids').optional(),
  project_id: ids('project ids').optional(),
  user_id: ids('user ids').optional(),
  /** Business roles (Designer, Developer ...): people with any of them. */
  role: textList(100, 'business roles').optional(),
  is_billable: queryBoolean.optional(),
  /** true: on an invoice; false: not yet invoiced. */
  invoiced: queryBoolean.optional(),
  approval_status: enumList(approvalStatusSchema, 'approval statuses').optional(),
  source: enumList(sourceSchema, 'sources').optional(),
  agent_id: metadataValue.optional(),
  session_id: metadataValue.optional(),
  model: metadataValue.optional(),
});

export const timeReportFiltersQuery = reportFiltersQuery.extend({ task_id: ids('task ids').optional() });
export const expenseReportFiltersQuery = reportFiltersQuery.extend({
  category_id: ids('expense category ids').optional(),
});

/** The metadata filters the entry lists take as well (GET /v1/time-entries, /v1/expenses). */
export const metadataFiltersQuery = reportFiltersQuery.pick({
  agent_id: true,
  session_id: true,
  model: true,
});

export type ReportFilters = z.infer<typeof reportFiltersQuery> & {
  task_id?: string[];
  category_id?: string[];
};
export type MetadataFilters = z.infer<typeof metadataFiltersQuery>;

const GROUP_OF_TIME = [
  'client',
  'project',
  'task',
  'person',
  'role',
  'source',
  'day',
  'week',
  'month',
] as const;
const GROUP_OF_EXPENSES = ['client', 'project', 'category', 'person'] as const;

export const timeReportQuery = timeReportFiltersQuery.extend({
  group_by: z
    .enum(GROUP_OF_TIME)
    .default('project')
    .describe(
      "role: a person's first business role; day/week/month: the first day of each (weeks start on the workspace's day)",
    ),
});
export const timeReportEntriesQuery = timeReportFiltersQuery.extend(pageQuery.shape);
export const expenseReportQuery = expenseReportFiltersQuery.extend({
  group_by: z.enum(GROUP_OF_EXPENSES).default('project'),
});
export const expenseReportEntriesQuery = expenseReportFiltersQuery.extend(pageQuery.shape);

/** Amounts hidden from a caller who may not see the rates behind them are null. */
const amount = z.number().nullable();
const reportPeriod = {
  from: z.string().nullable().describe('The first day covered (a preset resolved), null when open'),
  to: z.string().nullable().describe('The last day covered, null when open'),
};

export const timeReportRowSchema = z.object({
  /** Null for the entries without a task, or the people without a business role. */
  id: z.string().nullable(),
  name: z.string(),
  total_hours: z.number(),
  billable_hours: z.number(),
  non_billable_hours: z.number(),
  billable_amount: amount,
  uninvoiced_amount: amount,
  /** The client's currency: a group with entries of clients in several currencies has a row per currency. */
  currency: z.string(),
});

export const timeReportSchema = z.object({
  group_by: z.enum(GROUP_OF_TIME),
  ...reportPeriod,
  results: z.array(timeReportRowSchema),
  totals: z.object({
    total_hours: z.number(),
    billable_hours: z.number(),
    non_billable_hours: z.number(),
    /** One line per currency: sums of the rows' rounded amounts, so the table adds up. */
    amounts: z.array(z.object({ currency: z.string(), billable_amount: amount, uninvoiced_amount: amount })),
  }),
});

export const timeReportEntrySchema = z.object({
  id: z.string(),
  spent_date: z.string(),
  user_id: z.string(),
  user_name: z.string(),
  client_id: z.string(),
  client_name: z.string(),
  project_id: z.string(),
  project_name: z.string(),
  task_id: z.string().nullable(),
  task_name: z.string().nullable(),
  notes: z.string().nullable(),
  hours: z.number(),
  is_billable: z.boolean(),
  /** hours x the entry's rate, rounded to the currency; 0 when not billable, null when hidden. */
  billable_amount: amount,
  currency: z.string(),
  source: sourceSchema,
  approval_status: approvalStatusSchema,
  invoice_id: z.string().nullable(),
  is_invoiced: z.boolean(),
});

export const expenseReportRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  total_amount: z.number(),
  billable_amount: z.number(),
  non_billable_amount: z.number(),
  uninvoiced_amount: z.number(),
  currency: z.string(),
});

export const expenseReportSchema = z.object({
  group_by: z.enum(GROUP_OF_EXPENSES),
  ...reportPeriod,
  results: z.array(expenseReportRowSchema),
  totals: z.object({
    amounts: z.array(
      z.object({
        currency: z.string(),
        total_amount: z.number(),
        billable_amount: z.number(),
        non_billable_amount: z.number(),
        uninvoiced_amount: z.number(),
      }),
    ),
  }),
});

export const expenseReportEntrySchema = z.object({
  id: z.string(),
  spent_date: z.string(),
  user_id: z.string(),
  user_name: z.string(),
  client_id: z.string(),
  client_name: z.string(),
  project_id: z.string(),
  project_name: z.string(),
  category_id: z.string(),
  category_name: z.string(),
  notes: z.string().nullable(),
  total_cost: z.number(),
  billable: z.boolean(),
  currency: z.string(),
  has_receipt: z.boolean(),
  source: sourceSchema,
  approval_status: approvalStatusSchema,
  invoice_id: z.string().nullable(),
  is_invoiced: z.boolean(),
});

export type TimeReportQuery = z.infer<typeof timeReportQuery>;
export type TimeReportEntriesQuery = z.infer<typeof timeReportEntriesQuery>;
export type TimeReport = z.infer<typeof timeReportSchema>;
export type TimeReportEntry = z.infer<typeof timeReportEntrySchema>;
export type ExpenseReportQuery = z.infer<typeof expenseReportQuery>;
export type ExpenseReportEntriesQuery = z.infer<typeof expenseReportEntriesQuery>;
export type ExpenseReport = z.infer<typeof expenseReportSchema>;
export type ExpenseReportEntry = z.infer<typeof expenseReportEntrySchema>;

/** The reports that can be saved, with the query each replays. */
export const SAVED_REPORT_QUERIES = { time: timeReportQuery, expenses: expenseReportQuery } as const;
const savedReportKind = z.enum(['time', 'expenses']);
const visibility = z
  .enum(['private', 'workspace'])
  .describe(
    'private: only you; workspace: everyone in the workspace (each sees only the data their role allows)',
  );

/**
 * A query parameter's schema before it is parsed: the text the query string carries
 * (`"prj_1,prj_2"`, not the list it becomes), with the same pattern and bounds.
 */
function textOf(schema: z.core.$ZodType): z.ZodType<string, string> {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault) return textOf(schema.unwrap());
  if (schema instanceof z.ZodPipe) return textOf(schema.in);
  return schema as z.ZodType<string, string>;
}

/**
 * Saved filters are a report's query parameters as its URL carries them
 * (`{"project_id": "prj_1,prj_2", "period": "this_month"}`), so each key and value is held to
 * exactly what that report's query accepts, and the OpenAPI document lists them.
 */
const savedFiltersOf = (query: z.ZodObject) =>
  z.strictObject(
    Object.fromEntries(Object.entries(query.shape).map(([key, value]) => [key, textOf(value).optional()])),
  ) as unknown as z.ZodType<Record<string, string>, Record<string, string>>;

/** Any report's filters: which of them a report takes depends on its kind. */
const savedFilters = savedFiltersOf(timeReportFiltersQuery.extend(expenseReportFiltersQuery.shape));
const savedGroupBy = z.enum([...new Set([...GROUP_OF_TIME, ...GROUP_OF_EXPENSES])]);

/** What the time and expense reports take differently: their own filter and their groupings, as JSON Schema. */
const KIND_RULE = {
  anyOf: [
    {
      properties: {
        kind: { const: 'time' },
        filters: { properties: { category_id: false } },
        group_by: { enum: [...GROUP_OF_TIME, null] },
      },
    },
    {
      properties: {
        kind: { const: 'expenses' },
        filters: { properties: { task_id: false } },
        group_by: { enum: [...GROUP_OF_EXPENSES, null] },
      },
    },
  ],
};

export const savedReportSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: savedReportKind,
  filters: z.record(z.string(), z.string()),
  group_by: z.string().nullable(),
  visibility: z.enum(['private', 'workspace']),
  owner_id: z.string(),
  can_edit: z
    .boolean()
    .describe(
      'Whether you may rename, change or delete it: your own, or a shared one if you are an administrator',
    ),
  created_at: z.string(),
  updated_at: z.string(),
});

export const createSavedReportBody = z
  .object({
    name: nonBlank(200),
    kind: savedReportKind,
    filters: savedFilters.default({}),
    group_by: savedGroupBy.nullable().optional(),
    visibility: visibility.default('private'),
  })
  // saved-reports.ts checks the filters and grouping against the kind's report with its own message.
  .meta(KIND_RULE);

/** The kind is stored, so a filter or grouping its report does not take is 422 here, not 400. */
export const updateSavedReportBody = z.object({
  name: nonBlank(200).optional(),
  filters: savedFilters.optional(),
  group_by: savedGroupBy.nullable().optional(),
  visibility: visibility.optional(),
  kind: unchangeable,
});

export const listSavedReportsQuery = pageQuery.extend({ kind: savedReportKind.optional() });

export type SavedReportKind = z.infer<typeof savedReportKind>;
export type SavedReportResponse = z.infer<typeof savedReportSchema>;
export type CreateSavedReportInput = z.infer<typeof createSavedReportBody>;
export type UpdateSavedReportInput = z.infer<typeof updateSavedReportBody>;
export type ListSavedReportsFilters = z.infer<typeof listSavedReportsQuery>;
