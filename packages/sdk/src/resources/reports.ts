import type { RequestOptions } from '../core/request-options.js';
import { APIResource } from '../core/resource.js';
import type { QueryValue } from '../internal/query.js';

export type ReportPeriod =
  | 'this_week'
  | 'last_week'
  | 'this_month'
  | 'last_month'
  | 'this_quarter'
  | 'this_year'
  | 'custom';

/** Filters every report takes; lists of ids are comma-separated (`'prj_1,prj_2'`). */
export interface ReportFilters {
  /** A preset range in the workspace's time zone; `custom` (or none) uses `from`/`to`. */
  period?: ReportPeriod;
  from?: string;
  to?: string;
  client_id?: string;
  project_id?: string;
  user_id?: string;
  /** Business roles, comma-separated. */
  role?: string;
  is_billable?: boolean;
  invoiced?: boolean;
  approval_status?: string;
  source?: string;
  agent_id?: string;
  session_id?: string;
  model?: string;
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

const query = (params: object | undefined) => params as Readonly<Record<string, QueryValue>> | undefined;

export class Reports extends APIResource {
  /** Every budgeted project you can see: budget, spent, remaining, % used and status. */
  budgets(params?: BudgetReportParams, options?: RequestOptions): Promise<BudgetReport> {
    return this._client.request({ method: 'GET', path: '/reports/budgets', query: query(params), options });
  }

  /** Tracked and billable hours of each person against their weekly capacity (this week by default). */
  utilisation(params?: ReportFilters, options?: RequestOptions): Promise<UtilisationReport> {
    return this._client.request({
      method: 'GET',
      path: '/reports/utilisation',
      query: query(params),
      options,
    });
  }

  /** Agent versus human hours, agent hours by model, LLM spend and the agent margin. */
  agents(params?: ReportFilters, options?: RequestOptions): Promise<AgentReport> {
    return this._client.request({ method: 'GET', path: '/reports/agents', query: query(params), options });
  }
}
