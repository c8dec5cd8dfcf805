import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { batchBodyOf, batchResultOf, runBatch } from '../../http/batch.ts';
import { idParams, noContent, pageOf, standardErrors } from '../../http/schemas.ts';
import type { ApiInstance, RouteDeps } from '../../http/types.ts';
import { MAX_BATCH_ITEMS } from '../../lib/limits.ts';
import * as categories from './categories.ts';
import { readExpenseWithReceipt, registerReceiptRoutes, type Upload } from './receipt-routes.ts';
import type { ReceiptStore } from './receipts/store.ts';
import {
  createExpenseBody,
  createExpenseCategoryBody,
  expenseCategorySchema,
  expenseSchema,
  listExpenseCategoriesQuery,
  listExpensesQuery,
  updateExpenseBody,
  updateExpenseCategoryBody,
} from './schemas.ts';
import * as service from './service.ts';

const tags = ['Expenses'];
/** The whole module answers 403 feature_disabled while the workspace has Expenses off (http/features.ts). */
const config = { feature: 'expenses' } as const;

/** `createExpense` is the app's one coalesced create (app.ts), shared with /api/v2/expenses. */
export function registerExpenseRoutes(
  app: ApiInstance,
  {
    db,
    createExpense,
    receipts,
  }: RouteDeps & { createExpense: service.CoalescedExpenseCreate; receipts: ReceiptStore },
): void {
  registerReceiptRoutes(app, { db, receipts });

  /** The receipt of a multipart create, read before validation turns its `expense` part into the body. */
  const uploads = new WeakMap<FastifyRequest, Upload>();
  app.post(
    '/expenses',
    {
      config,
      schema: {
        operationId: 'createExpense',
        tags,
        summary: 'Create an expense; for LLM cost use the category cat_llm_usage',
        description:
          'If `units` are given and a unit price is known, `total_cost` is calculated. To attach a ' +
          'receipt in the same request, send multipart/form-data with this body as JSON in the part ' +
          '`expense` and the file in the part `file` (see putExpenseReceipt).',
        body: createExpenseBody,
        response: { 201: expenseSchema, ...standardErrors },
      },
      preValidation: async (request) => {
        if (!request.isMultipart()) return;
        const { body, upload } = await readExpenseWithReceipt(request);
        request.body = body as typeof request.body;
        if (upload !== undefined) uploads.set(request, upload);
      },
    },
    async (request, reply) => {
      const upload = uploads.get(request);
      const expense =
        upload === undefined
          ? await createExpense(request.actor, request.body)
          : await service.createExpenseWithReceipt(db, receipts, request.actor, request.body, upload);
      return reply.status(201).send(expense);
    },
  );

  app.post(
    '/expenses/batch',
    {
      config,
      schema: {
        operationId: 'createExpensesBatch',
        tags,
        summary: `Create up to ${MAX_BATCH_ITEMS} expenses at once; each item succeeds or fails on its own`,
        description:
          'Each item is a createExpense body. The answer lists the expenses created (with their index in ' +
          '`items`) and the items refused with the error a single create would give. The created expenses ' +
          'commit together. Send an Idempotency-Key to make a retried batch write once.',
        body: batchBodyOf(createExpenseBody.describe('createExpense')),
        response: { 200: batchResultOf(expenseSchema), ...standardErrors },
      },
    },
    (request) =>
      runBatch(db, request.body.items, createExpenseBody, (batchDb, items) =>
        service.createExpenses(batchDb, request.actor, items),
      ),
  );

  app.get(
    '/expenses',
    {
      config,
      schema: {
        operationId: 'listExpenses',
        tags,
        summary: 'List expenses, newest first; filters combine with AND',
        querystring: listExpensesQuery,
        response: { 200: pageOf(expenseSchema), ...standardErrors },
      },
    },
    (request) => service.listExpenses(db, request.actor, request.query),
  );

  app.get(
    '/expenses/:id',
    {
      config,
      schema: {
        operationId: 'getExpense',
        tags,
        summary: 'Get an expense',
        params: idParams,
        response: { 200: expenseSchema, ...standardErrors },
      },
    },
    (request) => service.getExpense(db, request.actor, request.params.id),
  );

  app.patch(
    '/expenses/:id',
    {
      config,
      schema: {
        operationId: 'updateExpense',
        tags,
        summary: 'Update an expense',
        params: idParams,
        body: updateExpenseBody,
        response: { 200: expenseSchema, ...standardErrors },
      },
    },
    (request) => service.updateExpense(db, request.actor, request.params.id, request.body),
  );

  app.delete(
    '/expenses/:id',
    {
      config,
      schema: {
        operationId: 'deleteExpense',
        tags,
        summary: 'Delete an expense, and its receipt',
        params: idParams,
        response: { 204: noContent, ...standardErrors },
      },
    },
    async (request, reply) => {
      await service.deleteExpense(db, receipts, request.actor, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/expense-categories',
    {
      config,
      schema: {
        operationId: 'listExpenseCategories',
        tags,
        summary: 'List expense categories',
        querystring: listExpenseCategoriesQuery,
        response: { 200: z.object({ data: z.array(expenseCategorySchema) }), ...standardErrors },
      },
    },
    async (request) => ({ data: await categories.listCategories(db, request.actor, request.query) }),
  );

  app.get(
    '/expense-categories/:id',
    {
      config,
      schema: {
        operationId: 'getExpenseCategory',
        tags,
        summary: 'Get an expense category by id or alias (cat_llm_usage)',
        params: idParams,
        response: { 200: expenseCategorySchema, ...standardErrors },
      },
    },
    (request) => categories.getCategory(db, request.actor, request.params.id),
  );

  app.post(
    '/expense-categories',
    {
      config,
      schema: {
        operationId: 'createExpenseCategory',
        tags,
        summary: 'Create an expense category (administrators)',
        body: createExpenseCategoryBody,
        response: { 201: expenseCategorySchema, ...standardErrors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await categories.createCategory(db, request.actor, request.body)),
  );

  app.patch(
    '/expense-categories/:id',
    {
      config,
      schema: {
        operationId: 'updateExpenseCategory',
        tags,
        summary: 'Update an expense category; is_active false archives, true restores',
        params: idParams,
        body: updateExpenseCategoryBody,
        response: { 200: expenseCategorySchema, ...standardErrors },
      },
    },
    (request) => categories.updateCategory(db, request.actor, request.params.id, request.body),
  );
}
