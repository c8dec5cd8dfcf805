import { z } from 'zod';

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

export const sourceSchema = z.enum(['web', 'cli', 'api', 'agent']);
export type Source = z.infer<typeof sourceSchema>;

/** Where an entry is in the approval workflow (time-tracking/approving-time). */
export const approvalStatusSchema = z.enum(['unsubmitted', 'submitted', 'approved', 'rejected']);

/**
 * Years 1900 to 2999: JavaScript's Date and node-postgres misread years before 1000 (0020 becomes
 * 1920), and no work is tracked outside this range. Each is one pattern, not a format plus a
 * pattern: the OpenAPI document then says exactly what is accepted, and a generator (Schemathesis)
 * can produce valid values directly instead of filtering most of them out.
 */
const YEAR = '(?:19|2\\d)\\d\\d';
const MONTH_DAY =
  '(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2[0-8]))';
const LEAP_YEAR = '(?:(?:19|2\\d)(?:0[48]|[2468][048]|[13579][26])|2000|2400|2800)';
const DATE = `(?:${YEAR}-${MONTH_DAY}|${LEAP_YEAR}-02-29)`;
// Seconds and their fraction are optional, as with zod's datetime.
const TIME = '(?:[01]\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d(?:\\.\\d{1,9})?)?';
const OFFSET = '(?:Z|[+-](?:[01]\\d|2[0-3]):[0-5]\\d)';

/** A real calendar date, YYYY-MM-DD (2026-02-30 is refused). */
export const isoDate = z.string().regex(new RegExp(`^${DATE}$`), 'must be a date in YYYY-MM-DD format');

/** A moment with its UTC offset, e.g. 2026-03-06T09:30:00Z, in the same years as isoDate. */
export const isoTimestamp = z
  .string()
  .regex(
    new RegExp(`^${DATE}T${TIME}${OFFSET}$`),
    'must be an ISO 8601 timestamp with an offset, e.g. 2026-03-06T09:30:00Z',
  );

/**
 * Ids we issue are short (`prj_` and 26 characters; `cat_llm_usage`); the limit keeps a path within
 * the router's parameter limit (app.ts), so a long id is a documented 400, never a 414.
 */
export const MAX_ID_LENGTH = 100;

/**
 * An email address: zod's pattern, with RFC 5321's limit of 64 characters before the @ that the
 * `email` format of the OpenAPI document implies.
 */
export const emailAddress = z
  .email({ pattern: new RegExp(`^(?=[^@]{1,64}@)${z.regexes.email.source.replace(/^\^/, '')}`) })
  .max(320);

/** An id given in a path, a query or a body: not empty. */
export const idString = z.string().min(1).max(MAX_ID_LENGTH);

/** A name or label: trimmed, and refused when only spaces (the pattern says so in the OpenAPI document). */
export function nonBlank(max: number) {
  return z.string().trim().min(1, 'must not be blank').max(max).regex(/\S/, 'must not be blank');
}

/**
 * A field the request may carry only to be told it cannot change (a PATCH naming `project_id`): the
 * service answers with a precise message, and the OpenAPI document says no value is accepted.
 */
export const unchangeable = z.unknown().optional().meta({ not: {} });

/** Free-form agent context; the 4 KB limit is checked by the services so it gets its own error code. */
export const metadataSchema = z.record(z.string(), z.unknown());

/** Query strings carry text: accept true/false (and 1/0) for booleans. */
export const queryBoolean = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

export const pageQuery = z.object({
  /** next_cursor of the previous page, as given: base64url. */
  cursor: z
    .string()
    .min(1)
    .max(2000)
    .regex(/^[A-Za-z0-9_-]+$/, 'is not a cursor; use next_cursor from a previous page')
    .optional(),
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

export const idParams = z.object({ id: idString });

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
