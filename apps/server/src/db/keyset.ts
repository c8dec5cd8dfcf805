import { type Column, lte, type SQL, sql } from 'drizzle-orm';
import { isIsoDate } from '../lib/dates.ts';
import { decodeCursor, InvalidCursorError } from '../lib/pagination.ts';

// The cursor conditions are row comparisons, `(a, b) > ($1, $2)`, not the equivalent
// `a > $1 OR (a = $1 AND b > $2)`: PostgreSQL turns a row comparison into an index seek on an index
// that ends in (a, b), so a page costs the same however deep it is; the OR form makes it re-read
// the range from the start of the list down to the cursor on every page (docs/decisions/0023-keyset-seeks.md).

/** Rows after the cursor in ascending (name, id) order: the order of every roster-like list. */
export function afterNameCursor(name: Column, id: Column, cursor: string | undefined): SQL | undefined {
  if (cursor === undefined) return undefined;
  const [lastName, lastId] = decodeCursor(cursor, 2) as [string, string];
  return sql`(${name}, ${id}) > (${lastName}, ${lastId})`;
}

/**
 * Rows after the cursor in descending (date, id) order (the order of entry lists, newest first)
 * and dated on or before `to`. One upper bound, the tighter of the two: a backward index scan starts
 * at the first upper bound PostgreSQL finds on the date, so with both it would start at `to` and
 * walk down to the cursor on every page.
 */
export function beforeDateCursor(
  date: Column,
  id: Column,
  cursor: string | undefined,
  to: string | undefined,
): SQL | undefined {
  if (cursor === undefined) return beforeDateKey(date, id, undefined, to);
  const key = decodeCursor(cursor, 2) as [string, string];
  if (!isIsoDate(key[0])) throw new InvalidCursorError();
  return beforeDateKey(date, id, key, to);
}

/** `beforeDateCursor` for a (date, id) key the server holds itself, as an export's batches do. */
export function beforeDateKey(
  date: Column,
  id: Column,
  key: readonly [date: string, id: string] | undefined,
  to: string | undefined,
): SQL | undefined {
  if (key === undefined) return to === undefined ? undefined : lte(date, to);
  const [lastDate, lastId] = key;
  if (to !== undefined && to < lastDate) return lte(date, to);
  return sql`(${date}, ${id}) < (${lastDate}::date, ${lastId})`;
}
