import type { PagePromise } from '../core/pagination.js';
import type { RequestOptions } from '../core/request-options.js';
import { APIResource } from '../core/resource.js';
import { segment } from '../internal/query.js';
import type { ApprovalStatus, Metadata, PageParams, Source } from './shared.js';

/** A cost logged against a project; LLM token usage uses the `cat_llm_usage` category. */
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
  metadata: Metadata | null;
  receipt: Receipt | null;
  approval_status: ApprovalStatus;
  /** The timesheet (submission) that carries it, once submitted. */
  timesheet_id: string | null;
  invoice_id: string | null;
  /** Whether the caller may not change it: submitted (to its owner), approved, invoiced or in the locked period. */
  is_locked: boolean;
  created_at: string;
  updated_at: string;
}

/** The receipt attached to an expense. */
export interface Receipt {
  file_name: string;
  content_type: string;
  size: number;
  /** Where to download it: `/v1/expenses/{id}/receipt`. */
  url: string;
}

/**
 * A receipt to upload: PNG, JPEG, GIF or PDF, at most 10 MB. The server decides the type from the
 * bytes; `fileName` is the name it is stored and downloaded under.
 */
export interface ReceiptUpload {
  data: Blob | Uint8Array;
  fileName: string;
}

function receiptPart(form: FormData, receipt: ReceiptUpload): FormData {
  // Copied into a plain ArrayBuffer-backed view: a Buffer may sit on a shared pool Blob cannot take.
  const blob = receipt.data instanceof Blob ? receipt.data : new Blob([new Uint8Array(receipt.data)]);
  form.append('file', blob, receipt.fileName);
  return form;
}

/** Body of `expenses.create`: give `total_cost`, or `units` (the category's unit price fills the rest). */
export interface CreateExpenseInput {
  project_id: string;
  expense_category_id: string;
  spent_date: string;
  total_cost?: number;
  units?: number;
  unit_price?: number;
  notes?: string | null;
  billable?: boolean;
  source?: Source;
  metadata?: Metadata | null;
  /** Log the expense for another user (administrators, and managers for their team). */
  user_id?: string;
}

/** Body of `expenses.update`. */
export interface UpdateExpenseInput {
  expense_category_id?: string;
  spent_date?: string;
  total_cost?: number;
  units?: number | null;
  unit_price?: number | null;
  notes?: string | null;
  billable?: boolean;
  metadata?: Metadata | null;
}

/** Filters of `expenses.list`, the same as for time entries. */
export interface ListExpensesParams extends PageParams {
  source?: Source;
  project_id?: string;
  client_id?: string;
  user_id?: string;
  expense_category_id?: string;
  /** Start date, inclusive (YYYY-MM-DD). */
  from?: string;
  /** End date, inclusive (YYYY-MM-DD). */
  to?: string;
  /** Only expenses already on an invoice (true) or not yet (false). */
  is_billed?: boolean;
  /** The expenses an invoice bills. */
  invoice_id?: string;
  /** The expenses one line of an invoice bills. */
  invoice_line_item_id?: string;
  billable?: boolean;
  approval_status?: ApprovalStatus;
  /** Agent metadata, matched exactly (best-practices/metadata). */
  agent_id?: string;
  session_id?: string;
  model?: string;
}

export class Expenses extends APIResource {
  /** Creates an expense; with `units` on a unit-priced category the total is computed by the server. */
  create<M extends Metadata>(
    input: CreateExpenseInput & { metadata: M },
    options?: RequestOptions,
  ): Promise<Expense & { metadata: M }>;
  create(input: CreateExpenseInput, options?: RequestOptions): Promise<Expense>;
  create(input: CreateExpenseInput, options?: RequestOptions): Promise<Expense> {
    return this._client.request({ method: 'POST', path: '/expenses', body: input, options });
  }

  /** Creates an expense with its receipt in one request: both are kept, or neither. */
  createWithReceipt(
    input: CreateExpenseInput,
    receipt: ReceiptUpload,
    options?: RequestOptions,
  ): Promise<Expense> {
    const form = new FormData();
    form.append('expense', JSON.stringify(input));
    return this._client.request({
      method: 'POST',
      path: '/expenses',
      body: receiptPart(form, receipt),
      options,
    });
  }

  /** Attaches a receipt to an expense, replacing the one it had. */
  attachReceipt(id: string, receipt: ReceiptUpload, options?: RequestOptions): Promise<Expense> {
    return this._client.request({
      method: 'PUT',
      path: `/expenses/${segment(id)}/receipt`,
      body: receiptPart(new FormData(), receipt),
      options,
    });
  }

  /** Removes the receipt of an expense. */
  removeReceipt(id: string, options?: RequestOptions): Promise<Expense> {
    return this._client.request({ method: 'DELETE', path: `/expenses/${segment(id)}/receipt`, options });
  }

  /** Lists expenses; await for one page or `for await` over every expense. */
  list(params?: ListExpensesParams, options?: RequestOptions): PagePromise<Expense> {
    return this._client.getPage<Expense>('/expenses', params, options);
  }

  /** Fetches one expense by id. */
  get(id: string, options?: RequestOptions): Promise<Expense> {
    return this._client.request({ method: 'GET', path: `/expenses/${segment(id)}`, options });
  }

  /** Updates an expense. */
  update(id: string, input: UpdateExpenseInput, options?: RequestOptions): Promise<Expense> {
    return this._client.request({ method: 'PATCH', path: `/expenses/${segment(id)}`, body: input, options });
  }

  /** Permanently deletes an expense. */
  async delete(id: string, options?: RequestOptions): Promise<void> {
    await this._client.request<void>({ method: 'DELETE', path: `/expenses/${segment(id)}`, options });
  }
}
