import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { connectDatabase } from '../src/db/client.ts';
import { startEmbeddedPostgres } from '../src/db/embedded.ts';
import { runMigrations } from '../src/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Connection URL of the test PostgreSQL's maintenance database, used to clone test databases. */
    postgresAdminUrl: string;
  }
}

export const TEMPLATE_DATABASE = 'keito_template';

/**
 * One embedded PostgreSQL for the whole run, with a migrated template database. Each test file
 * clones the template (CREATE DATABASE ... TEMPLATE), which takes milliseconds, so files never
 * share data.
 */
export default async function setup(project: TestProject) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'keito-test-'));
  const embedded = await startEmbeddedPostgres(dataDir);
  const adminUrl = embedded.url.replace(/\/keito$/, '/postgres');

  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();

  // The template gets graphile-worker's schema too: test databases cloned from it start with the queue.
  const template = connectDatabase(adminUrl.replace(/\/postgres$/, `/${TEMPLATE_DATABASE}`));
  await runMigrations(template.pool);
  await template.close();

  project.provide('postgresAdminUrl', adminUrl);
  return async () => {
    await embedded.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
