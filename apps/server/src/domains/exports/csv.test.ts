import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, csvRecord } from './csv.ts';
import type { Column } from './table.ts';

/** The CSV writer is hand-written (decision 0062): RFC 4180's cases, and csv-parse reading back what it wrote. */

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    // RFC 4180 2.6: fields with line breaks, double quotes and commas are enclosed in double quotes.
    ['a,b', '"a,b"'],
    ['line\nbreak', '"line\nbreak"'],
    ['carriage\rreturn', '"carriage\rreturn"'],
    ['crlf\r\ninside', '"crlf\r\ninside"'],
    // RFC 4180 2.7: a double quote inside a quoted field is escaped by another double quote.
    ['say "hi"', '"say ""hi"""'],
    ['"', '""""'],
    // Spaces are part of a field (2.4) and need no quotes; neither do other characters.
    [' padded ', ' padded '],
    ["it's; fine\ttab", "it's; fine\ttab"],
    ['Ünïcödé 日本', 'Ünïcödé 日本'],
  ])('%j is written %j', (text, written) => {
    expect(csvField(text)).toBe(written);
  });
});

describe('csvRecord', () => {
  const columns: Column[] = [
    { header: 'Date', type: 'date' },
    { header: 'Notes', type: 'text' },
    { header: 'Hours', type: 'number' },
    { header: 'Billable', type: 'yes-no' },
    { header: 'Tokens', type: 'number' },
  ];

  it('writes typed cells, neutralises formulas before quoting, and ends the record with CRLF', () => {
    expect(csvRecord(columns, ['2026-03-10', '=1+1,"x"', '150.5', true, 25000])).toBe(
      `2026-03-10,"'=1+1,""x""",150.5,Yes,25000\r\n`,
    );
    expect(csvRecord(columns, [null, null, null, false, null])).toBe(',,,No,\r\n');
    // A row shorter than its columns (no such cell) leaves the rest empty.
    expect(csvRecord(columns, ['2026-03-10'])).toBe('2026-03-10,,,,\r\n');
  });

  it('csv-parse reads back every text as written, neutralised, whatever it holds', () => {
    const text: Column[] = [
      { header: 'A', type: 'text' },
      { header: 'B', type: 'text' },
      { header: 'C', type: 'text' },
    ];
    const formula = /^[=+\-@\t\r]/;
    const anyText = fc.string({
      unit: fc.constantFrom('a', ' ', ',', '"', '\r', '\n', '=', '-', '\t', 'é', '\u{1F600}'),
    });
    fc.assert(
      fc.property(fc.array(fc.tuple(anyText, anyText, anyText), { minLength: 1, maxLength: 5 }), (rows) => {
        const file = rows.map((row) => csvRecord(text, row)).join('');
        const read = parse(file, { relax_column_count: false }) as string[][];
        expect(read).toEqual(rows.map((row) => row.map((cell) => (formula.test(cell) ? `'${cell}` : cell))));
      }),
      { numRuns: 500 },
    );
  });
});
