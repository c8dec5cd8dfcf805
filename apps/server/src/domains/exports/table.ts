/**
 * What a column holds, which decides how each format writes it: a spreadsheet must get numbers as
 * numbers and dates as dates, and text must never be read as a formula.
 */
export type ColumnType = 'text' | 'number' | 'date' | 'yes-no';

export interface Column {
  header: string;
  type: ColumnType;
}

/**
 * A cell before a format writes it: text as a string; a number as a decimal string (amounts and
 * hours from the database, never a float) or a number (already one in JSON: tokens, API figures);
 * a date as YYYY-MM-DD; yes-no as a boolean; an empty cell as null.
 */
export type Value = string | number | boolean | null;

/** The columns the actor may see and the rows, in batches so a format never holds more than one. */
export interface ExportTable {
  columns: Column[];
  batches: AsyncIterable<Value[][]>;
}

/**
 * Text a spreadsheet would take for a formula (`=HYPERLINK(...)`, `+1+cmd|...`, `@SUM`, and a tab or
 * carriage return that some programs skip before reading the rest) starts with an apostrophe, the
 * OWASP neutralisation for CSV injection. Both formats write the same text, so a sheet saved from
 * one as the other is still safe.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralised(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * A metadata value for a number column: a JSON number, or a string that is a plain decimal
 * (`"25000"`); anything else (an object, a word) leaves the cell empty rather than put text where
 * a spreadsheet expects a number.
 */
export function metadataNumber(value: unknown): number | string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return value;
  return null;
}

/**
 * A decimal from the database without the zeros its scale pads it with (`150.000000` is `150`,
 * `2.50` is `2.5`): PostgreSQL writes numerics in plain notation, so trimming the text is exact,
 * and it is done on every figure of a million-row export without a big.js object each.
 */
export function plainDecimal(value: string | null): string | null {
  if (value === null || !value.includes('.')) return value;
  return value.replace(/\.?0+$/, '');
}

/** Everything a paged list answers, page after page, each page a batch. */
export async function* allPages<Item>(
  page: (cursor: string | undefined) => Promise<{ data: Item[]; next_cursor: string | null }>,
): AsyncGenerator<Item[]> {
  let cursor: string | undefined;
  do {
    const { data, next_cursor } = await page(cursor);
    if (data.length > 0) yield data;
    cursor = next_cursor ?? undefined;
  } while (cursor !== undefined);
}

/** Each batch of rows turned into cells. */
export async function* mapBatches<Row>(
  batches: AsyncIterable<Row[]>,
  cells: (row: Row) => Value[],
): AsyncGenerator<Value[][]> {
  for await (const batch of batches) yield batch.map(cells);
}
