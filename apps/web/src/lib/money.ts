// Amounts in the app: the API sends them as JSON numbers, whose shortest decimal form (String(0.135)
// is "0.135") is the value the server meant. Sums and products are exact (big.js), and amounts are
// written by the server's own formatter with its ISO 4217 exponents (docs/decisions/0010-money.md),
// so a total on screen is the string the server writes elsewhere.
import Big from 'big.js';
import { formatDecimal, formatMoney } from '../../../server/src/lib/money.ts';
import type { Workspace } from '../types.ts';

const exact = (value: number | string) => new Big(String(value));

/** The exact sum of amounts, as a decimal string. */
export function sumAmounts(values: (number | string)[]): string {
  return values.reduce<Big>((sum, value) => sum.plus(exact(value)), new Big(0)).toFixed();
}

/** quantity x unit price, exactly, as a decimal string (the live total of a unit-based expense). */
export function multiplyAmounts(quantity: number | string, unitPrice: number | string): string {
  return exact(quantity).times(exact(unitPrice)).toFixed();
}

type Separators = Pick<Workspace, 'decimal_separator' | 'thousands_separator'>;
type MoneySettings = Separators & Pick<Workspace, 'currency'>;

const separators = (settings: Separators) => ({
  decimalSeparator: settings.decimal_separator,
  thousandsSeparator: settings.thousands_separator,
});

/** An amount in the workspace's currency with its exponent and the workspace's separators ("€1.234,50"). */
export function formatAmount(value: number | string, settings: MoneySettings): string {
  return formatMoney(exact(value), settings.currency, separators(settings));
}

/** A unit price: at least the currency's exponent, and every further digit it has (£0.003, not £0.00). */
export function formatUnitPrice(value: number | string, settings: MoneySettings): string {
  return formatMoney(exact(value), settings.currency, separators(settings), { keepDigits: true });
}

/** A quantity or a rate with every digit it has and the workspace's separators ("1,234.5", "9,975"). */
export function formatQuantity(value: number | string, settings: Separators): string {
  return formatDecimal(exact(value), 0, separators(settings), { keepDigits: true });
}
