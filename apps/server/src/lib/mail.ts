import nodemailer, { type Transporter } from 'nodemailer';

/** Outgoing mail and the address links in it point at (config.ts reads them from the environment). */
export interface MailSettings {
  /** smtp://user:pass@host:port or smtps://…; without it nothing is sent and links are shown to admins instead. */
  smtpUrl?: string;
  from: string;
  /** The address people reach the web app at, e.g. https://time.example.com; else each request's origin. */
  publicUrl?: string;
}

export interface MailMessage {
  /** One address, or several (an invoice goes to each of the client's billing contacts). */
  to: string | string[];
  cc?: string[];
  subject: string;
  text: string;
  html: string;
  attachments?: MailAttachment[];
}

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export interface Mailer {
  readonly enabled: boolean;
  readonly publicUrl: string | undefined;
  send(message: MailMessage): Promise<void>;
}

export function createMailer(settings: MailSettings): Mailer {
  let transport: Transporter | undefined;
  return {
    enabled: settings.smtpUrl !== undefined,
    publicUrl: settings.publicUrl,
    async send(message) {
      if (settings.smtpUrl === undefined) throw new Error('SMTP_URL is not set');
      transport ??= nodemailer.createTransport(settings.smtpUrl);
      await transport.sendMail({ from: settings.from, ...message });
    },
  };
}

/** For text that goes into an HTML mail body. */
export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (character) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character] ?? character,
  );
}
