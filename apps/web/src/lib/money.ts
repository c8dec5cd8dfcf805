// Amounts in the app: the API sends them as JSON numbers; sums and products are done on their
// decimal digits with BigInt, never with float arithmetic, and shown with the currency's exponent
// (docs/decisions/0010-money.md). The number's shortest decimal form (String(0.135) is "0.135") is
// the value the server meant.
import type { Workspace } from '../types.ts';

interface Scaled {
  digits: bigint;
  scale: number;
}

function scaled(value: number | string): Scaled {
  const text = typeof value === 'number' ? String(value) : value;
  if (!/^-?\d+(\.\d+)?$/.test(text)) throw new Error(`Not a plain decimal amount: ${text}`);
  const [whole = '0', fraction = ''] = text.split('.');
  return { digits: BigInt(`${whole}${fraction}`), scale: fraction.length };
}

function toText({ digits, scale }: Scaled): string {
  const negative = digits < 0n;
  const text = (negative ? -digits : digits).toString().padStart(scale + 1, '0');
  const whole = text.slice(0, text.length - scale);
  const fraction = scale === 0 ? '' : `.${text.slice(text.length - scale)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** The exact sum of amounts, as a decimal string. */
export function sumAmounts(values: (number | string)[]): string {
  const parts = values.map(scaled);
  const scale = Math.max(0, ...parts.map((part) => part.scale));
  const total = parts.reduce((sum, part) => sum + part.digits * 10n ** BigInt(scale - part.scale), 0n);
  return toText({ digits: total, scale });
}

/** quantity x unit price, exactly, as a decimal string (the live total of a unit-based expense). */
export function multiplyAmounts(quantity: number | string, unitPrice: number | string): string {
  const left = scaled(quantity);
  const right = scaled(unitPrice);
  return toText({ digits: left.digits * right.digits, scale: left.scale + right.scale });
}

/** ISO 4217 minor units of a currency (JPY 0, USD 2, BHD 3), from the browser's currency data. */
export function currencyExponent(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

type MoneySettings = Pick<Workspace, 'currency' | 'decimal_separator' | 'thousands_separator'>;

/**
 * An amount in the workspace's currency with its exponent and the workspace's separators:
 * "€1.234,50" for decimal "," and thousands ".". Rounds half away from zero, as the server does.
 */
export function formatAmount(value: number | string, settings: MoneySettings): string {
  const exponent = currencyExponent(settings.currency);
  return formatWithDigits(value, settings, exponent, exponent);
}

/**
 * A unit price: at least the currency's exponent, and every further digit it has, since a price
 * per 1k tokens of 0.003 is not £0.00.
 */
export function formatUnitPrice(value: number | string, settings: MoneySettings): string {
  const exponent = currencyExponent(settings.currency);
  const decimals = (typeof value === 'number' ? String(value) : value).split('.')[1]?.length ?? 0;
  return formatWithDigits(value, settings, exponent, Math.max(exponent, decimals));
}

function formatWithDigits(
  value: number | string,
  settings: MoneySettings,
  minimumFractionDigits: number,
  maximumFractionDigits: number,
): string {
  const format = new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: settings.currency,
    minimumFractionDigits,
    maximumFractionDigits,
  });
  // A decimal string is formatted exactly (Intl.NumberFormat v3, whose default rounding is half
  // away from zero); TypeScript's lib does not know strings are accepted.
  const exact = (typeof value === 'number' ? String(value) : value) as unknown as number;
  return format
    .formatToParts(exact)
    .map((part) =>
      part.type === 'group'
        ? settings.thousands_separator
        : part.type === 'decimal'
          ? settings.decimal_separator
          : part.value,
    )
    .join('');
}
