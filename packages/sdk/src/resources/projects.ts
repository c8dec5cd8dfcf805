import type { PagePromise } from '../core/pagination.js';
import type { RequestOptions } from '../core/request-options.js';
import { APIResource } from '../core/resource.js';
import { segment } from '../internal/query.js';
import type { BudgetProgress } from './reports.js';
import type { PageParams } from './shared.js';

export type BillingType = 'time_and_materials' | 'fixed_fee' | 'non_billable';
export type BillBy = 'project' | 'tasks' | 'people' | 'none';
export type BudgetBy = 'none' | 'total_hours' | 'total_fees' | 'task' | 'person';

/** A piece of client work that time and expenses are logged against. */
export interface Project {
  id: string;
  name: string;
  client_id: string;
  code: string | null;
  billing_type: BillingType;
  /** Whether time is billable by default: false only for non-billable projects. */
  is_billable: boolean;
  bill_by: BillBy;
  /** null when the caller may not see rates. */
  hourly_rate: number | null;
  fixed_fee: number | null;
  budget_by: BudgetBy;
  budget_hours: number | null;
  budget_amount: number | null;
  budget_resets_monthly: boolean;
  budget_alert_percent: number;
  budget_includes_expenses: boolean;
  show_budget_to_all: boolean;
  /** The budget's figures now; null without a budget, or when it is hidden from the caller. */
  budget_progress: BudgetProgress | null;
  starts_on: string | null;
  ends_on: string | null;
  notes: string | null;
  is_active: boolean;
  created_at: string;
  updated_at: string;
}

/** Body of `projects.create`; the creator and the default tasks are assigned automatically. */
export interface CreateProjectInput {
  client_id: string;
  name: string;
  code?: string | null;
  billing_type?: BillingType;
  bill_by?: BillBy;
  hourly_rate?: number | null;
  fixed_fee?: number | null;
  budget_by?: BudgetBy;
  budget_hours?: number | null;
  budget_amount?: number | null;
  budget_resets_monthly?: boolean;
  budget_alert_percent?: number;
  budget_includes_expenses?: boolean;
  show_budget_to_all?: boolean;
  starts_on?: string | null;
  ends_on?: string | null;
  notes?: string | null;
}

/** Body of `projects.update`; `is_active: false` archives the project. */
export interface UpdateProjectInput extends Partial<CreateProjectInput> {
  is_active?: boolean;
}

/** Filters of `projects.list`: only projects the key's user is assigned to are returned. */
export interface ListProjectsParams extends PageParams {
  client_id?: string;
  is_active?: boolean;
}

/** A task made available on a project, with its billing settings there. */
export interface TaskAssignment {
  id: string;
  project_id: string;
  task_id: string;
  task_name: string;
  is_billable: boolean;
  hourly_rate: number | null;
  budget_hours: number | null;
  is_active: boolean;
  created_at: string;
  updated_at: string;
}

export interface CreateTaskAssignmentInput {
  task_id: string;
  /** Defaults to the task's billable default (false on non-billable projects). */
  is_billable?: boolean;
  hourly_rate?: number | null;
  budget_hours?: number | null;
}

export type UpdateTaskAssignmentInput = Partial<Omit<CreateTaskAssignmentInput, 'task_id'>>;

/** A user (human or agent) assigned to a project: only assigned users can log to it. */
export interface UserAssignment {
  id: string;
  project_id: string;
  user_id: string;
  user_name: string;
  user_type: 'human' | 'agent';
  is_project_manager: boolean;
  /** null means the user's default rate (or that the caller may not see rates). */
  hourly_rate: number | null;
  budget_hours: number | null;
  is_active: boolean;
  created_at: string;
  updated_at: string;
}

export interface CreateUserAssignmentInput {
  user_id: string;
  is_project_manager?: boolean;
  hourly_rate?: number | null;
  budget_hours?: number | null;
}

export type UpdateUserAssignmentInput = Partial<Omit<CreateUserAssignmentInput, 'user_id'>>;

function assignmentsPath(projectId: string, kind: string, assignmentId?: string): string {
  const base = `/projects/${segment(projectId)}/${kind}`;
  return assignmentId === undefined ? base : `${base}/${segment(assignmentId)}`;
}

/** The tasks assigned to a project: `keito.projects.taskAssignments`. */
export class TaskAssignments extends APIResource {
  /** Assigns a task to a project. */
  create(
    projectId: string,
    input: CreateTaskAssignmentInput,
    options?: RequestOptions,
  ): Promise<TaskAssignment> {
    return this._client.request({
      method: 'POST',
      path: assignmentsPath(projectId, 'task-assignments'),
      body: input,
      options,
    });
  }

  /** Lists the tasks assigned to a project. */
  list(projectId: string, params?: PageParams, options?: RequestOptions): PagePromise<TaskAssignment> {
    return this._client.getPage<TaskAssignment>(
      assignmentsPath(projectId, 'task-assignments'),
      params,
      options,
    );
  }

  /** Changes a task's billing settings on a project. */
  update(
    projectId: string,
    assignmentId: string,
    input: UpdateTaskAssignmentInput,
    options?: RequestOptions,
  ): Promise<TaskAssignment> {
    return this._client.request({
      method: 'PATCH',
      path: assignmentsPath(projectId, 'task-assignments', assignmentId),
      body: input,
      options,
    });
  }

  /** Removes a task from a project. */
  async delete(projectId: string, assignmentId: string, options?: RequestOptions): Promise<void> {
    await this._client.request<void>({
      method: 'DELETE',
      path: assignmentsPath(projectId, 'task-assignments', assignmentId),
      options,
    });
  }
}

/** The users assigned to a project: `keito.projects.userAssignments`. */
export class UserAssignments extends APIResource {
  /** Assigns a user (human or agent) to a project. */
  create(
    projectId: string,
    input: CreateUserAssignmentInput,
    options?: RequestOptions,
  ): Promise<UserAssignment> {
    return this._client.request({
      method: 'POST',
      path: assignmentsPath(projectId, 'user-assignments'),
      body: input,
      options,
    });
  }

  /** Lists the users assigned to a project. */
  list(projectId: string, params?: PageParams, options?: RequestOptions): PagePromise<UserAssignment> {
    return this._client.getPage<UserAssignment>(
      assignmentsPath(projectId, 'user-assignments'),
      params,
      options,
    );
  }

  /** Changes a user's role or rate on a project. */
  update(
    projectId: string,
    assignmentId: string,
    input: UpdateUserAssignmentInput,
    options?: RequestOptions,
  ): Promise<UserAssignment> {
    return this._client.request({
      method: 'PATCH',
      path: assignmentsPath(projectId, 'user-assignments', assignmentId),
      body: input,
      options,
    });
  }

  /** Unassigns a user from a project; their key can no longer log to it. */
  async delete(projectId: string, assignmentId: string, options?: RequestOptions): Promise<void> {
    await this._client.request<void>({
      method: 'DELETE',
      path: assignmentsPath(projectId, 'user-assignments', assignmentId),
      options,
    });
  }
}

export class Projects extends APIResource {
  /** Task assignments of projects. */
  readonly taskAssignments: TaskAssignments = new TaskAssignments(this._client);
  /** User assignments of projects. */
  readonly userAssignments: UserAssignments = new UserAssignments(this._client);

  /** Creates a project for a client. */
  create(input: CreateProjectInput, options?: RequestOptions): Promise<Project> {
    return this._client.request({ method: 'POST', path: '/projects', body: input, options });
  }

  /** Lists the projects the key's user is assigned to. */
  list(params?: ListProjectsParams, options?: RequestOptions): PagePromise<Project> {
    return this._client.getPage<Project>('/projects', params, options);
  }

  /** Fetches one project by id. */
  get(id: string, options?: RequestOptions): Promise<Project> {
    return this._client.request({ method: 'GET', path: `/projects/${segment(id)}`, options });
  }

  /** Updates a project; `{ is_active: false }` archives it. */
  update(id: string, input: UpdateProjectInput, options?: RequestOptions): Promise<Project> {
    return this._client.request({ method: 'PATCH', path: `/projects/${segment(id)}`, body: input, options });
  }

  /** Deletes a project. */
  async delete(id: string, options?: RequestOptions): Promise<void> {
    await this._client.request<void>({ method: 'DELETE', path: `/projects/${segment(id)}`, options });
  }
}
