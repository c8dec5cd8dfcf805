import { z } from 'zod';
import { idString, queryBoolean } from '../../http/schemas.ts';

export const budgetStatusSchema = z.enum(['on_track', 'warning', 'over']);

/** What a budget (a project's, or one task's or person's on it) has used; amounts null when hidden. */
const usage = {
  /** Hours, or an amount in `currency` for fee budgets; null when the caller may not see amounts. */
  budget: z.number().nullable(),
  spent: z.number().nullable(),
  /** budget - spent: negative once over. */
  remaining: z.number().nullable(),
  /** spent / budget x 100, to two decimals; null for a budget of zero. */
  percent_used: z.number().nullable(),
  status: budgetStatusSchema,
};

export const budgetItemSchema = z.object({
  kind: z.enum(['task', 'person']),
  /** The task's or the person's id. */
  id: z.string(),
  name: z.string(),
  ...usage,
});

/** A project's budget figures: on the budget report, each project's page and the projects list. */
export const budgetProgressSchema = z.object({
  /** The project's `budget_by` (projects/budgets): total hours, total fees, per task, per person. */
  budget_type: z.enum(['total_hours', 'total_fees', 'task', 'person']),
  /** `hours`, or the project's currency (its client's) for fee budgets. */
  unit: z.string(),
  ...usage,
  /** Whether the budget resets each month; the figures then count `period_from`..`period_to`. */
  is_monthly: z.boolean(),
  period_from: z.string().nullable(),
  period_to: z.string().nullable(),
  alert_percent: z.number(),
  includes_expenses: z.boolean(),
  /** Per-task and per-person budgets, one row each (empty for total budgets). */
  items: z.array(budgetItemSchema),
});

export const budgetRowSchema = budgetProgressSchema.extend({
  project_id: z.string(),
  project_name: z.string(),
  client_id: z.string(),
  client_name: z.string(),
});

const feeTotal = z.object({
  currency: z.string(),
  budget: z.number(),
  spent: z.number(),
  remaining: z.number(),
});

export const budgetReportSchema = z.object({
  results: z.array(budgetRowSchema),
  totals: z.object({
    projects: z.number(),
    on_track: z.number(),
    warning: z.number(),
    over: z.number(),
    /** Hour budgets (total, per task, per person) added up. */
    hours: z.object({ budget: z.number(), spent: z.number(), remaining: z.number() }),
    /** Fee budgets added up per currency; those whose amounts the caller may not see are left out. */
    fees: z.array(feeTotal),
  }),
});

export const budgetReportQuery = z.object({
  client_id: idString.optional(),
  project_id: idString.optional(),
  status: budgetStatusSchema.optional(),
  /** The month (YYYY-MM) monthly budgets are counted over; the current month in the workspace's zone by default. */
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month in YYYY-MM format')
    .optional(),
  /** Archived projects too (default: active ones only). */
  include_archived: queryBoolean.optional(),
});

export type BudgetStatus = z.infer<typeof budgetStatusSchema>;
export type BudgetProgress = z.infer<typeof budgetProgressSchema>;
export type BudgetItem = z.infer<typeof budgetItemSchema>;
export type BudgetRow = z.infer<typeof budgetRowSchema>;
export type BudgetReport = z.infer<typeof budgetReportSchema>;
export type BudgetReportQuery = z.infer<typeof budgetReportQuery>;
