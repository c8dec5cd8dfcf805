import type { ExpenseExportRow } from '../../expenses/queries.ts';
import { exportExpenses } from '../../expenses/service.ts';
import { reportContext } from '../../reports/scope.ts';
import { exportKind } from '../kind.ts';
import { expensesExportQuery } from '../schemas.ts';
import { type Column, mapBatches, metadataNumber, plainDecimal, type Value } from '../table.ts';

/** reports/exporting-data.md's expense columns, then where the expense came from and the agent's context. */
const COLUMNS: Column[] = [
  { header: 'Date', type: 'date' },
  { header: 'Client', type: 'text' },
  { header: 'Project', type: 'text' },
  { header: 'Category', type: 'text' },
  { header: 'Team Member', type: 'text' },
  { header: 'Notes', type: 'text' },
  { header: 'Amount', type: 'number' },
  { header: 'Currency', type: 'text' },
  { header: 'Billable', type: 'yes-no' },
  { header: 'Billed', type: 'yes-no' },
  { header: 'Receipt', type: 'yes-no' },
  { header: 'Approval Status', type: 'text' },
  { header: 'Source', type: 'text' },
  { header: 'Agent ID', type: 'text' },
  { header: 'Session ID', type: 'text' },
  { header: 'Model', type: 'text' },
  { header: 'Input Tokens', type: 'number' },
  { header: 'Output Tokens', type: 'number' },
  { header: 'Expense ID', type: 'text' },
];

function cells(expense: ExpenseExportRow): Value[] {
  return [
    expense.spentDate,
    expense.clientName,
    expense.projectName,
    expense.categoryName,
    expense.userName,
    expense.notes,
    // Every stored digit, as the list answers it: a sub-cent LLM cost is kept until it is billed (decision 0010).
    plainDecimal(expense.totalCost),
    expense.currency,
    expense.billable,
    expense.invoiceId !== null,
    expense.receiptKey !== null,
    expense.approvalStatus,
    expense.source,
    expense.agentId,
    expense.sessionId,
    expense.model,
    metadataNumber(expense.inputTokens),
    metadataNumber(expense.outputTokens),
    expense.id,
  ];
}

export const expensesExport = exportKind({
  name: 'expenses',
  operationId: 'exportExpenses',
  summary: 'Export the expenses the list shows, as CSV or Excel',
  filters: expensesExportQuery,
  feature: 'expenses',
  async open(db, actor, filters, now) {
    const { abilities, period } = await reportContext(db, actor, filters, now);
    return { columns: COLUMNS, batches: mapBatches(exportExpenses(db, abilities, period, filters), cells) };
  },
});
