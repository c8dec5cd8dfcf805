import { type Column, getTableColumns, type SQLWrapper } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from './client.ts';

type RowDecoder<Table extends PgTable> = (raw: Record<string, unknown>) => Table['$inferSelect'];

const decoders = new WeakMap<PgTable, RowDecoder<PgTable>>();

/**
 * Turns a row as the driver returns it (keyed by column name, timestamps as text) into the table's
 * row as drizzle's `select()` returns it: each column decoded by the column itself, as drizzle does.
 */
export function rowDecoder<Table extends PgTable>(table: Table): RowDecoder<Table> {
  let decode = decoders.get(table);
  if (decode === undefined) {
    const entries = Object.entries(getTableColumns(table) as Record<string, Column>);
    const keys = entries.map(([key]) => key);
    const columns = entries.map(([, column]) => column);
    const names = columns.map((column) => column.name);
    decode = (raw) => {
      const row: Record<string, unknown> = {};
      for (let index = 0; index < keys.length; index++) {
        const value = raw[names[index] as string];
        row[keys[index] as string] =
          value === null || value === undefined ? null : (columns[index] as Column).mapFromDriverValue(value);
      }
      return row;
    };
    decoders.set(table, decode);
  }
  return decode as RowDecoder<Table>;
}

/**
 * The rows of `query`, a `db.select().from(table)...` of whole rows, as drizzle returns them. A list
 * page of 200 entries spent more of the server's CPU in drizzle's generic mapping of each cell (its
 * `is()` checks on every field of every row, an iterator per cell, and their garbage) than in
 * writing the page's JSON (bench/README.md, `bench:read`); decoding a known table's columns in a
 * loop gives the same rows for a fraction of that.
 */
export async function selectRows<Table extends PgTable>(
  db: Executor,
  table: Table,
  query: SQLWrapper,
): Promise<Table['$inferSelect'][]> {
  const { rows } = await db.execute<Record<string, unknown>>(query);
  return rows.map(rowDecoder(table));
}
