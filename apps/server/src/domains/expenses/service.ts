import type { Database, Executor } from '../../db/client.ts';
import { toNumber } from '../../lib/decimal.ts';
import { BusinessRuleError, NotFoundError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
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
  lockReason,
  writableProjectFor,
} from '../entries/guards.ts';
import { findProject } from '../projects/service.ts';
import { findAccount } from '../workspaces/service.ts';
import { type ExpenseCategoryRow, findCategory, publicCategoryId, publicCategoryIds } from './categories.ts';
import { priceExpense } from './pricing.ts';
import type { ExpenseRow } from './queries.ts';
import * as queries from './queries.ts';
import type {
  CreateExpenseInput,
  ExpenseResponse,
  ListExpensesFilters,
  UpdateExpenseInput,
} from './schemas.ts';

type AccountRow = Awaited<ReturnType<typeof findAccount>>;

export function presentExpense(
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
          },
    approval_status: expense.approvalStatus,
    invoice_id: expense.invoiceId,
    is_locked: lockReason(expense, account, now) !== null,
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
    return { status: 'fulfilled', value: presentExpense(account, categoryId, expense) };
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
  return presentExpense(account, categoryId, expense);
}

export async function listExpenses(
  db: Executor,
  actor: Actor,
  filters: ListExpensesFilters,
): Promise<Page<ExpenseResponse>> {
  const [{ entryScope: scope }, account, categoryId] = await Promise.all([
    loadAbilities(db, actor),
    findAccount(db, actor.accountId),
    publicCategoryIds(db, actor.accountId),
  ]);
  const rows = await queries.listExpenses(db, actor.accountId, scope, filters);
  const now = new Date();
  return toPage(
    rows,
    filters.limit,
    (expense) => presentExpense(account, categoryId, expense, now),
    (expense) => [expense.spentDate, expense.id],
  );
}

/** A numbered page of expenses (the v2 API), with the same visibility rules as listExpenses. */
export async function listExpensesPage(
  db: Executor,
  actor: Actor,
  filters: queries.ExpenseFilters,
  window: { offset: number; limit: number },
): Promise<{ items: ExpenseResponse[]; total: number }> {
  const [{ entryScope: scope }, account, categoryId] = await Promise.all([
    loadAbilities(db, actor),
    findAccount(db, actor.accountId),
    publicCategoryIds(db, actor.accountId),
  ]);
  const { rows, total } = await queries.listExpensesPage(db, actor.accountId, scope, filters, window);
  const now = new Date();
  return { items: rows.map((expense) => presentExpense(account, categoryId, expense, now)), total };
}

async function findWritableExpense(db: Executor, actor: Actor, id: string): Promise<ExpenseRow> {
  const abilities = await loadAbilities(db, actor);
  return assertWritable(abilities, await queries.findExpense(db, actor.accountId, id), 'Expense');
}

export async function updateExpense(
  db: Executor,
  actor: Actor,
  id: string,
  input: UpdateExpenseInput,
): Promise<ExpenseResponse> {
  assertCreationFieldsUnchanged(input);
  assertMetadataFits(input.metadata);
  const account = await findAccount(db, actor.accountId);
  const expense = await findWritableExpense(db, actor, id);
  assertNotLocked('expense', expense, account);
  if (input.spent_date !== undefined) assertDateOpen('expense', input.spent_date, account);

  const changes: Partial<queries.NewExpenseRow> = {};
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
  const updated = await queries.updateExpense(db, actor.accountId, id, changes);
  if (updated === undefined) throw new NotFoundError('Expense');
  return presentExpense(account, () => publicCategoryId(category), updated);
}

export async function deleteExpense(db: Executor, actor: Actor, id: string): Promise<void> {
  const account = await findAccount(db, actor.accountId);
  const expense = await findWritableExpense(db, actor, id);
  assertNotLocked('expense', expense, account);
  await queries.deleteExpense(db, actor.accountId, id);
}
