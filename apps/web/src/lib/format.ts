// How every screen writes dates, times, durations, numbers and money: in the workspace's settings
// (date format, 12/24-hour time, decimal or h:mm durations, separators) and the person's own
// time zone and time format when they set them (settings/personal-settings). One module, so a
// setting changed in Settings shows the same way everywhere (docs/decisions/0020-feature-toggles-and-display.md).

import type { User } from '@keito/sdk';
import { useQuery } from '@tanstack/react-query';
import Big from 'big.js';
import { useMemo } from 'react';
// The server's formatter itself, with its ISO 4217 exponents (lib/currencies.ts): an invoice total
// on screen is the same string the server writes in a PDF or an email.
import { formatMoney } from '../../../server/src/lib/money.ts';
import { meQuery, workspaceQuery } from '../queries.ts';
import type { TimeDisplay, TimeFormat, Workspace } from '../types.ts';
import { type DurationStyle, formatDuration } from './duration.ts';

export interface DisplaySettings {
  timeZone: string;
  timeFormat: TimeFormat;
  /** Tokens YYYY, MM and DD, e.g. DD/MM/YYYY. */
  dateFormat: string;
  durations: TimeDisplay;
  decimalSeparator: '.' | ',';
  thousandsSeparator: ',' | '.' | ' ';
}

export const DEFAULT_DISPLAY: DisplaySettings = {
  timeZone: 'UTC',
  timeFormat: '24h',
  dateFormat: 'YYYY-MM-DD',
  durations: 'decimal',
  decimalSeparator: '.',
  thousandsSeparator: ',',
};

/** The workspace's settings with the person's overrides (time zone, time format) on top. */
export function displaySettings(workspace: Workspace | undefined, me: User | undefined): DisplaySettings {
  if (workspace === undefined) return DEFAULT_DISPLAY;
  return {
    timeZone: me?.timezone ?? workspace.timezone,
    timeFormat: me?.time_format ?? workspace.time_format,
    dateFormat: workspace.date_format,
    durations: workspace.time_display,
    decimalSeparator: workspace.decimal_separator,
    thousandsSeparator: workspace.thousands_separator,
  };
}

export interface Format {
  settings: DisplaySettings;
  /** The date format for Mantine's date inputs: dayjs reads the workspace's YYYY, MM and DD tokens. */
  pickerFormat: string;
  /** A calendar date (YYYY-MM-DD) in the workspace's date format. */
  date(date: string): string;
  /** "Mon 31/03": a column heading. */
  shortDay(date: string): string;
  /** "Monday 31/03/2026": a page heading. */
  longDay(date: string): string;
  /** The clock time of an instant in the person's zone, 12- or 24-hour. */
  time(instant: string | Date): string;
  /** Date and time of an instant in the person's zone. */
  dateTime(instant: string | Date): string;
  /** Hours as the workspace shows them ("1.50" or "1:30"); "clock" for a running timer. */
  duration(hours: number, style?: DurationStyle): string;
  /** A plain number with the workspace's separators and `decimals` fraction digits. */
  number(value: number, decimals?: number): string;
  /** Budget hours: "120 h", "12.50 h". */
  hours(value: number): string;
  /**
   * An amount in `currency` with its ISO 4217 decimals; "—" when unset. A JSON number from the
   * API, or an exact decimal string (a sum made with big.js, an amount computed by the server's code).
   */
  money(amount: number | string | null | undefined, currency: string): string;
  /** A price per unit: the currency's decimals and every further digit it has (£0.003 a 1k tokens). */
  unitPrice(amount: number | string, currency: string): string;
}

export function createFormat(settings: DisplaySettings): Format {
  const { decimalSeparator, thousandsSeparator } = settings;
  const number = (value: number, decimals = 2) => {
    const [whole = '0', fraction] = Math.abs(value).toFixed(decimals).split('.');
    const grouped = whole.replace(/\B(?=(\d{3})+$)/g, thousandsSeparator);
    const sign = value < 0 && Number(value.toFixed(decimals)) !== 0 ? '-' : '';
    return `${sign}${grouped}${fraction === undefined ? '' : `${decimalSeparator}${fraction}`}`;
  };
  const date = (value: string) => {
    const [year = '', month = '', day = ''] = value.split('-');
    return settings.dateFormat.replace('YYYY', year).replace('MM', month).replace('DD', day);
  };
  const weekday = (value: string, width: 'short' | 'long') =>
    new Date(`${value}T00:00:00Z`).toLocaleDateString('en-GB', { weekday: width, timeZone: 'UTC' });
  // The day and month of the date format, in its order and with its separator: 31/03, 03/31, 03-31.
  const dayMonth = (value: string) => date(value).replace(/^\d{4}\W|\W\d{4}$/, '');
  const clock = new Intl.DateTimeFormat('en-US', {
    timeZone: settings.timeZone,
    hour: 'numeric',
    minute: '2-digit',
    hourCycle: settings.timeFormat === '12h' ? 'h12' : 'h23',
  });
  const dayOf = new Intl.DateTimeFormat('en-CA', {
    timeZone: settings.timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const time = (instant: string | Date) => clock.format(new Date(instant));
  return {
    settings,
    pickerFormat: `ddd ${settings.dateFormat}`,
    date,
    shortDay: (value) => `${weekday(value, 'short')} ${dayMonth(value)}`,
    longDay: (value) => `${weekday(value, 'long')} ${date(value)}`,
    time,
    dateTime: (instant) => `${date(dayOf.format(new Date(instant)))} ${time(instant)}`,
    duration: (hours, style = settings.durations) =>
      style === 'decimal' ? number(hours, 2) : formatDuration(hours, style),
    number,
    hours: (value) => `${number(value, Number.isInteger(value) ? 0 : 2)} h`,
    money: (amount, currency) =>
      amount === null || amount === undefined
        ? '—'
        : // JSON numbers print as their shortest exact decimal, so Big reads the amount the server sent.
          formatMoney(new Big(String(amount)), currency, { decimalSeparator, thousandsSeparator }),
    unitPrice: (amount, currency) =>
      formatMoney(
        new Big(String(amount)),
        currency,
        { decimalSeparator, thousandsSeparator },
        { keepDigits: true },
      ),
  };
}

/** The signed-in person's format; the defaults until the workspace has loaded. */
export function useFormat(): Format {
  const workspace = useQuery(workspaceQuery);
  const me = useQuery(meQuery);
  const settings = displaySettings(workspace.data, me.data);
  const key = JSON.stringify(settings);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the settings' JSON is their identity.
  return useMemo(() => createFormat(settings), [key]);
}
