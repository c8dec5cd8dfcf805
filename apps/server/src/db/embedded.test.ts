import { lstat, mkdtemp, readlink, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from './embedded.ts';

// As root PostgreSQL runs as the `postgres` system user; a checkout under /root or in a 0700 folder
// is a place that user cannot enter. Other users run PostgreSQL as themselves, so this cannot arise.
describe.runIf(process.getuid?.() === 0)('embedded PostgreSQL started by root', () => {
  it('runs from a place the postgres user can reach when it cannot enter the data folder, and keeps the data there across restarts', async () => {
    const sealed = await mkdtemp(path.join(os.tmpdir(), 'keito-sealed-')); // mode 0700, like mktemp -d
    const dataDir = path.join(sealed, 'data');
    try {
      const first = await startEmbeddedPostgres(dataDir);
      const client = new pg.Client({ connectionString: first.url });
      await client.connect();
      await client.query('CREATE TABLE kept (value text)');
      await client.query("INSERT INTO kept VALUES ('still here')");
      await client.end();
      await first.stop();

      const link = path.join(dataDir, 'pg');
      expect((await lstat(link)).isSymbolicLink()).toBe(true);
      const cluster = await readlink(link);
      expect(cluster.startsWith('/var/lib/keito/data/')).toBe(true);

      const second = await startEmbeddedPostgres(dataDir);
      const again = new pg.Client({ connectionString: second.url });
      await again.connect();
      const { rows } = await again.query('SELECT value FROM kept');
      await again.end();
      await second.stop();
      expect(rows).toEqual([{ value: 'still here' }]);
      await rm(cluster, { recursive: true, force: true });
    } finally {
      await rm(sealed, { recursive: true, force: true });
    }
  }, 60_000);
});
