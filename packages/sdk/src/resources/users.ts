import type { PagePromise } from '../core/pagination.js';
import type { RequestOptions } from '../core/request-options.js';
import { APIResource } from '../core/resource.js';
import { segment } from '../internal/query.js';
import type { PageParams } from './shared.js';

export type UserType = 'human' | 'agent';
export type Role = 'member' | 'manager' | 'administrator';
export type EmploymentType = 'employee' | 'contractor';

/** A team member: a person, or an AI agent with its own key, rates and assignments. */
export interface User {
  id: string;
  name: string;
  email: string;
  user_type: UserType;
  role: Role;
  status: 'pending' | 'active' | 'archived';
  is_active: boolean;
  employment_type: EmploymentType;
  business_roles: string[];
  /** null when the caller may not see rates (the docs print `number`; members get null). */
  billable_rate: number | null;
  /** Administrators only; null for everyone else. */
  cost_rate: number | null;
  weekly_capacity: number | null;
  timezone: string | null;
  /** The person's own 12h/24h preference; null follows the workspace. */
  time_format: '12h' | '24h' | null;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  /** Which emails the person gets; only in their own record (null in anyone else's view). */
  notification_preferences: NotificationPreferences | null;
  manager_permissions: ManagerPermissions | null;
  created_at: string;
  updated_at: string;
}

/** What a manager may do beyond approving their team's time. */
export interface ManagerPermissions {
  create_projects: boolean;
  view_billable_rates: boolean;
  draft_invoices: boolean;
  send_invoices: boolean;
  manage_clients_and_tasks: boolean;
  edit_team_entries: boolean;
  withdraw_approvals: boolean;
}

/** Body of `users.create`; agents without an email get a placeholder `<slug>@agents.keito.ai`. */
export interface CreateUserInput {
  name: string;
  email?: string;
  /** Defaults to `human`. */
  user_type?: UserType;
  /** Defaults to `member`. */
  role?: Role;
  employment_type?: EmploymentType;
  business_roles?: string[];
  billable_rate?: number | null;
  cost_rate?: number | null;
  weekly_capacity?: number | null;
  timezone?: string | null;
  manager_permissions?: Partial<ManagerPermissions>;
}

/** Body of `users.update`; the user type cannot change, `is_active: false` archives the user. */
export interface UpdateUserInput extends Omit<Partial<CreateUserInput>, 'user_type'> {
  is_active?: boolean;
  time_format?: '12h' | '24h' | null;
  /** Setting either part makes `name` "first last" unless `name` is given too. */
  first_name?: string | null;
  last_name?: string | null;
  phone?: string | null;
  /** Your own only; the kinds given change. */
  notification_preferences?: Partial<NotificationPreferences>;
}

/** Each kind of email on or off (settings/personal-settings). */
export interface NotificationPreferences {
  timesheet_submitted: boolean;
  timesheet_approved: boolean;
  timesheet_rejected: boolean;
  project_assignment: boolean;
  budget_alert: boolean;
  timesheet_reminder: boolean;
  daily_reminder: boolean;
  weekly_report: boolean;
  product_updates: boolean;
}

/** Filters of `users.list`. */
export interface ListUsersParams extends PageParams {
  user_type?: UserType;
  is_active?: boolean;
  role?: Role;
}

export class Users extends APIResource {
  /** Creates a user; `user_type: 'agent'` for an AI agent. */
  create(input: CreateUserInput, options?: RequestOptions): Promise<User> {
    return this._client.request({ method: 'POST', path: '/users', body: input, options });
  }

  /** Lists the workspace's users. */
  list(params?: ListUsersParams, options?: RequestOptions): PagePromise<User> {
    return this._client.getPage<User>('/users', params, options);
  }

  /** Fetches one user by id. */
  get(id: string, options?: RequestOptions): Promise<User> {
    return this._client.request({ method: 'GET', path: `/users/${segment(id)}`, options });
  }

  /** The user the API key belongs to. */
  me(options?: RequestOptions): Promise<User> {
    return this._client.request({ method: 'GET', path: '/users/me', options });
  }

  /** Updates a user. */
  update(id: string, input: UpdateUserInput, options?: RequestOptions): Promise<User> {
    return this._client.request({ method: 'PATCH', path: `/users/${segment(id)}`, body: input, options });
  }
}
