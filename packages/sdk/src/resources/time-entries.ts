import type { PagePromise } from '../core/pagination.js';
import type { RequestOptions } from '../core/request-options.js';
import { APIResource } from '../core/resource.js';
import { segment } from '../internal/query.js';
import type { ApprovalStatus, Metadata, PageParams, Source } from './shared.js';

/** A block of work by a human or an agent on a project. */
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
  metadata: Metadata | null;
  /** When the running timer was (last) started; null when not running. */
  timer_started_at: string | null;
  started_at: string | null;
  ended_at: string | null;
  /** Hourly rate resolved when the entry was written; null when the caller may not see rates. */
  billable_rate: number | null;
  approval_status: ApprovalStatus;
  /** The timesheet (submission) that carries it, once submitted. */
  timesheet_id: string | null;
  invoice_id: string | null;
  /** Whether the caller may not change it: submitted (to its owner), approved, invoiced or in the locked period. */
  is_locked: boolean;
  created_at: string;
  updated_at: string;
}

/** Body of `timeEntries.create`. With `is_running: true`, `hours` defaults to 0 and the timer runs. */
export interface CreateTimeEntryInput {
  project_id: string;
  spent_date: string;
  hours?: number;
  task_id?: string | null;
  notes?: string | null;
  is_running?: boolean;
  is_billable?: boolean;
  source?: Source;
  metadata?: Metadata | null;
  /** Log the entry for another user (administrators, and managers for their team). */
  user_id?: string;
  /** Start and end timestamps (ISO 8601 with offset); hours are computed from them when given. */
  started_at?: string;
  ended_at?: string;
}

/** Body of `timeEntries.update`; `source` and `project_id` cannot change after creation. */
export interface UpdateTimeEntryInput {
  hours?: number;
  notes?: string | null;
  is_running?: boolean;
  is_billable?: boolean;
  task_id?: string | null;
  metadata?: Metadata | null;
  spent_date?: string;
  started_at?: string | null;
  ended_at?: string | null;
}

/** Filters of `timeEntries.list`, combined with AND. */
export interface ListTimeEntriesParams extends PageParams {
  source?: Source;
  project_id?: string;
  task_id?: string;
  client_id?: string;
  user_id?: string;
  /** Start date, inclusive (YYYY-MM-DD). */
  from?: string;
  /** End date, inclusive (YYYY-MM-DD). */
  to?: string;
  is_running?: boolean;
  is_billable?: boolean;
  /** Only entries already on an invoice (true) or not yet (false). */
  is_billed?: boolean;
  /** The entries an invoice bills. */
  invoice_id?: string;
  /** The entries one line of an invoice bills. */
  invoice_line_item_id?: string;
  approval_status?: ApprovalStatus;
  /** Agent metadata, matched exactly (best-practices/metadata). */
  agent_id?: string;
  session_id?: string;
  model?: string;
}

export class TimeEntries extends APIResource {
  /** Creates a time entry, or starts a running timer with `is_running: true`. */
  create<M extends Metadata>(
    input: CreateTimeEntryInput & { metadata: M },
    options?: RequestOptions,
  ): Promise<TimeEntry & { metadata: M }>;
  create(input: CreateTimeEntryInput, options?: RequestOptions): Promise<TimeEntry>;
  create(input: CreateTimeEntryInput, options?: RequestOptions): Promise<TimeEntry> {
    return this._client.request({ method: 'POST', path: '/time-entries', body: input, options });
  }

  /** Lists time entries; await for one page or `for await` over every entry. */
  list(params?: ListTimeEntriesParams, options?: RequestOptions): PagePromise<TimeEntry> {
    return this._client.getPage<TimeEntry>('/time-entries', params, options);
  }

  /** Fetches one time entry by id. */
  get(id: string, options?: RequestOptions): Promise<TimeEntry> {
    return this._client.request({ method: 'GET', path: `/time-entries/${segment(id)}`, options });
  }

  /** Updates a time entry; `{ is_running: false, hours }` stops a timer. */
  update(id: string, input: UpdateTimeEntryInput, options?: RequestOptions): Promise<TimeEntry> {
    return this._client.request({
      method: 'PATCH',
      path: `/time-entries/${segment(id)}`,
      body: input,
      options,
    });
  }

  /** Permanently deletes a time entry, e.g. a failed agent session's timer. */
  async delete(id: string, options?: RequestOptions): Promise<void> {
    await this._client.request<void>({ method: 'DELETE', path: `/time-entries/${segment(id)}`, options });
  }
}
