import { buildApp } from '../app.ts';
import type { Config } from '../config.ts';
import { openDatabase } from '../db/open.ts';

/** Boot: config -> database (embedded or URL) -> migrate -> app -> listen; SIGTERM/SIGINT shut down cleanly. */
export async function serve(config: Config): Promise<number> {
  const database = await openDatabase(config);
  const app = await buildApp({ db: database.db, logLevel: config.logLevel });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  app.log.info(`Keito is running on http://localhost:${port} (${database.location})`);

  return new Promise((resolve) => {
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      app.log.info(`${signal} received: finishing in-flight requests, then stopping`);
      // close() stops accepting connections and waits for in-flight requests before resolving.
      await app.close();
      await database.close();
      resolve(0);
    };
    process.once('SIGTERM', () => void stop('SIGTERM'));
    process.once('SIGINT', () => void stop('SIGINT'));
  });
}
