import type { PagePromise } from '../core/pagination.js';
import type { RequestOptions } from '../core/request-options.js';
import { APIResource } from '../core/resource.js';
import { segment } from '../internal/query.js';
import type { PageParams } from './shared.js';

/** An API key as listed: the secret itself is never shown again after creation. */
export interface ApiKey {
  id: string;
  name: string;
  user_id: string;
  /** The first characters of the key, to tell keys apart. */
  prefix: string;
  last_used_at: string | null;
  revoked_at: string | null;
  created_at: string;
}

/** Filters of `apiKeys.list`. */
export interface ListApiKeysParams extends PageParams {
  user_id?: string;
  include_revoked?: boolean;
}

/** The response of `apiKeys.create`: the only time `key` is returned. */
export interface CreatedApiKey extends ApiKey {
  key: string;
}

/** Body of `apiKeys.create`; administrators may create a key for an agent user via `user_id`. */
export interface CreateApiKeyInput {
  name: string;
  user_id?: string;
}

export class ApiKeys extends APIResource {
  /** Creates an API key; store `key` from the response, it is not shown again. */
  create(input: CreateApiKeyInput, options?: RequestOptions): Promise<CreatedApiKey> {
    return this._client.request({ method: 'POST', path: '/api-keys', body: input, options });
  }

  /** Lists API keys (without their secrets). */
  list(params?: ListApiKeysParams, options?: RequestOptions): PagePromise<ApiKey> {
    return this._client.getPage<ApiKey>('/api-keys', params, options);
  }

  /** Revokes an API key immediately. */
  async delete(id: string, options?: RequestOptions): Promise<void> {
    await this._client.request<void>({ method: 'DELETE', path: `/api-keys/${segment(id)}`, options });
  }
}
