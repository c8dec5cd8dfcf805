import { createHash } from 'node:crypto';
import { type Column, getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from './client.ts';
import { namedStatement } from './named.ts';
import { rowDecoder } from './rows.ts';

/**
 * Inserts many rows with one statement that takes one array per column:
 * `INSERT INTO t (a, b) SELECT * FROM unnest($1::text[], $2::date[]) RETURNING *`. Its text and its
 * parameter count are the same for one row or a thousand, so it is built and parsed once and sent
 * as a named prepared statement; drizzle's multi-row VALUES builds and binds a parameter per cell,
 * which made it the largest CPU cost of a batch of entries (bench/README.md). Columns not named in
 * `keys` take their defaults. Returns the rows as drizzle's `returning()` would, in the order given.
 */
export async function insertMany<Table extends PgTable, Key extends keyof Table['$inferInsert'] & string>(
  db: Executor,
  table: Table,
  keys: readonly Key[],
  rows: (Pick<Table['$inferInsert'], Key> & { id: string })[],
): Promise<Table['$inferSelect'][]> {
  const columns = columnsOf(table);
  const values: Record<string, unknown[]> = {};
  for (const key of keys) {
    const column = columnOf(columns, key);
    values[key] = rows.map((row) => {
      const value = row[key];
      return value === null || value === undefined ? null : column.mapToDriverValue(value);
    });
  }
  const inserted = await insertStatement(table, keys)(db, values);

  const decode = rowDecoder(table);
  const byId = new Map<unknown, Table['$inferSelect']>();
  for (const raw of inserted) {
    const row = decode(raw);
    byId.set(row.id, row);
  }
  return rows.map((row) => {
    const entry = byId.get(row.id);
    if (entry === undefined) throw new Error(`insertMany: no row returned for ${row.id}`);
    return entry;
  });
}

type InsertStatement = ReturnType<typeof namedStatement<Record<string, unknown>>>;
/**
 * Statements by shape, the table's name and the list of keys as text: two equal lists are one
 * statement whether or not they are the same array, so a caller that builds its list per call
 * reuses the statement instead of building (and keeping) a new one each time. The number of rows
 * is no part of the shape: the statement takes one array per column, whatever their length.
 * Table names are unique: every table is in the one schema.
 */
const insertStatements = new Map<string, InsertStatement>();

/** The statement `insertMany` sends for a table and keys; exported for its test. */
export function insertStatement(table: PgTable, keys: readonly string[]): InsertStatement {
  const shape = `${getTableName(table)}(${keys.join(',')})`;
  let statement = insertStatements.get(shape);
  if (statement === undefined) {
    const columns = columnsOf(table);
    const names = keys.map((key) => sql.identifier(columnOf(columns, key).name));
    const arrays = keys.map(
      (key) => sql`${sql.placeholder(key)}::${sql.raw(columnOf(columns, key).getSQLType())}[]`,
    );
    // A prepared statement's name must name one text on a connection: it is derived from the shape.
    const digest = createHash('sha1').update(shape).digest('hex').slice(0, 8);
    statement = namedStatement<Record<string, unknown>>(
      `insert_many_${getTableName(table)}_${digest}`,
      sql`INSERT INTO ${table} (${sql.join(names, sql`, `)}) SELECT * FROM unnest(${sql.join(arrays, sql`, `)}) RETURNING *`,
    );
    insertStatements.set(shape, statement);
  }
  return statement;
}

const columnsOf = (table: PgTable): Record<string, Column> => getTableColumns(table);

function columnOf(columns: Record<string, Column>, key: string): Column {
  const column = columns[key];
  if (column === undefined) throw new Error(`insertMany: no column ${key}`);
  return column;
}
