import type { PagePromise } from '../core/pagination.js';
import type { RequestOptions } from '../core/request-options.js';
import { APIResource } from '../core/resource.js';
import { segment } from '../internal/query.js';
import type { PageParams } from './shared.js';

/** A kind of work (Development, Code Review, ...) that projects can be assigned. */
export interface Task {
  id: string;
  name: string;
  billable_by_default: boolean;
  default_hourly_rate: number | null;
  is_default: boolean;
  is_active: boolean;
  created_at: string;
  updated_at: string;
}

/** Body of `tasks.create`; `is_default` tasks are assigned to every new project. */
export interface CreateTaskInput {
  name: string;
  billable_by_default?: boolean;
  default_hourly_rate?: number | null;
  is_default?: boolean;
}

/** Body of `tasks.update`; `is_active: false` archives the task. */
export interface UpdateTaskInput extends Partial<CreateTaskInput> {
  is_active?: boolean;
}

/** Filters of `tasks.list`. */
export interface ListTasksParams extends PageParams {
  is_active?: boolean;
}

export class Tasks extends APIResource {
  /** Creates a task. */
  create(input: CreateTaskInput, options?: RequestOptions): Promise<Task> {
    return this._client.request({ method: 'POST', path: '/tasks', body: input, options });
  }

  /** Lists tasks. */
  list(params?: ListTasksParams, options?: RequestOptions): PagePromise<Task> {
    return this._client.getPage<Task>('/tasks', params, options);
  }

  /** Fetches one task by id. */
  get(id: string, options?: RequestOptions): Promise<Task> {
    return this._client.request({ method: 'GET', path: `/tasks/${segment(id)}`, options });
  }

  /** Updates a task. */
  update(id: string, input: UpdateTaskInput, options?: RequestOptions): Promise<Task> {
    return this._client.request({ method: 'PATCH', path: `/tasks/${segment(id)}`, body: input, options });
  }
}
