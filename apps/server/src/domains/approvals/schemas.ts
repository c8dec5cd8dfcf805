import { z } from 'zod';
import { errorSchema, isoDate, nonBlank, pageQuery } from '../../http/schemas.ts';
import { MAX_BATCH_ITEMS } from '../../lib/limits.ts';
import { expenseSchema } from '../expenses/schemas.ts';
import { timeEntrySchema } from '../time/schemas.ts';

export const timesheetStateSchema = z.enum(['submitted', 'approved', 'rejected']);

const person = z.object({ id: z.string(), name: z.string() });

/** Something an approver may want to look at twice (time-tracking/approving-time). */
export const timesheetFlagSchema = z.object({
  kind: z.enum(['missing_notes', 'over_daily_capacity', 'overtime']),
  /** The day (missing_notes, over_daily_capacity) or the first day of the week (overtime). */
  date: z.string(),
  /** The entry without notes; null for the other kinds. */
  time_entry_id: z.string().nullable(),
  /** The hours of the day or week; the entry's hours for missing_notes. */
  hours: z.number(),
  /** The person's capacity the hours are compared with (a day's share, or the week's); null for missing_notes. */
  capacity_hours: z.number().nullable(),
});

export const timesheetSchema = z.object({
  id: z.string(),
  user: person.extend({ user_type: z.enum(['human', 'agent']) }),
  from: z.string(),
  to: z.string(),
  state: timesheetStateSchema,
  total_hours: z.number(),
  billable_hours: z.number(),
  non_billable_hours: z.number(),
  /** The sum of the expenses, in the workspace currency, rounded to it. */
  expense_total: z.number(),
  currency: z.string(),
  time_entry_count: z.number(),
  expense_count: z.number(),
  flags: z.array(timesheetFlagSchema),
  submitted_at: z.string(),
  /** Who submitted: the person, or an administrator or manager on their behalf. */
  submitted_by: person.nullable(),
  decided_at: z.string().nullable(),
  decided_by: person.nullable(),
  /** Why it was rejected. */
  reason: z.string().nullable(),
});

export const dailyTotalSchema = z.object({
  date: z.string(),
  hours: z.number(),
  billable_hours: z.number(),
  non_billable_hours: z.number(),
  expense_total: z.number(),
});

export const timesheetDetailSchema = timesheetSchema.extend({
  time_entries: z.array(timeEntrySchema),
  expenses: z.array(expenseSchema),
  /** One row per day of the period, days without entries included. */
  daily_totals: z.array(dailyTotalSchema),
});

export const submitTimesheetBody = z.object({
  /** Both or neither (422 otherwise): without them, the workspace's current week in its time zone. */
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** Administrators, and managers for the people they manage, submit on someone's behalf. */
  user_id: z.string().min(1).optional(),
});

export const listTimesheetsQuery = pageQuery.extend({
  state: timesheetStateSchema.optional(),
  user_id: z.string().optional(),
  /** Timesheets whose period overlaps from..to. */
  from: isoDate.optional(),
  to: isoDate.optional(),
});

// A reason of only spaces is refused after trimming; the `\S` pattern says so in the document
// (the contract suite sent "\f", which the schema allowed and the server refused).
export const rejectTimesheetBody = z.object({ reason: nonBlank(2000) });

const ids = z.array(z.string().min(1)).min(1).max(MAX_BATCH_ITEMS);
export const bulkApproveBody = z.object({ ids, reason: z.string().max(2000).optional() });
export const bulkRejectBody = z.object({ ids, reason: nonBlank(2000) });

/** One answer per id, in request order: the timesheet as a single call returns it, or its error. */
export const bulkResultSchema = z.object({
  results: z.array(
    z.object({
      id: z.string(),
      status: z.number(),
      data: timesheetSchema.optional(),
      error: errorSchema.shape.error.optional(),
    }),
  ),
});

export type TimesheetResponse = z.infer<typeof timesheetSchema>;
export type TimesheetDetailResponse = z.infer<typeof timesheetDetailSchema>;
export type TimesheetFlag = z.infer<typeof timesheetFlagSchema>;
export type DailyTotal = z.infer<typeof dailyTotalSchema>;
export type SubmitTimesheetInput = z.infer<typeof submitTimesheetBody>;
export type ListTimesheetsFilters = z.infer<typeof listTimesheetsQuery>;
export type BulkResult = z.infer<typeof bulkResultSchema>;
