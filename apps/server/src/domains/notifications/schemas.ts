import { z } from 'zod';
import { NOTIFICATION_KINDS, type NotificationKind } from './kinds.ts';

const kindFlags = Object.fromEntries(
  Object.entries(NOTIFICATION_KINDS).map(([kind, { label, default: on }]) => [
    kind,
    z.boolean().describe(`${label} (default ${on ? 'on' : 'off'})`),
  ]),
) as Record<NotificationKind, z.ZodBoolean>;

/** Every kind with whether the person gets it. */
export const notificationPreferencesSchema = z.object(kindFlags);

const weekday = z.enum(['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']);
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM (24-hour)');

/** settings/company-settings, "Timesheet Reminders": days and times in the workspace's time zone. */
export const timesheetRemindersSchema = z.object({
  enabled: z.boolean(),
  reminder_day: weekday,
  reminder_time: clockTime,
  deadline_day: weekday,
  deadline_time: clockTime,
});
