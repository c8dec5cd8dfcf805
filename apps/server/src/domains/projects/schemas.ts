import { z } from 'zod';
import { idString, isoDate, nonBlank, pageQuery, queryBoolean } from '../../http/schemas.ts';
import { budgetProgressSchema } from '../reports/budget-schemas.ts';

export const billingTypeSchema = z.enum(['time_and_materials', 'fixed_fee', 'non_billable']);
export const billBySchema = z.enum(['project', 'tasks', 'people', 'none']);
export const budgetBySchema = z.enum(['none', 'total_hours', 'total_fees', 'task', 'person']);

const amount = z.number().min(0).max(1_000_000_000);
// hours columns are numeric(10, 4): a million hours would overflow them.
const hoursBudget = z.number().min(0).max(999_999);

export const projectSchema = z.object({
  id: z.string(),
  name: z.string(),
  client_id: z.string(),
  code: z.string().nullable(),
  billing_type: billingTypeSchema,
  /** Whether time is billable by default: false only for non-billable projects. */
  is_billable: z.boolean(),
  bill_by: billBySchema,
  /** null when the caller may not see rates. */
  hourly_rate: z.number().nullable(),
  fixed_fee: z.number().nullable(),
  budget_by: budgetBySchema,
  budget_hours: z.number().nullable(),
  budget_amount: z.number().nullable(),
  budget_resets_monthly: z.boolean(),
  budget_alert_percent: z.number(),
  budget_includes_expenses: z.boolean(),
  show_budget_to_all: z.boolean(),
  /**
   * Spent, remaining and status of the budget now (the current month for monthly budgets); null
   * without a budget, or when the budget is hidden from the team and the caller is a member.
   */
  budget_progress: budgetProgressSchema.nullable(),
  starts_on: z.string().nullable(),
  ends_on: z.string().nullable(),
  notes: z.string().nullable(),
  is_active: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});

const projectFields = {
  name: nonBlank(200),
  client_id: idString,
  code: z.string().trim().max(50).nullable().optional(),
  billing_type: billingTypeSchema,
  bill_by: billBySchema,
  hourly_rate: amount.nullable().optional(),
  fixed_fee: amount.nullable().optional(),
  budget_by: budgetBySchema,
  budget_hours: hoursBudget.nullable().optional(),
  budget_amount: amount.nullable().optional(),
  budget_resets_monthly: z.boolean(),
  budget_alert_percent: z.number().int().min(1).max(1000),
  budget_includes_expenses: z.boolean(),
  show_budget_to_all: z.boolean(),
  starts_on: isoDate.nullable().optional(),
  ends_on: isoDate.nullable().optional(),
  notes: z.string().max(10_000).nullable().optional(),
};

export const createProjectBody = z.object({
  ...projectFields,
  billing_type: projectFields.billing_type.default('time_and_materials'),
  bill_by: projectFields.bill_by.optional(),
  budget_by: projectFields.budget_by.optional(),
  budget_resets_monthly: projectFields.budget_resets_monthly.default(false),
  budget_alert_percent: projectFields.budget_alert_percent.default(80),
  budget_includes_expenses: projectFields.budget_includes_expenses.default(false),
  show_budget_to_all: projectFields.show_budget_to_all.default(false),
});

export const updateProjectBody = z.object({ ...projectFields, is_active: z.boolean() }).partial();

export const listProjectsQuery = pageQuery.extend({
  is_active: queryBoolean.optional(),
  client_id: idString.optional(),
});

export const taskAssignmentSchema = z.object({
  id: z.string(),
  project_id: z.string(),
  task_id: z.string(),
  task_name: z.string(),
  is_billable: z.boolean(),
  hourly_rate: z.number().nullable(),
  budget_hours: z.number().nullable(),
  is_active: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const createTaskAssignmentBody = z.object({
  task_id: idString,
  /** Defaults to the task's billable default (false on non-billable projects). */
  is_billable: z.boolean().optional(),
  hourly_rate: amount.nullable().optional(),
  budget_hours: hoursBudget.nullable().optional(),
});

export const updateTaskAssignmentBody = createTaskAssignmentBody.omit({ task_id: true }).partial();

export const userAssignmentSchema = z.object({
  id: z.string(),
  project_id: z.string(),
  user_id: z.string(),
  user_name: z.string(),
  user_type: z.enum(['human', 'agent']),
  is_project_manager: z.boolean(),
  /** null means the user's default rate (or that the caller may not see rates). */
  hourly_rate: z.number().nullable(),
  budget_hours: z.number().nullable(),
  is_active: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const createUserAssignmentBody = z.object({
  user_id: idString,
  is_project_manager: z.boolean().default(false),
  hourly_rate: amount.nullable().optional(),
  budget_hours: hoursBudget.nullable().optional(),
});

export const updateUserAssignmentBody = createUserAssignmentBody.omit({ user_id: true }).partial();

export const assignmentParams = z.object({ id: idString, assignmentId: idString });

export type ProjectResponse = z.infer<typeof projectSchema>;
export type CreateProjectInput = z.infer<typeof createProjectBody>;
export type UpdateProjectInput = z.infer<typeof updateProjectBody>;
export type ListProjectsFilters = z.infer<typeof listProjectsQuery>;
export type TaskAssignmentResponse = z.infer<typeof taskAssignmentSchema>;
export type CreateTaskAssignmentInput = z.infer<typeof createTaskAssignmentBody>;
export type UpdateTaskAssignmentInput = z.infer<typeof updateTaskAssignmentBody>;
export type UserAssignmentResponse = z.infer<typeof userAssignmentSchema>;
export type CreateUserAssignmentInput = z.infer<typeof createUserAssignmentBody>;
export type UpdateUserAssignmentInput = z.infer<typeof updateUserAssignmentBody>;
