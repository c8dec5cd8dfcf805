import type Big from 'big.js';
import { toNumber } from '../../lib/decimal.ts';
import { sumAmounts } from '../../lib/money.ts';

/** A report row's amounts, already rounded to its currency; null where the caller may not see them. */
export interface RoundedAmounts<Field extends string> {
  currency: string;
  amounts: Record<Field, Big | null>;
}

/**
 * Per-currency totals of rows whose amounts are already rounded (lib/money.ts: totals are sums of
 * rounded figures, so a report's rows add up to its totals), by currency code. A hidden (null)
 * amount stays null.
 */
export function totalsByCurrency<Field extends string>(
  rows: readonly RoundedAmounts<Field>[],
  fields: readonly Field[],
): ({ currency: string } & Record<Field, number | null>)[] {
  const currencies = [...new Set(rows.map((row) => row.currency))].sort();
  return currencies.map((currency) => {
    const group = rows.filter((row) => row.currency === currency);
    const total = {} as Record<Field, number | null>;
    for (const field of fields) {
      const amounts = group.map((row) => row.amounts[field]);
      total[field] = amounts.every((value): value is Big => value !== null)
        ? toNumber(sumAmounts(amounts).toFixed())
        : null;
    }
    return { currency, ...total };
  });
}
