import { sendTimesheetEmail } from '../../domains/approvals/notifications.ts';
import type { TaskHandler } from './index.ts';

export const sendTimesheetEmailTask: TaskHandler<'send-timesheet-email'> = async (payload, context) => {
  const outcome = await sendTimesheetEmail(context.db, context.mailer, payload);
  if (outcome !== 'sent') context.log.info(`timesheet email not sent: ${outcome}`);
};
