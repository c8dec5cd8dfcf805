import { buildApp } from '../app.ts';
import type { Config } from '../config.ts';
import { openDatabase } from '../db/open.ts';
import { s3ReceiptStore } from '../domains/expenses/receipts/s3-store.ts';
import { startJobs } from '../jobs/queue.ts';
import { createSecretBox, loadSecretKey } from '../lib/secret-box.ts';

/** Requests still running this long after SIGTERM have their connections closed; the pool then closes. */
const SHUTDOWN_GRACE_MS = 25_000;

/**
 * Boot: config -> database (embedded or URL) -> migrate -> app -> listen -> jobs; SIGTERM/SIGINT shut
 * down cleanly.
 */
export async function serve(config: Config): Promise<number> {
  const database = await openDatabase(config);
  const app = await buildApp({
    db: database.db,
    logLevel: config.logLevel,
    mail: config.mail,
    receipts: config.receiptsS3 === undefined ? undefined : s3ReceiptStore(config.receiptsS3),
    validateResponses: config.validateResponses,
    sessions: config.sessions,
    trustProxy: config.trustProxy,
    secrets: createSecretBox(loadSecretKey(config.secretKey, config.dataDir)),
    payments: {
      stripeApiBase: config.payments.stripeApiBase,
      paypalApiBase: config.payments.paypalApiBase,
      stripeConnect: config.payments.stripeConnect,
      paypalPlatform: config.payments.paypalPlatform,
    },
  });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  app.log.info(`Keito is running on http://localhost:${port} (${database.location})`);
  if (config.mail.smtpUrl !== undefined && config.mail.publicUrl === undefined) {
    // Emails written while answering a request link to the address it came to; the scheduler's
    // (reminders, weekly reports, budget alerts) have no request, so without PUBLIC_URL they carry no links.
    app.log.warn('PUBLIC_URL is not set: scheduled emails (reminders, budget alerts) will carry no links');
  }
  const jobs = await startJobs({
    db: database.db,
    pool: database.pool,
    mail: config.mail,
    log: app.log,
  }).catch(async (error: unknown) => {
    await app.close();
    await database.close();
    throw error;
  });

  return new Promise((resolve) => {
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      app.log.info(`${signal} received: finishing in-flight requests, then stopping`);
      // close() stops accepting connections, closes idle keep-alive connections, answers requests
      // arriving on busy ones with 503, and resolves once the in-flight requests have answered. Every
      // 2xx is sent after its transaction committed, so nothing acknowledged depends on what follows.
      // A client that never finishes its request must not keep the process (and the pool) alive.
      const deadline = setTimeout(() => {
        app.log.warn('in-flight requests still running after the grace period: closing their connections');
        app.server.closeAllConnections();
      }, SHUTDOWN_GRACE_MS);
      deadline.unref();
      // Jobs still running finish too; queued ones wait in the database for the next start (or for
      // another instance), so nothing is lost by stopping the worker.
      await Promise.all([app.close(), jobs.stop()]);
      clearTimeout(deadline);
      await database.close();
      resolve(0);
    };
    process.once('SIGTERM', () => void stop('SIGTERM'));
    process.once('SIGINT', () => void stop('SIGINT'));
  });
}
