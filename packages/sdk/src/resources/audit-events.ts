import type { PagePromise } from '../core/pagination.js';
import type { RequestOptions } from '../core/request-options.js';
import { APIResource } from '../core/resource.js';
import type { PageParams } from './shared.js';

/** What happened: sign-ins, SSO, passwords, API keys, roles and permissions, archived people. */
export type AuditAction =
  | 'sign_in.succeeded'
  | 'sign_in.failed'
  | 'password.changed'
  | 'api_key.created'
  | 'api_key.revoked'
  | 'user.role_changed'
  | 'user.permissions_changed'
  | 'user.archived'
  | 'user.restored'
  | 'sso.configuration_changed'
  | 'sign_in.sso_succeeded'
  | 'sign_in.sso_refused';

/** One security event of the workspace: who, when, from where, and what it concerned. */
export interface AuditEvent {
  id: string;
  occurred_at: string;
  action: AuditAction;
  actor_user_id: string | null;
  /** Set when the change came through an API key rather than a browser. */
  actor_api_key_id: string | null;
  target_id: string | null;
  ip_address: string | null;
  user_agent: string | null;
  /** What changed, e.g. `{ from: 'member', to: 'manager' }`, or why a sign-in was refused (`reason`). */
  details: Record<string, unknown>;
}

/** Filters of `auditEvents.list`. */
export interface ListAuditEventsParams extends PageParams {
  action?: AuditAction;
  /** Events done by, or to, this user. */
  user_id?: string;
}

/** The workspace's security log (administrators). */
export class AuditEvents extends APIResource {
  /** Lists security events, newest first; `for await` walks every page. */
  list(params?: ListAuditEventsParams, options?: RequestOptions): PagePromise<AuditEvent> {
    return this._client.getPage<AuditEvent>('/audit-events', params, options);
  }
}
