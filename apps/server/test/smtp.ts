import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll } from 'vitest';

export interface ReceivedMail {
  to: string[];
  raw: string;
}

export interface TestMailbox {
  url: string;
  received: ReceivedMail[];
  /** Waits for the next mail to an address (case-insensitive). */
  waitFor(to: string, timeoutMs?: number): Promise<ReceivedMail>;
}

/** A real SMTP server on a free port that keeps every message it accepts; closed after the file. */
export async function startMailbox(): Promise<TestMailbox> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((address) => address.address.toLowerCase()),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    async waitFor(to, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const mail = received.find((item) => item.to.includes(to.toLowerCase()));
        if (mail !== undefined) {
          received.splice(received.indexOf(mail), 1);
          return mail;
        }
        if (Date.now() > deadline) throw new Error(`no mail to ${to} within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

/** The invitation link in a mail's text, undoing quoted-printable line folding. */
export function invitationLink(mail: ReceivedMail): string {
  const unfolded = mail.raw.replace(/=\r?\n/g, '').replace(/=3D/gi, '=');
  const match = /https?:\/\/\S+?\/invitations\/[A-Za-z0-9_-]+/.exec(unfolded);
  if (match === null) throw new Error(`no invitation link in:\n${mail.raw}`);
  return match[0];
}
