import { BusinessRuleError } from './errors.ts';

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
  has_more: boolean;
  /** The page size applied, after clamping (so a client that asked for more can tell). */
  limit: number;
}

/**
 * Keyset cursors: the sort values of the last row of a page, opaque to clients. A new row never
 * shifts the pages after it, so paging while agents insert neither repeats nor skips a row.
 */
export class InvalidCursorError extends BusinessRuleError {
  constructor() {
    super('cursor is not valid; use next_cursor from a previous page', 'cursor');
  }
}

export function encodeCursor(values: readonly string[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, length: number): string[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === length && values.every((v) => typeof v === 'string')) {
      return values;
    }
  } catch {
    // fall through to the error below
  }
  // 422, not 400: the request has the documented shape (the schema's base64url pattern), but no page
  // of ours starts there; the fuzzer's schema-valid cursors land here.
  throw new InvalidCursorError();
}

/** Queries fetch limit + 1 rows; the extra row tells whether there is another page. */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  present: (row: Row) => Item,
  cursorOf: (row: Row) => readonly string[],
): Page<Item> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows.at(-1);
  return {
    data: pageRows.map(present),
    next_cursor: hasMore && last !== undefined ? encodeCursor(cursorOf(last)) : null,
    has_more: hasMore,
    limit,
  };
}
