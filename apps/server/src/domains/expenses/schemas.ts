import { z } from 'zod';
import {
  approvalStatusSchema,
  idString,
  isoDate,
  metadataSchema,
  nonBlank,
  pageQuery,
  queryBoolean,
  sourceSchema,
  unchangeable,
} from '../../http/schemas.ts';
import { metadataFiltersQuery } from '../reports/schemas.ts';

const money = z.number().min(0).max(1_000_000_000);

export const expenseCategorySchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Unit-based categories price a quantity: units x unit_price. */
  is_unit_based: z.boolean(),
  unit_name: z.string().nullable(),
  unit_price: z.number().nullable(),
  billable_by_default: z.boolean(),
  /** Built-in categories have readable ids, the same in every workspace: `cat_llm_usage`, `cat_mileage`... */
  is_builtin: z.boolean(),
  is_active: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const createExpenseCategoryBody = z
  .object({
    name: nonBlank(200),
    unit_name: nonBlank(50).nullable().optional(),
    unit_price: money.nullable().optional(),
    billable_by_default: z.boolean().default(true),
  })
  // A unit-based category has both a unit name and a price, a standard one neither (categories.ts
  // checks it with its own message; the OpenAPI document states the same rule).
  .meta({
    anyOf: [
      {
        required: ['unit_name', 'unit_price'],
        properties: { unit_name: { type: 'string' }, unit_price: { type: 'number' } },
      },
      { properties: { unit_name: { type: 'null' }, unit_price: { type: 'null' } } },
    ],
  });

export const updateExpenseCategoryBody = z.object({
  name: nonBlank(200).optional(),
  unit_name: nonBlank(50).nullable().optional(),
  unit_price: money.nullable().optional(),
  billable_by_default: z.boolean().optional(),
  is_active: z.boolean().optional(),
});

export const listExpenseCategoriesQuery = z.object({ is_active: queryBoolean.optional() });

export const receiptSchema = z.object({
  file_name: z.string(),
  content_type: z.string(),
  size: z.number(),
  /** Where to download it: GET /v1/expenses/{id}/receipt. */
  url: z.string(),
});

export const expenseSchema = z.object({
  id: z.string(),
  project_id: z.string(),
  expense_category_id: z.string(),
  user_id: z.string(),
  spent_date: z.string(),
  units: z.number().nullable(),
  unit_price: z.number().nullable(),
  total_cost: z.number(),
  notes: z.string().nullable(),
  billable: z.boolean(),
  source: sourceSchema,
  metadata: z.record(z.string(), z.unknown()).nullable(),
  receipt: receiptSchema.nullable(),
  approval_status: approvalStatusSchema,
  /** The submission (timesheet) that carries the expense, once submitted. */
  timesheet_id: z.string().nullable(),
  invoice_id: z.string().nullable(),
  is_locked: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const createExpenseBody = z
  .object({
    project_id: idString,
    expense_category_id: idString,
    spent_date: isoDate,
    /** Required unless units are given and a unit price is known (from the request or the category). */
    total_cost: money.optional(),
    units: money.optional(),
    unit_price: money.optional(),
    notes: z.string().max(10_000).nullable().optional(),
    billable: z.boolean().optional(),
    source: sourceSchema.default('api'),
    metadata: metadataSchema.nullable().optional(),
    user_id: idString.optional(),
  })
  // Pricing (pricing.ts) says what is missing with its own message; the OpenAPI document states the
  // part of the rule a schema can: a total, or units. Whether units alone suffice depends on the
  // category's unit price, which is stored, so that refusal is 422.
  .meta({ anyOf: [{ required: ['total_cost'] }, { required: ['units'] }] });

export const updateExpenseBody = z.object({
  expense_category_id: idString.optional(),
  spent_date: isoDate.optional(),
  total_cost: money.optional(),
  units: money.nullable().optional(),
  unit_price: money.nullable().optional(),
  notes: z.string().max(10_000).nullable().optional(),
  billable: z.boolean().optional(),
  metadata: metadataSchema.nullable().optional(),
  // Listed so that an attempt to change them is answered with a clear error rather than ignored.
  source: unchangeable,
  project_id: unchangeable,
  user_id: unchangeable,
});

export const listExpensesQuery = pageQuery.extend({
  source: sourceSchema.optional(),
  project_id: idString.optional(),
  client_id: idString.optional(),
  user_id: idString.optional(),
  expense_category_id: idString.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  is_billed: queryBoolean.optional(),
  /** The expenses an invoice bills (its lines say how many each bills). */
  invoice_id: idString.optional(),
  /** The entries one line of an invoice bills (faster with its `invoice_id`). */
  invoice_line_item_id: idString.optional(),
  billable: queryBoolean.optional(),
  approval_status: approvalStatusSchema.optional(),
  ...metadataFiltersQuery.shape,
});

export type ExpenseCategoryResponse = z.infer<typeof expenseCategorySchema>;
export type CreateExpenseCategoryInput = z.infer<typeof createExpenseCategoryBody>;
export type UpdateExpenseCategoryInput = z.infer<typeof updateExpenseCategoryBody>;
export type ExpenseResponse = z.infer<typeof expenseSchema>;
export type CreateExpenseInput = z.infer<typeof createExpenseBody>;
export type UpdateExpenseInput = z.infer<typeof updateExpenseBody>;
export type ListExpensesFilters = z.infer<typeof listExpensesQuery>;
