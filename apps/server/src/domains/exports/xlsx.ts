import { PassThrough, type Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
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

const STYLE: Record<ColumnType, { numFmt?: string }> = {
  text: {},
  'yes-no': {},
  number: {},
  date: { numFmt: 'yyyy-mm-dd' },
};

/**
 * The heap the writer's thread may use. exceljs's streaming writer holds one batch, but in the
 * server's own heap its garbage (row and cell objects, XML strings) reached 120 MB before V8
 * collected it; a thread with a small heap collects early and often (decision 0062).
 */
const WRITER_LIMITS = { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 };

const WRITER = new URL('./xlsx-worker.mjs', import.meta.url);

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

type WriterMessage = { chunk: Uint8Array } | { written: true } | { done: true };

/**
 * The table as one worksheet, written by exceljs's streaming writer in a worker thread
 * (xlsx-worker.mjs): this thread reads the batches and types their cells, the worker turns each
 * batch into XML and zip bytes and posts them back. After each batch this thread waits until the
 * worker has written it and the response has room (backpressure), and a client that goes away
 * ends the worker and the reads.
 */
export function xlsxStream({ columns, batches }: ExportTable, sheetName: string): Readable {
  const out = new PassThrough();
  const worker = new Worker(WRITER, {
    workerData: {
      sheetName,
      columns: columns.map((column) => ({
        header: column.header,
        width: Math.max(12, column.header.length + 2),
        style: STYLE[column.type],
      })),
    },
    resourceLimits: WRITER_LIMITS,
  });
  let written: (() => void) | undefined;
  let finished = false;
  const fail = (error: Error) => {
    written?.();
    out.destroy(error);
  };
  worker.on('message', (message: WriterMessage) => {
    if ('chunk' in message) {
      // Bytes still in flight when the client went away have nowhere to go.
      if (!out.destroyed)
        out.write(Buffer.from(message.chunk.buffer, message.chunk.byteOffset, message.chunk.byteLength));
    } else if ('written' in message) written?.();
    else {
      finished = true;
      out.end();
    }
  });
  worker.on('error', fail);
  worker.on('exit', (code) => {
    if (!finished) fail(new Error(`the .xlsx writer stopped (exit code ${code})`));
  });
  out.on('close', () => {
    if (!finished) void worker.terminate();
  });

  async function write() {
    for await (const batch of batches) {
      if (out.destroyed) return;
      const rows = batch.map((row) => columns.map((column, index) => xlsxCell(column, row[index] ?? null)));
      await new Promise<void>((resolve) => {
        written = resolve;
        worker.postMessage({ rows });
      });
      if (out.destroyed) return;
      if (out.writableNeedDrain) await roomIn(out);
    }
    worker.postMessage({});
  }
  write().catch((error: unknown) => fail(error instanceof Error ? error : new Error(String(error))));
  return out;
}
