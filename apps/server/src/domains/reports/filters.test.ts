import { describe, expect, it } from 'vitest';
import { resolvePeriod } from './filters.ts';

// These run in far zones too (server-tz): the presets follow the workspace's zone, never the process's.

const utc = { timezone: 'UTC', weekStartsOn: 'monday' } as const;
// Wednesday 13 May 2026, 11:00 UTC: already Thursday the 14th in Kiritimati (UTC+14).
const now = new Date('2026-05-13T11:00:00Z');

describe('resolvePeriod', () => {
  it.each([
    ['this_week', '2026-05-11', '2026-05-17'],
    ['last_week', '2026-05-04', '2026-05-10'],
    ['this_month', '2026-05-01', '2026-05-31'],
    ['last_month', '2026-04-01', '2026-04-30'],
    ['this_quarter', '2026-04-01', '2026-06-30'],
    ['this_year', '2026-01-01', '2026-12-31'],
  ] as const)('%s is %s..%s', (period, from, to) => {
    expect(resolvePeriod({ period }, utc, now)).toEqual({ from, to });
  });

  it("takes today in the workspace's zone and its first day of the week", () => {
    // 31 May 2026 23:30 in Adak (UTC-9) is 1 June in UTC: still May there.
    const lateMay = new Date('2026-06-01T08:30:00Z');
    expect(
      resolvePeriod({ period: 'this_month' }, { timezone: 'America/Adak', weekStartsOn: 'monday' }, lateMay),
    ).toEqual({ from: '2026-05-01', to: '2026-05-31' });
    expect(resolvePeriod({ period: 'this_month' }, utc, lateMay)).toEqual({
      from: '2026-06-01',
      to: '2026-06-30',
    });
    // Sunday 31 May in Adak, with weeks starting on Sunday.
    expect(
      resolvePeriod({ period: 'this_week' }, { timezone: 'America/Adak', weekStartsOn: 'sunday' }, lateMay),
    ).toEqual({ from: '2026-05-31', to: '2026-06-06' });
    expect(
      resolvePeriod({ period: 'last_week' }, { timezone: 'Pacific/Kiritimati', weekStartsOn: 'monday' }, now),
    ).toEqual({ from: '2026-05-04', to: '2026-05-10' });
  });

  it('crosses the year for last month in January and last week at New Year', () => {
    const newYear = new Date('2027-01-02T12:00:00Z');
    expect(resolvePeriod({ period: 'last_month' }, utc, newYear)).toEqual({
      from: '2026-12-01',
      to: '2026-12-31',
    });
    expect(resolvePeriod({ period: 'this_week' }, utc, newYear)).toEqual({
      from: '2026-12-28',
      to: '2027-01-03',
    });
  });

  it('keeps a custom range as given, open ends included', () => {
    expect(resolvePeriod({ period: 'custom', from: '2026-01-01', to: '2026-03-31' }, utc, now)).toEqual({
      from: '2026-01-01',
      to: '2026-03-31',
    });
    expect(resolvePeriod({ from: '2026-01-01' }, utc, now)).toEqual({ from: '2026-01-01', to: undefined });
  });

  it('refuses from after to, and from/to with a preset', () => {
    expect(() => resolvePeriod({ from: '2026-02-01', to: '2026-01-01' }, utc, now)).toThrow(
      /from must be on or before to/,
    );
    expect(() => resolvePeriod({ period: 'this_year', from: '2026-01-01' }, utc, now)).toThrow(
      /period=custom/,
    );
  });
});
