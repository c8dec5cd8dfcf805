import { escapeHtml, type MailMessage } from '../../lib/mail.ts';
import { NOTIFICATION_KINDS, type NotificationKind } from './kinds.ts';

export interface MailContent {
  subject: string;
  /** Paragraphs, in plain text. */
  body: string[];
  /** A page of the web app the email is about, when the server knows its address. */
  link: { url: string; label: string } | null;
}

export interface Unsubscribe {
  kind: NotificationKind;
  /** The page that turns this kind off, when the server knows its address. */
  url: string | null;
  /** The same for mail clients' own button: List-Unsubscribe with one-click POST (RFC 8058). */
  oneClickUrl: string | null;
  /** The notification preferences page, likewise. */
  preferencesUrl: string | null;
}

/**
 * A notification email: a plain-text part and an HTML part saying the same, and a footer saying why
 * the person gets it with a link that turns that kind off and one to all their preferences (the
 * one-click address in the List-Unsubscribe header for mail clients' own button).
 */
export function notificationEmail(
  to: { name: string; email: string },
  workspaceName: string,
  content: MailContent,
  unsubscribe: Unsubscribe,
): MailMessage {
  const greeting = `Hello ${to.name},`;
  const signature = `${workspaceName} on Keito`;
  const why = `You get this email because "${NOTIFICATION_KINDS[unsubscribe.kind].label}" is on in your notification preferences.`;
  const footerText = [
    why,
    unsubscribe.url !== null ? `Unsubscribe from these emails: ${unsubscribe.url}` : null,
    unsubscribe.preferencesUrl !== null
      ? `All your email preferences: ${unsubscribe.preferencesUrl}`
      : 'Change them in Keito under Profile, Notifications.',
  ].filter((line) => line !== null);
  const footerHtml = [
    escapeHtml(why),
    unsubscribe.url !== null
      ? `<a href="${escapeHtml(unsubscribe.url)}">Unsubscribe from these emails</a>`
      : null,
    unsubscribe.preferencesUrl !== null
      ? `<a href="${escapeHtml(unsubscribe.preferencesUrl)}">All your email preferences</a>`
      : escapeHtml('Change them in Keito under Profile, Notifications.'),
  ].filter((line) => line !== null);
  return {
    to: to.email,
    subject: content.subject,
    text: [
      greeting,
      '',
      ...content.body.flatMap((line) => [line, '']),
      ...(content.link !== null ? [`${content.link.label}: ${content.link.url}`, ''] : []),
      signature,
      '',
      '--',
      ...footerText,
    ].join('\n'),
    html: [
      `<p>${escapeHtml(greeting)}</p>`,
      ...content.body.map((line) => `<p>${escapeHtml(line)}</p>`),
      ...(content.link !== null
        ? [`<p><a href="${escapeHtml(content.link.url)}">${escapeHtml(content.link.label)}</a></p>`]
        : []),
      `<p>${escapeHtml(signature)}</p>`,
      `<hr><p style="font-size:12px;color:#555">${footerHtml.join('<br>')}</p>`,
    ].join('\n'),
    headers:
      unsubscribe.oneClickUrl === null
        ? {}
        : {
            'List-Unsubscribe': `<${unsubscribe.oneClickUrl}>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          },
  };
}
