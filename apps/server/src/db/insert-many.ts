import { createHash } from 'node:crypto';
import { type Column, getTableColumns, getTableName, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from './client.ts';
import { executeNamed } from './named.ts';

/**
 * Inserts many rows with one statement that takes one array per column:
 * `INSERT INTO t (a, b) SELECT * FROM unnest($1::text[], $2::date[]) RETURNING *`. Its text and its
 * parameter count are the same for one row or a thousand, so building, sending and parsing it costs
 * little more than one row does; drizzle's multi-row VALUES builds and binds a parameter per cell,
 * which made it the largest CPU cost of a batch of entries (bench/README.md). Columns not named in
 * `keys` take their defaults. Returns the rows as drizzle's `returning()` would, in the order given.
 */
export async function insertMany<Table extends PgTable, Key extends keyof Table['$inferInsert'] & string>(
  db: Executor,
  table: Table,
  keys: readonly Key[],
  rows: (Pick<Table['$inferInsert'], Key> & { id: string })[],
): Promise<Table['$inferSelect'][]> {
  const columns: Record<string, Column> = getTableColumns(table);
  const columnOf = (key: string) => {
    const column = columns[key];
    if (column === undefined) throw new Error(`insertMany: no column ${key}`);
    return column;
  };
  const arrays: SQL[] = keys.map((key) => {
    const column = columnOf(key);
    const values = rows.map((row) => {
      const value = row[key];
      return value === null || value === undefined ? null : column.mapToDriverValue(value);
    });
    return sql`${sql.param(values)}::${sql.raw(column.getSQLType())}[]`;
  });
  const names = keys.map((key) => sql.identifier(columnOf(key).name));
  const inserted = await executeNamed<Record<string, unknown>>(
    db,
    `insert_many_${getTableName(table)}_${createHash('sha1').update(keys.join()).digest('hex').slice(0, 8)}`,
    sql`INSERT INTO ${table} (${sql.join(names, sql`, `)}) SELECT * FROM unnest(${sql.join(arrays, sql`, `)}) RETURNING *`,
  );

  const byId = new Map<unknown, Table['$inferSelect']>();
  const everyColumn = Object.entries(columns);
  for (const raw of inserted) {
    const row: Record<string, unknown> = {};
    for (const [key, column] of everyColumn) {
      const value = raw[column.name];
      row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
    byId.set(row.id, row as Table['$inferSelect']);
  }
  return rows.map((row) => {
    const inserted = byId.get(row.id);
    if (inserted === undefined) throw new Error(`insertMany: no row returned for ${row.id}`);
    return inserted;
  });
}
