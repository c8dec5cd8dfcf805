import type pg from 'pg';
import type { Config } from '../config.ts';
import { connectDatabase, type Database } from './client.ts';
import { startEmbeddedPostgres } from './embedded.ts';
import { runMigrations } from './migrate.ts';

export interface OpenDatabase {
  db: Database;
  /** The pool behind `db`, for the job queue. */
  pool: pg.Pool;
  /** Where the data lives, for messages: the URL's host or the embedded data folder. */
  location: string;
  close(): Promise<void>;
}

/** DATABASE_URL when given, otherwise the embedded PostgreSQL in KEITO_DATA_DIR; migrated either way. */
export async function openDatabase(
  config: Config,
  options: { poolSize?: number } = {},
): Promise<OpenDatabase> {
  const embedded = config.databaseUrl === undefined ? await startEmbeddedPostgres(config.dataDir) : undefined;
  const url = config.databaseUrl ?? embedded?.url;
  if (url === undefined) throw new Error('No database URL');
  const handle = connectDatabase(url, { max: options.poolSize });
  try {
    await runMigrations(handle.pool);
  } catch (error) {
    await handle.close();
    await embedded?.stop();
    throw error;
  }
  return {
    db: handle.db,
    pool: handle.pool,
    location: embedded === undefined ? new URL(url).host : `embedded PostgreSQL in ${config.dataDir}`,
    close: async () => {
      await handle.close();
      await embedded?.stop();
    },
  };
}
