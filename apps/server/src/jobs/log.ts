import { Logger, type LogLevel } from 'graphile-worker';

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
 * starting) into the server's JSON log, with the job's id and task as fields. Only the error is
 * kept of the metadata: the job itself would bring its payload, which can hold a secret (an
 * invitation token).
 */
export function queueLogger(log: JobLog): Logger {
  return new Logger((scope) => (level: LogLevel, message, meta) => {
    const fields: Record<string, unknown> = { component: 'jobs', ...scope };
    if (meta?.error !== undefined) fields.err = meta.error;
    const method = (level as string) === 'warning' ? 'warn' : (level as 'error' | 'info' | 'debug');
    log[method](fields, message);
  });
}
