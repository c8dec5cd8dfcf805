import { tz } from '@date-fns/tz';
import { addDays, type Day, endOfMonth, endOfQuarter, format, startOfQuarter, startOfWeek } from 'date-fns';

/**
 * The workspace's clock: which calendar day it is, which week a day belongs to, and which days the
 * lock rule has closed, all in the workspace's time zone (docs/decisions/0012-workspace-clock.md).
 * Every function takes `now` from its caller, so tests pin the instant and nothing reads the
 * process's time zone.
 */

/** Days of the week in JavaScript's (and date-fns's) numbering: Sunday is 0. */
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * Calendar dates (YYYY-MM-DD) carry no zone; arithmetic on them runs in UTC, where every day is
 * 24 hours long, so neither a DST change nor the process's TZ can move a date by one.
 */
const calendar = tz('UTC');

function isoDate(date: Date): string {
  return format(date, 'yyyy-MM-dd');
}

/** The calendar date in `timeZone` (IANA) at the instant `now`. */
export function todayIn(timeZone: string, now: Date): string {
  return format(now, 'yyyy-MM-dd', { in: tz(timeZone) });
}

/** `date` moved by a number of calendar days (negative goes back). */
export function addCalendarDays(date: string, days: number): string {
  return isoDate(addDays(date, days, { in: calendar }));
}

/** The first and last day of the week containing `date`, for weeks starting on `weekStartsOn`. */
export function weekOf(date: string, weekStartsOn: Weekday): { start: string; end: string } {
  const start = isoDate(
    startOfWeek(date, { weekStartsOn: WEEKDAYS.indexOf(weekStartsOn) as Day, in: calendar }),
  );
  return { start, end: addCalendarDays(start, 6) };
}

/** The first and last day of the calendar month containing `date`. */
export function monthOf(date: string): { start: string; end: string } {
  return { start: `${date.slice(0, 7)}-01`, end: isoDate(endOfMonth(date, { in: calendar })) };
}

/** The first and last day of the calendar quarter (January, April, July, October) containing `date`. */
export function quarterOf(date: string): { start: string; end: string } {
  return {
    start: isoDate(startOfQuarter(date, { in: calendar })),
    end: isoDate(endOfQuarter(date, { in: calendar })),
  };
}

/** The first and last day of the calendar year containing `date`. */
export function yearOf(date: string): { start: string; end: string } {
  return { start: `${date.slice(0, 4)}-01-01`, end: `${date.slice(0, 4)}-12-31` };
}

/**
 * The first day still open under "lock entries after `lockAfterDays` days" (0 turns locking off):
 * that many calendar days before today in the workspace's zone. An entry dated before it is locked.
 */
export function firstOpenDate(lockAfterDays: number, timeZone: string, now: Date): string | null {
  if (lockAfterDays <= 0) return null;
  return addCalendarDays(todayIn(timeZone, now), -lockAfterDays);
}
