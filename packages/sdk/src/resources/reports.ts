import type { PagePromise } from '../core/pagination.js';
import type { RequestOptions } from '../core/request-options.js';
import { APIResource } from '../core/resource.js';
import { segment } from '../internal/query.js';
import type { ApprovalStatus, PageParams, Source } from './shared.js';

/** A preset date range, taken in the workspace's time zone; `custom` uses `from`/`to`. */
export type ReportPeriod =
  | 'this_week'
  | 'last_week'
  | 'this_month'
  | 'last_month'
  | 'this_quarter'
  | 'this_year'
  | 'custom';

/** One value or several (sent comma-separated): several match any of them. */
type OneOrMany<T extends string = string> = T | readonly T[];

/** Filters every report takes; different filters combine with AND. */
export interface ReportFilters {
  period?: ReportPeriod;
  /** First day, inclusive (YYYY-MM-DD); not with a preset period. */
  from?: string;
  /** Last day, inclusive (YYYY-MM-DD); not with a preset period. */
  to?: string;
  client_id?: OneOrMany;
  project_id?: OneOrMany;
  user_id?: OneOrMany;
  /** Business roles (Designer, Developer, ...). */
  role?: OneOrMany;
  is_billable?: boolean;
  /** true: on an invoice; false: not yet invoiced. */
  invoiced?: boolean;
  approval_status?: OneOrMany<ApprovalStatus>;
  source?: OneOrMany<Source>;
  agent_id?: string;
  session_id?: string;
  model?: string;
}

export type TimeReportGroup =
  | 'client'
  | 'project'
  | 'task'
  | 'person'
  | 'role'
  | 'source'
  | 'day'
  | 'week'
  | 'month';
export type ExpenseReportGroup = 'client' | 'project' | 'category' | 'person';

/** Filters of the time reports. */
export interface TimeReportFilters extends ReportFilters {
  task_id?: OneOrMany;
}

/** Parameters of `reports.time`. */
export interface TimeReportParams extends TimeReportFilters {
  /** Default `project`. */
  group_by?: TimeReportGroup;
}

/** Parameters of `reports.timeEntries`. */
export interface TimeReportEntriesParams extends TimeReportFilters, PageParams {}

/** Filters of the expense reports. */
export interface ExpenseReportFilters extends ReportFilters {
  /** Category ids, or built-in aliases such as `cat_llm_usage`. */
  category_id?: OneOrMany;
}

/** Parameters of `reports.expenses`. */
export interface ExpenseReportParams extends ExpenseReportFilters {
  /** Default `project`. */
  group_by?: ExpenseReportGroup;
}

/** Parameters of `reports.expenseEntries`. */
export interface ExpenseReportEntriesParams extends ExpenseReportFilters, PageParams {}

/** One group of a time summary in one currency; amounts are null when the caller may not see rates. */
export interface TimeReportRow {
  /** Null for entries without a task, or people without a business role. */
  id: string | null;
  name: string;
  total_hours: number;
  billable_hours: number;
  non_billable_hours: number;
  billable_amount: number | null;
  uninvoiced_amount: number | null;
  currency: string;
}

/** A time summary: a row per group and currency, and the totals. */
export interface TimeReport {
  group_by: TimeReportGroup;
  /** The first day covered (a preset resolved); null when open. */
  from: string | null;
  to: string | null;
  results: TimeReportRow[];
  totals: {
    total_hours: number;
    billable_hours: number;
    non_billable_hours: number;
    amounts: { currency: string; billable_amount: number | null; uninvoiced_amount: number | null }[];
  };
}

/** An entry of the detailed time report. */
export interface TimeReportEntry {
  id: string;
  spent_date: string;
  user_id: string;
  user_name: string;
  client_id: string;
  client_name: string;
  project_id: string;
  project_name: string;
  task_id: string | null;
  task_name: string | null;
  notes: string | null;
  hours: number;
  is_billable: boolean;
  billable_amount: number | null;
  currency: string;
  source: Source;
  approval_status: ApprovalStatus;
  invoice_id: string | null;
  is_invoiced: boolean;
}

/** One group of an expense summary in one currency. */
export interface ExpenseReportRow {
  id: string;
  name: string;
  total_amount: number;
  billable_amount: number;
  non_billable_amount: number;
  uninvoiced_amount: number;
  currency: string;
}

/** An expense summary: a row per group and currency, and the totals per currency. */
export interface ExpenseReport {
  group_by: ExpenseReportGroup;
  from: string | null;
  to: string | null;
  results: ExpenseReportRow[];
  totals: {
    amounts: {
      currency: string;
      total_amount: number;
      billable_amount: number;
      non_billable_amount: number;
      uninvoiced_amount: number;
    }[];
  };
}

/** An expense of the detailed expense report. */
export interface ExpenseReportEntry {
  id: string;
  spent_date: string;
  user_id: string;
  user_name: string;
  client_id: string;
  client_name: string;
  project_id: string;
  project_name: string;
  category_id: string;
  category_name: string;
  notes: string | null;
  total_cost: number;
  billable: boolean;
  currency: string;
  has_receipt: boolean;
  source: Source;
  approval_status: ApprovalStatus;
  invoice_id: string | null;
  is_invoiced: boolean;
}

export type SavedReportKind = 'time' | 'expenses';

/** A named set of report filters and grouping, private or shared with the workspace. */
export interface SavedReport {
  id: string;
  name: string;
  kind: SavedReportKind;
  /** The report's query parameters, as strings (`{ period: 'this_month', project_id: 'prj_1,prj_2' }`). */
  filters: Record<string, string>;
  group_by: string | null;
  visibility: 'private' | 'workspace';
  owner_id: string;
  /** Whether you may rename, change or delete it: your own, or a shared one if you are an administrator. */
  can_edit: boolean;
  created_at: string;
  updated_at: string;
}

/** Body of `reports.saved.create`. */
export interface CreateSavedReportInput {
  name: string;
  kind: SavedReportKind;
  filters?: Record<string, string>;
  group_by?: string | null;
  /** Default `private`. */
  visibility?: 'private' | 'workspace';
}

/** Body of `reports.saved.update`. */
export interface UpdateSavedReportInput {
  name?: string;
  filters?: Record<string, string>;
  group_by?: string | null;
  visibility?: 'private' | 'workspace';
}

/** Filters of `reports.saved.list`. */
export interface ListSavedReportsParams extends PageParams {
  kind?: SavedReportKind;
}

/** The report endpoints take several ids as one comma-separated parameter. */
function reportQuery(params: object | undefined): Record<string, string | number | boolean | undefined> {
  const query: Record<string, string | number | boolean | undefined> = {};
  for (const [key, value] of Object.entries(params ?? {})) {
    query[key] = Array.isArray(value) ? value.join(',') : (value as string | number | boolean | undefined);
  }
  return query;
}

export type BudgetStatus = 'on_track' | 'warning' | 'over';
export type BudgetType = 'total_hours' | 'total_fees' | 'task' | 'person';

/** One per-task or per-person budget of a project. */
export interface BudgetItem {
  kind: 'task' | 'person';
  id: string;
  name: string;
  budget: number | null;
  spent: number | null;
  remaining: number | null;
  percent_used: number | null;
  status: BudgetStatus;
}

/** A project's budget figures now; also `budget_progress` on a project. */
export interface BudgetProgress {
  budget_type: BudgetType;
  /** `hours`, or the project's currency for fee budgets. */
  unit: string;
  /** null when the caller may not see the amounts of a fee budget. */
  budget: number | null;
  spent: number | null;
  remaining: number | null;
  percent_used: number | null;
  status: BudgetStatus;
  is_monthly: boolean;
  period_from: string | null;
  period_to: string | null;
  alert_percent: number;
  includes_expenses: boolean;
  items: BudgetItem[];
}

/** A row of the budget report. */
export interface BudgetReportRow extends BudgetProgress {
  project_id: string;
  project_name: string;
  client_id: string;
  client_name: string;
}

export interface BudgetReport {
  results: BudgetReportRow[];
  totals: {
    projects: number;
    on_track: number;
    warning: number;
    over: number;
    hours: { budget: number; spent: number; remaining: number };
    fees: { currency: string; budget: number; spent: number; remaining: number }[];
  };
}

/** Filters of `reports.budgets`. */
export interface BudgetReportParams {
  client_id?: string;
  project_id?: string;
  status?: BudgetStatus;
  /** YYYY-MM: the month monthly budgets count (the current one by default). */
  month?: string;
  include_archived?: boolean;
}

export type UtilisationBand = 'under' | 'healthy' | 'full' | 'over';

export interface UtilisationFigures {
  capacity_hours: number;
  tracked_hours: number;
  billable_hours: number;
  non_billable_hours: number;
  utilisation_percent: number | null;
  billable_utilisation_percent: number | null;
  difference_hours: number;
}

export interface UtilisationRow extends UtilisationFigures {
  user_id: string;
  name: string;
  weekly_capacity: number;
  band: UtilisationBand | null;
}

export interface UtilisationReport {
  from: string;
  to: string;
  results: UtilisationRow[];
  totals: UtilisationFigures;
}

export interface AgentMargin {
  agent_id: string;
  agent_name: string;
  project_id: string;
  project_name: string;
  currency: string;
  hours: number;
  billable_amount: number | null;
  time_cost: number | null;
  llm_cost: number;
  margin: number | null;
}

export interface AgentReport {
  from: string | null;
  to: string | null;
  by_project: {
    project_id: string;
    project_name: string;
    agent_hours: number;
    human_hours: number;
    agent_percent: number | null;
  }[];
  by_model: { model: string | null; agent_hours: number }[];
  llm_spend_by_project: { project_id: string; project_name: string; currency: string; amount: number }[];
  llm_spend_by_model: { model: string | null; currency: string; amount: number }[];
  margins: AgentMargin[];
  totals: { agent_hours: number; human_hours: number };
}

/** Saved reports: your own and those shared with the workspace. */
export class SavedReports extends APIResource {
  /** Lists saved reports by name. */
  list(params?: ListSavedReportsParams, options?: RequestOptions): PagePromise<SavedReport> {
    return this._client.getPage<SavedReport>('/reports/saved', params, options);
  }

  /** Saves a report's filters and grouping under a name. */
  create(input: CreateSavedReportInput, options?: RequestOptions): Promise<SavedReport> {
    return this._client.request({ method: 'POST', path: '/reports/saved', body: input, options });
  }

  /** Fetches a saved report. */
  get(id: string, options?: RequestOptions): Promise<SavedReport> {
    return this._client.request({ method: 'GET', path: `/reports/saved/${segment(id)}`, options });
  }

  /** Renames a saved report, changes its filters or grouping, shares or unshares it. */
  update(id: string, input: UpdateSavedReportInput, options?: RequestOptions): Promise<SavedReport> {
    return this._client.request({
      method: 'PATCH',
      path: `/reports/saved/${segment(id)}`,
      body: input,
      options,
    });
  }

  /** Deletes a saved report. */
  async delete(id: string, options?: RequestOptions): Promise<void> {
    await this._client.request<void>({ method: 'DELETE', path: `/reports/saved/${segment(id)}`, options });
  }
}

/** Time and expense reports, summary and detailed, saved reports, budgets, utilisation and agent activity. */
export class Reports extends APIResource {
  /** Saved reports: list, create, get, update, delete. */
  readonly saved: SavedReports = new SavedReports(this._client);

  /** Time summary grouped by client, project, task, person, role, source, day, week or month. */
  time(params?: TimeReportParams, options?: RequestOptions): Promise<TimeReport> {
    return this._client.request({
      method: 'GET',
      path: '/reports/time',
      query: reportQuery(params),
      options,
    });
  }

  /** Detailed time report: every entry with its names, amount, invoice and approval status. */
  timeEntries(params?: TimeReportEntriesParams, options?: RequestOptions): PagePromise<TimeReportEntry> {
    return this._client.getPage<TimeReportEntry>('/reports/time/entries', reportQuery(params), options);
  }

  /** Expense summary grouped by client, project, category or person. */
  expenses(params?: ExpenseReportParams, options?: RequestOptions): Promise<ExpenseReport> {
    return this._client.request({
      method: 'GET',
      path: '/reports/expenses',
      query: reportQuery(params),
      options,
    });
  }

  /** Detailed expense report: every expense with its receipt indicator, invoice and approval status. */
  expenseEntries(
    params?: ExpenseReportEntriesParams,
    options?: RequestOptions,
  ): PagePromise<ExpenseReportEntry> {
    return this._client.getPage<ExpenseReportEntry>(
      '/reports/expenses/entries',
      reportQuery(params),
      options,
    );
  }

  /** Every budgeted project you can see: budget, spent, remaining, % used and status. */
  budgets(params?: BudgetReportParams, options?: RequestOptions): Promise<BudgetReport> {
    return this._client.request({
      method: 'GET',
      path: '/reports/budgets',
      query: reportQuery(params),
      options,
    });
  }

  /** Tracked and billable hours of each person against their weekly capacity (this week by default). */
  utilisation(params?: ReportFilters, options?: RequestOptions): Promise<UtilisationReport> {
    return this._client.request({
      method: 'GET',
      path: '/reports/utilisation',
      query: reportQuery(params),
      options,
    });
  }

  /** Agent versus human hours, agent hours by model, LLM spend and the agent margin. */
  agents(params?: ReportFilters, options?: RequestOptions): Promise<AgentReport> {
    return this._client.request({
      method: 'GET',
      path: '/reports/agents',
      query: reportQuery(params),
      options,
    });
  }
}
