import { z } from 'zod';
import { isIsoDate } from '../lib/dates.ts';

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

export const sourceSchema = z.enum(['web', 'cli', 'api', 'agent']);
export type Source = z.infer<typeof sourceSchema>;

export const isoDate = z.string().refine(isIsoDate, { message: 'must be a date in YYYY-MM-DD format' });

/** Free-form agent context; the 4 KB limit is checked by the services so it gets its own error code. */
export const metadataSchema = z.record(z.string(), z.unknown());

/** Query strings carry text: accept true/false (and 1/0) for booleans. */
export const queryBoolean = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

export const pageQuery = z.object({
  cursor: z.string().optional(),
  // Above the maximum is clamped rather than refused, as the API overview documents ("max 200"):
  // a client asking for more still pages correctly, and the response's `limit` says what applied.
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .default(DEFAULT_PAGE_SIZE)
    .transform((limit) => Math.min(limit, MAX_PAGE_SIZE))
    .describe(
      `Items per page, default ${DEFAULT_PAGE_SIZE}; above ${MAX_PAGE_SIZE} is read as ${MAX_PAGE_SIZE}`,
    ),
});

export function pageOf<Item extends z.ZodType>(item: Item) {
  return z.object({
    data: z.array(item),
    next_cursor: z.string().nullable(),
    has_more: z.boolean(),
    limit: z.number().int().describe('The page size applied: the requested limit, at most 200'),
  });
}

export const idParams = z.object({ id: z.string().min(1) });

export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
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
