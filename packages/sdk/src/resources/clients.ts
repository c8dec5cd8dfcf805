import type { PagePromise } from '../core/pagination.js';
import type { RequestOptions } from '../core/request-options.js';
import { APIResource } from '../core/resource.js';
import { segment } from '../internal/query.js';
import type { PageParams } from './shared.js';

/** A customer that projects are billed to. */
export interface Client {
  id: string;
  name: string;
  address: string | null;
  phone: string | null;
  /** ISO 4217 code invoices to this client are issued in. */
  currency: string;
  is_active: boolean;
  created_at: string;
  updated_at: string;
}

/** Body of `clients.create`; `currency` defaults to the workspace's. */
export interface CreateClientInput {
  name: string;
  address?: string | null;
  phone?: string | null;
  currency?: string;
}

/** Body of `clients.update`; `is_active: false` archives the client. */
export interface UpdateClientInput extends Partial<CreateClientInput> {
  is_active?: boolean;
}

/** Filters of `clients.list`. */
export interface ListClientsParams extends PageParams {
  is_active?: boolean;
}

export class Clients extends APIResource {
  /** Creates a client. */
  create(input: CreateClientInput, options?: RequestOptions): Promise<Client> {
    return this._client.request({ method: 'POST', path: '/clients', body: input, options });
  }

  /** Lists clients. */
  list(params?: ListClientsParams, options?: RequestOptions): PagePromise<Client> {
    return this._client.getPage<Client>('/clients', params, options);
  }

  /** Fetches one client by id. */
  get(id: string, options?: RequestOptions): Promise<Client> {
    return this._client.request({ method: 'GET', path: `/clients/${segment(id)}`, options });
  }

  /** Updates a client. */
  update(id: string, input: UpdateClientInput, options?: RequestOptions): Promise<Client> {
    return this._client.request({ method: 'PATCH', path: `/clients/${segment(id)}`, body: input, options });
  }

  /** Deletes a client. */
  async delete(id: string, options?: RequestOptions): Promise<void> {
    await this._client.request<void>({ method: 'DELETE', path: `/clients/${segment(id)}`, options });
  }
}
