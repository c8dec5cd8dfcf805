/**
 * What invoicing asks of the entry owners (domains/time/queries.ts, domains/expenses/queries.ts):
 * summaries of the billable, uninvoiced entries of some projects grouped as invoice lines, and the
 * conditional writes that attach them to those lines and release them
 * (docs/decisions/0028-invoice-imports.md).
 */

/** Which entries an import or its preview reads. */
export interface BillingSelection {
  projectIds: readonly string[];
  from?: string | undefined;
  to?: string | undefined;
  /** While Approvals is on, only approved entries are billable. */
  approvedOnly: boolean;
}

/** A group of entries (its `key`, as the summary gave it) and the invoice line that bills it. */
export interface LineClaim {
  key: string;
  lineId: string;
}

/** Where entries are billed: the invoice and, through the claims, each group's line. */
export interface BillingTarget {
  invoiceId: string;
  claims: readonly LineClaim[];
}
