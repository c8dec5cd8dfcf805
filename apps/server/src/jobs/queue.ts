import { run, type Task, type TaskList } from 'graphile-worker';
import type pg from 'pg';
import type { Database } from '../db/client.ts';
import { createMailer, type Mailer, type MailSettings } from '../lib/mail.ts';
import { type JobLog, queueLogger } from './log.ts';
import { type JobName, type JobPayload, jobPayloads } from './registry.ts';
import { tasks } from './tasks/index.ts';

export interface JobRunnerOptions {
  db: Database;
  /** The pool behind `db`: the worker holds one connection of it for LISTEN, one more a running job. */
  pool: pg.Pool;
  mail: MailSettings;
  log: JobLog;
  /** Jobs run at once by this process (default 2); every server instance runs its own worker. */
  concurrency?: number;
  /**
   * Whether this worker schedules the periodic jobs of `CRONTAB` (default true). Test servers turn
   * it off: a tick would run at whatever wall-clock minute a test happens to reach.
   */
  periodic?: boolean;
}

export interface JobRunner {
  /** Takes no new jobs and waits for the running ones to finish. */
  stop(): Promise<void>;
}

/**
 * Periodic jobs. graphile-worker records each tick in the database, so with several server
 * instances a tick still runs once. Scheduled emails (domains/notifications) are planned every five
 * minutes: a tick missed while the server was down is not replayed (no backfill), since the next one
 * catches up with everything still due. Budgets are checked every ten minutes rather than after each
 * write (docs/decisions/0038-budget-alerts.md).
 */
export const CRONTAB = ['*/5 * * * * queue-due-reminders', '*/10 * * * * check-budgets'].join('\n');

/**
 * Starts the worker. New jobs arrive by LISTEN/NOTIFY, retries come due by polling. A job that
 * throws is retried with graphile-worker's backoff (exp(min(attempt, 10)) seconds: about 3, 7, 20
 * seconds ... then every 6 hours) up to 25 attempts, roughly four days; after that it stays in the
 * queue as failed, with its last error, until an operator retries or removes it (`keito-server jobs`).
 */
export async function startJobs(options: JobRunnerOptions): Promise<JobRunner> {
  const mailer = createMailer(options.mail);
  const taskList: TaskList = {};
  for (const name of Object.keys(tasks) as JobName[]) {
    taskList[name] = taskFor(name, { db: options.db, mailer });
  }
  const runner = await run({
    pgPool: options.pool,
    taskList,
    logger: queueLogger(options.log),
    concurrency: options.concurrency ?? 2,
    crontab: options.periodic === false ? '' : CRONTAB,
    // The server handles SIGTERM itself and stops the worker along with the HTTP server.
    noHandleSignals: true,
  });
  return { stop: () => runner.stop() };
}

function taskFor<Name extends JobName>(name: Name, deps: { db: Database; mailer: Mailer }): Task {
  const handler = tasks[name];
  return async (payload, helpers) => {
    const parsed = jobPayloads[name].parse(payload) as JobPayload<Name>;
    await handler(parsed, { ...deps, log: helpers.logger });
  };
}
