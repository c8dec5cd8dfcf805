import { and, asc, eq, isNotNull, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { expenseCategories } from '../../db/schema/index.ts';
import { toDecimalString, toNumber } from '../../lib/decimal.ts';
import { BusinessRuleError, NotFoundError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { authorize } from '../access/abilities.ts';
import type { Actor } from '../access/actor.ts';
import { BUILTIN_CATEGORIES } from './builtin-categories.ts';
import type {
  CreateExpenseCategoryInput,
  ExpenseCategoryResponse,
  UpdateExpenseCategoryInput,
} from './schemas.ts';

export type ExpenseCategoryRow = typeof expenseCategories.$inferSelect;

/**
 * Built-in categories are known by `cat_<builtin key>` (e.g. `cat_llm_usage`) in every workspace,
 * so the documentation's examples work verbatim, requests and responses alike. Generated ids
 * never contain a second underscore, so the two kinds cannot collide.
 */
export function publicCategoryId(row: Pick<ExpenseCategoryRow, 'id' | 'builtinKey'>): string {
  return row.builtinKey === null ? row.id : `cat_${row.builtinKey}`;
}

/** Maps stored category ids to the ids the API shows, for presenting expenses. */
export async function publicCategoryIds(
  db: Executor,
  accountId: string,
): Promise<(storedId: string) => string> {
  const builtins = await db
    .select({ id: expenseCategories.id, builtinKey: expenseCategories.builtinKey })
    .from(expenseCategories)
    .where(and(eq(expenseCategories.accountId, accountId), isNotNull(expenseCategories.builtinKey)));
  const byStoredId = new Map(builtins.map((row) => [row.id, publicCategoryId(row)]));
  return (storedId) => byStoredId.get(storedId) ?? storedId;
}

/** Gives a new workspace the built-in categories (expenses/expense-categories, expenses/llm-usage). */
export async function insertBuiltinCategories(db: Executor, accountId: string): Promise<void> {
  await db.insert(expenseCategories).values(
    BUILTIN_CATEGORIES.map((category) => ({
      id: newId('cat'),
      accountId,
      name: category.name,
      unitName: category.unitName,
      unitPrice: category.unitPrice,
      builtinKey: category.key,
    })),
  );
}

function presentCategory(row: ExpenseCategoryRow): ExpenseCategoryResponse {
  return {
    id: publicCategoryId(row),
    name: row.name,
    is_unit_based: row.unitName !== null,
    unit_name: row.unitName,
    unit_price: toNumber(row.unitPrice),
    billable_by_default: row.billableByDefault,
    is_builtin: row.builtinKey !== null,
    is_active: row.isActive,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/** The condition that finds a category by its id or its alias. */
export function categoryIdCondition(idOrAlias: string): SQL {
  const builtinKey = /^cat_[a-z_]+$/.exec(idOrAlias) ? idOrAlias.slice('cat_'.length) : undefined;
  return builtinKey !== undefined
    ? eq(expenseCategories.builtinKey, builtinKey)
    : eq(expenseCategories.id, idOrAlias);
}

export async function findCategory(db: Executor, accountId: string, idOrAlias: string, field?: string) {
  const [row] = await db
    .select()
    .from(expenseCategories)
    .where(and(eq(expenseCategories.accountId, accountId), categoryIdCondition(idOrAlias)))
    .limit(1);
  if (row === undefined) throw new NotFoundError('Expense category', field);
  return row;
}

export async function listCategories(db: Executor, actor: Actor, filters: { is_active?: boolean }) {
  const conditions: SQL[] = [eq(expenseCategories.accountId, actor.accountId)];
  if (filters.is_active !== undefined) conditions.push(eq(expenseCategories.isActive, filters.is_active));
  const rows = await db
    .select()
    .from(expenseCategories)
    .where(and(...conditions))
    .orderBy(asc(expenseCategories.name), asc(expenseCategories.id));
  return rows.map(presentCategory);
}

export async function getCategory(db: Executor, actor: Actor, idOrAlias: string) {
  return presentCategory(await findCategory(db, actor.accountId, idOrAlias));
}

/** A unit-based category needs both a unit name and a price; a standard one neither. */
function checkUnits(
  unitName: string | null | undefined,
  unitPrice: string | number | null | undefined,
): void {
  if ((unitName == null) !== (unitPrice == null)) {
    throw new BusinessRuleError(
      'unit_name and unit_price go together: give both for a unit-based category, neither for a standard one',
      unitName == null ? 'unit_name' : 'unit_price',
    );
  }
}

export async function createCategory(db: Executor, actor: Actor, input: CreateExpenseCategoryInput) {
  await authorize(
    db,
    actor,
    (can) => can.administerWorkspace,
    'Only administrators can manage expense categories',
  );
  checkUnits(input.unit_name, input.unit_price);
  const [row] = await db
    .insert(expenseCategories)
    .values({
      id: newId('cat'),
      accountId: actor.accountId,
      name: input.name,
      unitName: input.unit_name ?? null,
      unitPrice: input.unit_price == null ? null : toDecimalString(input.unit_price),
      billableByDefault: input.billable_by_default,
    })
    .returning();
  if (row === undefined) throw new Error('insert into expense_categories returned no row');
  return presentCategory(row);
}

/** Changes apply to new expenses only: existing expenses keep the prices they were logged with. */
export async function updateCategory(
  db: Executor,
  actor: Actor,
  idOrAlias: string,
  input: UpdateExpenseCategoryInput,
) {
  await authorize(
    db,
    actor,
    (can) => can.administerWorkspace,
    'Only administrators can manage expense categories',
  );
  const existing = await findCategory(db, actor.accountId, idOrAlias);
  const unitName = input.unit_name === undefined ? existing.unitName : input.unit_name;
  const unitPrice =
    input.unit_price === undefined
      ? existing.unitPrice
      : input.unit_price === null
        ? null
        : toDecimalString(input.unit_price);
  checkUnits(unitName, unitPrice);
  const [row] = await db
    .update(expenseCategories)
    .set({
      name: input.name,
      unitName,
      unitPrice,
      billableByDefault: input.billable_by_default,
      isActive: input.is_active,
      archivedAt: input.is_active === undefined ? undefined : input.is_active ? null : new Date(),
      updatedAt: new Date(),
    })
    .where(and(eq(expenseCategories.accountId, actor.accountId), eq(expenseCategories.id, existing.id)))
    .returning();
  if (row === undefined) throw new NotFoundError('Expense category');
  return presentCategory(row);
}
