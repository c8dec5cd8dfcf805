import { escapeHtml, type MailMessage } from '../../lib/mail.ts';
import { todayIn } from '../../lib/workspace-clock.ts';

export function invitationEmail(input: {
  to: string;
  name: string;
  workspaceName: string;
  invitedByName: string | null;
  acceptUrl: string;
  expiresAt: Date;
  /** The zone the last valid day is given in: the invitee's own, else the workspace's. */
  timeZone: string;
}): MailMessage {
  const who = input.invitedByName ?? 'Your administrator';
  const until = todayIn(input.timeZone, input.expiresAt);
  const intro = `${who} invited you to track time with ${input.workspaceName} on Keito.`;
  return {
    to: input.to,
    subject: `Join ${input.workspaceName} on Keito`,
    text: [
      `Hello ${input.name},`,
      '',
      intro,
      'Open this link to set your password and join:',
      '',
      input.acceptUrl,
      '',
      `The link works until ${until}. If you were not expecting it, you can ignore this email.`,
    ].join('\n'),
    html: [
      `<p>Hello ${escapeHtml(input.name)},</p>`,
      `<p>${escapeHtml(intro)}</p>`,
      `<p><a href="${escapeHtml(input.acceptUrl)}">Set your password and join</a></p>`,
      `<p>The link works until ${until}. If you were not expecting it, you can ignore this email.</p>`,
    ].join('\n'),
  };
}
