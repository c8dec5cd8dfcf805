import type { Database, Executor } from '../../db/client.ts';
import { toNumber } from '../../lib/decimal.ts';
import { BusinessRuleError, ConflictError, NotFoundError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { EXPORT_BATCH_ROWS } from '../../lib/limits.ts';
import { type Page, toPage } from '../../lib/pagination.ts';
import { type Abilities, loadAbilities } from '../access/abilities.ts';
import type { Actor } from '../access/actor.ts';
import {
  type CoalescedCreate,
  coalescedCreate,
  createOne,
  lookupOnce,
  throwUnexpected,
} from '../entries/create-many.ts';
import {
  assertCreationFieldsUnchanged,
  assertDateOpen,
  assertMetadataFits,
  assertNotLocked,
  assertReadable,
  assertWritable,
  lockOverride,
  lockReason,
  writableProjectFor,
} from '../entries/guards.ts';
import { findProject } from '../projects/service.ts';
import type { DateRange } from '../reports/filters.ts';
import type { ReportFilters } from '../reports/schemas.ts';
import { findAccount } from '../workspaces/service.ts';
import { type ExpenseCategoryRow, findCategory, publicCategoryId, publicCategoryIds } from './categories.ts';
import { priceExpense } from './pricing.ts';
import type { ExpenseRow } from './queries.ts';
import * as queries from './queries.ts';
import { acceptReceipt, type ReceiptFile } from './receipts/file.ts';
import type { ReceiptStore } from './receipts/store.ts';
import type {
  CreateExpenseInput,
  ExpenseResponse,
  ListExpensesFilters,
  UpdateExpenseInput,
} from './schemas.ts';

type AccountRow = Awaited<ReturnType<typeof findAccount>>;

export function presentExpense(
  abilities: Abilities,
  account: AccountRow,
  categoryId: (storedId: string) => string,
  expense: ExpenseRow,
  now = new Date(),
): ExpenseResponse {
  return {
    id: expense.id,
    project_id: expense.projectId,
    expense_category_id: categoryId(expense.expenseCategoryId),
    user_id: expense.userId,
    spent_date: expense.spentDate,
    units: toNumber(expense.units),
    unit_price: toNumber(expense.unitPrice),
    total_cost: toNumber(expense.totalCost),
    notes: expense.notes,
    billable: expense.billable,
    source: expense.source,
    metadata: expense.metadata,
    receipt:
      expense.receiptKey === null
        ? null
        : {
            file_name: expense.receiptFileName ?? 'receipt',
            content_type: expense.receiptContentType ?? 'application/octet-stream',
            size: expense.receiptSize ?? 0,
            url: `/v1/expenses/${expense.id}/receipt`,
          },
    approval_status: expense.approvalStatus,
    timesheet_id: expense.timesheetId,
    invoice_id: expense.invoiceId,
    is_locked: lockReason(expense, account, abilities, now) !== null,
    created_at: expense.createdAt.toISOString(),
    updated_at: expense.updatedAt.toISOString(),
  };
}

function activeCategory(category: ExpenseCategoryRow): ExpenseCategoryRow {
  if (!category.isActive)
    throw new BusinessRuleError('The expense category is archived', 'expense_category_id');
  return category;
}

/**
 * Creates expenses for one actor, each checked on its own (see `CreateEntries`): the workspace is
 * read once, each distinct person/project and category once, and all rows are written by one
 * INSERT, so an agent's burst of LLM-cost expenses costs about as many round trips as one.
 */
export async function createExpenses(
  db: Executor,
  actor: Actor,
  inputs: CreateExpenseInput[],
): Promise<PromiseSettledResult<ExpenseResponse>[]> {
  const [account, abilities] = await Promise.all([
    findAccount(db, actor.accountId),
    loadAbilities(db, actor),
  ]);
  const projectOf = lookupOnce(
    ({ userId, projectId }: { userId: string; projectId: string }) => `${userId}\n${projectId}`,
    ({ userId, projectId }) => writableProjectFor(db, abilities, userId, projectId),
  );
  const categoryOf = lookupOnce(
    (idOrAlias: string) => idOrAlias,
    async (idOrAlias) =>
      activeCategory(await findCategory(db, actor.accountId, idOrAlias, 'expense_category_id')),
  );
  const prepared = await Promise.allSettled(
    inputs.map(async (input) => {
      assertMetadataFits(input.metadata);
      const userId = input.user_id ?? actor.userId;
      const project = await projectOf({ userId, projectId: input.project_id });
      const category = await categoryOf(input.expense_category_id);
      assertDateOpen('expense', input.spent_date, account);
      const row: queries.NewExpenseRow = {
        id: newId('exp'),
        accountId: actor.accountId,
        userId,
        projectId: project.id,
        expenseCategoryId: category.id,
        spentDate: input.spent_date,
        ...priceExpense(category, input),
        notes: input.notes ?? null,
        billable: input.billable ?? (project.billingType !== 'non_billable' && category.billableByDefault),
        source: input.source,
        metadata: input.metadata ?? null,
      };
      return { row, categoryId: publicCategoryId(category) };
    }),
  );
  throwUnexpected(prepared);

  const valid = prepared.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  const inserted = await queries.insertExpenses(
    db,
    valid.map(({ row }) => row),
  );
  const publicIds = new Map(valid.map(({ row, categoryId }) => [row.expenseCategoryId, categoryId]));
  const categoryId = (storedId: string) => publicIds.get(storedId) ?? storedId;
  let position = 0;
  return prepared.map((outcome): PromiseSettledResult<ExpenseResponse> => {
    if (outcome.status === 'rejected') return outcome;
    const expense = inserted[position++];
    if (expense === undefined) throw new Error('insert into expenses returned too few rows');
    return { status: 'fulfilled', value: presentExpense(abilities, account, categoryId, expense) };
  });
}

export function createExpense(db: Executor, actor: Actor, input: CreateExpenseInput) {
  return createOne(createExpenses, db, actor, input);
}

/** `createExpense` for the API's concurrent requests (docs/decisions/0009-coalesced-writes.md). */
export const coalescedCreateExpense = (db: Database): CoalescedExpenseCreate =>
  coalescedCreate(db, createExpenses);
export type CoalescedExpenseCreate = CoalescedCreate<CreateExpenseInput, ExpenseResponse>;

async function findReadableExpense(db: Executor, abilities: Abilities, id: string): Promise<ExpenseRow> {
  return assertReadable(abilities, await queries.findExpense(db, abilities.actor.accountId, id), 'Expense');
}

export async function getExpense(db: Executor, actor: Actor, id: string): Promise<ExpenseResponse> {
  const abilities = await loadAbilities(db, actor);
  const [expense, account, categoryId] = await Promise.all([
    findReadableExpense(db, abilities, id),
    findAccount(db, actor.accountId),
    publicCategoryIds(db, actor.accountId),
  ]);
  return presentExpense(abilities, account, categoryId, expense);
}

export async function listExpenses(
  db: Executor,
  actor: Actor,
  filters: ListExpensesFilters,
): Promise<Page<ExpenseResponse>> {
  // As listTimeEntries: the workspace and categories are read beside the page, not before it.
  const abilities = await loadAbilities(db, actor);
  const [account, categoryId, rows] = await Promise.all([
    findAccount(db, actor.accountId),
    publicCategoryIds(db, actor.accountId),
    queries.listExpenses(db, actor.accountId, abilities.entryScope, filters),
  ]);
  const now = new Date();
  return toPage(
    rows,
    filters.limit,
    (expense) => presentExpense(abilities, account, categoryId, expense, now),
    (expense) => [expense.spentDate, expense.id],
  );
}

/** Every expense an export of the actor writes: those the list shows them, in keyset batches. */
export function exportExpenses(
  db: Executor,
  abilities: Abilities,
  period: DateRange,
  filters: ReportFilters,
) {
  const { accountId } = abilities.actor;
  return queries.expenseExportBatches(
    db,
    accountId,
    abilities.reportScope,
    period,
    filters,
    EXPORT_BATCH_ROWS,
  );
}

/** A numbered page of expenses (the v2 API), with the same visibility rules as listExpenses. */
export async function listExpensesPage(
  db: Executor,
  actor: Actor,
  filters: queries.ExpenseFilters,
  window: { offset: number; limit: number },
): Promise<{ items: ExpenseResponse[]; total: number }> {
  const abilities = await loadAbilities(db, actor);
  const [account, categoryId, { rows, total }] = await Promise.all([
    findAccount(db, actor.accountId),
    publicCategoryIds(db, actor.accountId),
    queries.listExpensesPage(db, actor.accountId, abilities.entryScope, filters, window),
  ]);
  const now = new Date();
  return {
    items: rows.map((expense) => presentExpense(abilities, account, categoryId, expense, now)),
    total,
  };
}

async function findWritableExpense(db: Executor, abilities: Abilities, id: string): Promise<ExpenseRow> {
  const expense = await queries.findExpense(db, abilities.actor.accountId, id);
  return assertWritable(abilities, expense, 'Expense');
}

/**
 * An expense the actor may change now, with what it was checked against: visible, theirs to edit,
 * and not locked (the one lock rule, decision 0019).
 */
async function findEditableExpense(db: Executor, actor: Actor, id: string) {
  const [account, abilities] = await Promise.all([
    findAccount(db, actor.accountId),
    loadAbilities(db, actor),
  ]);
  const expense = await findWritableExpense(db, abilities, id);
  assertNotLocked('expense', expense, account, abilities);
  return { account, abilities, expense };
}

/**
 * A write found the expense changed since it was read (submitted, approved, invoiced or deleted by
 * a concurrent request): answered as if the change had come first.
 */
async function refuseChanged(
  db: Executor,
  abilities: Abilities,
  account: AccountRow,
  id: string,
): Promise<never> {
  const now = await findReadableExpense(db, abilities, id);
  assertNotLocked('expense', now, account, abilities);
  throw new ConflictError('The expense changed while this request ran; read it again and retry');
}

export async function updateExpense(
  db: Executor,
  actor: Actor,
  id: string,
  input: UpdateExpenseInput,
): Promise<ExpenseResponse> {
  assertCreationFieldsUnchanged(input);
  assertMetadataFits(input.metadata);
  const { account, abilities, expense } = await findEditableExpense(db, actor, id);
  if (input.spent_date !== undefined && !abilities.editLockedPeriod) {
    assertDateOpen('expense', input.spent_date, account);
  }

  const changes: Partial<queries.NewExpenseRow> = {
    ...lockOverride({ ...expense, spentDate: input.spent_date ?? expense.spentDate }, account, abilities),
  };
  const category =
    input.expense_category_id === undefined
      ? await findCategory(db, actor.accountId, expense.expenseCategoryId)
      : activeCategory(
          await findCategory(db, actor.accountId, input.expense_category_id, 'expense_category_id'),
        );
  changes.expenseCategoryId = category.id;
  const repriced =
    input.expense_category_id !== undefined ||
    input.units !== undefined ||
    input.unit_price !== undefined ||
    input.total_cost !== undefined;
  if (repriced) {
    // Fields not sent keep their stored values (as the exact `numeric` strings, never through a
    // float), except a total that units x price will recompute.
    const units = input.units === undefined ? expense.units : input.units;
    const pricing = priceExpense(category, {
      units,
      unit_price: input.unit_price === undefined ? expense.unitPrice : input.unit_price,
      total_cost: input.total_cost ?? (units == null ? expense.totalCost : undefined),
    });
    Object.assign(changes, pricing);
  }
  if (input.spent_date !== undefined) changes.spentDate = input.spent_date;
  if (input.notes !== undefined) changes.notes = input.notes;
  if (input.billable !== undefined) {
    const project = await findProject(db, actor.accountId, expense.projectId);
    if (input.billable && project.billingType === 'non_billable') {
      throw new BusinessRuleError('Expenses on a non-billable project cannot be billable', 'billable');
    }
    changes.billable = input.billable;
  }
  if (input.metadata !== undefined) changes.metadata = input.metadata;
  const updated = await queries.updateExpense(db, actor.accountId, id, changes, expense.approvalStatus);
  if (updated === undefined) return refuseChanged(db, abilities, account, id);
  return presentExpense(abilities, account, () => publicCategoryId(category), updated);
}

/** Deleting an expense deletes its receipt. */
export async function deleteExpense(
  db: Executor,
  receipts: ReceiptStore,
  actor: Actor,
  id: string,
): Promise<void> {
  const { account, abilities, expense } = await findEditableExpense(db, actor, id);
  const { deleted } = await changeReceipt(db, receipts, actor.accountId, async (tx) => {
    const removed = await queries.deleteExpense(tx, actor.accountId, id, expense.approvalStatus);
    return { deleted: removed !== undefined, previousKey: removed?.receiptKey ?? null };
  });
  if (!deleted) await refuseChanged(db, abilities, account, id);
}

/**
 * Runs a write that leaves the bytes under `previousKey` unreferenced, and removes them: in the
 * same transaction with a transactional store (PostgreSQL), after the commit with another one, so a
 * failed write never loses the bytes its row still points to. An object left behind by a failed
 * removal after the commit is unreferenced and harmless, so that failure is not the user's.
 */
async function changeReceipt<Result extends { previousKey: string | null }>(
  db: Executor,
  receipts: ReceiptStore,
  accountId: string,
  write: (tx: Executor) => Promise<Result>,
): Promise<Result> {
  const result = await db.transaction(async (tx) => {
    const written = await write(tx);
    if (receipts.transactional && written.previousKey !== null) {
      await receipts.remove(tx, accountId, written.previousKey);
    }
    return written;
  });
  if (!receipts.transactional && result.previousKey !== null) {
    await receipts.remove(db, accountId, result.previousKey).catch(() => undefined);
  }
  return result;
}

/**
 * Stores the receipt under a new key and points the expense at it, replacing the one it had. With
 * a store outside the transaction, bytes written for a write that then failed are removed again:
 * a failed upload leaves nothing behind.
 */
async function storeReceipt(
  db: Executor,
  receipts: ReceiptStore,
  accountId: string,
  expenseId: string,
  file: ReceiptFile,
): Promise<ExpenseRow> {
  const key = `${expenseId}/${newId('rcp')}`;
  try {
    const { expense } = await changeReceipt(db, receipts, accountId, async (tx) => {
      await receipts.put(tx, accountId, key, file);
      const replaced = await queries.replaceReceipt(tx, accountId, expenseId, {
        receiptKey: key,
        receiptFileName: file.fileName,
        receiptContentType: file.contentType,
        receiptSize: file.content.length,
      });
      if (replaced === undefined) throw new NotFoundError('Expense');
      return replaced;
    });
    return expense;
  } catch (error) {
    if (!receipts.transactional) await receipts.remove(db, accountId, key).catch(() => undefined);
    throw error;
  }
}

/** Attaches a receipt to an editable expense, replacing the one it had. */
export async function attachReceipt(
  db: Executor,
  receipts: ReceiptStore,
  actor: Actor,
  id: string,
  upload: { content: Buffer; fileName: string | undefined },
): Promise<ExpenseResponse> {
  const { account, abilities } = await findEditableExpense(db, actor, id);
  const file = await acceptReceipt(upload.content, upload.fileName);
  const [updated, categoryId] = await Promise.all([
    storeReceipt(db, receipts, actor.accountId, id, file),
    publicCategoryIds(db, actor.accountId),
  ]);
  return presentExpense(abilities, account, categoryId, updated);
}

/**
 * Creates an expense and its receipt together: the file is checked before anything is written,
 * and the expense is not kept if its receipt cannot be stored.
 */
export async function createExpenseWithReceipt(
  db: Executor,
  receipts: ReceiptStore,
  actor: Actor,
  input: CreateExpenseInput,
  upload: { content: Buffer; fileName: string | undefined },
): Promise<ExpenseResponse> {
  const file = await acceptReceipt(upload.content, upload.fileName);
  const expense = await db.transaction(async (tx) => {
    const created = await createExpense(tx, actor, input);
    return storeReceipt(tx, receipts, actor.accountId, created.id, file);
  });
  const [account, abilities, categoryId] = await Promise.all([
    findAccount(db, actor.accountId),
    loadAbilities(db, actor),
    publicCategoryIds(db, actor.accountId),
  ]);
  return presentExpense(abilities, account, categoryId, expense);
}

/** Removes the receipt of an editable expense. */
export async function removeReceipt(
  db: Executor,
  receipts: ReceiptStore,
  actor: Actor,
  id: string,
): Promise<ExpenseResponse> {
  const { account, abilities, expense } = await findEditableExpense(db, actor, id);
  if (expense.receiptKey === null) throw new NotFoundError('Receipt');
  const [{ expense: updated }, categoryId] = await Promise.all([
    changeReceipt(db, receipts, actor.accountId, async (tx) => {
      const replaced = await queries.replaceReceipt(tx, actor.accountId, id, null);
      if (replaced === undefined) throw new NotFoundError('Expense');
      return replaced;
    }),
    publicCategoryIds(db, actor.accountId),
  ]);
  return presentExpense(abilities, account, categoryId, updated);
}

/**
 * A receipt for whoever may see its expense: the person who logged it, managers who see that
 * person's expenses, administrators (the permission map's `viewEntriesOf`); anyone else gets 404.
 */
export async function readReceipt(
  db: Executor,
  receipts: ReceiptStore,
  actor: Actor,
  id: string,
): Promise<ReceiptFile> {
  const abilities = await loadAbilities(db, actor);
  const expense = await findReadableExpense(db, abilities, id);
  if (expense.receiptKey === null) throw new NotFoundError('Receipt');
  const content = await receipts.get(db, actor.accountId, expense.receiptKey);
  if (content === undefined) throw new NotFoundError('Receipt');
  return {
    content,
    contentType: expense.receiptContentType ?? 'application/octet-stream',
    fileName: expense.receiptFileName ?? 'receipt',
  };
}

/*
 * The approval workflow's state changes (domains/approvals decides who may make them and when).
 */

export const submitExpenses = queries.submitExpenses;
export const transitionExpenses = queries.transitionExpenses;
export const expensesOfTimesheets = queries.expensesOfTimesheets;

/*
 * Invoicing's reads and writes of expenses (domains/invoicing decides what is billed and when).
 */

export const uninvoicedExpenseGroups = queries.uninvoicedExpenseGroups;
export const billExpenseGroups = queries.billExpenseGroups;
export const awaitingApprovalExpenses = queries.awaitingApprovalExpenses;
export const releaseExpenses = queries.releaseExpenses;
