import { type SQL, sql } from 'drizzle-orm';
import { exponentOf } from '../../lib/currencies.ts';

/**
 * A project's span of spending to add up (null ends are open) and the ISO 4217 exponent of its
 * currency, so each entry's billable amount is rounded as an invoice line would be.
 */
export interface SpendingWindow {
  projectId: string;
  from: string | null;
  to: string | null;
  exponent: number;
}

/** `(VALUES ...) AS w(project_id, from_date, to_date, exponent)`: the windows as a relation to join. */
export function spendingWindows(windows: readonly SpendingWindow[]): SQL {
  const rows = windows.map(
    (w) => sql`(${w.projectId}::text, ${w.from}::date, ${w.to}::date, ${w.exponent}::int)`,
  );
  return sql`(VALUES ${sql.join(rows, sql`, `)}) AS w(project_id, from_date, to_date, exponent)`;
}

/** The ISO 4217 exponent of a currency column as an SQL expression (`currencyExponents`). */
export type ExponentOf = (currency: SQL) => SQL;

/**
 * The exponents of the workspace's currencies as `CASE <currency> WHEN 'USD' THEN 2 ... END`, so
 * amounts can be rounded per entry in SQL (lib/money.ts's rule) without a second table of
 * exponents in the database. A scalar expression, not a relation to join: joined as a `VALUES`
 * list, it made the planner run the time summary over a million entries three times slower than
 * the same query rounding to a constant (`npm run bench:reports`, decision 0066).
 */
export function currencyExponents(currencies: readonly string[]): ExponentOf {
  const cases = [...new Set(currencies)].map(
    (currency) => sql`WHEN ${currency}::text THEN ${exponentOf(currency)}::int`,
  );
  return (currency) => sql`(CASE ${currency} ${sql.join(cases, sql` `)} END)`;
}
