import { standardErrors } from '../../http/schemas.ts';
import type { ApiInstance, RouteDeps } from '../../http/types.ts';
import { budgetReportQuery, budgetReportSchema } from './budget-schemas.ts';
import { budgetReport } from './budgets.ts';

export function registerBudgetReportRoutes(app: ApiInstance, { db }: RouteDeps): void {
  app.get(
    '/reports/budgets',
    {
      schema: {
        operationId: 'getBudgetReport',
        tags: ['Reports'],
        summary:
          'Every budgeted project you can see: budget, spent, remaining, % used and status (monthly budgets count the month)',
        querystring: budgetReportQuery,
        response: { 200: budgetReportSchema, ...standardErrors },
      },
    },
    (request) => budgetReport(db, request.actor, request.query),
  );
}
