/**
 * The report filters, shared by every report (time, expenses, budgets, utilisation, agents): the
 * period they cover in the workspace's calendar, and their translation into SQL conditions over the
 * columns of an entry table, which the entry owners (domains/time/queries.ts,
 * domains/expenses/queries.ts) pass in, so the tables stay theirs (docs/decisions/0016).
 */
import { type Column, eq, gte, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
import { expenseCategories, projects, users } from '../../db/schema/index.ts';
import { BusinessRuleError } from '../../lib/errors.ts';
import {
  addCalendarDays,
  monthOf,
  quarterOf,
  todayIn,
  type Weekday,
  weekOf,
  yearOf,
} from '../../lib/workspace-clock.ts';
import type { UserScope } from '../access/abilities.ts';
import { categoryIdCondition } from '../expenses/categories.ts';
import type { MetadataFilters, Period, ReportFilters } from './schemas.ts';

/** A range of calendar days, both ends inclusive; an absent end is open. */
export interface DateRange {
  from?: string;
  to?: string;
}

/** What the presets need of the workspace: its calendar (docs/decisions/0012-workspace-clock.md). */
export interface WorkspaceCalendar {
  timezone: string;
  weekStartsOn: Weekday;
}

/**
 * The days a report covers: a preset taken around today in the workspace's time zone (This week
 * starts on the workspace's first day of the week), or the custom from/to as given. The rules
 * between parameters are 422: each parameter is valid on its own, and OpenAPI describes query
 * parameters one at a time, so the document cannot state them (decision 0015).
 */
export function resolvePeriod(
  filters: Pick<ReportFilters, 'period' | 'from' | 'to'>,
  workspace: WorkspaceCalendar,
  now: Date,
): DateRange {
  const { period, from, to } = filters;
  if (from !== undefined && to !== undefined && from > to) {
    throw new BusinessRuleError('from must be on or before to', 'from');
  }
  if (period === undefined || period === 'custom') return { from, to };
  if (from !== undefined || to !== undefined) {
    throw new BusinessRuleError(`from and to go with period=custom, not period=${period}`, 'period');
  }
  const today = todayIn(workspace.timezone, now);
  const range = presetRange(period, today, workspace.weekStartsOn);
  return { from: range.start, to: range.end };
}

function presetRange(period: Exclude<Period, 'custom'>, today: string, weekStartsOn: Weekday) {
  switch (period) {
    case 'this_week':
      return weekOf(today, weekStartsOn);
    case 'last_week':
      return weekOf(addCalendarDays(weekOf(today, weekStartsOn).start, -1), weekStartsOn);
    case 'this_month':
      return monthOf(today);
    case 'last_month':
      return monthOf(addCalendarDays(monthOf(today).start, -1));
    case 'this_quarter':
      return quarterOf(today);
    case 'this_year':
      return yearOf(today);
  }
}

/** The columns of an entry table (time entries, expenses) that the filters read. */
export interface EntryColumns {
  accountId: Column;
  userId: Column;
  projectId: Column;
  spentDate: Column;
  billable: Column;
  source: Column;
  metadata: Column;
  approvalStatus: Column;
  /** Whether the entry is billed on an invoice (its link exists), and whether it is not. */
  billed: SQL;
  notBilled: SQL;
  /** Time entries only. */
  taskId?: Column;
  /** Expenses only. */
  categoryId?: Column;
}

/**
 * The metadata filters as one containment test, `metadata @> {"agent_id": ...}`, which the GIN
 * index on each entry table's metadata answers (jsonb_path_ops serves exactly `@>`).
 */
export function metadataCondition(metadata: Column, filters: MetadataFilters): SQL | undefined {
  const wanted: Record<string, string> = {};
  if (filters.agent_id !== undefined) wanted.agent_id = filters.agent_id;
  if (filters.session_id !== undefined) wanted.session_id = filters.session_id;
  if (filters.model !== undefined) wanted.model = filters.model;
  if (Object.keys(wanted).length === 0) return undefined;
  return sql`${metadata} @> ${JSON.stringify(wanted)}::jsonb`;
}

/**
 * The WHERE conditions of a report over an entry table: the tenant, whose entries the actor may
 * see (`scope`), the period and every filter given. Filters of several values match any of them;
 * different filters combine with AND.
 */
export function entryConditions(
  columns: EntryColumns,
  accountId: string,
  scope: UserScope,
  period: DateRange,
  filters: ReportFilters,
): SQL[] {
  const conditions: (SQL | undefined)[] = [eq(columns.accountId, accountId)];
  if (scope.kind === 'some') conditions.push(inArray(columns.userId, scope.userIds));
  if (period.from !== undefined) conditions.push(gte(columns.spentDate, period.from));
  if (period.to !== undefined) conditions.push(lte(columns.spentDate, period.to));
  if (filters.user_id !== undefined) conditions.push(inArray(columns.userId, filters.user_id));
  if (filters.project_id !== undefined) conditions.push(inArray(columns.projectId, filters.project_id));
  if (filters.client_id !== undefined) {
    conditions.push(
      inArray(
        columns.projectId,
        sql`(SELECT ${projects.id} FROM ${projects} WHERE ${projects.accountId} = ${accountId} AND ${inArray(projects.clientId, filters.client_id)})`,
      ),
    );
  }
  if (filters.role !== undefined) {
    conditions.push(
      inArray(
        columns.userId,
        sql`(SELECT ${users.id} FROM ${users} WHERE ${users.accountId} = ${accountId} AND ${users.businessRoles} && ${sql.param(filters.role)}::text[])`,
      ),
    );
  }
  if (filters.task_id !== undefined) conditions.push(inArray(requireColumn(columns.taskId), filters.task_id));
  if (filters.category_id !== undefined) {
    // By id or by a built-in category's alias (cat_llm_usage), as the expense endpoints take them.
    conditions.push(
      inArray(
        requireColumn(columns.categoryId),
        sql`(SELECT ${expenseCategories.id} FROM ${expenseCategories} WHERE ${expenseCategories.accountId} = ${accountId} AND ${or(...filters.category_id.map(categoryIdCondition))})`,
      ),
    );
  }
  if (filters.is_billable !== undefined) conditions.push(eq(columns.billable, filters.is_billable));
  // An entry is invoiced while an invoice line links it (docs/decisions/0055-invoice-links.md).
  if (filters.invoiced !== undefined) conditions.push(filters.invoiced ? columns.billed : columns.notBilled);
  if (filters.approval_status !== undefined) {
    conditions.push(inArray(columns.approvalStatus, filters.approval_status));
  }
  if (filters.source !== undefined) conditions.push(inArray(columns.source, filters.source));
  conditions.push(metadataCondition(columns.metadata, filters));
  return conditions.filter((condition): condition is SQL => condition !== undefined);
}

/** A filter the report's schema accepts always has its column (time entries have tasks, expenses categories). */
function requireColumn(column: Column | undefined): Column {
  if (column === undefined) throw new Error('a report filter was given for a column its entries do not have');
  return column;
}
