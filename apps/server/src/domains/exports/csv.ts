import { Readable } from 'node:stream';
import { type Column, type ExportTable, neutralised, type Value } from './table.ts';

/** A field RFC 4180 requires in double quotes: one holding a quote, a comma or a line break. */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One field as RFC 4180 writes it: quoted when it holds a quote, a comma, a carriage return or a
 * line feed, with each quote doubled; as it is otherwise. Written by hand rather than with
 * csv-stringify, which cost 4 to 8 times as much a row for the same bytes (bench/README.md): the
 * export writes every field of a million rows, and this is the whole of the format it needs.
 */
export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A cell as CSV text: numbers as the decimal strings they are (every digit), dates YYYY-MM-DD. */
function csvCell(column: Column, value: Value): string {
  if (value === null) return '';
  switch (column.type) {
    case 'yes-no':
      return value ? 'Yes' : 'No';
    case 'text':
      return csvField(neutralised(String(value)));
    default:
      // A decimal string from the database, a number that is already one in JSON (tokens), or a date:
      // none holds a quote, a comma or a line break.
      return String(value);
  }
}

/** One record, ended by CRLF as RFC 4180 ends them. */
export function csvRecord(columns: readonly Column[], row: readonly Value[]): string {
  let record = '';
  for (let index = 0; index < columns.length; index++) {
    if (index > 0) record += ',';
    record += csvCell(columns[index] as Column, row[index] ?? null);
  }
  return `${record}\r\n`;
}

/**
 * The table as CSV, one chunk a batch. Readable.from pulls the next batch only when the response
 * has room for it (backpressure), and a client that goes away ends the generator, which stops the
 * reads. The byte order mark makes Excel read the file as UTF-8 rather than the system code page.
 */
export function csvStream({ columns, batches }: ExportTable): Readable {
  const headers: Column[] = columns.map(({ header }) => ({ header, type: 'text' }));
  async function* chunks() {
    yield `\uFEFF${csvRecord(
      headers,
      columns.map((column) => column.header),
    )}`;
    for await (const batch of batches) {
      let chunk = '';
      for (const row of batch) chunk += csvRecord(columns, row);
      yield chunk;
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}
