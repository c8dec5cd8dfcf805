import { z } from 'zod';
import { nonBlank, pageQuery, queryBoolean } from '../../http/schemas.ts';

export const taskSchema = z.object({
  id: z.string(),
  name: z.string(),
  billable_by_default: z.boolean(),
  default_hourly_rate: z.number().nullable(),
  is_default: z.boolean(),
  is_active: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const createTaskBody = z.object({
  name: nonBlank(200),
  billable_by_default: z.boolean().default(true),
  default_hourly_rate: z.number().min(0).max(1_000_000).nullable().optional(),
  /** Added to every new project automatically. */
  is_default: z.boolean().default(false),
});

export const updateTaskBody = z.object({
  name: nonBlank(200).optional(),
  billable_by_default: z.boolean().optional(),
  default_hourly_rate: z.number().min(0).max(1_000_000).nullable().optional(),
  is_default: z.boolean().optional(),
  is_active: z.boolean().optional(),
});

export const listTasksQuery = pageQuery.extend({ is_active: queryBoolean.optional() });

export type TaskResponse = z.infer<typeof taskSchema>;
export type CreateTaskInput = z.infer<typeof createTaskBody>;
export type UpdateTaskInput = z.infer<typeof updateTaskBody>;
export type ListTasksFilters = z.infer<typeof listTasksQuery>;
