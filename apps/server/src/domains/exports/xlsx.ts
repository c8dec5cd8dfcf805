import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { toNumber } from '../../lib/decimal.ts';
import { type Column, type ColumnType, type ExportTable, neutralised, type Value } from './table.ts';

type CellValue = string | number | Date | null;

function xlsxCell(column: Column, value: Value): CellValue {
  if (value === null) return null;
  switch (column.type) {
    case 'yes-no':
      return value ? 'Yes' : 'No';
    case 'text':
      return neutralised(String(value));
    case 'number':
      // A spreadsheet number is a double: the decimal string becomes one here, at the file's
      // boundary, as it becomes a JSON number at the API's (lib/decimal.ts).
      return typeof value === 'number' ? value : toNumber(String(value));
    case 'date': {
      const [year, month, day] = String(value).split('-').map(Number) as [number, number, number];
      // A calendar day, not an instant: midnight UTC is what exceljs writes as that day's serial.
      return new Date(Date.UTC(year, month - 1, day));
    }
  }
}

const STYLE: Record<ColumnType, Partial<ExcelJS.Style>> = {
  text: {},
  'yes-no': {},
  number: {},
  date: { numFmt: 'yyyy-mm-dd' },
};

/** Resolves when the stream has room again, or is gone (a client that went away). */
function roomIn(stream: PassThrough): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

/**
 * The table as one worksheet, written by exceljs's streaming writer: each row is committed (turned
 * into XML and handed to the zip) as it is added, with inline strings rather than a shared-strings
 * table, so memory holds a batch, not the workbook. exceljs does not wait for the reader itself, so
 * after each batch the writer waits while the response is full (backpressure), and stops reading
 * rows when the client has gone.
 */
export function xlsxStream({ columns, batches }: ExportTable, sheetName: string): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns.map((column) => ({
    header: column.header,
    width: Math.max(12, column.header.length + 2),
    style: STYLE[column.type],
  }));

  async function write() {
    for await (const batch of batches) {
      for (const row of batch) {
        sheet.addRow(columns.map((column, index) => xlsxCell(column, row[index] ?? null))).commit();
      }
      if (out.destroyed) return;
      if (out.writableNeedDrain) await roomIn(out);
      if (out.destroyed) return;
    }
    sheet.commit();
    await workbook.commit();
  }
  write().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}
