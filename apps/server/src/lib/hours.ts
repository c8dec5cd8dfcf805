import Big from 'big.js';

/** Rounds hours to the nearest step of `minutes` (workspace rounding); 0 keeps 4 decimals. */
export function roundHours(hours: string | number, minutes: number): string {
  if (minutes <= 0) return new Big(hours).round(4, Big.roundHalfUp).toString();
  const steps = new Big(hours).times(60).div(minutes).round(0, Big.roundHalfUp);
  return steps.times(minutes).div(60).round(4, Big.roundHalfUp).toString();
}

/** Hours so far of a timer: the hours recorded plus the time since it started. */
export function runningHours(recorded: string, timerStartedAt: Date, now: Date): string {
  const elapsedHours = Math.max(0, now.getTime() - timerStartedAt.getTime()) / 3_600_000;
  return new Big(recorded).plus(elapsedHours.toFixed(6)).round(4, Big.roundHalfUp).toString();
}
