import { randomBytes } from 'node:crypto';
import Big from 'big.js';
import type { Database, Executor } from '../../db/client.ts';
import { toDecimalString } from '../../lib/decimal.ts';
import { BusinessRuleError, InvoiceLockedError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { type Page, toPage } from '../../lib/pagination.ts';
import { addCalendarDays, todayIn } from '../../lib/workspace-clock.ts';
import { requireAbility } from '../access/abilities.ts';
import type { Actor } from '../access/actor.ts';
import { findClient } from '../clients/service.ts';
import { releaseExpenses } from '../expenses/service.ts';
import { projectsOfClient } from '../projects/queries.ts';
import { releaseTimeEntries } from '../time/service.ts';
import { findAccount } from '../workspaces/service.ts';
import {
  assertCanSend,
  assertEditable,
  assertProjectsInScope,
  findReachableInvoice,
  type InvoicingAccess,
  invoicingAccess,
} from './access.ts';
import { computeAmounts, dueAmount } from './amounts.ts';
import { nothingToInvoice } from './awaiting.ts';
import { assertFeeLinesFit } from './fixed-fee.ts';
import { type DraftLine, importLines, kindFor } from './import.ts';
import { formatInvoiceNumber } from './numbering.ts';
import { presentInvoices } from './present.ts';
import type { InvoiceRow, InvoiceWithClient, LineItemRow, SettingsRow } from './queries.ts';
import * as queries from './queries.ts';
import type {
  CreateInvoiceInput,
  InvoiceResponse,
  LineItemInput,
  ListInvoicesFilters,
  UpdateInvoiceInput,
} from './schemas.ts';

type PaymentTerm = InvoiceRow['paymentTerm'];

const TERM_DAYS: Record<Exclude<PaymentTerm, 'custom'>, number> = {
  upon_receipt: 0,
  net_15: 15,
  net_30: 30,
  net_45: 45,
  net_60: 60,
};

/** The workspace's date today (its time zone), which issue dates default to and overdue is measured on. */
export async function workspaceToday(db: Executor, accountId: string, now = new Date()): Promise<string> {
  const account = await findAccount(db, accountId);
  return todayIn(account.timezone, now);
}

/** A due date from the term; a custom term takes the date given, else the settings' custom days. */
function dueDateFor(
  term: PaymentTerm,
  issueDate: string,
  given: string | undefined,
  fallback: { settings: SettingsRow; current?: string },
): string {
  const due =
    term !== 'custom'
      ? addCalendarDays(issueDate, TERM_DAYS[term])
      : (given ??
        fallback.current ??
        (fallback.settings.defaultPaymentTermDays === null
          ? undefined
          : addCalendarDays(issueDate, fallback.settings.defaultPaymentTermDays)));
  if (due === undefined) {
    throw new BusinessRuleError('due_date is required with payment_term custom', 'due_date');
  }
  if (due < issueDate) throw new BusinessRuleError('due_date must not be before issue_date', 'due_date');
  return due;
}

/** An optional percentage from a request: undefined keeps, null removes. */
const percent = (value: number | null | undefined) =>
  value === undefined ? undefined : value === null ? null : toDecimalString(value);

/** The unguessable key of the client page: 256 random bits. */
export function newClientKey(): string {
  return randomBytes(32).toString('base64url');
}

async function presentOne(db: Executor, accountId: string, id: string): Promise<InvoiceResponse> {
  const invoice = await queries.findInvoice(db, accountId, id);
  if (invoice === undefined) throw new NotFoundError('Invoice');
  const [presented] = await presentInvoices(db, accountId, [invoice], await workspaceToday(db, accountId));
  return presented as InvoiceResponse;
}

export async function listInvoices(
  db: Executor,
  actor: Actor,
  filters: ListInvoicesFilters,
): Promise<Page<InvoiceResponse>> {
  const access = await invoicingAccess(db, actor);
  const today = await workspaceToday(db, actor.accountId);
  const rows = await queries.listInvoices(db, actor.accountId, access.scope, filters, today);
  const page = toPage(
    rows,
    filters.limit,
    (row) => row,
    (row) => [row.issueDate, row.id],
  );
  return { ...page, data: await presentInvoices(db, actor.accountId, page.data, today) };
}

export async function getInvoice(db: Executor, actor: Actor, id: string): Promise<InvoiceResponse> {
  const access = await invoicingAccess(db, actor);
  const invoice = await findReachableInvoice(db, access, id);
  const [presented] = await presentInvoices(
    db,
    actor.accountId,
    [invoice],
    await workspaceToday(db, actor.accountId),
  );
  return presented as InvoiceResponse;
}

/**
 * The projects lines may name: the invoice client's, and for a manager those they manage. Missing
 * ones are 404 on `field`.
 */
async function clientProjects(
  db: Executor,
  access: InvoicingAccess,
  clientId: string,
  projectIds: readonly string[],
  field: string,
) {
  const unique = [...new Set(projectIds)];
  if (unique.length === 0) return [];
  const rows = await projectsOfClient(db, access.abilities.actor.accountId, clientId, unique);
  if (rows.length !== unique.length) throw new NotFoundError("Project of the invoice's client", field);
  assertProjectsInScope(access, unique, field);
  return rows;
}

/** A line typed by hand, checked against the item categories (or the kind it already has). */
function typedLine(
  input: LineItemInput,
  index: number,
  settings: SettingsRow,
  current?: LineItemRow,
): DraftLine {
  const kind = input.kind ?? current?.kind ?? kindFor(settings.itemCategories, 'Service');
  if (kind !== current?.kind && !settings.itemCategories.includes(kind)) {
    throw new BusinessRuleError(
      `kind must be one of the item categories: ${settings.itemCategories.join(', ')}`,
      `line_items.${index}.kind`,
    );
  }
  return {
    id: current?.id ?? newId('inl'),
    kind,
    description: input.description,
    quantity: toDecimalString(input.quantity),
    unitPrice: toDecimalString(input.unit_price),
    taxed: input.taxed,
    taxed2: input.taxed2,
    projectId: input.project_id ?? null,
    // A fee line stays one when edited: what it comes to is what was invoiced of the fee.
    fixedFeeProjectId: current?.fixedFeeProjectId ?? null,
    timeEntryCount: current?.timeEntryCount ?? 0,
    expenseCount: current?.expenseCount ?? 0,
  };
}

/** The lines to store, at their places, with their amounts, and the invoice's figures. */
function priced(
  lines: readonly DraftLine[],
  rates: { currency: string; tax: string | null; tax2: string | null; discount: string | null },
  context: { accountId: string; invoiceId: string },
) {
  let amounts: ReturnType<typeof computeAmounts>;
  try {
    amounts = computeAmounts(lines, rates);
  } catch (error) {
    // Each figure is within range on its own (the schema says so); their sum may not be.
    if (error instanceof ValidationError) {
      throw new BusinessRuleError(`The invoice's amounts are too large: ${error.message}`, 'line_items');
    }
    throw error;
  }
  const rows = lines.map((line, position) => ({
    ...line,
    accountId: context.accountId,
    invoiceId: context.invoiceId,
    position,
    amount: amounts.lineAmounts[position] as string,
  }));
  const { lineAmounts: _lines, ...totals } = amounts;
  return { rows, totals };
}

export async function createInvoice(
  db: Database,
  actor: Actor,
  input: CreateInvoiceInput,
): Promise<InvoiceResponse> {
  return db.transaction(async (tx) => {
    const access = await invoicingAccess(tx, actor);
    requireAbility(access.abilities.draftInvoices, 'You cannot create invoices');
    const { accountId } = actor;
    const account = await findAccount(tx, accountId);
    const settings = await queries.findSettings(tx, accountId);
    const client = await findClient(tx, accountId, input.client_id, 'client_id');
    const issueDate = input.issue_date ?? todayIn(account.timezone, new Date());
    const paymentTerm = input.payment_term ?? settings.defaultPaymentTerm;
    const rates = {
      currency: client.currency,
      tax: percent(input.tax) ?? settings.tax,
      tax2: percent(input.tax2) ?? settings.tax2,
      discount: percent(input.discount) ?? null,
    };
    const typed = input.line_items ?? [];
    await clientProjects(
      tx,
      access,
      client.id,
      typed.flatMap((line) => (line.project_id == null ? [] : [line.project_id])),
      'line_items.project_id',
    );
    const request = input.line_items_import;
    const invoiceId = newId('inv');
    // The import links its entries to the lines before the invoice and its lines are written: the
    // links are keyed by the entries alone, and all of it commits or none (decision 0055).
    const imported =
      request === undefined
        ? []
        : await clientProjects(tx, access, client.id, request.project_ids, 'line_items_import.project_ids');
    const plan =
      request === undefined
        ? undefined
        : await importLines(tx, accountId, invoiceId, request, {
            projects: imported,
            currency: client.currency,
            approvedOnly: account.features.approvals,
            itemCategories: settings.itemCategories,
            taxed: [rates.tax !== null, rates.tax2 !== null],
          });
    // An import that pulls nothing, with nothing typed beside it, would be an empty draft that does
    // not say why: it is refused with the reason, and the transaction rolls back.
    if (request !== undefined && plan?.lines.length === 0 && typed.length === 0) {
      throw await nothingToInvoice(tx, { account, client, request, projects: imported, period: plan });
    }

    const lines = [...(plan?.lines ?? []), ...typed.map((line, index) => typedLine(line, index, settings))];
    const { rows, totals } = priced(lines, rates, { accountId, invoiceId });
    await queries.insertInvoice(tx, {
      id: invoiceId,
      accountId,
      clientId: client.id,
      issueDate,
      dueDate: dueDateFor(paymentTerm, issueDate, input.due_date, { settings }),
      paymentTerm,
      subject: input.subject ?? null,
      purchaseOrder: input.purchase_order ?? null,
      notes: input.notes ?? null,
      currency: client.currency,
      tax: rates.tax,
      taxLabel: rates.tax === null ? null : settings.taxLabel,
      tax2: rates.tax2,
      tax2Label: rates.tax2 === null ? null : settings.tax2Label,
      discount: rates.discount,
      ...totals,
      periodStart: plan?.periodStart ?? null,
      periodEnd: plan?.periodEnd ?? null,
      clientKey: newClientKey(),
      createdById: actor.userId,
    });
    await queries.insertLines(tx, rows);
    return presentOne(tx, accountId, invoiceId);
  });
}

export async function updateInvoice(
  db: Database,
  actor: Actor,
  id: string,
  input: UpdateInvoiceInput,
): Promise<InvoiceResponse> {
  return db.transaction(async (tx) => {
    const access = await invoicingAccess(tx, actor);
    const invoice = await findReachableInvoice(tx, access, id, { forUpdate: true });
    assertEditable(access, invoice);
    const { accountId } = actor;
    const settings = await queries.findSettings(tx, accountId);
    const existing = await queries.linesOf(tx, accountId, [id]);

    let lines: DraftLine[] = existing.map((line) => ({
      id: line.id,
      kind: line.kind,
      description: line.description,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      taxed: line.taxed,
      taxed2: line.taxed2,
      projectId: line.projectId,
      fixedFeeProjectId: line.fixedFeeProjectId,
      timeEntryCount: line.timeEntryCount,
      expenseCount: line.expenseCount,
    }));
    if (input.line_items !== undefined) {
      const byId = new Map(existing.map((line) => [line.id, line]));
      lines = input.line_items.map((line, index) => {
        const current = line.id === undefined ? undefined : byId.get(line.id);
        if (line.id !== undefined && current === undefined) {
          throw new NotFoundError('Line item of this invoice', `line_items.${index}.id`);
        }
        return typedLine(line, index, settings, current);
      });
      const kept = new Set(lines.map((line) => line.id));
      const removed = existing.filter((line) => !kept.has(line.id)).map((line) => line.id);
      // Entries billed by a removed line become billable again: their links go with the line.
      await releaseTimeEntries(tx, accountId, id, removed);
      await releaseExpenses(tx, accountId, id, removed);
      await queries.deleteLines(tx, accountId, removed);
    }
    await clientProjects(
      tx,
      access,
      invoice.clientId,
      lines.flatMap((line) => (line.projectId === null ? [] : [line.projectId])),
      'line_items.project_id',
    );

    const rates = {
      currency: invoice.currency,
      tax: input.tax === undefined ? invoice.tax : (percent(input.tax) ?? null),
      tax2: input.tax2 === undefined ? invoice.tax2 : (percent(input.tax2) ?? null),
      discount: input.discount === undefined ? invoice.discount : (percent(input.discount) ?? null),
    };
    const { rows, totals } = priced(lines, rates, { accountId, invoiceId: id });
    if (dueAmount(totals.amount, invoice.paidAmount).startsWith('-')) {
      throw new BusinessRuleError(
        'The invoice would come to less than what was already paid on it',
        'line_items',
      );
    }
    await assertFeeLinesFit(tx, accountId, invoice, { before: existing, after: rows });
    const existingIds = new Set(existing.map((line) => line.id));
    await queries.updateLines(
      tx,
      accountId,
      rows.filter((row) => existingIds.has(row.id)),
    );
    await queries.insertLines(
      tx,
      rows.filter((row) => !existingIds.has(row.id)),
    );

    const issueDate = input.issue_date ?? invoice.issueDate;
    const paymentTerm = input.payment_term ?? invoice.paymentTerm;
    // An edit that brings the amount down to what was paid settles the invoice, as a payment would.
    const settled =
      invoice.state === 'open' &&
      new Big(invoice.paidAmount).gt(0) &&
      dueAmount(totals.amount, invoice.paidAmount) === '0';
    await queries.updateInvoice(tx, accountId, id, {
      issueDate,
      paymentTerm,
      dueDate: dueDateFor(paymentTerm, issueDate, input.due_date, {
        settings,
        current: paymentTerm === invoice.paymentTerm ? invoice.dueDate : undefined,
      }),
      ...(input.subject !== undefined && { subject: input.subject }),
      ...(input.purchase_order !== undefined && { purchaseOrder: input.purchase_order }),
      ...(input.notes !== undefined && { notes: input.notes }),
      tax: rates.tax,
      taxLabel: rates.tax === null ? null : (invoice.taxLabel ?? settings.taxLabel),
      tax2: rates.tax2,
      tax2Label: rates.tax2 === null ? null : (invoice.tax2Label ?? settings.tax2Label),
      discount: rates.discount,
      ...totals,
      ...(settled && { state: 'paid' as const, paidAt: new Date() }),
    });
    return presentOne(tx, accountId, id);
  });
}

/** Deletes a draft and frees the entries it billed; an issued invoice is closed instead, so no number goes missing. */
export async function deleteInvoice(db: Database, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const access = await invoicingAccess(tx, actor);
    const invoice = await findReachableInvoice(tx, access, id, { forUpdate: true });
    requireAbility(
      access.abilities.draftInvoices || access.abilities.sendInvoices,
      'You cannot delete invoices',
    );
    if (invoice.state !== 'draft') {
      throw new BusinessRuleError('Only drafts can be deleted; close an issued invoice instead', 'state');
    }
    const lineIds = (await queries.linesOf(tx, actor.accountId, [id])).map((line) => line.id);
    await releaseTimeEntries(tx, actor.accountId, id, lineIds);
    await releaseExpenses(tx, actor.accountId, id, lineIds);
    await queries.deleteInvoice(tx, actor.accountId, id);
  });
}

/**
 * The invoice's number, given the first time it leaves draft: the next of the workspace's sequence
 * in its pattern. A number already taken (one typed in when migrating) is passed over. The sequence
 * row stays locked until the transaction ends, so concurrent issues number in turn without gaps.
 */
async function assignNumber(tx: Executor, accountId: string, issueDate: string): Promise<string> {
  for (;;) {
    const { sequence, pattern } = await queries.takeNextNumber(tx, accountId);
    const number = formatInvoiceNumber(pattern, sequence, issueDate);
    if (!(await queries.numberInUse(tx, accountId, number))) return number;
  }
}

/**
 * Marks the invoice as sent at `at`: a draft is issued (numbered, open); an open invoice records the
 * new sending. The send-by-email path calls this in the transaction that enqueues the email.
 */
export async function recordSending(tx: Executor, invoice: InvoiceWithClient, at: Date): Promise<void> {
  if (invoice.state === 'paid' || invoice.state === 'closed') throw new InvoiceLockedError(invoice.state);
  const number = invoice.number ?? (await assignNumber(tx, invoice.accountId, invoice.issueDate));
  await queries.updateInvoice(tx, invoice.accountId, invoice.id, { state: 'open', number, sentAt: at });
}

export async function markSent(db: Database, actor: Actor, id: string): Promise<InvoiceResponse> {
  return db.transaction(async (tx) => {
    const access = await invoicingAccess(tx, actor);
    const invoice = await findReachableInvoice(tx, access, id, { forUpdate: true });
    assertCanSend(access);
    await recordSending(tx, invoice, new Date());
    return presentOne(tx, actor.accountId, id);
  });
}

/** Writes an open invoice off: it leaves the receivables, and its entries stay billed. */
export async function closeInvoice(db: Database, actor: Actor, id: string): Promise<InvoiceResponse> {
  return db.transaction(async (tx) => {
    const access = await invoicingAccess(tx, actor);
    const invoice = await findReachableInvoice(tx, access, id, { forUpdate: true });
    assertCanSend(access);
    if (invoice.state !== 'open') {
      throw new BusinessRuleError(`Only open invoices can be closed; this one is ${invoice.state}`, 'state');
    }
    await queries.updateInvoice(tx, actor.accountId, id, { state: 'closed', closedAt: new Date() });
    return presentOne(tx, actor.accountId, id);
  });
}

export async function reopenInvoice(db: Database, actor: Actor, id: string): Promise<InvoiceResponse> {
  return db.transaction(async (tx) => {
    const access = await invoicingAccess(tx, actor);
    const invoice = await findReachableInvoice(tx, access, id, { forUpdate: true });
    assertCanSend(access);
    if (invoice.state !== 'closed') {
      throw new BusinessRuleError(
        `Only closed invoices can be reopened; this one is ${invoice.state}`,
        'state',
      );
    }
    await queries.updateInvoice(tx, actor.accountId, id, { state: 'open', closedAt: null });
    return presentOne(tx, actor.accountId, id);
  });
}
