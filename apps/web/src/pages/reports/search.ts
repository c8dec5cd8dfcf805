// A report's state lives in the URL's search parameters, named as the API names its query
// parameters (GET /v1/reports/time?period=this_month&project_id=prj_1,prj_2): a report can be
// bookmarked, shared and walked back with the browser's Back button, and the URL, the API query, a
// saved report's `filters` and an export link are one map of strings (docs/decisions/0059-report-screens.md).
import type { ReportPeriod } from '@keito/sdk';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useMemo } from 'react';

/** The filters a report screen may offer; which ones a screen shows is its own choice. */
export const FILTER_KEYS = [
  'period',
  'from',
  'to',
  'client_id',
  'project_id',
  'task_id',
  'category_id',
  'user_id',
  'role',
  'is_billable',
  'invoiced',
  'approval_status',
  'source',
  'agent_id',
  'session_id',
  'model',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/**
 * Every value is a string as the API takes it: lists comma-separated (`prj_1,prj_2`), booleans
 * `true`/`false`. `group_by` is the summary's grouping, `drill` the id of the summary row whose
 * entries are open below it.
 */
export type ReportSearch = Partial<Record<FilterKey | 'group_by' | 'drill', string>>;

export const PERIOD_LABELS: Record<ReportPeriod, string> = {
  this_week: 'This week',
  last_week: 'Last week',
  this_month: 'This month',
  last_month: 'Last month',
  this_quarter: 'This quarter',
  this_year: 'This year',
  custom: 'Custom range',
};

/** What a report covers when the URL names no period: the week, as the landing overview shows it. */
export const DEFAULT_PERIOD: ReportPeriod = 'this_week';

const SEARCH_KEYS: readonly string[] = [...FILTER_KEYS, 'group_by', 'drill'];

/**
 * The router's `validateSearch` for /reports/*: the known parameters, nothing else. The URL's
 * values are strings (lib/search-params.ts); the API validates them and says which one it refuses.
 */
export function validateReportSearch(search: Record<string, unknown>): ReportSearch {
  const valid: ReportSearch = {};
  for (const key of SEARCH_KEYS) {
    const value = search[key];
    if (typeof value === 'string' && value.trim() !== '') valid[key as keyof ReportSearch] = value.trim();
  }
  return valid;
}

/** The filters of a report as API query parameters: the URL's, and the default period when it names none. */
export function reportFilterParams(
  search: ReportSearch,
  keys: readonly FilterKey[] = FILTER_KEYS,
): URLSearchParams {
  const params = new URLSearchParams();
  // The period's three parameters go together whichever filters a screen offers.
  for (const key of new Set<FilterKey>(['period', 'from', 'to', ...keys])) {
    const value = search[key];
    if (value !== undefined) params.set(key, value);
  }
  if (!params.has('period') && !params.has('from') && !params.has('to')) params.set('period', DEFAULT_PERIOD);
  return params;
}

/** The report's filters from the current URL, as API query parameters (stable while the URL is). */
export function useReportFilters(keys: readonly FilterKey[] = FILTER_KEYS): {
  search: ReportSearch;
  params: URLSearchParams;
} {
  const search = useSearch({ strict: false }) as ReportSearch;
  const key = JSON.stringify(search);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the search's JSON is its identity.
  return useMemo(() => ({ search, params: reportFilterParams(search, keys) }), [key, keys]);
}

/**
 * Sets search parameters in the URL (a new history entry, so Back undoes it); an empty value
 * removes its parameter. A changed filter closes an open drill-down, whose row may be gone.
 * `changes` may name a report's own parameters besides the shared filters (the budget report's
 * `status` and `month`).
 */
export function useUpdateReportSearch(): (changes: Record<string, string | undefined>) => Promise<void> {
  const navigate = useNavigate();
  return (changes) =>
    navigate({
      to: '.',
      search: (previous: Record<string, unknown>) => {
        const next: Record<string, unknown> = { ...previous, ...changes, drill: undefined };
        for (const key of Object.keys(next)) {
          if (next[key] === undefined || next[key] === '') delete next[key];
        }
        return next;
      },
    });
}

/** A list parameter (`a,b`) as its values. */
export const listValue = (value: string | undefined): string[] =>
  value === undefined ? [] : value.split(',').filter((item) => item !== '');
