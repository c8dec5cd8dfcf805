import Big from 'big.js';
import { ValidationError } from './errors.ts';

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * A decimal from a request, exactly as the client wrote it. A JSON number arrives as a double;
 * `String()` gives the shortest text that reads back as that double, which is the text the
 * client sent whenever it fits a double (`0.1` stays `0.1`, never 0.1000000000000000055...).
 * A string is read digit by digit, so amounts beyond 2^53 or with many decimals stay exact.
 */
export function parseDecimal(value: string | number, field?: string): Big {
  const name = field ?? 'value';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ValidationError(`${name} must be a finite number`, field);
    return new Big(String(value));
  }
  const text = value.trim();
  if (!PLAIN_DECIMAL.test(text)) {
    throw new ValidationError(`${name} must be a decimal number such as 12.50`, field);
  }
  return new Big(text);
}

/** A JSON number from a request, as an exact decimal string for PostgreSQL (`0.1` stays `0.1`). */
export function toDecimalString(value: number): string {
  return parseDecimal(value).toFixed();
}

/**
 * The one place a stored decimal becomes a JavaScript number: at the response boundary, because
 * the documented API carries amounts, rates and hours as JSON numbers (`"total_cost": 12.5`).
 * Nothing computes with the result. Every 6-decimal value below 2^33 (about 8.6 billion) reads
 * back exactly: doubles there are closer together than a millionth, so the double nearest to the
 * value prints as the same decimal (decimal.test.ts checks it). Larger values become the nearest
 * double, as any JSON number does.
 */
export function toNumber(value: string): number;
export function toNumber(value: string | null): number | null;
export function toNumber(value: string | null): number | null {
  return value === null ? null : Number(value);
}
