// The API's resources as the app uses them (the server's zod schemas are the source of truth).
import type { NotificationKind } from '../../server/src/domains/notifications/kinds.ts';

export type Role = 'member' | 'manager' | 'administrator';
export type Source = 'web' | 'cli' | 'api' | 'agent';
export type Weekday = 'sunday' | 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday';

export interface Session {
  setup_required: boolean;
  authenticated: boolean;
  user_id: string | null;
  account_id: string | null;
}

export interface User {
  id: string;
  name: string;
  email: string;
  user_type: 'human' | 'agent';
  role: Role;
  status: 'pending' | 'active' | 'archived';
  is_active: boolean;
  employment_type: 'employee' | 'contractor';
  business_roles: string[];
  billable_rate: number | null;
  cost_rate: number | null;
  weekly_capacity: number | null;
  timezone: string | null;
  /** null: the workspace's. */
  time_format: TimeFormat | null;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  /** Only in your own record: which emails you get. */
  notification_preferences: Record<NotificationKind, boolean> | null;
  created_at: string;
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

export interface Client {
  id: string;
  name: string;
  address: string | null;
  phone: string | null;
  currency: string;
  is_active: boolean;
  updated_at: string;
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

export type BillingType = 'time_and_materials' | 'fixed_fee' | 'non_billable';
export type BillBy = 'project' | 'tasks' | 'people' | 'none';
export type BudgetBy = 'none' | 'total_hours' | 'total_fees' | 'task' | 'person';

export interface Project {
  id: string;
  name: string;
  code: string | null;
  client_id: string;
  is_active: boolean;
  is_billable: boolean;
  billing_type: BillingType;
  bill_by: BillBy;
  hourly_rate: number | null;
  fixed_fee: number | null;
  budget_by: BudgetBy;
  budget_hours: number | null;
  budget_amount: number | null;
  budget_resets_monthly: boolean;
  budget_alert_percent: number;
  budget_includes_expenses: boolean;
  show_budget_to_all: boolean;
  /** The budget's figures now; null without a budget or when it is hidden from the caller. */
  budget_progress: BudgetProgress | null;
  starts_on: string | null;
  ends_on: string | null;
  notes: string | null;
}

export type BudgetStatus = 'on_track' | 'warning' | 'over';

/** Amounts are null when the caller may not see them (a fee budget without rate access). */
export interface BudgetUsage {
  budget: number | null;
  spent: number | null;
  remaining: number | null;
  percent_used: number | null;
  status: BudgetStatus;
}

export interface BudgetProgress extends BudgetUsage {
  budget_type: Exclude<BudgetBy, 'none'>;
  /** `hours`, or the currency of a fee budget. */
  unit: string;
  is_monthly: boolean;
  period_from: string | null;
  period_to: string | null;
  alert_percent: number;
  includes_expenses: boolean;
  items: (BudgetUsage & { kind: 'task' | 'person'; id: string; name: string })[];
}

export interface Task {
  id: string;
  name: string;
  is_active: boolean;
  billable_by_default: boolean;
  default_hourly_rate: number | null;
  is_default: boolean;
}

export interface TaskAssignment {
  id: string;
  task_id: string;
  task_name: string;
  project_id: string;
  is_billable: boolean;
  hourly_rate: number | null;
  budget_hours: number | null;
  is_active: boolean;
}

export interface UserAssignment {
  id: string;
  project_id: string;
  user_id: string;
  user_name: string;
  user_type: 'human' | 'agent';
  is_project_manager: boolean;
  hourly_rate: number | null;
  budget_hours: number | null;
  is_active: boolean;
}

export interface TimeEntry {
  id: string;
  project_id: string;
  task_id: string | null;
  user_id: string;
  spent_date: string;
  hours: number;
  notes: string | null;
  is_running: boolean;
  is_billable: boolean;
  source: Source;
  metadata: Record<string, unknown> | null;
  timer_started_at: string | null;
  started_at: string | null;
  ended_at: string | null;
  billable_rate: number | null;
  approval_status: 'unsubmitted' | 'submitted' | 'approved' | 'rejected';
  invoice_id: string | null;
  is_locked: boolean;
  created_at: string;
  updated_at: string;
}

export interface ApiKey {
  id: string;
  name: string;
  user_id: string;
  prefix: string;
  last_used_at: string | null;
  revoked_at: string | null;
  created_at: string;
}

export type ApprovalStatus = 'unsubmitted' | 'submitted' | 'approved' | 'rejected';

export interface ExpenseCategory {
  id: string;
  name: string;
  is_unit_based: boolean;
  unit_name: string | null;
  unit_price: number | null;
  billable_by_default: boolean;
  is_builtin: boolean;
  is_active: boolean;
}

export interface Receipt {
  file_name: string;
  content_type: string;
  size: number;
  /** The API path to download it. */
  url: string;
}

export interface Expense {
  id: string;
  project_id: string;
  expense_category_id: string;
  user_id: string;
  spent_date: string;
  units: number | null;
  unit_price: number | null;
  total_cost: number;
  notes: string | null;
  billable: boolean;
  source: Source;
  metadata: Record<string, unknown> | null;
  receipt: Receipt | null;
  approval_status: ApprovalStatus;
  invoice_id: string | null;
  is_locked: boolean;
  created_at: string;
  updated_at: string;
}

export type TimesheetState = 'submitted' | 'approved' | 'rejected';

interface Person {
  id: string;
  name: string;
}

/** Something an approver may want to look at twice (time-tracking/approving-time). */
export interface TimesheetFlag {
  kind: 'missing_notes' | 'over_daily_capacity' | 'overtime';
  date: string;
  time_entry_id: string | null;
  hours: number;
  capacity_hours: number | null;
}

/** One submission: a person's time entries and expenses for a period, decided on together. */
export interface Timesheet {
  id: string;
  user: Person & { user_type: 'human' | 'agent' };
  from: string;
  to: string;
  state: TimesheetState;
  total_hours: number;
  billable_hours: number;
  non_billable_hours: number;
  expense_total: number;
  currency: string;
  time_entry_count: number;
  expense_count: number;
  flags: TimesheetFlag[];
  submitted_at: string;
  submitted_by: Person | null;
  decided_at: string | null;
  decided_by: Person | null;
  reason: string | null;
}

export interface TimesheetDetail extends Timesheet {
  time_entries: TimeEntry[];
  expenses: Expense[];
  daily_totals: {
    date: string;
    hours: number;
    billable_hours: number;
    non_billable_hours: number;
    expense_total: number;
  }[];
}

/** POST /timesheets/approve and /reject: one answer per id. */
export interface BulkTimesheetResult {
  results: { id: string; status: number; data?: Timesheet; error?: { code: string; message: string } }[];
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
