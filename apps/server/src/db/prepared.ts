import type { Executor } from './client.ts';

/**
 * A query built once per database handle and sent as a named prepared statement: the hot lookups
 * of every write (the workspace, the project) skip drizzle's SQL building and PostgreSQL's parsing
 * after the first call on a connection. A transaction is its own handle, so it gets its own copy.
 */
export function preparedPer<Query>(build: (db: Executor) => Query): (db: Executor) => Query {
  const cache = new WeakMap<Executor, Query>();
  return (db) => {
    let query = cache.get(db);
    if (query === undefined) {
      query = build(db);
      cache.set(db, query);
    }
    return query;
  };
}
