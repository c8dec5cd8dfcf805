// The API's resources the Node SDK does not cover (the workspace, sessions, contacts, the audit log).
// Everything the SDK covers is imported from @keito/sdk, whose types a drift test holds to the
// server's OpenAPI document; these are written against the same document by hand.
import type { PaymentTerm } from '@keito/sdk';

// Invoicing's resources come from the SDK like the others; `Aging` is the SDK's `InvoiceAging`.
export type {
  AgingBuckets,
  Invoice,
  InvoiceAging as Aging,
  InvoiceLineItem,
  InvoicePayment,
  InvoiceState,
  PaymentTerm,
  Uninvoiced,
} from '@keito/sdk';

export type Weekday = 'sunday' | 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday';

export interface Session {
  setup_required: boolean;
  authenticated: boolean;
  user_id: string | null;
  account_id: string | null;
}

export type TimeFormat = '12h' | '24h';
export type TimeDisplay = 'decimal' | 'hours_minutes';

export interface TimesheetReminders {
  enabled: boolean;
  reminder_day: Weekday;
  reminder_time: string;
  deadline_day: Weekday;
  deadline_time: string;
}

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
  timesheet_reminders: TimesheetReminders;
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
    | 'user.restored'
    | 'sso.configuration_changed'
    | 'sign_in.sso_succeeded'
    | 'sign_in.sso_refused';
  actor_user_id: string | null;
  actor_api_key_id: string | null;
  target_id: string | null;
  ip_address: string | null;
  user_agent: string | null;
  details: Record<string, unknown>;
}

/** Settings → Single sign-on (GET/PUT /workspace/sso); the client secret is never sent back. */
export interface SsoSettings {
  configured: boolean;
  issuer: string | null;
  client_id: string | null;
  client_secret_set: boolean;
  redirect_url: string;
  auto_join_domains: string[];
  sso_required: boolean;
  break_glass_user_id: string | null;
  updated_at: string | null;
}

// Invoicing (apps/server/src/domains/invoicing/schemas.ts is the contract).

export type TimeSummaryType = 'project' | 'task' | 'people' | 'detailed';
export type ExpenseSummaryType = 'project' | 'category' | 'people' | 'detailed';

export interface EmailTemplate {
  subject: string;
  body: string;
  footer: string;
}

export interface InvoiceSettings {
  number_pattern: string;
  next_number: number;
  default_payment_term: PaymentTerm;
  default_payment_term_days: number | null;
  tax_label: string;
  tax: number | null;
  tax2_label: string;
  tax2: number | null;
  accent_color: string;
  show_project_codes: boolean;
  item_categories: string[];
  logo_url: string | null;
  templates: { send: EmailTemplate; reminder: EmailTemplate; thank_you: EmailTemplate };
  thank_you_on_payment: boolean;
  updated_at: string;
}
