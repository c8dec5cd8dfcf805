import type { PagePromise } from '../core/pagination.js';
import type { RequestOptions } from '../core/request-options.js';
import { APIResource } from '../core/resource.js';
import { segment } from '../internal/query.js';
import type { PageParams } from './shared.js';

export type BillingType = 'time_and_materials' | 'fixed_fee' | 'non_billable';

/** A piece of client work that time and expenses are logged against. */
export interface Project {
  id: string;
  name: string;
  client_id: string;
  billing_type: BillingType;
  is_billable: boolean;
  budget_hours: number | null;
  budget_amount: number | null;
  is_active: boolean;
  created_at: string;
}

/** Body of `projects.create`; the creator is assigned to the new project automatically. */
export interface CreateProjectInput {
  client_id: string;
  name: string;
  code?: string;
  billing_type?: BillingType;
  bill_by?: string;
  hourly_rate?: number;
  budget_hours?: number;
  budget_amount?: number;
  is_billable?: boolean;
  starts_on?: string;
  ends_on?: string;
  notes?: string;
}

/** Body of `projects.update`. */
export type UpdateProjectInput = Partial<CreateProjectInput>;

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
  is_billable: boolean;
  hourly_rate: number | null;
  is_active: boolean;
  created_at: string;
}

export interface CreateTaskAssignmentInput {
  task_id: string;
  is_billable?: boolean;
  hourly_rate?: number;
}

/** A user (human or agent) assigned to a project: only assigned users can log to it. */
export interface UserAssignment {
  id: string;
  project_id: string;
  user_id: string;
  is_project_manager: boolean;
  hourly_rate: number | null;
  is_active: boolean;
  created_at: string;
}

export interface CreateUserAssignmentInput {
  user_id: string;
  is_project_manager?: boolean;
  hourly_rate?: number;
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
      path: `/projects/${segment(projectId)}/task-assignments`,
      body: input,
      options,
    });
  }

  /** Lists the tasks assigned to a project. */
  list(projectId: string, params?: PageParams, options?: RequestOptions): PagePromise<TaskAssignment> {
    return this._client.getPage<TaskAssignment>(
      `/projects/${segment(projectId)}/task-assignments`,
      params,
      options,
    );
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
      path: `/projects/${segment(projectId)}/user-assignments`,
      body: input,
      options,
    });
  }

  /** Lists the users assigned to a project. */
  list(projectId: string, params?: PageParams, options?: RequestOptions): PagePromise<UserAssignment> {
    return this._client.getPage<UserAssignment>(
      `/projects/${segment(projectId)}/user-assignments`,
      params,
      options,
    );
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

  /** Updates a project. */
  update(id: string, input: UpdateProjectInput, options?: RequestOptions): Promise<Project> {
    return this._client.request({ method: 'PATCH', path: `/projects/${segment(id)}`, body: input, options });
  }

  /** Archives a project: it stays in reports but takes no new entries. */
  archive(id: string, options?: RequestOptions): Promise<Project> {
    return this._client.request({ method: 'POST', path: `/projects/${segment(id)}/archive`, options });
  }

  /** Restores an archived project. */
  restore(id: string, options?: RequestOptions): Promise<Project> {
    return this._client.request({ method: 'POST', path: `/projects/${segment(id)}/restore`, options });
  }
}
