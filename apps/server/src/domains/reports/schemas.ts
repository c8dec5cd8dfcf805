import { z } from 'zod';
import {
  approvalStatusSchema,
  isoDate,
  MAX_ID_LENGTH,
  queryBoolean,
  sourceSchema,
} from '../../http/schemas.ts';
import { PERIODS } from './filters.ts';

/**
 * A query parameter naming one or more values, comma-separated (`project_id=prj_1,prj_2`): the
 * report filters take "one or more clients" (reports/time-reports.md) in the query string a
 * bookmarked report keeps.
 */
function listOf<Item extends z.ZodType<string, string>>(item: Item, what: string) {
  return z
    .string()
    .max(50 * (MAX_ID_LENGTH + 1))
    .regex(/^[^,]+(,[^,]+)*$/, `must be one or more ${what}, comma-separated`)
    .transform((value) => value.split(','))
    .pipe(z.array(item).max(50));
}

const ids = (what: string) => listOf(z.string().max(MAX_ID_LENGTH), what);

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
  role: listOf(z.string().max(100), 'business roles').optional(),
  is_billable: queryBoolean.optional(),
  /** true: on an invoice; false: not yet invoiced. */
  invoiced: queryBoolean.optional(),
  approval_status: listOf(approvalStatusSchema, 'approval statuses').optional(),
  source: listOf(sourceSchema, 'sources').optional(),
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
