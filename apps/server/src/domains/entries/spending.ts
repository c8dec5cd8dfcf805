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

/**
 * `(VALUES ...) AS cx(currency, exponent)`: the ISO 4217 exponents of the workspace's currencies as a
 * relation, so amounts can be rounded per line in SQL (lib/money.ts's rule) by joining on a client's
 * currency.
 */
export function currencyExponents(currencies: readonly string[]): SQL {
  const rows = [...new Set(currencies)].map(
    (currency) => sql`(${currency}::text, ${exponentOf(currency)}::int)`,
  );
  return sql`(VALUES ${sql.join(rows, sql`, `)}) AS cx(currency, exponent)`;
}
