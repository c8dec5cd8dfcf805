// Calendar dates as the API speaks them (YYYY-MM-DD), computed in UTC so no timezone shifts a day.
import type { Weekday } from '../types.ts';

const WEEKDAYS: Weekday[] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/**
 * Today in `timeZone` (IANA), the browser's own when absent. The time page passes the person's zone,
 * else the workspace's, so "today" and its week are the ones the server counts the lock rule in
 * (docs/decisions/0012-workspace-clock.md), wherever the browser is.
 */
export function today(timeZone?: string, now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((each) => each.type === type)?.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

export function addDays(date: string, days: number): string {
  const value = new Date(`${date}T00:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}

/** The first day of the week containing `date`, for a workspace whose weeks start on `weekStart`. */
export function startOfWeek(date: string, weekStart: Weekday): string {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  const offset = (day - WEEKDAYS.indexOf(weekStart) + 7) % 7;
  return addDays(date, -offset);
}

export function weekDates(date: string, weekStart: Weekday): string[] {
  const first = startOfWeek(date, weekStart);
  return Array.from({ length: 7 }, (_, index) => addDays(first, index));
}

/**
 * Start and end clock times on a date as instants; an end at or before the start is the next day,
 * so 22:00-01:30 is three and a half hours across midnight.
 */
export function startEndInstants(
  date: string,
  start: string,
  end: string,
): { started_at: string; ended_at: string } {
  const startedAt = new Date(`${date}T${start}:00`);
  const endedAt = new Date(`${date}T${end}:00`);
  if (endedAt <= startedAt) endedAt.setDate(endedAt.getDate() + 1);
  return { started_at: startedAt.toISOString(), ended_at: endedAt.toISOString() };
}
