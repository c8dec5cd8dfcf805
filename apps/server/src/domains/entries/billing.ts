import { type SQL, sql } from 'drizzle-orm';

/**
 * What invoicing asks of the entry owners (domains/time/queries.ts, domains/expenses/queries.ts):
 * summaries of the billable, uninvoiced entries of some projects grouped as invoice lines, the
 * statement that summarises and links them to those lines at once, and the release of the links
 * (docs/decisions/0028-invoice-imports.md, 0055-invoice-links.md).
 */

/** Which entries an import or its preview reads. */
export interface BillingSelection {
  projectIds: readonly string[];
  from?: string | undefined;
  to?: string | undefined;
  /** While Approvals is on, only approved entries are billable. */
  approvedOnly: boolean;
}

/** Where an import bills entries: the invoice, and the prefix of its lines' ids (`lineIdOfGroup`). */
export interface BillingTarget {
  invoiceId: string;
  linePrefix: string;
}

/**
 * The id of the line of a group, in the statement that numbers the groups (`groups.position`, from
 * 1) and links their entries before the lines are written: the prefix and the position.
 */
export function lineIdOfGroup(target: BillingTarget): SQL {
  return sql`${target.linePrefix} || lpad(groups.position::text, 5, '0')`;
}
