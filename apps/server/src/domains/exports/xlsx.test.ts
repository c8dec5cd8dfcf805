import { once } from 'node:events';
import { buffer } from 'node:stream/consumers';
import ExcelJS from 'exceljs';
import { describe, expect, it, vi } from 'vitest';
import type { Column, Value } from './table.ts';
import { xlsxStream } from './xlsx.ts';

/** The .xlsx writer's thread (decision 0062): the file it streams back, and a client that goes away. */

const columns: Column[] = [
  { header: 'Day', type: 'date' },
  { header: 'Note', type: 'text' },
  { header: 'Hours', type: 'number' },
];

describe('xlsxStream', () => {
  it('writes every batch the server typed, in order, through the worker', async () => {
    async function* batches(): AsyncGenerator<Value[][]> {
      for (let batch = 0; batch < 3; batch++) {
        yield Array.from({ length: 700 }, (_, n) => ['2026-03-10', `=row ${batch * 700 + n}`, '1.25']);
      }
    }
    const file = await buffer(xlsxStream({ columns, batches: batches() }, 'Rows'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Rows');
    expect(sheet?.rowCount).toBe(2101);
    expect(sheet?.getRow(1).values).toEqual([undefined, 'Day', 'Note', 'Hours']);
    expect(sheet?.getRow(2101).values).toEqual([
      undefined,
      new Date('2026-03-10T00:00:00Z'),
      `'=row 2099`,
      1.25,
    ]);
  });

  it('stops reading rows when the client goes away', async () => {
    let reads = 0;
    let stopped = false;
    async function* endless(): AsyncGenerator<Value[][]> {
      try {
        for (;;) {
          reads++;
          yield Array.from({ length: 500 }, () => [
            '2026-03-10',
            'a note long enough to fill the stream',
            '8',
          ]);
        }
      } finally {
        stopped = true;
      }
    }
    const file = xlsxStream({ columns, batches: endless() }, 'Endless');
    await once(file, 'data');
    file.destroy();
    await vi.waitFor(() => expect(stopped).toBe(true), { timeout: 10_000 });
    expect(reads).toBeGreaterThan(0);
  });
});
