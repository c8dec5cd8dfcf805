import Big from 'big.js';

/** numeric columns arrive as strings; JSON carries numbers. Only used at the edge, never to compute. */
export function toNumber(value: string | null): number | null {
  return value === null ? null : Number(value);
}

/** A JSON number from a request, as an exact decimal string for PostgreSQL (`0.1` stays `0.1`). */
export function toDecimalString(value: number): string {
  return new Big(value).toString();
}

export function multiply(a: string | number, b: string | number): string {
  return new Big(a).times(b).toString();
}

export function add(a: string | number, b: string | number): string {
  return new Big(a).plus(b).toString();
}

export function decimalsEqual(a: string | number, b: string | number): boolean {
  return new Big(a).eq(b);
}

/** Rounds half-up to a fixed number of decimals, as a string. */
export function round(value: string | number, decimals: number): string {
  return new Big(value).round(decimals, Big.roundHalfUp).toString();
}
