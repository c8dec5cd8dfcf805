import Big from 'big.js';

/** No entry counts more than a day, however long its timer ran or however far apart its start and end. */
export const MAX_ENTRY_HOURS = 24;

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 60 * MS_PER_MINUTE;

/**
 * Rounds a duration in milliseconds to hours at the workspace's step of `minutes`, half up; 0 keeps
 * 4 decimals. Durations are carried in milliseconds and divided once, here: hours divided out
 * earlier (7 minutes are 0.11666... h) would be rounded twice, and a duration of exactly half a
 * step, such as 12m30s with 5-minute steps, could come out a step short.
 */
function roundMilliseconds(milliseconds: Big, minutes: number): string {
  if (minutes <= 0) return milliseconds.div(MS_PER_HOUR).round(4, Big.roundHalfUp).toString();
  const steps = milliseconds.div(minutes * MS_PER_MINUTE).round(0, Big.roundHalfUp);
  return steps.times(minutes).div(60).round(4, Big.roundHalfUp).toString();
}

/** Milliseconds from `start` to `end`, never negative (two machines' clocks may disagree a little). */
function elapsed(start: Date, end: Date): number {
  return Math.max(0, end.getTime() - start.getTime());
}

/** Rounds hours to the nearest step of `minutes` (workspace rounding), half up; 0 keeps 4 decimals. */
export function roundHours(hours: string | number, minutes: number): string {
  return roundMilliseconds(new Big(hours).times(MS_PER_HOUR), minutes);
}

/** The hours of a manual entry from `start` to `end`, rounded to the workspace's step. */
export function spanHours(start: Date, end: Date, minutes: number): string {
  return roundMilliseconds(new Big(elapsed(start, end)), minutes);
}

/** Whether `start` to `end` is longer than one entry may be. */
export function longerThanADay(start: Date, end: Date): boolean {
  return elapsed(start, end) > MAX_ENTRY_HOURS * MS_PER_HOUR;
}

/** A timer's hours so far: the hours recorded before it (re)started plus the time since, in milliseconds. */
function timerMilliseconds(recorded: string, timerStartedAt: Date, now: Date): Big {
  return new Big(recorded).times(MS_PER_HOUR).plus(elapsed(timerStartedAt, now));
}

/** Hours so far of a running timer, as shown while it runs: neither rounded to the step nor capped. */
export function runningHours(recorded: string, timerStartedAt: Date, now: Date): string {
  return roundMilliseconds(timerMilliseconds(recorded, timerStartedAt, now), 0);
}

/**
 * The hours a timer is saved with when it stops, whichever way it stops (PATCH is_running: false, or
 * another timer of the same person starting): its hours so far rounded to the workspace's step, and
 * at most a day, so a timer forgotten overnight does not bill thirty hours.
 */
export function stoppedHours(
  recorded: string,
  timerStartedAt: Date,
  stoppedAt: Date,
  roundingMinutes: number,
): string {
  const hours = roundMilliseconds(timerMilliseconds(recorded, timerStartedAt, stoppedAt), roundingMinutes);
  return new Big(hours).gt(MAX_ENTRY_HOURS) ? String(MAX_ENTRY_HOURS) : hours;
}
