import { z } from 'zod';
import { isIsoDate } from '../lib/dates.ts';

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

export const sourceSchema = z.enum(['web', 'cli', 'api', 'agent']);
export type Source = z.infer<typeof sourceSchema>;

/** Where an entry is in the approval workflow (time-tracking/approving-time). */
export const approvalStatusSchema = z.enum(['unsubmitted', 'submitted', 'approved', 'rejected']);

export const isoDate = z.string().refine(isIsoDate, { message: 'must be a date in YYYY-MM-DD format' });

/** Free-form agent context; the 4 KB limit is checked by the services so it gets its own error code. */
export const metadataSchema = z.record(z.string(), z.unknown());

/** Query strings carry text: accept true/false (and 1/0) for booleans. */
export const queryBoolean = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

export const pageQuery = z.object({
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
});

export function pageOf<Item extends z.ZodType>(item: Item) {
  return z.object({
    data: z.array(item),
    next_cursor: z.string().nullable(),
    has_more: z.boolean(),
  });
}

export const idParams = z.object({ id: z.string().min(1) });

export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
    /** With entry_locked: submitted, approved, invoiced or date_locked. */
    reason: z.string().optional(),
  }),
});

/** The error responses every authenticated route can give. */
export const standardErrors = {
  400: errorSchema,
  401: errorSchema,
  403: errorSchema,
  404: errorSchema,
  409: errorSchema,
  422: errorSchema,
  429: errorSchema,
  500: errorSchema,
} as const;

/** 204 responses have no body. */
export const noContent = z.null();
