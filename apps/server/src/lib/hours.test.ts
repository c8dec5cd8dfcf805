import { describe, expect, it } from 'vitest';
import { roundHours, runningHours } from './hours.ts';

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
