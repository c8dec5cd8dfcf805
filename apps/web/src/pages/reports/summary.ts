// What the summary screens make of the API's rows: one line a group (the API answers a row per group
// and currency, since amounts in two currencies never add up), its label, and the filters that open
// its entries.
import type { Source, TimeReportGroup, TimeReportRow } from '@keito/sdk';
import Big from 'big.js';
import { addDays } from '../../lib/dates.ts';
import type { Format } from '../../lib/format.ts';
import { SOURCE_LABELS } from '../time/SourceBadge.tsx';
import type { ReportSearch } from './search.ts';

/** The drill-down of the totals line: every entry the filters match. */
export const ALL_ENTRIES = '*';

export interface GroupLine<Amounts> {
  /** The group's id; null for entries without a task, people without a business role. */
  id: string | null;
  name: string;
  /** The group's rows, one a currency, in the API's order. */
  rows: (Amounts & { currency: string })[];
}

/** The API's rows, one line a group, in the API's order of first appearance. */
export function groupLines<Row extends { id: string | null; name: string; currency: string }>(
  rows: Row[],
): GroupLine<Row>[] {
  const lines = new Map<string | null, GroupLine<Row>>();
  for (const row of rows) {
    const line = lines.get(row.id) ?? { id: row.id, name: row.name, rows: [] };
    line.rows.push(row);
    lines.set(row.id, line);
  }
  return [...lines.values()];
}

/** Hours of a group across its currencies, summed exactly (0.1 + 0.2 stays 0.3). */
export function sumHours(
  rows: TimeReportRow[],
  field: 'total_hours' | 'billable_hours' | 'non_billable_hours',
) {
  return Number(rows.reduce((sum, row) => sum.plus(String(row[field])), new Big(0)).toFixed());
}

/** The first day of the month `date` is in, as "December 2026". */
function monthName(date: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString('en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** How a group is named on screen: dates in the workspace's format, sources by their label. */
export function groupName(group: TimeReportGroup, line: { id: string | null; name: string }, format: Format) {
  if (line.id === null) return line.name;
  switch (group) {
    case 'day':
      return format.longDay(line.id);
    case 'week':
      return `Week of ${format.date(line.id)}`;
    case 'month':
      return monthName(line.id);
    case 'source':
      return SOURCE_LABELS[line.id as Source] ?? line.name;
    default:
      return line.name;
  }
}

/** The last day of the week or month that starts on `first`. */
function lastDayOf(group: 'day' | 'week' | 'month', first: string): string {
  if (group === 'day') return first;
  if (group === 'week') return addDays(first, 6);
  const [year = 0, month = 0] = first.split('-').map(Number);
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** The filter parameter each non-date grouping narrows by. */
const DRILL_PARAM = {
  client: 'client_id',
  project: 'project_id',
  task: 'task_id',
  person: 'user_id',
  role: 'role',
  source: 'source',
  category: 'category_id',
} as const;

/**
 * The report's filters narrowed to one summary row: its client, project ... or, for a date group,
 * its days within the period the report covered (a week may start before the month does).
 */
export function drillFilters(
  search: ReportSearch,
  group: TimeReportGroup | 'category',
  id: string,
  covered: { from: string | null; to: string | null },
): ReportSearch {
  if (id === ALL_ENTRIES) return search;
  if (group === 'day' || group === 'week' || group === 'month') {
    const end = lastDayOf(group, id);
    return {
      ...search,
      period: 'custom',
      from: covered.from !== null && covered.from > id ? covered.from : id,
      to: covered.to !== null && covered.to < end ? covered.to : end,
    };
  }
  return { ...search, [DRILL_PARAM[group]]: id };
}
