import type { PagePromise } from '../core/pagination.js';
import type { RequestOptions } from '../core/request-options.js';
import { APIResource } from '../core/resource.js';
import { segment } from '../internal/query.js';
import type { PageParams } from './shared.js';

export type UserType = 'human' | 'agent';
export type Role = 'member' | 'manager' | 'administrator';

/** A team member: a person, or an AI agent with its own key, rates and assignments. */
export interface User {
  id: string;
  name: string;
  email: string;
  user_type: UserType;
  is_active: boolean;
  billable_rate: number;
  cost_rate: number;
  created_at: string;
}

/** Body of `users.create`; agents without an email get a placeholder `<slug>@agents.keito.ai`. */
export interface CreateUserInput {
  name: string;
  email?: string;
  user_type: UserType;
  role?: Role;
  billable_rate?: number;
  cost_rate?: number;
  weekly_capacity?: number;
}

/** Body of `users.update`. */
export type UpdateUserInput = Partial<CreateUserInput>;

/** Filters of `users.list`. */
export interface ListUsersParams extends PageParams {
  user_type?: UserType;
  is_active?: boolean;
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
