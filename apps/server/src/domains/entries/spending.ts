import { type SQL, sql } from 'drizzle-orm';

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
