import type { RequestOptions } from '../core/request-options.js';
import { APIResource } from '../core/resource.js';
import { segment } from '../internal/query.js';

/** A browser signed in to the web app as the key's person. */
export interface BrowserSession {
  id: string;
  user_agent: string | null;
  ip_address: string | null;
  created_at: string;
  last_seen_at: string;
  /** The absolute end; the session ends earlier after the server's idle timeout without use. */
  expires_at: string;
  /** Whether this is the session making the request: always false with an API key. */
  current: boolean;
}

/** The response of `sessions.list`. */
export interface BrowserSessionList {
  sessions: BrowserSession[];
}

/** The web app sessions (signed-in browsers) of the person the API key belongs to. */
export class Sessions extends APIResource {
  /** Lists the browsers the key's person is signed in on, most recently used first. */
  async list(options?: RequestOptions): Promise<BrowserSession[]> {
    const response = await this._client.request<BrowserSessionList>({
      method: 'GET',
      path: '/auth/sessions',
      options,
    });
    return response.sessions;
  }

  /** Signs one browser out, by the `id` from `list`. */
  async revoke(id: string, options?: RequestOptions): Promise<void> {
    await this._client.request<void>({ method: 'DELETE', path: `/auth/sessions/${segment(id)}`, options });
  }

  /** Signs the key's person out of every browser ("sign out everywhere"); API keys keep working. */
  async revokeAll(options?: RequestOptions): Promise<void> {
    await this._client.request<void>({ method: 'DELETE', path: '/auth/sessions', options });
  }
}
