import { pageOf, standardErrors } from '../../http/schemas.ts';
import type { ApiInstance } from '../../http/types.ts';
import { expenseReport, expenseReportEntryPage } from './expense-report.ts';
import {
  expenseReportEntriesQuery,
  expenseReportEntrySchema,
  expenseReportQuery,
  expenseReportSchema,
} from './schemas.ts';
import type { ReportDeps } from './time-routes.ts';

const tags = ['Reports'];
/** As /v1/expenses: refused while the workspace has Expenses off (http/features.ts). */
const config = { feature: 'expenses' } as const;

export function registerExpenseReportRoutes(app: ApiInstance, { db, now }: ReportDeps): void {
  app.get(
    '/reports/expenses',
    {
      config,
      schema: {
        operationId: 'getExpenseReport',
        tags,
        summary: 'Expense summary: amounts grouped by client, project, category or person',
        description:
          "Members report on their own expenses, managers on theirs and their teammates', administrators on " +
          "everyone's. Amounts are in each client's currency, rounded to it. Id filters take one or more ids, comma-separated.",
        querystring: expenseReportQuery,
        response: { 200: expenseReportSchema, ...standardErrors },
      },
    },
    (request) => expenseReport(db, request.actor, request.query, now()),
  );

  app.get(
    '/reports/expenses/entries',
    {
      config,
      schema: {
        operationId: 'listExpenseReportEntries',
        tags,
        summary:
          'Detailed expense report: every expense with its receipt indicator, invoice and approval status',
        querystring: expenseReportEntriesQuery,
        response: { 200: pageOf(expenseReportEntrySchema), ...standardErrors },
      },
    },
    (request) => expenseReportEntryPage(db, request.actor, request.query, now()),
  );
}
