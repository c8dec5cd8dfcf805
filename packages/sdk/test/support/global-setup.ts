// One real keito-server process for the whole run (booting PostgreSQL takes seconds); every test file
// creates its own workspace on it, so files stay independent through tenant isolation. The package is
// built first because the documented samples and the packaging tests use `@keito/sdk` as users do.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type KeitoServer, repoRoot, startKeitoServer } from '@keito/testkit';
import { startMailbox } from '@keito/testkit/mailbox';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    keitoServer: Pick<KeitoServer, 'baseUrl' | 'origin' | 'dataDir' | 'env'>;
    /** Where test files read the server's mail (TestMailbox.httpUrl). */
    mailboxHttpUrl: string;
  }
}

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export default async function setup(project: TestProject) {
  // A real SMTP server, so `invoices.send` reaches a server that sends mail (what arrives is the
  // server suite's to check; here the SDK's request and answer are); files read invitations from it.
  const mailbox = await startMailbox({ http: true });
  const [server] = await Promise.all([
    startKeitoServer({ env: { SMTP_URL: mailbox.url } }),
    promisify(execFile)(path.join(repoRoot, 'node_modules/.bin/tsup'), { cwd: packageDir }),
  ]);
  project.provide('keitoServer', {
    baseUrl: server.baseUrl,
    origin: server.origin,
    dataDir: server.dataDir,
    env: server.env,
  });
  project.provide('mailboxHttpUrl', mailbox.httpUrl ?? '');
  return async () => {
    await server.stop();
    await mailbox.close();
  };
}
