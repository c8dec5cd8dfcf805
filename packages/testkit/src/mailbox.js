// A real SMTP server for tests that check the mail Keito sends (invitations): the server suite and
// the browser suite both read their mail from it.
import { createServer } from 'node:http';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on a free port (or on `port`, to bring back a mail server that was down) that
 * keeps every message it accepts, until `close()`. With `http`, also an HTTP address other processes
 * read the mail from (`httpUrl`).
 * @param {{ port?: number, http?: boolean }} [options]
 * @returns {Promise<import('./mailbox.d.ts').TestMailbox>}
 */
export async function startMailbox(options = {}) {
  /** @type {import('./mailbox.d.ts').ReceivedMail[]} */
  const received = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      /** @type {Buffer[]} */
      const chunks = [];
      stream.on('data', (chunk) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((address) => address.address.toLowerCase()),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.server.address();
  /** @type {import('./mailbox.d.ts').TestMailbox} */
  const mailbox = {
    url: `smtp://127.0.0.1:${port}`,
    async waitFor(to, timeoutMs = 15_000, match = () => true) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const index = received.findIndex((mail) => mail.to.includes(to.toLowerCase()) && match(mail));
        if (index >= 0) return received.splice(index, 1)[0];
        if (Date.now() > deadline) throw new Error(`no mail to ${to} within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  if (!options.http) return mailbox;
  // Test workers are other processes than the one holding the mailbox (a vitest global setup):
  // they ask for the next mail to an address over HTTP, GET /next?to=... answering its raw text.
  const inspector = createServer(async (request, response) => {
    const to = new URL(request.url ?? '/', 'http://localhost').searchParams.get('to') ?? '';
    try {
      const mail = await mailbox.waitFor(to);
      response.writeHead(200, { 'content-type': 'text/plain' }).end(mail.raw);
    } catch (error) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end(String(error));
    }
  });
  await new Promise((resolve) => inspector.listen(0, '127.0.0.1', resolve));
  const close = mailbox.close;
  return {
    ...mailbox,
    httpUrl: `http://127.0.0.1:${inspector.address().port}`,
    close: () =>
      Promise.all([close(), new Promise((resolve) => inspector.close(() => resolve()))]).then(() => {}),
  };
}

/**
 * The invitation link in a mail's text, undoing quoted-printable line folding.
 * @param {import('./mailbox.d.ts').ReceivedMail} mail
 */
export function invitationLink(mail) {
  const unfolded = mail.raw.replace(/=\r?\n/g, '').replace(/=3D/gi, '=');
  const match = /https?:\/\/\S+?\/invitations\/[A-Za-z0-9_-]+/.exec(unfolded);
  if (match === null) throw new Error(`no invitation link in:\n${mail.raw}`);
  return match[0];
}
