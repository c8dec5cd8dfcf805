// The .xlsx writer's thread (decision 0062): exceljs's streaming writer, fed cells the server has
// already typed (xlsx.ts), posting the zipped bytes back. Plain JavaScript because a worker thread
// does not inherit the tsx loader the server runs under, and a loader of its own would be a second
// resident copy of esbuild; this file only drives exceljs.
import { Writable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import ExcelJS from 'exceljs';

/** @type {{ sheetName: string, columns: { header: string, width: number, style: object }[] }} */
const { sheetName, columns } = workerData;
const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);

// Each chunk is copied into its own buffer and transferred: exceljs's chunks can be views of a
// pooled buffer, which cannot be handed over whole.
const bytes = new Writable({
  write(chunk, _encoding, done) {
    const copy = new Uint8Array(chunk);
    port.postMessage({ chunk: copy }, [copy.buffer]);
    done();
  },
});

// Inline strings rather than a shared-strings table, which would hold every distinct string of the
// file in memory (decision 0041).
const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
  stream: bytes,
  useStyles: true,
  useSharedStrings: false,
});
const sheet = workbook.addWorksheet(sheetName);
sheet.columns = columns;

port.on('message', async (/** @type {{ rows?: unknown[][] }} */ message) => {
  if (message.rows === undefined) {
    sheet.commit();
    await workbook.commit();
    port.postMessage({ done: true });
    port.close();
    return;
  }
  // Each row is turned into XML and handed to the zip as it is added: memory holds one batch.
  for (const row of message.rows) sheet.addRow(row).commit();
  port.postMessage({ written: true });
});
