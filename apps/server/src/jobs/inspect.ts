import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';

/**
 * `running`: a worker has it now; `queued`: not tried yet; `retrying`: failed, tried again at
 * `runAt`; `failed`: out of attempts, kept until an operator retries or deletes it.
 */
export type JobState = 'queued' | 'running' | 'retrying' | 'failed';

/** A job still in the queue, as an operator sees it. The payload is left out: it can hold secrets. */
export interface QueuedJob {
  id: string;
  task: string;
  key: string | null;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  runAt: string;
  createdAt: string;
}

interface JobRow extends Record<string, unknown> {
  id: string;
  task_identifier: string;
  key: string | null;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  run_at: Date;
  locked_at: Date | null;
  created_at: Date;
}

/** Every job not yet done: graphile-worker deletes a job once it succeeds. Failed ones first. */
export async function listJobs(db: Executor): Promise<QueuedJob[]> {
  const { rows } = await db.execute<JobRow>(sql`
    SELECT id::text, task_identifier, key, attempts, max_attempts, last_error, run_at, locked_at, created_at
    FROM graphile_worker.jobs
    ORDER BY attempts >= max_attempts DESC, attempts > 0 DESC, run_at, id`);
  return rows.map((row) => ({
    id: row.id,
    task: row.task_identifier,
    key: row.key,
    state: stateOf(row),
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    lastError: row.last_error,
    runAt: new Date(row.run_at).toISOString(),
    createdAt: new Date(row.created_at).toISOString(),
  }));
}

function stateOf(row: JobRow): JobState {
  if (row.locked_at !== null) return 'running';
  if (row.attempts >= row.max_attempts) return 'failed';
  return row.attempts > 0 ? 'retrying' : 'queued';
}

/**
 * Runs a waiting or failed job again now with a fresh set of attempts (after fixing SMTP_URL, for
 * example). False when there is no such job, or a worker is running it.
 */
export async function retryJob(db: Executor, id: string): Promise<boolean> {
  const { rows } = await db.execute(
    sql`SELECT id FROM graphile_worker.reschedule_jobs(ARRAY[${id}]::bigint[], run_at => now(), attempts => 0)`,
  );
  return rows.length > 0;
}
