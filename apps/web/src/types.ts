// The API's resources the Node SDK does not cover (the workspace, sessions, contacts, the audit log).
// Everything the SDK covers is imported from @keito/sdk, whose types a drift test holds to the
// server's OpenAPI document; these are written against the same document by hand.

export type Weekday = 'sunday' | 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday';

export interface Session {
  setup_required: boolean;
  authenticated: boolean;
  user_id: string | null;
  account_id: string | null;
}

export type TimeFormat = '12h' | '24h';
export type TimeDisplay = 'decimal' | 'hours_minutes';

export interface WorkspaceFeatures {
  expenses: boolean;
  invoicing: boolean;
  approvals: boolean;
}

export interface Workspace {
  id: string;
  name: string;
  address: string | null;
  phone: string | null;
  timezone: string;
  currency: string;
  week_starts_on: Weekday;
  time_format: TimeFormat;
  date_format: string;
  time_display: TimeDisplay;
  decimal_separator: '.' | ',';
  thousands_separator: ',' | '.' | ' ';
  default_entry_mode: 'timer' | 'manual';
  require_notes: boolean;
  lock_entries_after_days: number;
  rounding_minutes: number;
  default_weekly_capacity: number;
  features: WorkspaceFeatures;
  plan: 'free' | 'pro' | 'enterprise';
}

export interface Contact {
  id: string;
  client_id: string;
  first_name: string;
  last_name: string | null;
  title: string | null;
  email: string | null;
  phone_office: string | null;
  phone_mobile: string | null;
  fax: string | null;
}

/** One browser signed in as you (GET /v1/auth/sessions). */
export interface BrowserSession {
  id: string;
  user_agent: string | null;
  ip_address: string | null;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  current: boolean;
}

/** A security event of the workspace (GET /v1/audit-events). */
export interface AuditEvent {
  id: string;
  occurred_at: string;
  action:
    | 'sign_in.succeeded'
    | 'sign_in.failed'
    | 'password.changed'
    | 'api_key.created'
    | 'api_key.revoked'
    | 'user.role_changed'
    | 'user.permissions_changed'
    | 'user.archived'
    | 'user.restored';
  actor_user_id: string | null;
  actor_api_key_id: string | null;
  target_id: string | null;
  ip_address: string | null;
  user_agent: string | null;
  details: Record<string, unknown>;
}
