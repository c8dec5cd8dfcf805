import { z } from 'zod';
import { idParams, standardErrors } from '../../http/schemas.ts';
import type { ApiInstance, RouteDeps } from '../../http/types.ts';
import { accountHeaders, numberedPageOf, pageWindow, toNumberedPage, v2PageQuery } from '../../http/v2.ts';
import { createExpenseBody, expenseSchema, listExpensesQuery } from './schemas.ts';
import * as service from './service.ts';

const tags = ['Expenses (v2)'];
/** As /v1/expenses: refused while the workspace has Expenses off (http/features.ts). */
const config = { feature: 'expenses' } as const;

export const listExpensesV2Query = listExpensesQuery
  .omit({ cursor: true, limit: true })
  .extend(v2PageQuery.shape)
  .extend({
    updated_since: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 timestamp' }).optional(),
  });

/** `/api/v2/expenses` (spec/original/001): the v1 expense services behind numbered pages. */
export function registerExpenseV2Routes(
  app: ApiInstance,
  { db, createExpense }: RouteDeps & { createExpense: service.CoalescedExpenseCreate },
): void {
  app.post(
    '/expenses',
    {
      config,
      schema: {
        operationId: 'createExpenseV2',
        tags,
        summary: 'Create an expense; for LLM cost use the category cat_llm_usage',
        description:
          "Provide either `total_cost` or `units` (units are priced by the unit price given or the category's).",
        headers: accountHeaders,
        body: createExpenseBody,
        response: { 201: expenseSchema, ...standardErrors },
      },
    },
    async (request, reply) => reply.status(201).send(await createExpense(request.actor, request.body)),
  );

  app.get(
    '/expenses',
    {
      config,
      schema: {
        operationId: 'listExpensesV2',
        tags,
        summary: 'List expenses, newest first, by page; filters combine with AND',
        headers: accountHeaders,
        querystring: listExpensesV2Query,
        response: { 200: numberedPageOf('expenses', expenseSchema), ...standardErrors },
      },
    },
    async (request) => {
      const { page, per_page, ...filters } = request.query;
      const pagination = { page, per_page };
      const { items, total } = await service.listExpensesPage(
        db,
        request.actor,
        filters,
        pageWindow(pagination),
      );
      return toNumberedPage(request, 'expenses', items, total, pagination);
    },
  );

  app.get(
    '/expenses/:id',
    {
      config,
      schema: {
        operationId: 'getExpenseV2',
        tags,
        summary: 'Get an expense',
        headers: accountHeaders,
        params: idParams,
        response: { 200: expenseSchema, ...standardErrors },
      },
    },
    (request) => service.getExpense(db, request.actor, request.params.id),
  );
}
