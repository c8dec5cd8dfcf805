import { and, type Column, eq, gt, lt, or, type SQL } from 'drizzle-orm';
import { isIsoDate } from '../lib/dates.ts';
import { decodeCursor, InvalidCursorError } from '../lib/pagination.ts';

/** Rows after the cursor in ascending (name, id) order: the order of every roster-like list. */
export function afterNameCursor(name: Column, id: Column, cursor: string | undefined): SQL | undefined {
  if (cursor === undefined) return undefined;
  const [lastName, lastId] = decodeCursor(cursor, 2) as [string, string];
  return or(gt(name, lastName), and(eq(name, lastName), gt(id, lastId)));
}

/** Rows after the cursor in descending (date, id) order: the order of entry lists, newest first. */
export function beforeDateCursor(date: Column, id: Column, cursor: string | undefined): SQL | undefined {
  if (cursor === undefined) return undefined;
  const [lastDate, lastId] = decodeCursor(cursor, 2) as [string, string];
  if (!isIsoDate(lastDate)) throw new InvalidCursorError();
  return or(lt(date, lastDate), and(eq(date, lastDate), lt(id, lastId)));
}
