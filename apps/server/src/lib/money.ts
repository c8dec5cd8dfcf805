/**
 * Money: decimals in big.js, never JavaScript numbers; stored as `numeric` strings; rounded by one
 * policy (docs/decisions/0010-money.md):
 *
 * - an amount in a currency is rounded half-up (half away from zero) to the currency's ISO 4217
 *   exponent (currencies.ts), and only where a figure is shown or billed: each invoice line,
 *   the discount, each tax;
 * - totals are sums of rounded figures, never rounded sums of exact ones, so the lines of an
 *   invoice always add up to its total;
 * - the discount is a percentage of the subtotal; each tax a percentage of the lines it applies
 *   to, less their share of the discount.
 *
 * Costs below the minor unit (an LLM call at £0.000135) are kept as they are until they are billed.
 */
import Big from 'big.js';
import { exponentOf, symbolOf } from './currencies.ts';
import { parseDecimal } from './decimal.ts';
import { ValidationError } from './errors.ts';

/** The `money` columns are numeric(18, 6): 6 decimals and 12 integer digits. */
const STORED_DECIMALS = 6;
const STORED_LIMIT = new Big(10).pow(18 - STORED_DECIMALS);
const ONE_PERCENT = new Big('0.01');

/**
 * An amount as a `money` column stores it, as the `numeric` string to write: rounded half-up to 6
 * decimals (what PostgreSQL would do on insert, done here so the value answered is the value
 * stored), refused when it does not fit rather than failing the INSERT, and canonical (plain
 * notation, never `1e-7`; no trailing zeros), so equal amounts give equal strings. Takes a
 * computed amount, or a value from a request or a row.
 */
export function storedAmount(amount: Big | string | number, field: string): string {
  const stored = (amount instanceof Big ? amount : parseDecimal(amount, field)).round(
    STORED_DECIMALS,
    Big.roundHalfUp,
  );
  if (stored.abs().gte(STORED_LIMIT)) {
    throw new ValidationError(`${field} must be less than ${STORED_LIMIT.toFixed()}`, field);
  }
  return stored.toFixed();
}

/**
 * An amount as a whole number of the currency's minor units, as payment providers take it (Stripe's
 * `unit_amount`): 12.34 USD is "1234", 1500 JPY is "1500" (no minor unit). Refuses an amount finer
 * than the minor unit rather than rounding someone's payment.
 */
export function toMinorUnits(amount: Big, currency: string): string {
  const minor = amount.times(new Big(10).pow(exponentOf(currency)));
  if (!minor.round(0).eq(minor))
    throw new ValidationError(`amount has more decimals than ${currency} has`, 'amount');
  return minor.toFixed(0);
}

/** The inverse of `toMinorUnits`: a provider's whole minor units as an amount in the currency. */
export function fromMinorUnits(minor: number | string, currency: string): Big {
  return new Big(minor).div(new Big(10).pow(exponentOf(currency)));
}

/** Rounds half-up (half away from zero, so a credit mirrors its debit) to the currency's exponent. */
export function roundToCurrency(amount: Big, currency: string): Big {
  return amount.round(exponentOf(currency), Big.roundHalfUp);
}

/** quantity x unit price, rounded to the currency: the amount of one invoice line. */
export function lineAmount(quantity: Big, unitPrice: Big, currency: string): Big {
  return roundToCurrency(quantity.times(unitPrice), currency);
}

export function sumAmounts(amounts: Iterable<Big>): Big {
  let sum = new Big(0);
  for (const amount of amounts) sum = sum.plus(amount);
  return sum;
}

/** `percent`% of an amount (a discount, a tax), rounded to the currency. */
export function percentageOf(amount: Big, percent: Big, currency: string): Big {
  return roundToCurrency(amount.times(percent).times(ONE_PERCENT), currency);
}

export interface InvoiceLine {
  /** The line's amount, already rounded (`lineAmount`). */
  amount: Big;
  /** Whether each of the invoice's taxes applies to this line, in the order of `taxPercents`. */
  taxed: readonly boolean[];
}

export interface InvoiceTotals {
  subtotal: Big;
  discount: Big;
  /** One amount a tax, in the order of `taxPercents`. */
  taxes: Big[];
  total: Big;
}

/**
 * The figures of an invoice from its rounded lines. A tax applies to the lines it is ticked on,
 * less the discount on those lines, computed as the discount on the subtotal is: when every line
 * is taxed, the tax base is exactly the subtotal less the discount shown.
 */
export function invoiceTotals(
  lines: readonly InvoiceLine[],
  discountPercent: Big,
  taxPercents: readonly Big[],
  currency: string,
): InvoiceTotals {
  for (const line of lines) {
    if (!roundToCurrency(line.amount, currency).eq(line.amount)) {
      throw new Error(`invoice line amount ${line.amount.toFixed()} is not rounded to ${currency}`);
    }
  }
  const discounted = (amount: Big) => amount.minus(percentageOf(amount, discountPercent, currency));
  const subtotal = sumAmounts(lines.map((line) => line.amount));
  const discount = percentageOf(subtotal, discountPercent, currency);
  const taxes = taxPercents.map((percent, index) => {
    const taxedLines = sumAmounts(lines.filter((line) => line.taxed[index]).map((line) => line.amount));
    return percentageOf(discounted(taxedLines), percent, currency);
  });
  return { subtotal, discount, taxes, total: sumAmounts([subtotal.minus(discount), ...taxes]) };
}

/** How many digits an amount has after its decimal point. */
function decimalPlaces(amount: Big): number {
  return Math.max(0, amount.c.length - amount.e - 1);
}

/** The workspace's number formatting (settings/company-settings.md, "Number Formatting"). */
export interface NumberFormat {
  decimalSeparator: '.' | ',';
  thousandsSeparator: ',' | '.' | ' ';
}

export const DEFAULT_NUMBER_FORMAT: NumberFormat = { decimalSeparator: '.', thousandsSeparator: ',' };

/**
 * A decimal for people to read with exactly `places` decimals (more when it has them and
 * `keepDigits` is set), grouped by thousands in the workspace's separators: `1,234.5` for a
 * quantity, `9.975` for a tax rate. formatMoney puts a currency in front of the same digits.
 */
export function formatDecimal(
  value: Big,
  places: number,
  format: NumberFormat,
  options: { keepDigits?: boolean } = {},
): string {
  if (format.decimalSeparator === format.thousandsSeparator) {
    throw new Error('the decimal and thousands separators must differ');
  }
  const digitsAfter = options.keepDigits ? Math.max(places, decimalPlaces(value)) : places;
  const [whole = '0', fraction] = value.abs().toFixed(digitsAfter).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, format.thousandsSeparator);
  const digits = fraction === undefined ? grouped : `${grouped}${format.decimalSeparator}${fraction}`;
  return `${value.lt(0) ? '-' : ''}${digits}`;
}

/**
 * An amount for people to read: rounded to the currency, with exactly its exponent's decimals,
 * grouped by thousands, after the currency's symbol (`£1,800.00`, `-€1.234,50`, `¥1,800`) or,
 * for currencies without an unambiguous symbol, its code (`CHF 1 234.00`).
 */
export function formatMoney(
  amount: Big,
  currency: string,
  format: NumberFormat,
  options: { keepDigits?: boolean } = {},
): string {
  // A unit price (LLM Usage: 0.003 a 1k tokens) is not an amount to pay: it keeps every digit it
  // has beyond the exponent, or it would read £0.00.
  const rounded = options.keepDigits ? amount : roundToCurrency(amount, currency);
  const digits = formatDecimal(rounded.abs(), exponentOf(currency), format, options);
  const symbol = symbolOf(currency);
  return `${rounded.lt(0) ? '-' : ''}${symbol ?? `${currency} `}${digits}`;
}
