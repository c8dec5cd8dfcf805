import type { Logger } from 'graphile-worker';
import type { Database } from '../../db/client.ts';
import type { Mailer } from '../../lib/mail.ts';
import type { JobName, JobPayload } from '../registry.ts';
import { sendInvitationEmailTask } from './send-invitation-email.ts';
import { sendInvoiceEmailTask } from './send-invoice-email.ts';
import { sendTimesheetEmailTask } from './send-timesheet-email.ts';

/** What a task runs with: the server's database and mailer, and a logger scoped to the job. */
export interface TaskContext {
  db: Database;
  mailer: Mailer;
  log: Logger;
}

/** Throwing fails the attempt: the queue retries it later with backoff, up to its max_attempts. */
export type TaskHandler<Name extends JobName> = (
  payload: JobPayload<Name>,
  context: TaskContext,
) => Promise<void>;

/** One task per job kind; the type makes a job kind without a task a compile error. */
export const tasks: { [Name in JobName]: TaskHandler<Name> } = {
  'send-invitation-email': sendInvitationEmailTask,
  'send-timesheet-email': sendTimesheetEmailTask,
  'send-invoice-email': sendInvoiceEmailTask,
};
