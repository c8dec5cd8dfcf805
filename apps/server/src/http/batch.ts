import { z } from 'zod';
import type { Database } from '../db/client.ts';
import { MAX_BATCH_ITEMS } from '../lib/limits.ts';
import { domainErrorResponse, type ErrorBody, errorBody } from './errors.ts';
import { errorSchema } from './schemas.ts';

/**
 * The request body of a batch endpoint. Items are checked one by one against `item` by the handler
 * (not by the route's schema) so that one bad item is reported at its index instead of refusing
 * the whole batch; the schema here still documents their shape.
 */
export function batchBodyOf(item: z.ZodType) {
  return z.object({
    items: z
      .array(z.record(z.string(), z.unknown()))
      .min(1)
      .max(MAX_BATCH_ITEMS)
      .meta({
        description: `1 to ${MAX_BATCH_ITEMS} objects, each the body of a single create (${
          item.description ?? 'see the single create operation'
        }); each is validated and reported on its own`,
      }),
  });
}

export function batchResultOf<Item extends z.ZodType>(item: Item) {
  return z.object({
    /** Items written, in request order, with the object as a single create returns it. */
    created: z.array(z.object({ index: z.number(), data: item })),
    /** Items refused, with the status and error a single create would have answered. */
    failed: z.array(z.object({ index: z.number(), status: z.number(), error: errorSchema.shape.error })),
  });
}

export interface BatchResult<T> {
  created: { index: number; data: T }[];
  failed: { index: number; status: number; error: ErrorBody['error'] }[];
}

/**
 * A service that creates many items at once: it settles each input on its own, and writes the
 * items it creates all or nothing (one statement, or one transaction).
 */
export type CreateMany<Input, Output> = (
  db: Database,
  inputs: Input[],
) => Promise<PromiseSettledResult<Output>[]>;

/**
 * Validates every item against `schema` and creates the valid ones with `createMany`: a refused item
 * is reported with its index and the status and error a single create would answer, the others go
 * on. The created items commit together, so a batch never half-lands: after a crash nothing of it
 * was written, and a retry with the same Idempotency-Key writes it once. An unexpected failure
 * (not a domain error) answers 500 with nothing written.
 */
export async function runBatch<Input, Output>(
  db: Database,
  items: unknown[],
  schema: z.ZodType<Input>,
  createMany: CreateMany<Input, Output>,
): Promise<BatchResult<Output>> {
  const result: BatchResult<Output> = { created: [], failed: [] };
  const valid: { index: number; input: Input }[] = [];
  for (const [index, raw] of items.entries()) {
    const parsed = schema.safeParse(raw);
    if (parsed.success) valid.push({ index, input: parsed.data });
    else result.failed.push({ index, status: 400, error: describeIssue(parsed.error.issues[0]) });
  }
  const settled = await createMany(
    db,
    valid.map(({ input }) => input),
  );
  valid.forEach(({ index }, position) => {
    const outcome = settled[position];
    if (outcome?.status === 'fulfilled') {
      result.created.push({ index, data: outcome.value });
      return;
    }
    const known = domainErrorResponse(outcome?.reason);
    if (known === undefined) throw outcome?.reason;
    result.failed.push({ index, status: known.status, error: known.body.error });
  });
  result.failed.sort((a, b) => a.index - b.index);
  return result;
}

/** The same sentence a single create gives for its first invalid field, e.g. "project_id is required". */
function describeIssue(issue: z.core.$ZodIssue | undefined): ErrorBody['error'] {
  if (issue === undefined) return errorBody('validation_error', 'Invalid item').error;
  const field = issue.path.map(String).join('.');
  if (field === '') return errorBody('validation_error', issue.message).error;
  const missing = issue.code === 'invalid_type' && issue.input === undefined;
  return errorBody('validation_error', missing ? `${field} is required` : `${field}: ${issue.message}`, field)
    .error;
}
