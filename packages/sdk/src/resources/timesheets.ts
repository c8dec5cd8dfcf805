import type { ErrorBody } from '../core/errors.js';
import type { PagePromise } from '../core/pagination.js';
import type { RequestOptions } from '../core/request-options.js';
import { APIResource } from '../core/resource.js';
import { segment } from '../internal/query.js';
import type { Expense } from './expenses.js';
import type { PageParams } from './shared.js';
import type { TimeEntry } from './time-entries.js';

export type TimesheetState = 'submitted' | 'approved' | 'rejected';

/** Something an approver may want to look at twice. */
export interface TimesheetFlag {
  kind: 'missing_notes' | 'over_daily_capacity' | 'overtime';
  /** The day, or the first day of the week for `overtime`. */
  date: string;
  /** The entry without notes (`missing_notes` only). */
  time_entry_id: string | null;
  hours: number;
  /** The capacity the hours exceed: the day's share or the week's; null for `missing_notes`. */
  capacity_hours: number | null;
}

/** A person's time entries and expenses of a period, submitted for approval together. */
export interface Timesheet {
  id: string;
  user: { id: string; name: string; user_type: 'human' | 'agent' };
  from: string;
  to: string;
  state: TimesheetState;
  total_hours: number;
  billable_hours: number;
  non_billable_hours: number;
  /** Sum of the expenses in the workspace currency. */
  expense_total: number;
  currency: string;
  time_entry_count: number;
  expense_count: number;
  flags: TimesheetFlag[];
  submitted_at: string;
  submitted_by: { id: string; name: string } | null;
  decided_at: string | null;
  decided_by: { id: string; name: string } | null;
  /** The rejection reason (or the approver's note). */
  reason: string | null;
}

/** One day of a timesheet's period. */
export interface DailyTotal {
  date: string;
  hours: number;
  billable_hours: number;
  non_billable_hours: number;
  expense_total: number;
}

/** A timesheet with its entries and a row per day of its period. */
export interface TimesheetDetail extends Timesheet {
  time_entries: TimeEntry[];
  expenses: Expense[];
  daily_totals: DailyTotal[];
}

/** Body of `timesheets.submit`: without `from`/`to`, the workspace's current week. */
export interface SubmitTimesheetInput {
  from?: string;
  to?: string;
  /** Submit for someone else (administrators, and managers for the people they manage). */
  user_id?: string;
}

/** Filters of `timesheets.list`; `from`/`to` select timesheets whose period overlaps them. */
export interface ListTimesheetsParams extends PageParams {
  state?: TimesheetState;
  user_id?: string;
  from?: string;
  to?: string;
}

/** Body of `timesheets.reject`. */
export interface RejectTimesheetInput {
  reason: string;
}

/** Body of `timesheets.approveMany`. */
export interface BulkApproveInput {
  ids: string[];
  reason?: string;
}

/** Body of `timesheets.rejectMany`: one reason shared by every timesheet. */
export interface BulkRejectInput {
  ids: string[];
  reason: string;
}

/** Per id, in request order: the timesheet, or the error a single call would have given. */
export interface BulkResult {
  results: { id: string; status: number; data?: Timesheet; error?: ErrorBody }[];
}

export class Timesheets extends APIResource {
  /** Submits the caller's (or `user_id`'s) unsubmitted entries of a period for approval. */
  submit(input: SubmitTimesheetInput = {}, options?: RequestOptions): Promise<TimesheetDetail> {
    return this._client.request({ method: 'POST', path: '/timesheets/submit', body: input, options });
  }

  /** Lists timesheets, newest period first; `{ state: 'submitted' }` is the approval queue. */
  list(params?: ListTimesheetsParams, options?: RequestOptions): PagePromise<Timesheet> {
    return this._client.getPage<Timesheet>('/timesheets', params, options);
  }

  /** Fetches a timesheet with its time entries, expenses and daily totals. */
  get(id: string, options?: RequestOptions): Promise<TimesheetDetail> {
    return this._client.request({ method: 'GET', path: `/timesheets/${segment(id)}`, options });
  }

  /** Approves a submitted timesheet; its entries lock. */
  approve(id: string, options?: RequestOptions): Promise<TimesheetDetail> {
    return this._client.request({ method: 'POST', path: `/timesheets/${segment(id)}/approve`, options });
  }

  /** Rejects a submitted timesheet with a reason; its entries are editable again. */
  reject(id: string, input: RejectTimesheetInput, options?: RequestOptions): Promise<TimesheetDetail> {
    return this._client.request({
      method: 'POST',
      path: `/timesheets/${segment(id)}/reject`,
      body: input,
      options,
    });
  }

  /** Withdraws an approval: the timesheet and its entries return to submitted. */
  withdraw(id: string, options?: RequestOptions): Promise<TimesheetDetail> {
    return this._client.request({ method: 'POST', path: `/timesheets/${segment(id)}/withdraw`, options });
  }

  /** Approves many timesheets, each on its own; answers per id. */
  approveMany(input: BulkApproveInput, options?: RequestOptions): Promise<BulkResult> {
    return this._client.request({ method: 'POST', path: '/timesheets/approve', body: input, options });
  }

  /** Rejects many timesheets with one shared reason, each on its own; answers per id. */
  rejectMany(input: BulkRejectInput, options?: RequestOptions): Promise<BulkResult> {
    return this._client.request({ method: 'POST', path: '/timesheets/reject', body: input, options });
  }
}
