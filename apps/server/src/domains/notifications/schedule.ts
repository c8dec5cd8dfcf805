import { TZDate } from '@date-fns/tz';
import type { TimesheetReminders } from '../../db/schema/index.ts';
import { addCalendarDays, todayIn, type Weekday, weekOf } from '../../lib/workspace-clock.ts';

/**
 * When scheduled emails fall due (docs/decisions/0049-notifications.md). Every function takes
 * `now` from its caller: the scheduler passes the real time, tests pin it.
 */

/** The kinds of scheduled email, each sent at most once per person and period. */
export type ScheduledKind = 'timesheet_reminder' | 'timesheet_deadline' | 'daily_reminder' | 'weekly_report';

/** The daily personal reminder goes out on working days at this local time. */
export const DAILY_REMINDER_TIME = '16:30';
const WORKING_DAYS: readonly Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];
/** The weekly report of the week before goes out on the first day of the week at this local time. */
export const WEEKLY_REPORT_TIME = '08:00';

const WEEKDAYS: readonly Weekday[] = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
];

function weekdayOf(date: string): Weekday {
  const day = WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()];
  if (day === undefined) throw new Error(`not a date: ${date}`);
  return day;
}

/** The instant a local date and HH:MM time happen in `timeZone` (a time skipped by DST moves forward). */
export function instantOf(date: string, time: string, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  const [hours, minutes] = time.split(':').map(Number);
  if (
    year === undefined ||
    month === undefined ||
    day === undefined ||
    hours === undefined ||
    minutes === undefined
  ) {
    throw new Error(`not a date and time: ${date} ${time}`);
  }
  return new Date(new TZDate(year, month - 1, day, hours, minutes, timeZone).getTime());
}

/** The date of `day` in the week starting on `weekStart`. */
function dayOfWeek(weekStart: string, day: Weekday): string {
  const offset = (WEEKDAYS.indexOf(day) - WEEKDAYS.indexOf(weekdayOf(weekStart)) + 7) % 7;
  return addCalendarDays(weekStart, offset);
}

export interface Due {
  kind: ScheduledKind;
  /** The period the email is about: a week's first day, or the day for the daily reminder. */
  period: string;
}

/**
 * Which timesheet message of the current week is due in the workspace: the deadline once its time
 * has come, else the reminder once its time has come. A reminder whose moment passed while the
 * deadline's has too is not sent late beside the deadline.
 */
export function dueTimesheetMessage(
  settings: TimesheetReminders,
  workspace: { timezone: string; weekStartsOn: Weekday },
  now: Date,
): Due | null {
  if (!settings.enabled) return null;
  const week = weekOf(todayIn(workspace.timezone, now), workspace.weekStartsOn);
  const at = (day: Weekday, time: string) => instantOf(dayOfWeek(week.start, day), time, workspace.timezone);
  const deadline = at(settings.deadline_day, settings.deadline_time);
  if (deadline <= now) return { kind: 'timesheet_deadline', period: week.start };
  if (at(settings.reminder_day, settings.reminder_time) <= now) {
    return { kind: 'timesheet_reminder', period: week.start };
  }
  return null;
}

/** The daily reminder is due on a working day from its time on, in the person's time zone. */
export function dueDailyReminder(timeZone: string, now: Date): Due | null {
  const today = todayIn(timeZone, now);
  if (!WORKING_DAYS.includes(weekdayOf(today))) return null;
  if (instantOf(today, DAILY_REMINDER_TIME, timeZone) > now) return null;
  return { kind: 'daily_reminder', period: today };
}

/** The report of last week is due from the week's first morning on, in the person's time zone. */
export function dueWeeklyReport(timeZone: string, weekStartsOn: Weekday, now: Date): Due | null {
  const week = weekOf(todayIn(timeZone, now), weekStartsOn);
  if (instantOf(week.start, WEEKLY_REPORT_TIME, timeZone) > now) return null;
  return { kind: 'weekly_report', period: addCalendarDays(week.start, -7) };
}
