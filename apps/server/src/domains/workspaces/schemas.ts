import { z } from 'zod';
import { nonBlank } from '../../http/schemas.ts';
import { type CurrencyCode, currencyCodes } from '../../lib/currencies.ts';
import { timesheetRemindersSchema } from '../notifications/schemas.ts';

const weekday = z.enum(['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']);
const decimalSeparator = z.enum(['.', ',']);
const thousandsSeparator = z.enum([',', '.', ' ']);
const entryMode = z.enum(['timer', 'manual']);
const features = z.object({ expenses: z.boolean(), invoicing: z.boolean(), approvals: z.boolean() });

/**
 * An IANA timezone name, e.g. Europe/London: the runtime's canonical list, listed in the OpenAPI
 * document so that clients can offer it. UTC is not in that list (it is an alias of Etc/UTC) and is
 * what a workspace starts with.
 */
const TIMEZONES = [...new Set(['UTC', 'Etc/UTC', ...Intl.supportedValuesOf('timeZone')])] as [
  string,
  ...string[],
];
export const timezoneSchema = z.enum(TIMEZONES, { error: 'must be an IANA timezone such as Europe/London' });

/**
 * A currency of the ISO 4217 table (lib/currencies.ts): invoices round to its exponent. An enum,
 * so the OpenAPI document lists exactly the codes the server accepts.
 */
export const currencySchema = z.enum(currencyCodes as [CurrencyCode, ...CurrencyCode[]], {
  error: 'must be an ISO 4217 currency code such as USD, GBP or EUR',
});

export const workspaceSchema = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  timezone: z.string(),
  currency: z.string(),
  week_starts_on: weekday,
  time_format: z.string(),
  date_format: z.string(),
  time_display: z.string(),
  decimal_separator: decimalSeparator,
  thousands_separator: thousandsSeparator,
  default_entry_mode: entryMode,
  require_notes: z.boolean(),
  lock_entries_after_days: z.number(),
  rounding_minutes: z.number(),
  default_weekly_capacity: z.number(),
  features,
  timesheet_reminders: timesheetRemindersSchema,
  plan: z.enum(['free', 'pro', 'enterprise']),
  created_at: z.string(),
  updated_at: z.string(),
});

export const updateWorkspaceBody = z.object({
  name: nonBlank(200).optional(),
  address: z.string().max(2000).nullable().optional(),
  phone: z.string().max(100).nullable().optional(),
  timezone: timezoneSchema.optional(),
  currency: currencySchema.optional(),
  week_starts_on: weekday.optional(),
  time_format: z.enum(['12h', '24h']).optional(),
  date_format: z.string().max(20).optional(),
  time_display: z.enum(['decimal', 'hours_minutes']).optional(),
  decimal_separator: decimalSeparator.optional(),
  thousands_separator: thousandsSeparator.optional(),
  default_entry_mode: entryMode.optional(),
  require_notes: z.boolean().optional(),
  lock_entries_after_days: z.number().int().min(0).max(3650).optional(),
  rounding_minutes: z
    .union([z.literal(0), z.literal(5), z.literal(6), z.literal(10), z.literal(15), z.literal(30)])
    .optional(),
  default_weekly_capacity: z.number().min(0).max(168).optional(),
  features: features.partial().optional(),
  /** Only the fields given change. */
  timesheet_reminders: timesheetRemindersSchema.partial().optional(),
});

export type WorkspaceResponse = z.infer<typeof workspaceSchema>;
export type UpdateWorkspaceInput = z.infer<typeof updateWorkspaceBody>;
