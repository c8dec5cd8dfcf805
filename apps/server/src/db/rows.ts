import { type Column, getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from './client.ts';

type RowDecoder<Table extends PgTable> = (raw: Record<string, unknown>) => Table['$inferSelect'];

const decoders = new WeakMap<PgTable, RowDecoder<PgTable>>();

/**
 * Turns a row as the driver returns it (keyed by column name, timestamps as text) into the table's
 * row as drizzle's `select()` returns it: each column decoded by the column itself, as drizzle does.
 *
 * The decoder of each table is generated once as one object literal, as `pg` and Fastify generate
 * theirs: an object built key by key in a loop shared by every table costs three times as much
 * (V8 cannot predict its shape), which for a page of 200 entries was about 0.2 ms of CPU. The code
 * is made from the schema's own column keys and names, quoted by JSON.stringify, never from input.
 */
export function rowDecoder<Table extends PgTable>(table: Table): RowDecoder<Table> {
  let decode = decoders.get(table);
  if (decode === undefined) {
    const entries = Object.entries(getTableColumns(table) as Record<string, Column>);
    const fields = entries.map(([key, column], index) => {
      const value = `raw[${JSON.stringify(column.name)}]`;
      return `${JSON.stringify(key)}: ${value} == null ? null : columns[${index}].mapFromDriverValue(${value})`;
    });
    decode = new Function('columns', `return (raw) => ({ ${fields.join(', ')} });`)(
      entries.map(([, column]) => column),
    ) as RowDecoder<PgTable>;
    decoders.set(table, decode);
  }
  return decode as RowDecoder<Table>;
}

/**
 * `SELECT *[, extra...] FROM table WHERE ... ORDER BY ... LIMIT ...`, its rows as drizzle's `select()`
 * returns them. For a page of 200 entries, drizzle's generic mapping of each cell (its `is()` checks on
 * every field of every row, an iterator per cell, and their garbage) cost more of the server's CPU
 * than writing the page's JSON (bench/README.md, `bench:read`); the table's own decoder gives the
 * same rows for a fifth of that. The rows are decoded by column name, so the statement can select
 * `*`: with drizzle's select builder and its 29 column references, building a page's statement
 * took four times as long as without them (130 against 31 µs; decision 0064). `extra` adds
 * expressions under their keys (an entry's invoice, read from its link), their values as the
 * driver gives them.
 */
export async function selectRows<
  Table extends PgTable,
  Extra extends Record<string, SQL> = Record<never, SQL>,
>(
  db: Executor,
  table: Table,
  { where, orderBy, limit, extra }: { where: SQL | undefined; orderBy: SQL[]; limit?: number; extra?: Extra },
): Promise<
  (Table['$inferSelect'] & { [Key in keyof Extra]: Extra[Key] extends SQL<infer Value> ? Value : never })[]
> {
  const extras = Object.entries(extra ?? {});
  const { rows } = await db.execute<Record<string, unknown>>(
    sql`SELECT *${sql.join(
      extras.map(([key, expression]) => sql`, ${expression} AS ${sql.identifier(key)}`),
      sql``,
    )} FROM ${table}${where === undefined ? sql`` : sql` WHERE ${where}`} ORDER BY ${sql.join(orderBy, sql`, `)}${limit === undefined ? sql`` : sql` LIMIT ${limit}`}`,
  );
  const decode = rowDecoder(table);
  return rows.map((raw) => {
    const row: Record<string, unknown> = decode(raw);
    for (const [key] of extras) row[key] = raw[key];
    return row as Table['$inferSelect'] & {
      [Key in keyof Extra]: Extra[Key] extends SQL<infer Value> ? Value : never;
    };
  });
}
