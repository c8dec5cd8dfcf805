import type { SQL } from 'drizzle-orm';
import { PgDialect, type PgPreparedQuery, type PreparedQueryConfig } from 'drizzle-orm/pg-core';
import type { Executor } from './client.ts';

const dialect = new PgDialect();

/**
 * Raw SQL as a named prepared statement: its text is built once, and PostgreSQL parses and plans
 * it once per connection instead of on every call — the API-key lookup took about 1.4 ms of
 * PostgreSQL's CPU as an unnamed statement and 0.36 ms named (bench/README.md). Values go in
 * through `sql.placeholder(name)`. Query builders get the same with `.prepare(name)`
 * (db/prepared.ts). Rows come back as the driver returns them (snake_case, timestamps as text).
 */
export function namedStatement<Row>(
  name: string,
  query: SQL,
): (db: Executor, values: Record<string, unknown>) => Promise<Row[]> {
  const built = dialect.sqlToQuery(query);
  // A transaction is its own handle, so it gets its own prepared query (on its connection).
  const preparedBy = new WeakMap<Executor, PgPreparedQuery<PreparedQueryConfig>>();
  return async (db, values) => {
    let prepared = preparedBy.get(db);
    if (prepared === undefined) {
      // drizzle's internal API (`db._` is @internal): the only way to send raw SQL under a statement
      // name. Hence drizzle-orm is pinned exactly in package.json, and test/db-statements.test.ts
      // fails if an upgrade removes or reshapes prepareQuery(query, fields, name, arrayMode).
      prepared = db._.session.prepareQuery(built, undefined, name, false);
      preparedBy.set(db, prepared);
    }
    const result = (await prepared.execute(values)) as { rows: Row[] };
    return result.rows;
  };
}
