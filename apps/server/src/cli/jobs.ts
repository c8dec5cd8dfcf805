import { parseArgs } from 'node:util';
import type { Config } from '../config.ts';
import { openDatabase } from '../db/open.ts';
import { listJobs, type QueuedJob, retryJob } from '../jobs/inspect.ts';
import { UsageError } from './usage-error.ts';

/** `keito-server jobs [--json]` lists the queue; `keito-server jobs retry <id>` runs a job again now. */
export async function jobsCommand(config: Config, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { json: { type: 'boolean' } },
    allowPositionals: true,
  });
  const [action, id, ...extra] = positionals;
  if (extra.length > 0 || (action !== undefined && action !== 'retry')) {
    throw new UsageError(`Unknown jobs command: ${positionals.join(' ')}`);
  }
  if (action === 'retry' && (id === undefined || !/^\d+$/.test(id))) {
    throw new UsageError('jobs retry needs the id of a job (see keito-server jobs)');
  }
  const database = await openDatabase(config, { poolSize: 2 });
  try {
    if (action === 'retry' && id !== undefined) {
      if (!(await retryJob(database.db, id))) {
        console.error(`keito-server: no job ${id} waiting in the queue (it may be running or done)`);
        return 1;
      }
      process.stdout.write(`Job ${id} will run again now.\n`);
      return 0;
    }
    const jobs = await listJobs(database.db);
    process.stdout.write(values.json ? `${JSON.stringify(jobs)}\n` : formatJobs(jobs));
    return 0;
  } finally {
    await database.close();
  }
}

/** One line a job; the last error is cut to its first line (a stack trace follows it). */
export function formatJobs(jobs: QueuedJob[]): string {
  if (jobs.length === 0) return 'No jobs waiting or failed.\n';
  const rows = [
    ['ID', 'TASK', 'KEY', 'STATE', 'ATTEMPTS', 'NEXT RUN', 'LAST ERROR'],
    ...jobs.map((job) => [
      job.id,
      job.task,
      job.key ?? '-',
      job.state,
      `${job.attempts}/${job.maxAttempts}`,
      job.state === 'failed' ? '-' : job.runAt,
      job.lastError?.split('\n')[0] ?? '-',
    ]),
  ];
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
        .join('  '),
    )
    .join('\n')
    .concat('\n');
}
