import Big from 'big.js';
import type { Executor } from '../../db/client.ts';
import { toNumber } from '../../lib/decimal.ts';
import { type Page, toPage } from '../../lib/pagination.ts';
import type { Actor } from '../access/actor.ts';
import { expenseColumns, expenseReportEntries, expenseReportRows } from '../expenses/queries.ts';
import { entryConditions } from './filters.ts';
import type {
  ExpenseReport,
  ExpenseReportEntriesQuery,
  ExpenseReportEntry,
  ExpenseReportQuery,
} from './schemas.ts';
import { reportContext } from './scope.ts';
import { totalsByCurrency } from './totals.ts';

const AMOUNTS = ['total_amount', 'billable_amount', 'non_billable_amount', 'uninvoiced_amount'] as const;

/**
 * The expense summary (reports/expense-reports.md): amounts per group and currency from one GROUP BY
 * of each expense's cost rounded to the currency (an LLM call's fraction of a cent is billed
 * rounded), totals summed from the rows. Expense amounts are costs, not rates: whoever sees an
 * expense sees them.
 */
export async function expenseReport(
  db: Executor,
  actor: Actor,
  query: ExpenseReportQuery,
  now: Date,
): Promise<ExpenseReport> {
  const { access, period, exponentOf } = await reportContext(db, actor, query, now);
  const conditions = entryConditions(expenseColumns, actor.accountId, access.scope, period, query);
  const rows = await expenseReportRows(db, conditions, query.group_by, exponentOf);
  const rounded = rows.map((row) => {
    const total = new Big(row.total_amount);
    const billable = new Big(row.billable_amount);
    const amounts = {
      total_amount: total,
      billable_amount: billable,
      non_billable_amount: total.minus(billable),
      uninvoiced_amount: new Big(row.uninvoiced_amount),
    };
    return { row, currency: row.currency, amounts };
  });
  const number = (amount: Big) => toNumber(amount.toFixed());
  return {
    group_by: query.group_by,
    from: period.from ?? null,
    to: period.to ?? null,
    results: rounded.map(({ row, amounts }) => ({
      id: row.id,
      name: row.name,
      total_amount: number(amounts.total_amount),
      billable_amount: number(amounts.billable_amount),
      non_billable_amount: number(amounts.non_billable_amount),
      uninvoiced_amount: number(amounts.uninvoiced_amount),
      currency: row.currency,
    })),
    totals: {
      amounts: totalsByCurrency(rounded, AMOUNTS).map((line) => ({
        currency: line.currency,
        total_amount: line.total_amount ?? 0,
        billable_amount: line.billable_amount ?? 0,
        non_billable_amount: line.non_billable_amount ?? 0,
        uninvoiced_amount: line.uninvoiced_amount ?? 0,
      })),
    },
  };
}

/** The detailed expense report: every expense with its names, receipt indicator, invoice and approval status. */
export async function expenseReportEntryPage(
  db: Executor,
  actor: Actor,
  query: ExpenseReportEntriesQuery,
  now: Date,
): Promise<Page<ExpenseReportEntry>> {
  const { access, period } = await reportContext(db, actor, query, now);
  // The period's end goes with the cursor (one upper bound, decision 0023), not in the conditions.
  const conditions = entryConditions(
    expenseColumns,
    actor.accountId,
    access.scope,
    { from: period.from },
    query,
  );
  const rows = await expenseReportEntries(db, conditions, {
    cursor: query.cursor,
    to: period.to,
    limit: query.limit,
  });
  return toPage(
    rows,
    query.limit,
    (expense): ExpenseReportEntry => ({
      id: expense.id,
      spent_date: expense.spentDate,
      user_id: expense.userId,
      user_name: expense.userName,
      client_id: expense.clientId,
      client_name: expense.clientName,
      project_id: expense.projectId,
      project_name: expense.projectName,
      category_id: expense.categoryId,
      category_name: expense.categoryName,
      notes: expense.notes,
      total_cost: toNumber(expense.totalCost),
      billable: expense.billable,
      currency: expense.currency,
      has_receipt: expense.hasReceipt,
      source: expense.source,
      approval_status: expense.approvalStatus,
      invoice_id: expense.invoiceId,
      is_invoiced: expense.invoiceId !== null,
    }),
    (expense) => [expense.spentDate, expense.id],
  );
}
