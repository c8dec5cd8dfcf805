import Big from 'big.js';
import type { Executor } from '../../db/client.ts';
import { toNumber } from '../../lib/decimal.ts';
import { roundToCurrency } from '../../lib/money.ts';
import { type Page, toPage } from '../../lib/pagination.ts';
import type { Actor } from '../access/actor.ts';
import { timeEntryColumns, timeReportEntries, timeReportRows } from '../time/queries.ts';
import { entryConditions } from './filters.ts';
import type { TimeReport, TimeReportEntriesQuery, TimeReportEntry, TimeReportQuery } from './schemas.ts';
import { reportContext } from './scope.ts';
import { totalsByCurrency } from './totals.ts';

/** The rows of an unnamed group: entries without a task, people without a business role. */
const UNNAMED = { task: 'No task', role: 'No role' } as const;

/**
 * The time summary (reports/time-reports.md): hours and amounts per group and currency, aggregated
 * by one GROUP BY in PostgreSQL; each entry's amount rounded to the currency before it is summed,
 * totals summed from the rows, so the detailed report's entries add up to their row.
 */
export async function timeReport(
  db: Executor,
  actor: Actor,
  query: TimeReportQuery,
  now: Date,
): Promise<TimeReport> {
  const { account, access, period, exponentOf } = await reportContext(db, actor, query, now);
  const conditions = entryConditions(timeEntryColumns, actor.accountId, access.scope, period, query);
  const rows = await timeReportRows(db, conditions, query.group_by, account.weekStartsOn, exponentOf);
  const shown = (amount: string) => (access.showAmounts ? new Big(amount) : null);

  const results = rows.map((row) => {
    const billableAmount = shown(row.billable_amount);
    const uninvoicedAmount = shown(row.uninvoiced_amount);
    return {
      row: {
        id: row.id,
        name:
          row.name ?? (query.group_by === 'task' || query.group_by === 'role' ? UNNAMED[query.group_by] : ''),
        total_hours: toNumber(row.total_hours),
        billable_hours: toNumber(row.billable_hours),
        non_billable_hours: toNumber(new Big(row.total_hours).minus(row.billable_hours).toFixed()),
        billable_amount: billableAmount === null ? null : toNumber(billableAmount.toFixed()),
        uninvoiced_amount: uninvoicedAmount === null ? null : toNumber(uninvoicedAmount.toFixed()),
        currency: row.currency,
      },
      exact: {
        hours: new Big(row.total_hours),
        billable: new Big(row.billable_hours),
        billableAmount,
        uninvoicedAmount,
      },
    };
  });
  const hours = results.reduce(
    (sum, { exact }) => ({ total: sum.total.plus(exact.hours), billable: sum.billable.plus(exact.billable) }),
    { total: new Big(0), billable: new Big(0) },
  );
  const amounts = totalsByCurrency(
    results.map(({ row, exact }) => ({
      currency: row.currency,
      amounts: { billable_amount: exact.billableAmount, uninvoiced_amount: exact.uninvoicedAmount },
    })),
    ['billable_amount', 'uninvoiced_amount'],
  );
  return {
    group_by: query.group_by,
    from: period.from ?? null,
    to: period.to ?? null,
    results: results.map(({ row }) => row),
    totals: {
      total_hours: toNumber(hours.total.toFixed()),
      billable_hours: toNumber(hours.billable.toFixed()),
      non_billable_hours: toNumber(hours.total.minus(hours.billable).toFixed()),
      amounts,
    },
  };
}

/** The detailed time report: every entry with its names, amount, invoice and approval status. */
export async function timeReportEntryPage(
  db: Executor,
  actor: Actor,
  query: TimeReportEntriesQuery,
  now: Date,
): Promise<Page<TimeReportEntry>> {
  const { access, period } = await reportContext(db, actor, query, now);
  // The period's end goes with the cursor (one upper bound, decision 0023), not in the conditions.
  const conditions = entryConditions(
    timeEntryColumns,
    actor.accountId,
    access.scope,
    { from: period.from },
    query,
  );
  const rows = await timeReportEntries(db, conditions, {
    cursor: query.cursor,
    to: period.to,
    limit: query.limit,
  });
  return toPage(
    rows,
    query.limit,
    (entry): TimeReportEntry => {
      const amount =
        entry.isBillable && entry.billableRate !== null
          ? roundToCurrency(new Big(entry.hours).times(entry.billableRate), entry.currency)
          : new Big(0);
      return {
        id: entry.id,
        spent_date: entry.spentDate,
        user_id: entry.userId,
        user_name: entry.userName,
        client_id: entry.clientId,
        client_name: entry.clientName,
        project_id: entry.projectId,
        project_name: entry.projectName,
        task_id: entry.taskId,
        task_name: entry.taskName,
        notes: entry.notes,
        hours: toNumber(entry.hours),
        is_billable: entry.isBillable,
        billable_amount: access.showAmounts ? toNumber(amount.toFixed()) : null,
        currency: entry.currency,
        source: entry.source,
        approval_status: entry.approvalStatus,
        invoice_id: entry.invoiceId,
        is_invoiced: entry.invoiceId !== null,
      };
    },
    (entry) => [entry.spentDate, entry.id],
  );
}
