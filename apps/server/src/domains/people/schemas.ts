import { z } from 'zod';
import { emailAddress, nonBlank, pageQuery, queryBoolean } from '../../http/schemas.ts';
import { notificationPreferencesSchema } from '../notifications/schemas.ts';

export const roleSchema = z.enum(['member', 'manager', 'administrator']);
export const userTypeSchema = z.enum(['human', 'agent']);
export const employmentTypeSchema = z.enum(['employee', 'contractor']);

const timeFormat = z.enum(['12h', '24h']);

const rate = z.number().min(0).max(1_000_000);

export const managerPermissionsSchema = z.object({
  create_projects: z.boolean(),
  view_billable_rates: z.boolean(),
  draft_invoices: z.boolean(),
  send_invoices: z.boolean(),
  manage_clients_and_tasks: z.boolean(),
  edit_team_entries: z.boolean(),
  withdraw_approvals: z.boolean(),
});

export const userSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  user_type: userTypeSchema,
  role: roleSchema,
  status: z.enum(['pending', 'active', 'archived']),
  is_active: z.boolean(),
  employment_type: employmentTypeSchema,
  business_roles: z.array(z.string()),
  /** null when the caller may not see it. */
  billable_rate: z.number().nullable(),
  /** Administrators only; null for everyone else. */
  cost_rate: z.number().nullable(),
  weekly_capacity: z.number().nullable(),
  timezone: z.string().nullable(),
  /** null: the workspace's time_format. */
  time_format: timeFormat.nullable(),
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  phone: z.string().nullable(),
  /** The person's own email preferences; null in anyone else's view of them. */
  notification_preferences: notificationPreferencesSchema.nullable(),
  manager_permissions: managerPermissionsSchema.nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const listUsersQuery = pageQuery.extend({
  user_type: userTypeSchema.optional(),
  is_active: queryBoolean.optional(),
  role: roleSchema.optional(),
});

export const createUserBody = z
  .object({
    name: nonBlank(200),
    email: emailAddress.optional(),
    user_type: userTypeSchema.default('human'),
    role: roleSchema.default('member'),
    employment_type: employmentTypeSchema.default('employee'),
    business_roles: z.array(nonBlank(100)).max(50).default([]),
    billable_rate: rate.nullable().optional(),
    cost_rate: rate.nullable().optional(),
    weekly_capacity: z.number().min(0).max(168).nullable().optional(),
    timezone: z.string().max(100).nullable().optional(),
    manager_permissions: managerPermissionsSchema.partial().optional(),
  })
  // People sign in with their email; agents need none. The service says so with its own message,
  // and the OpenAPI document states the same rule.
  .meta({
    if: { properties: { user_type: { const: 'agent' } }, required: ['user_type'] },
    else: { required: ['email'] },
  });

export const updateUserBody = z.object({
  name: nonBlank(200).optional(),
  email: emailAddress.optional(),
  role: roleSchema.optional(),
  employment_type: employmentTypeSchema.optional(),
  business_roles: z.array(nonBlank(100)).max(50).optional(),
  billable_rate: rate.nullable().optional(),
  cost_rate: rate.nullable().optional(),
  weekly_capacity: z.number().min(0).max(168).nullable().optional(),
  timezone: z.string().max(100).nullable().optional(),
  time_format: timeFormat.nullable().optional(),
  /** Given together or alone; `name` becomes "first last" unless it is given too. */
  first_name: nonBlank(100).nullable().optional(),
  last_name: nonBlank(100).nullable().optional(),
  phone: z.string().trim().max(100).nullable().optional(),
  /** Only the kinds given change. */
  notification_preferences: notificationPreferencesSchema.partial().optional(),
  manager_permissions: managerPermissionsSchema.partial().optional(),
  is_active: z.boolean().optional(),
});

export const teammatesBody = z.object({ teammate_ids: z.array(z.string()).max(1000) });
export const teammatesResponse = z.object({ teammate_ids: z.array(z.string()) });

export type UserResponse = z.infer<typeof userSchema>;
export type CreateUserInput = z.infer<typeof createUserBody>;
export type UpdateUserInput = z.infer<typeof updateUserBody>;
export type ListUsersFilters = z.infer<typeof listUsersQuery>;
