import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { Logger, runMigrations as runQueueMigrations } from 'graphile-worker';
import type pg from 'pg';

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

const MIGRATION_LOCK = 4_242_001;

/**
 * Applies pending migrations: ours, then graphile-worker's own schema (`graphile_worker`, the job
 * queue). Several server instances may boot at once on one database, so the run holds an advisory
 * lock: the first migrates, the others wait and then find nothing to do. The queue's migrations use
 * a second connection of the pool.
 */
export async function runMigrations(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migrate(drizzle(client), { migrationsFolder });
    // Its migrations only log at debug level, and a failure is thrown: nothing to print.
    await runQueueMigrations({ pgPool: pool, logger: new Logger(() => () => {}) });
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
}
