import Big from 'big.js';
import { toNumber } from '../../lib/decimal.ts';
import { roundToCurrency, sumAmounts } from '../../lib/money.ts';
import { addCalendarDays, type Weekday, weekOf } from '../../lib/workspace-clock.ts';
import type { DailyTotal, TimesheetFlag } from './schemas.ts';

/**
 * The figures of a timesheet, computed from its entries when it is read (never stored, so an
 * approver's correction of a submitted entry shows at once). Hours and amounts stay decimals until
 * the response (docs/decisions/0010-money.md).
 */

/** A person's week is shared over five working days: a day above its share is flagged. */
const WORKING_DAYS_PER_WEEK = 5;

export interface SummaryTimeEntry {
  id: string;
  spentDate: string;
  hours: string;
  isBillable: boolean;
  notes: string | null;
}

export interface SummaryExpense {
  spentDate: string;
  totalCost: string;
}

export interface SummaryContext {
  weekStartsOn: Weekday;
  /** The person's weekly capacity in hours (their own, else the workspace default). */
  weeklyCapacity: string;
  /**
   * The person's hours on each day of the weeks the timesheet touches, over all their entries: a
   * second submission in a week carries only its new entries, but the week's overtime is the
   * person's, not the submission's.
   */
  hoursByDay: ReadonlyMap<string, string>;
}

const hoursOf = (entries: SummaryTimeEntry[]) => sumAmounts(entries.map((entry) => new Big(entry.hours)));

function groupBy<Item>(items: Item[], key: (item: Item) => string): Map<string, Item[]> {
  const groups = new Map<string, Item[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group === undefined) groups.set(key(item), [item]);
    else group.push(item);
  }
  return groups;
}

export function totalsOf(entries: SummaryTimeEntry[], expenses: SummaryExpense[], currency: string) {
  const total = hoursOf(entries);
  const billable = hoursOf(entries.filter((entry) => entry.isBillable));
  // Each expense is already an amount of the workspace currency; the sum is rounded once for display.
  const expenseTotal = roundToCurrency(sumAmounts(expenses.map((e) => new Big(e.totalCost))), currency);
  return {
    total_hours: toNumber(total.toFixed()),
    billable_hours: toNumber(billable.toFixed()),
    non_billable_hours: toNumber(total.minus(billable).toFixed()),
    expense_total: toNumber(expenseTotal.toFixed()),
  };
}

/** Entries without notes, days over the day's share of the capacity, weeks over the capacity. */
export function flagsOf(entries: SummaryTimeEntry[], context: SummaryContext): TimesheetFlag[] {
  const flags: TimesheetFlag[] = [];
  for (const entry of entries) {
    if (!entry.notes?.trim()) {
      flags.push({
        kind: 'missing_notes',
        date: entry.spentDate,
        time_entry_id: entry.id,
        hours: toNumber(entry.hours),
        capacity_hours: null,
      });
    }
  }
  const weekly = new Big(context.weeklyCapacity);
  const daily = weekly.div(WORKING_DAYS_PER_WEEK).round(4, Big.roundHalfUp);
  const hoursOn = (date: string) => new Big(context.hoursByDay.get(date) ?? '0');
  for (const date of new Set(entries.map((entry) => entry.spentDate))) {
    const hours = hoursOn(date);
    if (hours.gt(daily)) {
      flags.push({
        kind: 'over_daily_capacity',
        date,
        time_entry_id: null,
        hours: toNumber(hours.toFixed()),
        capacity_hours: toNumber(daily.toFixed()),
      });
    }
  }
  for (const start of new Set(entries.map((entry) => weekOf(entry.spentDate, context.weekStartsOn).start))) {
    const days = Array.from({ length: 7 }, (_, offset) => addCalendarDays(start, offset));
    const hours = sumAmounts(days.map(hoursOn));
    if (hours.gt(weekly)) {
      flags.push({
        kind: 'overtime',
        date: start,
        time_entry_id: null,
        hours: toNumber(hours.toFixed()),
        capacity_hours: toNumber(weekly.toFixed()),
      });
    }
  }
  return flags.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** One row per day from `from` to `to`, days without entries included. */
export function dailyTotalsOf(
  period: { from: string; to: string },
  entries: SummaryTimeEntry[],
  expenses: SummaryExpense[],
  currency: string,
): DailyTotal[] {
  const entriesByDay = groupBy(entries, (entry) => entry.spentDate);
  const expensesByDay = groupBy(expenses, (expense) => expense.spentDate);
  const days: DailyTotal[] = [];
  for (let date = period.from; date <= period.to; date = addCalendarDays(date, 1)) {
    const totals = totalsOf(entriesByDay.get(date) ?? [], expensesByDay.get(date) ?? [], currency);
    days.push({
      date,
      hours: totals.total_hours,
      billable_hours: totals.billable_hours,
      non_billable_hours: totals.non_billable_hours,
      expense_total: totals.expense_total,
    });
  }
  return days;
}
