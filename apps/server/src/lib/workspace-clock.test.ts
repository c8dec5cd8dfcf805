import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  firstOpenDate,
  monthOf,
  quarterOf,
  todayIn,
  weekOf,
  yearOf,
} from './workspace-clock.ts';

// These tests also run with the process in far zones (scripts/test.mjs, KEITO_TEST_TZ): no answer
// may depend on the machine's time zone, only on the workspace's.

describe('todayIn', () => {
  it.each([
    // Kiritimati is UTC+14 all year: its day starts at 10:00 UTC the day before.
    ['Pacific/Kiritimati', '2026-03-06T09:59:59.999Z', '2026-03-06'],
    ['Pacific/Kiritimati', '2026-03-06T10:00:00Z', '2026-03-07'],
    // Adak is UTC-10 in winter: midnight of 8 March is 10:00 UTC ...
    ['America/Adak', '2026-03-08T09:59:59.999Z', '2026-03-07'],
    ['America/Adak', '2026-03-08T10:00:00Z', '2026-03-08'],
    // ... and UTC-9 once daylight saving starts that morning, so the next midnight is 09:00 UTC.
    ['America/Adak', '2026-03-09T08:59:59.999Z', '2026-03-08'],
    ['America/Adak', '2026-03-09T09:00:00Z', '2026-03-09'],
    // Lord Howe moves by half an hour: UTC+11 until 5 April 2026, then UTC+10:30.
    ['Australia/Lord_Howe', '2026-04-04T12:59:59.999Z', '2026-04-04'],
    ['Australia/Lord_Howe', '2026-04-04T13:00:00Z', '2026-04-05'],
    ['Australia/Lord_Howe', '2026-04-05T13:29:59.999Z', '2026-04-05'],
    ['Australia/Lord_Howe', '2026-04-05T13:30:00Z', '2026-04-06'],
    ['UTC', '2026-03-06T23:59:59.999Z', '2026-03-06'],
    ['UTC', '2026-03-07T00:00:00Z', '2026-03-07'],
  ])('in %s at %s it is %s', (zone, instant, expected) => {
    expect(todayIn(zone, new Date(instant))).toBe(expected);
  });

  it('gives two workspaces different days at the same instant', () => {
    const now = new Date('2026-03-06T11:00:00Z');
    expect(todayIn('Pacific/Kiritimati', now)).toBe('2026-03-07');
    expect(todayIn('America/Adak', now)).toBe('2026-03-06');
  });
});

describe('addCalendarDays', () => {
  it.each([
    ['2026-03-08', 1, '2026-03-09'], // the day Adak (and the US) springs forward
    ['2026-04-05', 1, '2026-04-06'], // the day Lord Howe falls back by half an hour
    ['2026-03-01', -1, '2026-02-28'],
    ['2028-03-01', -1, '2028-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-06', -30, '2026-02-04'],
  ])('%s plus %s days is %s', (date, days, expected) => {
    expect(addCalendarDays(date, days)).toBe(expected);
  });
});

describe('weekOf', () => {
  it.each([
    ['2026-03-08', 'monday', '2026-03-02', '2026-03-08'],
    ['2026-03-09', 'monday', '2026-03-09', '2026-03-15'],
    ['2026-03-08', 'sunday', '2026-03-08', '2026-03-14'],
    ['2026-03-07', 'sunday', '2026-03-01', '2026-03-07'],
    ['2026-03-06', 'saturday', '2026-02-28', '2026-03-06'],
    ['2026-01-01', 'monday', '2025-12-29', '2026-01-04'],
    ['2026-04-05', 'wednesday', '2026-04-01', '2026-04-07'],
  ] as const)('the day %s in weeks starting on %s falls in %s..%s', (date, weekStart, start, end) => {
    expect(weekOf(date, weekStart)).toEqual({ start, end });
  });

  it("puts this week where the workspace's zone says, not where UTC does", () => {
    // Sunday evening in UTC is already Monday in Kiritimati: a new week there.
    const now = new Date('2026-03-08T10:00:00Z');
    expect(weekOf(todayIn('UTC', now), 'monday')).toEqual({ start: '2026-03-02', end: '2026-03-08' });
    expect(weekOf(todayIn('Pacific/Kiritimati', now), 'monday')).toEqual({
      start: '2026-03-09',
      end: '2026-03-15',
    });
  });
});

describe('monthOf, quarterOf, yearOf', () => {
  it.each([
    ['2026-02-14', '2026-02-01', '2026-02-28'],
    ['2028-02-29', '2028-02-01', '2028-02-29'],
    ['2026-12-31', '2026-12-01', '2026-12-31'],
    ['2026-04-01', '2026-04-01', '2026-04-30'],
  ])('the month of %s is %s..%s', (date, start, end) => {
    expect(monthOf(date)).toEqual({ start, end });
  });

  it.each([
    ['2026-01-01', '2026-01-01', '2026-03-31'],
    ['2026-03-31', '2026-01-01', '2026-03-31'],
    ['2026-04-01', '2026-04-01', '2026-06-30'],
    ['2026-08-15', '2026-07-01', '2026-09-30'],
    ['2026-12-31', '2026-10-01', '2026-12-31'],
  ])('the quarter of %s is %s..%s', (date, start, end) => {
    expect(quarterOf(date)).toEqual({ start, end });
  });

  it('gives the calendar year', () => {
    expect(yearOf('2026-07-04')).toEqual({ start: '2026-01-01', end: '2026-12-31' });
  });
});

describe('firstOpenDate', () => {
  it('is null when locking is off', () => {
    expect(firstOpenDate(0, 'Pacific/Kiritimati', new Date('2026-03-06T10:00:00Z'))).toBeNull();
  });

  it('counts the days back from today in the workspace zone', () => {
    // 10:00 UTC on 6 March is already the 7th in Kiritimati; 09:59 is still the 5th in Adak.
    const morning = new Date('2026-03-06T10:00:00Z');
    expect(firstOpenDate(7, 'Pacific/Kiritimati', morning)).toBe('2026-02-28');
    expect(firstOpenDate(7, 'UTC', morning)).toBe('2026-02-27');
    const earlier = new Date('2026-03-06T09:59:00Z');
    expect(firstOpenDate(7, 'America/Adak', earlier)).toBe('2026-02-26');
    expect(firstOpenDate(7, 'UTC', earlier)).toBe('2026-02-27');
  });

  it('moves at the midnight of the workspace zone, across a daylight saving change', () => {
    expect(firstOpenDate(1, 'America/Adak', new Date('2026-03-09T08:59:59.999Z'))).toBe('2026-03-07');
    expect(firstOpenDate(1, 'America/Adak', new Date('2026-03-09T09:00:00Z'))).toBe('2026-03-08');
    expect(firstOpenDate(1, 'Australia/Lord_Howe', new Date('2026-04-05T13:29:59.999Z'))).toBe('2026-04-04');
    expect(firstOpenDate(1, 'Australia/Lord_Howe', new Date('2026-04-05T13:30:00Z'))).toBe('2026-04-05');
  });
});

describe('the test process', () => {
  it('runs in the time zone the test runner asked for', () => {
    // Without this, a far-zone run that silently fell back to UTC would prove nothing.
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(process.env.KEITO_TEST_TZ ?? 'UTC');
  });
});
