import { sendBudgetAlertEmail } from '../../domains/reports/budget-alerts.ts';
import type { TaskHandler } from './index.ts';

export const sendBudgetAlertEmailTask: TaskHandler<'send-budget-alert-email'> = async (payload, context) => {
  const outcome = await sendBudgetAlertEmail(context.db, context.mailer, payload);
  if (outcome !== 'sent') context.log.info(`budget alert email not sent: ${outcome}`);
};
