import { sendInvitationEmail } from '../../domains/invitations/service.ts';
import type { TaskHandler } from './index.ts';

export const sendInvitationEmailTask: TaskHandler<'send-invitation-email'> = async (payload, context) => {
  const outcome = await sendInvitationEmail(context.db, context.mailer, payload);
  if (outcome !== 'sent') context.log.info(`invitation email not sent: ${outcome}`);
};
