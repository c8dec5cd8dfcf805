import { sendInvoiceEmail } from '../../domains/invoicing/delivery.ts';
import type { TaskHandler } from './index.ts';

export const sendInvoiceEmailTask: TaskHandler<'send-invoice-email'> = async (payload, context) => {
  const outcome = await sendInvoiceEmail(context.db, context.mailer, payload);
  if (outcome !== 'sent') context.log.info(`invoice email not sent: ${outcome}`);
};
