// The editor's totals are the server's computation itself (docs/decisions/0033-invoice-screens.md):
// domains/invoicing/amounts.ts is pure (big.js and lib/money.ts), so Vite bundles it and a total
// typed here is the figure the server stores on save. One rounding rule, in one place.
import { computeAmounts, type InvoiceAmounts } from '../../../../server/src/domains/invoicing/amounts.ts';

/** What the editor holds of a line: text as typed. */
export interface EditorLine {
  quantity: string;
  unit_price: string;
  taxed: boolean;
  taxed2: boolean;
}

export interface EditorRates {
  currency: string;
  discount: string;
  tax: string;
  tax2: string;
}

// The API takes quantities, prices and rates as JSON numbers below these bounds (schemas.ts) and
// stores six decimals: a value within them reads back on the server as exactly the text typed, so
// the editor computes with the same decimals the server will.
const DECIMAL = /^\d+(\.\d{1,6})?$/;
const LINE_MAX = 1_000_000_000;

/** "12,5" or "12.5" as typed, as a plain decimal string; null when it is not a number the API takes. */
export function decimalInput(text: string, max = LINE_MAX): string | null {
  const normalized = text.trim().replace(',', '.');
  if (!DECIMAL.test(normalized) || Number(normalized) > max) return null;
  return normalized;
}

/** An optional percentage: '' is none (null), else a decimal from 0 to 100; undefined when invalid. */
export function percentInput(text: string): string | null | undefined {
  if (text.trim() === '') return null;
  return decimalInput(text, 100) ?? undefined;
}

/**
 * The invoice's figures for the lines and rates as typed, or null while one of them is not a valid
 * number (the editor says which).
 */
export function editorAmounts(lines: readonly EditorLine[], rates: EditorRates): InvoiceAmounts | null {
  const parsed = lines.map((line) => ({
    quantity: decimalInput(line.quantity),
    unitPrice: decimalInput(line.unit_price),
    taxed: line.taxed,
    taxed2: line.taxed2,
  }));
  const [discount, tax, tax2] = [rates.discount, rates.tax, rates.tax2].map(percentInput);
  if (discount === undefined || tax === undefined || tax2 === undefined) return null;
  const valid = parsed.flatMap((line) =>
    line.quantity === null || line.unitPrice === null
      ? []
      : [{ ...line, quantity: line.quantity, unitPrice: line.unitPrice }],
  );
  if (valid.length !== parsed.length) return null;
  return computeAmounts(valid, { currency: rates.currency, discount, tax, tax2 });
}
