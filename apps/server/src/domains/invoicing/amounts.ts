/**
 * The figures of an invoice from its lines (docs/decisions/0026-invoice-amounts.md): pure, so the
 * API, the PDF, the client page and the emails show what was stored from one computation. The
 * policy itself (half-up per line, discount on the subtotal, each tax on its discounted lines) is
 * lib/money.ts's; this module applies it to an invoice's stored fields.
 */
import Big from 'big.js';
import { invoiceTotals, lineAmount, storedAmount } from '../../lib/money.ts';

export interface LineInput {
  /** Decimal strings, as stored or as parsed from a request. */
  quantity: string;
  unitPrice: string;
  taxed: boolean;
  taxed2: boolean;
}

export interface RatesInput {
  currency: string;
  /** Percentages; null means none. */
  discount: string | null;
  tax: string | null;
  tax2: string | null;
}

/** Every figure as the `numeric` string to store. */
export interface InvoiceAmounts {
  /** Each line's amount, in the order given. */
  lineAmounts: string[];
  subtotal: string;
  discountAmount: string;
  taxAmount: string;
  tax2Amount: string;
  amount: string;
}

const ZERO = new Big(0);
const rate = (value: string | null) => (value === null ? ZERO : new Big(value));

export function computeAmounts(lines: readonly LineInput[], rates: RatesInput): InvoiceAmounts {
  const amounts = lines.map((line) =>
    lineAmount(new Big(line.quantity), new Big(line.unitPrice), rates.currency),
  );
  const totals = invoiceTotals(
    lines.map((line, index) => ({ amount: amounts[index] as Big, taxed: [line.taxed, line.taxed2] })),
    rate(rates.discount),
    [rate(rates.tax), rate(rates.tax2)],
    rates.currency,
  );
  const [tax = ZERO, tax2 = ZERO] = totals.taxes;
  return {
    lineAmounts: amounts.map((amount) => storedAmount(amount, 'line_items.amount')),
    subtotal: storedAmount(totals.subtotal, 'subtotal'),
    discountAmount: storedAmount(totals.discount, 'discount_amount'),
    taxAmount: storedAmount(tax, 'tax_amount'),
    tax2Amount: storedAmount(tax2, 'tax2_amount'),
    amount: storedAmount(totals.total, 'amount'),
  };
}

/** What is still owed: the stored amount less what was paid, never computed from the lines again. */
export function dueAmount(amount: string, paidAmount: string): string {
  return storedAmount(new Big(amount).minus(new Big(paidAmount)), 'due_amount');
}
