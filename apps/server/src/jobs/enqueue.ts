import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import type { JobName, JobPayload } from './registry.ts';

export interface EnqueueOptions {
  /**
   * At most one waiting job per key: enqueueing again replaces the waiting one's payload (a job
   * already running is left to finish and the new one queued after it).
   */
  jobKey?: string;
}

/**
 * Adds a job through the caller's executor. Given the transaction of the write that causes the job,
 * the job commits or rolls back with it: it exists if and only if its write does, and the worker
 * cannot see it before the write is visible.
 */
export async function enqueue<Name extends JobName>(
  db: Executor,
  name: Name,
  payload: JobPayload<Name>,
  options: EnqueueOptions = {},
): Promise<void> {
  await db.execute(
    sql`SELECT graphile_worker.add_job(${name}, ${JSON.stringify(payload)}::json, job_key => ${options.jobKey ?? null}::text)`,
  );
}
