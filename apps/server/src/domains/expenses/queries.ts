import { and, count, desc, eq, gte, inArray, isNotNull, isNull, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { insertMany } from '../../db/insert-many.ts';
import { beforeDateCursor } from '../../db/keyset.ts';
import { expenseCategories, expenses, projects } from '../../db/schema/index.ts';
import type { UserScope } from '../access/abilities.ts';
import { categoryIdCondition } from './categories.ts';
import type { ListExpensesFilters } from './schemas.ts';

export type ExpenseRow = typeof expenses.$inferSelect;
export type NewExpenseRow = typeof expenses.$inferInsert;

export async function findExpense(
  db: Executor,
  accountId: string,
  id: string,
): Promise<ExpenseRow | undefined> {
  const [row] = await db
    .select()
    .from(expenses)
    .where(and(eq(expenses.accountId, accountId), eq(expenses.id, id)))
    .limit(1);
  return row;
}

export type ExpenseFilters = Omit<ListExpensesFilters, 'cursor' | 'limit'> & {
  /** ISO timestamp: only expenses changed at or after it (v2). */
  updated_since?: string;
};

/**
 * The filters shared by every expense listing (v1 cursor pages and v2 numbered pages), but for `to`:
 * the upper date bound goes with the cursor (beforeDateCursor).
 */
export function expenseFilterConditions(
  db: Executor,
  accountId: string,
  scope: UserScope,
  filters: ExpenseFilters,
): (SQL | undefined)[] {
  const conditions: (SQL | undefined)[] = [eq(expenses.accountId, accountId)];
  if (scope.kind === 'some') conditions.push(inArray(expenses.userId, scope.userIds));
  if (filters.source !== undefined) conditions.push(eq(expenses.source, filters.source));
  if (filters.project_id !== undefined) conditions.push(eq(expenses.projectId, filters.project_id));
  if (filters.user_id !== undefined) conditions.push(eq(expenses.userId, filters.user_id));
  if (filters.from !== undefined) conditions.push(gte(expenses.spentDate, filters.from));
  if (filters.updated_since !== undefined) {
    conditions.push(gte(expenses.updatedAt, new Date(filters.updated_since)));
  }
  if (filters.billable !== undefined) conditions.push(eq(expenses.billable, filters.billable));
  if (filters.is_billed !== undefined) {
    conditions.push(filters.is_billed ? isNotNull(expenses.invoiceId) : isNull(expenses.invoiceId));
  }
  if (filters.expense_category_id !== undefined) {
    const category = db
      .select({ id: expenseCategories.id })
      .from(expenseCategories)
      .where(
        and(eq(expenseCategories.accountId, accountId), categoryIdCondition(filters.expense_category_id)),
      );
    conditions.push(inArray(expenses.expenseCategoryId, category));
  }
  if (filters.client_id !== undefined) {
    const clientProjects = db
      .select({ id: projects.id })
      .from(projects)
      .where(and(eq(projects.accountId, accountId), eq(projects.clientId, filters.client_id)));
    conditions.push(inArray(expenses.projectId, clientProjects));
  }
  return conditions;
}

export async function listExpenses(
  db: Executor,
  accountId: string,
  scope: UserScope,
  filters: ListExpensesFilters,
): Promise<ExpenseRow[]> {
  return db
    .select()
    .from(expenses)
    .where(
      and(
        ...expenseFilterConditions(db, accountId, scope, filters),
        beforeDateCursor(expenses.spentDate, expenses.id, filters.cursor, filters.to),
      ),
    )
    .orderBy(desc(expenses.spentDate), desc(expenses.id))
    .limit(filters.limit + 1);
}

/** One numbered page (v2), in the same order as the cursor pages, with the total for the envelope. */
export async function listExpensesPage(
  db: Executor,
  accountId: string,
  scope: UserScope,
  filters: ExpenseFilters,
  window: { offset: number; limit: number },
): Promise<{ rows: ExpenseRow[]; total: number }> {
  const where = and(
    ...expenseFilterConditions(db, accountId, scope, filters),
    beforeDateCursor(expenses.spentDate, expenses.id, undefined, filters.to),
  );
  // A numbered page has to skip `offset` rows, which no cursor can seek past. The skipping reads only
  // ids, from the (account, date, id) index without visiting the table, and the whole rows are read
  // for the page alone: a deep page no longer fetches every row before it (decision 0023).
  const pageIds = db
    .select({ id: expenses.id })
    .from(expenses)
    .where(where)
    .orderBy(desc(expenses.spentDate), desc(expenses.id))
    .offset(window.offset)
    .limit(window.limit);
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(expenses)
      .where(and(eq(expenses.accountId, accountId), inArray(expenses.id, pageIds)))
      .orderBy(desc(expenses.spentDate), desc(expenses.id)),
    db.select({ total: count() }).from(expenses).where(where),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
}

/** What a new expense is written with; receipts, approval, invoicing, locking and timestamps start at their defaults. */
const NEW_EXPENSE_COLUMNS = [
  'id',
  'accountId',
  'userId',
  'projectId',
  'expenseCategoryId',
  'spentDate',
  'units',
  'unitPrice',
  'totalCost',
  'notes',
  'billable',
  'source',
  'metadata',
] as const;

/** Many expenses in one statement; returned in the order given. */
export function insertExpenses(db: Executor, rows: NewExpenseRow[]): Promise<ExpenseRow[]> {
  return rows.length === 0 ? Promise.resolve([]) : insertMany(db, expenses, NEW_EXPENSE_COLUMNS, rows);
}

export async function updateExpense(
  db: Executor,
  accountId: string,
  id: string,
  changes: Partial<NewExpenseRow>,
): Promise<ExpenseRow | undefined> {
  const [expense] = await db
    .update(expenses)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(expenses.accountId, accountId), eq(expenses.id, id)))
    .returning();
  return expense;
}

/** Whether anyone logged an expense on the project (it can then only be archived). */
export async function projectHasExpenses(db: Executor, accountId: string, projectId: string) {
  const [row] = await db
    .select({ id: expenses.id })
    .from(expenses)
    .where(and(eq(expenses.accountId, accountId), eq(expenses.projectId, projectId)))
    .limit(1);
  return row !== undefined;
}

export async function deleteExpense(db: Executor, accountId: string, id: string): Promise<void> {
  await db.delete(expenses).where(and(eq(expenses.accountId, accountId), eq(expenses.id, id)));
}
