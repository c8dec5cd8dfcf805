// The budget report's state lives in the URL under the API's own query parameter names
// (GET /v1/reports/budgets?status=over&month=2026-11), so a bookmarked or shared link shows the
// same report. Its filters are not the other reports' (a month, not a period; one client or
// project, not several), hence their own search parameters.
import type { BudgetStatus, BudgetType } from '@keito/sdk';

export interface BudgetSearch {
  client_id?: string;
  project_id?: string;
  status?: BudgetStatus;
  /** YYYY-MM: the month monthly budgets count; the current one when absent. */
  month?: string;
  include_archived?: 'true';
}

const STATUSES: readonly string[] = ['on_track', 'warning', 'over'] satisfies BudgetStatus[];

/**
 * The router's `validateSearch` for /reports/budgets: what the URL says, kept only when it is a
 * value the API takes, so a hand-edited link shows the report rather than an error.
 */
export function validateBudgetSearch(search: Record<string, unknown>): BudgetSearch {
  const text = (value: unknown) =>
    typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  const status = text(search.status);
  const month = text(search.month);
  // One client or project: several (comma-separated, as the other reports' tabs pass them on) are
  // not a filter this report takes.
  const one = (value: unknown) => (text(value)?.includes(',') ? undefined : text(value));
  return {
    client_id: one(search.client_id),
    project_id: one(search.project_id),
    status: status !== undefined && STATUSES.includes(status) ? (status as BudgetStatus) : undefined,
    month: month !== undefined && /^\d{4}-(0[1-9]|1[0-2])$/.test(month) ? month : undefined,
    include_archived: text(search.include_archived) === 'true' ? 'true' : undefined,
  };
}

/** The filters as the API's query parameters, to ask the report with. */
export function budgetReportParams(search: BudgetSearch): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(search)) if (value !== undefined) params.set(name, value);
  return params;
}

/** The spec's names for a project's budget type (reports/budget-reports, "Budget Type"). */
export const BUDGET_TYPE_LABELS: Record<BudgetType, string> = {
  total_hours: 'Hours',
  total_fees: 'Fees',
  task: 'Per task',
  person: 'Per person',
};

export const STATUS_FILTERS: { value: BudgetStatus | 'all'; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'on_track', label: 'On track' },
  { value: 'warning', label: 'Warning' },
  { value: 'over', label: 'Over budget' },
];
