import { type Job, Logger, type LogLevel } from 'graphile-worker';

type LogMethod = (fields: Record<string, unknown>, message: string) => void;

/** The part of the server's pino logger the queue writes to. */
export interface JobLog {
  error: LogMethod;
  warn: LogMethod;
  info: LogMethod;
  debug: LogMethod;
}

/**
 * Routes graphile-worker's messages (a failed attempt with its error, a completed job, the worker
 * starting) into the server's JSON log, with the job's id, task and key as fields. The job itself
 * is not logged: its payload can hold a secret (an invitation token).
 */
export function queueLogger(log: JobLog): Logger {
  return new Logger((scope) => (level: LogLevel, message, meta) => {
    const fields: Record<string, unknown> = { component: 'jobs', ...scope };
    const job = meta?.job as Partial<Job> | undefined;
    if (job !== undefined) {
      Object.assign(fields, { jobId: job.id, taskIdentifier: job.task_identifier, jobKey: job.key });
    }
    if (meta?.error !== undefined) fields.err = meta.error;
    const method = (level as string) === 'warning' ? 'warn' : (level as 'error' | 'info' | 'debug');
    log[method](fields, message);
  });
}
