import { boolean, integer, jsonb, pgEnum, pgTable, text } from 'drizzle-orm/pg-core';
import { hours, timestamps } from './common.ts';

export const planEnum = pgEnum('plan', ['free', 'pro', 'enterprise']);
export const weekdayEnum = pgEnum('weekday', [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
]);

export interface FeatureToggles {
  expenses: boolean;
  invoicing: boolean;
  approvals: boolean;
}

/** When the weekly timesheet reminder and deadline message go out (settings/company-settings), in the workspace's time zone. */
export interface TimesheetReminders {
  enabled: boolean;
  reminder_day: Weekday;
  /** HH:MM, 24-hour. */
  reminder_time: string;
  deadline_day: Weekday;
  deadline_time: string;
}

type Weekday = (typeof weekdayEnum.enumValues)[number];

/** A workspace: the tenant every other row belongs to. */
export const accounts = pgTable('accounts', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  address: text('address'),
  phone: text('phone'),
  timezone: text('timezone').notNull().default('UTC'),
  currency: text('currency').notNull().default('USD'),
  weekStartsOn: weekdayEnum('week_starts_on').notNull().default('monday'),
  timeFormat: text('time_format').notNull().default('24h'),
  dateFormat: text('date_format').notNull().default('YYYY-MM-DD'),
  timeDisplay: text('time_display').notNull().default('decimal'),
  /** Number formatting (settings/company-settings, "Number Formatting"); see lib/money.ts formatMoney. */
  decimalSeparator: text('decimal_separator').$type<'.' | ','>().notNull().default('.'),
  thousandsSeparator: text('thousands_separator').$type<',' | '.' | ' '>().notNull().default(','),
  /** Whether the web entry form opens on the timer or on manual entry (settings/company-settings, "Default mode"). */
  defaultEntryMode: text('default_entry_mode').$type<'timer' | 'manual'>().notNull().default('timer'),
  requireNotes: boolean('require_notes').notNull().default(false),
  lockEntriesAfterDays: integer('lock_entries_after_days').notNull().default(0),
  roundingMinutes: integer('rounding_minutes').notNull().default(0),
  defaultWeeklyCapacity: hours('default_weekly_capacity').notNull().default('35'),
  features: jsonb('features')
    .$type<FeatureToggles>()
    .notNull()
    .default({ expenses: true, invoicing: true, approvals: true }),
  timesheetReminders: jsonb('timesheet_reminders').$type<TimesheetReminders>().notNull().default({
    enabled: true,
    reminder_day: 'friday',
    reminder_time: '09:00',
    deadline_day: 'friday',
    deadline_time: '17:00',
  }),
  plan: planEnum('plan').notNull().default('free'),
  /** Enterprise plans set their own limits; null means the plan's default. */
  rateLimitPerMinute: integer('rate_limit_per_minute'),
  rateLimitPerDay: integer('rate_limit_per_day'),
  ...timestamps,
});
