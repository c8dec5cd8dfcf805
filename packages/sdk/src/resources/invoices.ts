import type { PagePromise } from '../core/pagination.js';
import type { RequestOptions } from '../core/request-options.js';
import { APIResource } from '../core/resource.js';
import { segment } from '../internal/query.js';
import type { PageParams } from './shared.js';

export type InvoiceState = 'draft' | 'open' | 'paid' | 'closed';
export type PaymentTerm = 'upon_receipt' | 'net_15' | 'net_30' | 'net_45' | 'net_60' | 'custom';

/** A line of an invoice; `amount` is quantity x unit price rounded to the invoice's currency. */
export interface InvoiceLineItem {
  id: string;
  /** One of the workspace's item categories (Service, Product, Expense by default). */
  kind: string;
  description: string;
  quantity: number;
  unit_price: number;
  amount: number;
  taxed: boolean;
  taxed2: boolean;
  project_id: string | null;
  /**
   * How many time entries and expenses the line bills (they are locked while it exists); list them
   * with `timeEntries.list({ invoice_line_item_id })` and `expenses.list({ invoice_line_item_id })`.
   */
  time_entry_count: number;
  expense_count: number;
}

/** An invoice. Amounts are the figures the server computed and stored, in the client's currency. */
export interface Invoice {
  id: string;
  client_id: string;
  client: { id: string; name: string };
  /** Given when the invoice first leaves draft; null for a draft. */
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
  /** An open invoice that was already sent: an edit changes what the client received. */
  already_sent: boolean;
  /** Paid and closed invoices cannot be edited. */
  is_locked: boolean;
  period_start: string | null;
  period_end: string | null;
  sent_at: string | null;
  paid_at: string | null;
  closed_at: string | null;
  /** The key of the client page, `/client/invoices/{client_key}`. */
  client_key: string;
  viewed_at: string | null;
  line_items: InvoiceLineItem[];
  created_at: string;
  updated_at: string;
}

/** A line typed or edited by hand; on update, `id` keeps an existing line and the entries it bills. */
export interface InvoiceLineItemInput {
  id?: string;
  kind?: string;
  description?: string;
  quantity: number;
  unit_price: number;
  taxed?: boolean;
  taxed2?: boolean;
  project_id?: string | null;
}

/** What to pull from tracked time and expenses (Harvest's `line_items_import`). */
export interface InvoiceLineItemsImport {
  project_ids: string[];
  time?: { summary_type: 'project' | 'task' | 'people' | 'detailed'; from?: string; to?: string };
  expenses?: {
    summary_type: 'project' | 'category' | 'people' | 'detailed';
    from?: string;
    to?: string;
    /** LLM Usage as lines of their own, by model (default true). */
    separate_llm_usage?: boolean;
  };
  /** For fixed-fee projects: the percentage of the fee billed as a line (default 100). */
  fixed_fee?: { percent?: number };
}

interface InvoiceFields {
  issue_date?: string;
  payment_term?: PaymentTerm;
  /** Required with `payment_term: 'custom'`. */
  due_date?: string;
  subject?: string | null;
  purchase_order?: string | null;
  notes?: string | null;
  tax?: number | null;
  tax2?: number | null;
  discount?: number | null;
}

/** Body of `invoices.create`: a client, and lines typed by hand, imported, or both. */
export interface CreateInvoiceInput extends InvoiceFields {
  client_id: string;
  line_items?: InvoiceLineItemInput[];
  line_items_import?: InvoiceLineItemsImport;
}

/** Body of `invoices.update`; `line_items` is the full list, in order. */
export interface UpdateInvoiceInput extends InvoiceFields {
  line_items?: InvoiceLineItemInput[];
}

/** Filters of `invoices.list`; `from`/`to` are issue dates, inclusive. */
export interface ListInvoicesParams extends PageParams {
  state?: InvoiceState;
  client_id?: string;
  from?: string;
  to?: string;
  is_overdue?: boolean;
}

/** Body of `invoices.send`; every field is optional and defaults from the workspace's templates. */
export interface SendInvoiceInput {
  /** `invoice` (default) sends the invoice and opens a draft; `reminder` and `thank_you` use their own templates. */
  message?: 'invoice' | 'reminder' | 'thank_you';
  /** Recipients; default: the client's contacts with an email address. */
  to?: string[];
  /** Send a copy to the caller. */
  cc_me?: boolean;
  /** May use {number}, {company}, {client}, {amount}, {due_date} and {link}. */
  subject?: string;
  body?: string;
  /** Attach the invoice as a PDF (default true). */
  attach_pdf?: boolean;
}

/** What `invoices.send` queued: the filled subject and body, and the invoice after sending. */
export interface InvoiceMessage {
  message: 'invoice' | 'reminder' | 'thank_you';
  to: string[];
  cc: string[];
  subject: string;
  body: string;
  attach_pdf: boolean;
  invoice: Invoice;
}

/** A payment recorded against an invoice, with what was due after it. */
export interface InvoicePayment {
  id: string;
  invoice_id: string;
  amount: number;
  paid_date: string;
  notes: string | null;
  transaction_id: string | null;
  provider: string | null;
  balance: number;
  recorded_by_id: string | null;
  created_at: string;
}

/** Body of `invoices.payments.create`. */
export interface CreateInvoicePaymentInput {
  amount: number;
  paid_date?: string;
  notes?: string | null;
  transaction_id?: string | null;
}

export interface AgingBuckets {
  days_0_30: number;
  days_31_60: number;
  days_61_90: number;
  days_over_90: number;
  total: number;
}

/** Outstanding amounts by client and days past due; totals per currency, never added across currencies. */
export interface InvoiceAging {
  clients: (AgingBuckets & { client_id: string; client_name: string; currency: string })[];
  totals: (AgingBuckets & { currency: string })[];
}

/** Filters of `invoices.uninvoiced`. */
export interface UninvoicedParams {
  client_id: string;
  from?: string;
  to?: string;
}

/** What an import would pull for a client, a project at a time. */
export interface Uninvoiced {
  client_id: string;
  currency: string;
  projects: {
    project_id: string;
    project_name: string;
    billing_type: 'time_and_materials' | 'fixed_fee' | 'non_billable';
    hours: number;
    time_amount: number;
    expense_amount: number;
    /**
     * What is left to invoice of a fixed-fee project's fee (0 once all of it is); null for other projects,
     * and when some of the fee was invoiced in another currency than the client's (an import refuses it).
     */
    fixed_fee: number | null;
    time_entry_count: number;
    expense_count: number;
    /**
     * What the import leaves out of the period because Approvals is on and it is not approved yet
     * (all zero while Approvals is off); the `unsubmitted_` counts are those not submitted yet or rejected.
     */
    awaiting_approval: {
      hours: number;
      time_entry_count: number;
      unsubmitted_time_entry_count: number;
      expense_amount: number;
      expense_count: number;
      unsubmitted_expense_count: number;
    };
  }[];
}

export class InvoicePayments extends APIResource {
  /** Records a payment; the invoice becomes paid when nothing is left due. */
  create(
    invoiceId: string,
    input: CreateInvoicePaymentInput,
    options?: RequestOptions,
  ): Promise<InvoicePayment> {
    return this._client.request({
      method: 'POST',
      path: `/invoices/${segment(invoiceId)}/payments`,
      body: input,
      options,
    });
  }

  /** The payments of an invoice, oldest first, each with the balance after it. */
  async list(invoiceId: string, options?: RequestOptions): Promise<InvoicePayment[]> {
    const response = await this._client.request<{ data: InvoicePayment[] }>({
      method: 'GET',
      path: `/invoices/${segment(invoiceId)}/payments`,
      options,
    });
    return response.data;
  }

  /** Deletes a payment; a paid invoice opens again. */
  async delete(invoiceId: string, paymentId: string, options?: RequestOptions): Promise<void> {
    await this._client.request<void>({
      method: 'DELETE',
      path: `/invoices/${segment(invoiceId)}/payments/${segment(paymentId)}`,
      options,
    });
  }
}

export class Invoices extends APIResource {
  /** Payments recorded against invoices. */
  readonly payments: InvoicePayments = new InvoicePayments(this._client);

  /** Creates a draft invoice from lines typed by hand and/or imported from uninvoiced time and expenses. */
  create(input: CreateInvoiceInput, options?: RequestOptions): Promise<Invoice> {
    return this._client.request({ method: 'POST', path: '/invoices', body: input, options });
  }

  /** Lists invoices; await for one page or `for await` over every invoice. */
  list(params?: ListInvoicesParams, options?: RequestOptions): PagePromise<Invoice> {
    return this._client.getPage<Invoice>('/invoices', params, options);
  }

  /** Fetches one invoice by id. */
  get(id: string, options?: RequestOptions): Promise<Invoice> {
    return this._client.request({ method: 'GET', path: `/invoices/${segment(id)}`, options });
  }

  /** Updates an invoice (drafts and open invoices; paid and closed ones are locked). */
  update(id: string, input: UpdateInvoiceInput, options?: RequestOptions): Promise<Invoice> {
    return this._client.request({ method: 'PATCH', path: `/invoices/${segment(id)}`, body: input, options });
  }

  /** Deletes a draft; the entries it billed become uninvoiced again. */
  async delete(id: string, options?: RequestOptions): Promise<void> {
    await this._client.request<void>({ method: 'DELETE', path: `/invoices/${segment(id)}`, options });
  }

  /** Emails the invoice (or a reminder or thank-you) from the workspace's templates; a draft opens and gets its number. */
  send(id: string, input: SendInvoiceInput = {}, options?: RequestOptions): Promise<InvoiceMessage> {
    return this._client.request({
      method: 'POST',
      path: `/invoices/${segment(id)}/send`,
      body: input,
      options,
    });
  }

  /** Opens a draft (giving its number) without sending any email. */
  markSent(id: string, options?: RequestOptions): Promise<Invoice> {
    return this._client.request({ method: 'POST', path: `/invoices/${segment(id)}/mark-sent`, options });
  }

  /** Closes an invoice that will not be paid (written off or cancelled). */
  close(id: string, options?: RequestOptions): Promise<Invoice> {
    return this._client.request({ method: 'POST', path: `/invoices/${segment(id)}/close`, options });
  }

  /** Reopens a closed invoice. */
  reopen(id: string, options?: RequestOptions): Promise<Invoice> {
    return this._client.request({ method: 'POST', path: `/invoices/${segment(id)}/reopen`, options });
  }

  /** Issues a new client page key: links sent before stop working. */
  regenerateClientKey(id: string, options?: RequestOptions): Promise<Invoice> {
    return this._client.request({
      method: 'POST',
      path: `/invoices/${segment(id)}/regenerate-key`,
      options,
    });
  }

  /** Downloads the invoice as a PDF. */
  pdf(id: string, options?: RequestOptions): Promise<Uint8Array> {
    return this._client.requestBytes({ method: 'GET', path: `/invoices/${segment(id)}/pdf`, options });
  }

  /** Outstanding amounts by client in 0-30, 31-60, 61-90 and 90+ days past due. */
  aging(options?: RequestOptions): Promise<InvoiceAging> {
    return this._client.request({ method: 'GET', path: '/invoices/aging', options });
  }

  /** Previews what an import would pull for a client per project, and what awaits approval (`awaiting_approval`). */
  uninvoiced(params: UninvoicedParams, options?: RequestOptions): Promise<Uninvoiced> {
    return this._client.request({
      method: 'GET',
      path: '/invoices/uninvoiced',
      query: { ...params },
      options,
    });
  }
}
