import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Executor } from './client.ts';

const dialect = new PgDialect();

/**
 * Runs raw SQL as a named prepared statement, so PostgreSQL parses and plans it once per
 * connection instead of on every call: the API-key lookup took about 1.4 ms of PostgreSQL's CPU
 * as an unnamed statement and 0.36 ms named (bench/README.md). Query builders get the same with
 * `.prepare(name)` (db/prepared.ts). A name must always go with the same SQL text; parameters vary.
 * Rows come back as the driver returns them (snake_case, timestamps as text).
 */
export async function executeNamed<Row>(db: Executor, name: string, query: SQL): Promise<Row[]> {
  const prepared = db._.session.prepareQuery(dialect.sqlToQuery(query), undefined, name, false);
  const result = (await prepared.execute()) as { rows: Row[] };
  return result.rows;
}
