import { describe, expect, it } from 'vitest';
import { longerThanADay, roundHours, runningHours, spanHours, stoppedHours } from './hours.ts';

describe('roundHours', () => {
  it('keeps four decimals when the workspace does not round', () => {
    expect(roundHours(1.234567, 0)).toBe('1.2346');
  });

  it.each([
    [0.8333, 15, '0.75'],
    [0.9, 15, '1'],
    [0.26, 6, '0.3'],
    [1.05, 5, '1.0833'],
    [2.2, 30, '2'],
  ])('rounds %s hours to the nearest %s minutes as %s', (hours, minutes, expected) => {
    expect(roundHours(hours, minutes)).toBe(expected);
  });
});

describe('runningHours', () => {
  it('adds the time since the timer started to the hours already recorded', () => {
    const start = new Date('2026-03-06T10:00:00Z');
    expect(runningHours('1.5', start, new Date('2026-03-06T10:45:00Z'))).toBe('2.25');
  });

  it('never counts negative time when clocks disagree', () => {
    const start = new Date('2026-03-06T10:00:00Z');
    expect(runningHours('0', start, new Date('2026-03-06T09:59:00Z'))).toBe('0');
  });
});

describe('spanHours', () => {
  const start = new Date('2026-03-06T22:30:00Z');
  const after = (ms: number) => new Date(start.getTime() + ms);

  it.each([
    [7 * 60_000, 0, '0.1167'],
    [12.5 * 60_000, 5, '0.25'],
    [2.5 * 3_600_000, 15, '2.5'],
    [-60_000, 0, '0'],
  ])('%s ms rounded to %s minutes are %s hours (never negative)', (ms, minutes, expected) => {
    expect(spanHours(start, after(ms), minutes)).toBe(expected);
  });
});

describe('longerThanADay', () => {
  it('allows exactly 24 hours and refuses a millisecond more', () => {
    const start = new Date('2026-03-06T10:00:00Z');
    expect(longerThanADay(start, new Date('2026-03-07T10:00:00Z'))).toBe(false);
    expect(longerThanADay(start, new Date('2026-03-07T10:00:00.001Z'))).toBe(true);
  });
});

describe('stoppedHours', () => {
  const stop = new Date('2026-03-07T16:00:00Z');
  const startedBefore = (ms: number) => new Date(stop.getTime() - ms);
  const minute = 60_000;
  const hour = 60 * minute;

  it.each([
    [7 * minute, 0, '0.1167'],
    [7 * minute, 6, '0.1'],
    [7 * minute, 15, '0'],
    [7.5 * minute, 15, '0.25'],
    [89.5 * minute, 0, '1.4917'],
    [89.5 * minute, 6, '1.5'],
    [89.5 * minute, 15, '1.5'],
    [30 * hour, 0, '24'],
    [30 * hour, 6, '24'],
    [30 * hour, 15, '24'],
    [24 * hour + 1, 0, '24'],
  ])('a timer that ran %s ms, rounded to %s minutes, is saved with %s hours', (ms, minutes, expected) => {
    expect(stoppedHours('0', startedBefore(ms), stop, minutes)).toBe(expected);
  });

  it('adds the hours recorded before the timer (re)started, then rounds, then caps at a day', () => {
    expect(stoppedHours('1.1', startedBefore(7 * minute), stop, 15)).toBe('1.25');
    expect(stoppedHours('23', startedBefore(90 * minute), stop, 0)).toBe('24');
  });

  it('rounds exactly half a step up, though the elapsed hours are a repeating decimal', () => {
    // 12m30s is 0.208333... h; rounded to 20 places first, it would fall just short of 2.5 steps.
    expect(stoppedHours('0', startedBefore(12.5 * minute), stop, 5)).toBe('0.25');
  });
});
