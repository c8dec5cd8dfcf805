import { z } from 'zod';
import {
  approvalStatusSchema,
  idString,
  isoDate,
  isoTimestamp,
  metadataSchema,
  pageQuery,
  queryBoolean,
  sourceSchema,
  unchangeable,
} from '../../http/schemas.ts';
import { MAX_ENTRY_HOURS } from '../../lib/hours.ts';
import { metadataFiltersQuery } from '../reports/schemas.ts';

const hours = z.number().min(0).max(MAX_ENTRY_HOURS);
const timestamp = isoTimestamp;

export const timeEntrySchema = z.object({
  id: z.string(),
  project_id: z.string(),
  task_id: z.string().nullable(),
  user_id: z.string(),
  spent_date: z.string(),
  /** Decimal hours; for a running timer, the hours so far. */
  hours: z.number(),
  notes: z.string().nullable(),
  is_running: z.boolean(),
  is_billable: z.boolean(),
  source: sourceSchema,
  metadata: z.record(z.string(), z.unknown()).nullable(),
  timer_started_at: z.string().nullable(),
  started_at: z.string().nullable(),
  ended_at: z.string().nullable(),
  /** The hourly rate resolved when the entry was written; null when the caller may not see rates. */
  billable_rate: z.number().nullable(),
  approval_status: approvalStatusSchema,
  /** The submission (timesheet) that carries the entry, once submitted. */
  timesheet_id: z.string().nullable(),
  invoice_id: z.string().nullable(),
  is_locked: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const createTimeEntryBody = z
  .object({
    project_id: idString,
    task_id: idString.nullable().optional(),
    spent_date: isoDate,
    /** Required unless the entry is a running timer (then it defaults to 0) or has started_at and ended_at. */
    hours: hours.optional(),
    is_running: z.boolean().default(false),
    notes: z.string().max(10_000).nullable().optional(),
    is_billable: z.boolean().optional(),
    source: sourceSchema.default('api'),
    metadata: metadataSchema.nullable().optional(),
    /** Administrators, and managers for their teammates, may log time for someone else. */
    user_id: idString.optional(),
    started_at: timestamp.optional(),
    ended_at: timestamp.optional(),
  })
  // The service says which is missing with its own message; the OpenAPI document states the rule.
  .meta({
    anyOf: [
      { required: ['hours'] },
      { required: ['is_running'], properties: { is_running: { const: true } } },
      { required: ['started_at', 'ended_at'] },
    ],
  });

export const updateTimeEntryBody = z.object({
  hours: hours.optional(),
  notes: z.string().max(10_000).nullable().optional(),
  is_running: z.boolean().optional(),
  is_billable: z.boolean().optional(),
  task_id: idString.nullable().optional(),
  metadata: metadataSchema.nullable().optional(),
  spent_date: isoDate.optional(),
  started_at: timestamp.nullable().optional(),
  ended_at: timestamp.nullable().optional(),
  // Listed so that an attempt to change them is answered with a clear error rather than ignored.
  source: unchangeable,
  project_id: unchangeable,
  user_id: unchangeable,
});

export const listTimeEntriesQuery = pageQuery.extend({
  source: sourceSchema.optional(),
  project_id: idString.optional(),
  task_id: idString.optional(),
  client_id: idString.optional(),
  user_id: idString.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  is_running: queryBoolean.optional(),
  is_billable: queryBoolean.optional(),
  /** Billed on an invoice (true) or not yet (false), as the expenses list filters. */
  is_billed: queryBoolean.optional(),
  /** The entries an invoice bills (its lines say how many each bills). */
  invoice_id: idString.optional(),
  /** The entries one line of an invoice bills (faster with its `invoice_id`). */
  invoice_line_item_id: idString.optional(),
  approval_status: approvalStatusSchema.optional(),
  ...metadataFiltersQuery.shape,
});

export type TimeEntryResponse = z.infer<typeof timeEntrySchema>;
export type CreateTimeEntryInput = z.infer<typeof createTimeEntryBody>;
export type UpdateTimeEntryInput = z.infer<typeof updateTimeEntryBody>;
export type ListTimeEntriesFilters = z.infer<typeof listTimeEntriesQuery>;
