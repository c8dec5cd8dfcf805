// The API's resources the Node SDK does not cover (the workspace, sessions, contacts, the audit log).
// Everything the SDK covers is imported from @keito/sdk, whose types a drift test holds to the
// server's OpenAPI document; these are written against the same document by hand.
import type { BillingType } from '@keito/sdk';

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

export type InvoiceState = 'draft' | 'open' | 'paid' | 'closed';
export type PaymentTerm = 'upon_receipt' | 'net_15' | 'net_30' | 'net_45' | 'net_60' | 'custom';
export type TimeSummaryType = 'project' | 'task' | 'people' | 'detailed';
export type ExpenseSummaryType = 'project' | 'category' | 'people' | 'detailed';

export interface InvoiceLineItem {
  id: string;
  kind: string;
  description: string;
  quantity: number;
  unit_price: number;
  amount: number;
  taxed: boolean;
  taxed2: boolean;
  project_id: string | null;
  time_entry_ids: string[];
  expense_ids: string[];
}

export interface Invoice {
  id: string;
  client_id: string;
  client: { id: string; name: string };
  /** Given when the invoice first leaves draft. */
  number: string | null;
  state: InvoiceState;
  issue_date: string;
  due_date: string;
  payment_term: PaymentTerm;
  subject: string | null;
  purchase_order: string | null;
  notes: string | null;
  currency: string;
  tax: number | null;
  tax_label: string | null;
  tax2: number | null;
  tax2_label: string | null;
  discount: number | null;
  subtotal: number;
  discount_amount: number;
  tax_amount: number;
  tax2_amount: number;
  amount: number;
  paid_amount: number;
  due_amount: number;
  is_overdue: boolean;
  days_overdue: number;
  already_sent: boolean;
  is_locked: boolean;
  period_start: string | null;
  period_end: string | null;
  sent_at: string | null;
  paid_at: string | null;
  closed_at: string | null;
  client_key: string;
  viewed_at: string | null;
  line_items: InvoiceLineItem[];
  created_at: string;
  updated_at: string;
}

/** GET /invoices/uninvoiced: what an import would pull, a project at a time. */
export interface Uninvoiced {
  client_id: string;
  currency: string;
  projects: {
    project_id: string;
    project_name: string;
    billing_type: BillingType;
    hours: number;
    time_amount: number;
    expense_amount: number;
    fixed_fee: number | null;
    time_entry_count: number;
    expense_count: number;
  }[];
}

export interface InvoicePayment {
  id: string;
  invoice_id: string;
  amount: number;
  paid_date: string;
  notes: string | null;
  transaction_id: string | null;
  provider: string | null;
  /** What was still due after this payment. */
  balance: number;
  recorded_by_id: string | null;
  created_at: string;
}

export interface AgingBuckets {
  days_0_30: number;
  days_31_60: number;
  days_61_90: number;
  days_over_90: number;
  total: number;
}

export interface Aging {
  clients: (AgingBuckets & { client_id: string; client_name: string; currency: string })[];
  /** One row a currency: amounts in different currencies are never added together. */
  totals: (AgingBuckets & { currency: string })[];
}

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
