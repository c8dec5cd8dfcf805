import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { type Column, type ExportTable, neutralised, type Value } from './table.ts';

function csvCell(column: Column, value: Value): string | number {
  if (value === null) return '';
  switch (column.type) {
    case 'yes-no':
      return value ? 'Yes' : 'No';
    case 'text':
      return neutralised(String(value));
    default:
      // Numbers and dates are written as they are: a decimal string keeps every digit it has.
      return typeof value === 'number' ? value : String(value);
  }
}

/**
 * The table as CSV, one chunk a batch. Readable.from pulls the next batch only when the response
 * has room for it (backpressure), and a client that goes away ends the generator, which stops the
 * reads. The byte order mark makes Excel read the file as UTF-8 rather than the system code page.
 */
export function csvStream({ columns, batches }: ExportTable): Readable {
  async function* chunks() {
    yield stringify([columns.map((column) => column.header)], { bom: true });
    for await (const batch of batches) {
      yield stringify(
        batch.map((row) => columns.map((column, index) => csvCell(column, row[index] ?? null))),
      );
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}
