import {
  queueDueReminders,
  sendProjectAssignmentEmail,
  sendScheduledEmail,
} from '../../domains/notifications/service.ts';
import type { TaskHandler } from './index.ts';

export const queueDueRemindersTask: TaskHandler<'queue-due-reminders'> = async (_payload, context) => {
  const queued = await queueDueReminders(context.db, new Date());
  if (queued > 0) context.log.info(`queued ${queued} scheduled emails`);
};

export const sendScheduledEmailTask: TaskHandler<'send-scheduled-email'> = async (payload, context) => {
  const outcome = await sendScheduledEmail(context.db, context.mailer, payload);
  if (outcome !== 'sent') context.log.info(`${payload.kind} email not sent: ${outcome}`);
};

export const sendProjectAssignmentEmailTask: TaskHandler<'send-project-assignment-email'> = async (
  payload,
  context,
) => {
  const outcome = await sendProjectAssignmentEmail(context.db, context.mailer, payload);
  if (outcome !== 'sent') context.log.info(`project assignment email not sent: ${outcome}`);
};
