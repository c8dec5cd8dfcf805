import { and, count, desc, eq, getTableColumns, gte, inArray, lte, ne, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { insertMany } from '../../db/insert-many.ts';
import { beforeDateCursor, beforeDateKey } from '../../db/keyset.ts';
import { selectRows } from '../../db/rows.ts';
import {
  clients,
  expenseCategories,
  expenseInvoiceLinks,
  expenses,
  projects,
  users,
} from '../../db/schema/index.ts';
import type { UserScope } from '../access/abilities.ts';
import { type ApprovalStatus, type EntryTransition, SUBMITTABLE } from '../entries/approval.ts';
import { type BillingSelection, type BillingTarget, lineIdOfGroup } from '../entries/billing.ts';
import { type ExponentOf, type SpendingWindow, spendingWindows } from '../entries/spending.ts';
import { type DateRange, type EntryColumns, entryConditions, metadataCondition } from '../reports/filters.ts';
import type { ReportFilters } from '../reports/schemas.ts';
import { LLM_USAGE_KEY } from './builtin-categories.ts';
import { categoryIdCondition } from './categories.ts';
import type { ListExpensesFilters } from './schemas.ts';

/** An expense with the invoice that bills it (its link's, docs/decisions/0055-invoice-links.md), or null. */
export type ExpenseRow = typeof expenses.$inferSelect & { invoiceId: string | null };
export type NewExpenseRow = typeof expenses.$inferInsert;

const links = expenseInvoiceLinks;

/** The invoice billing the expense of the row at hand: one probe of the link's primary key. */
const invoiceOfRow = sql<
  string | null
>`(SELECT ${links.invoiceId} FROM ${links} WHERE ${links.expenseId} = ${expenses.id})`;
const billedOn = invoiceOfRow.as('invoice_id');
const billed = sql`EXISTS (SELECT 1 FROM ${links} WHERE ${links.expenseId} = ${expenses.id})`;
const notBilled = sql`NOT EXISTS (SELECT 1 FROM ${links} WHERE ${links.expenseId} = ${expenses.id})`;

/** Every column of an expense, and the invoice that bills it. */
const expenseRow = { ...getTableColumns(expenses), invoiceId: billedOn };

/** Rows written with a condition that the expense is not billed (or new) are not billed. */
const unbilled = <Row>(row: Row): Row & { invoiceId: null } => ({ ...row, invoiceId: null });

export async function findExpense(
  db: Executor,
  accountId: string,
  id: string,
): Promise<ExpenseRow | undefined> {
  const [row] = await db
    .select(expenseRow)
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
  if (filters.approval_status !== undefined) {
    conditions.push(eq(expenses.approvalStatus, filters.approval_status));
  }
  if (filters.is_billed !== undefined) {
    conditions.push(filters.is_billed ? billed : notBilled);
  }
  if (filters.invoice_id !== undefined || filters.invoice_line_item_id !== undefined) {
    const linked = and(
      eq(links.accountId, accountId),
      filters.invoice_id === undefined ? undefined : eq(links.invoiceId, filters.invoice_id),
      filters.invoice_line_item_id === undefined
        ? undefined
        : eq(links.invoiceLineItemId, filters.invoice_line_item_id),
    );
    conditions.push(inArray(expenses.id, db.select({ id: links.expenseId }).from(links).where(linked)));
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
  conditions.push(metadataCondition(expenses.metadata, filters));
  return conditions;
}

export async function listExpenses(
  db: Executor,
  accountId: string,
  scope: UserScope,
  filters: ListExpensesFilters,
): Promise<ExpenseRow[]> {
  return selectRows(db, expenses, {
    where: and(
      ...expenseFilterConditions(db, accountId, scope, filters),
      beforeDateCursor(expenses.spentDate, expenses.id, filters.cursor, filters.to),
    ),
    orderBy: [desc(expenses.spentDate), desc(expenses.id)],
    limit: filters.limit + 1,
    extra: { invoiceId: invoiceOfRow },
  });
}

/**
 * An expense as an export writes it, with the names it refers to: numerics and dates as the database
 * writes them, and only the metadata fields an export has columns for.
 */
export type ExpenseExportRow = {
  id: string;
  spentDate: string;
  clientName: string;
  currency: string;
  projectName: string;
  categoryName: string;
  userName: string;
  notes: string | null;
  totalCost: string;
  billable: boolean;
  invoiceId: string | null;
  receiptKey: string | null;
  approvalStatus: ExpenseRow['approvalStatus'];
  source: ExpenseRow['source'];
  agentId: string | null;
  sessionId: string | null;
  model: string | null;
  inputTokens: unknown;
  outputTokens: unknown;
};

/**
 * One batch of an export. Its rows are picked from expenses alone, by the (account, date, id)
 * index, and only they are joined to the names they refer to: joined first, PostgreSQL hash-joins
 * every matching row to return one batch, on every batch (a million-row export read the table 500
 * times). The rows come back as PostgreSQL sends them, under the names below: drizzle's mapping of
 * a subquery's columns cost a third of the export's CPU, for values that need no conversion.
 */
async function exportBatch(db: Executor, where: SQL | undefined, batchSize: number) {
  const batch = db
    .select({
      id: expenses.id,
      spentDate: expenses.spentDate,
      userId: expenses.userId,
      projectId: expenses.projectId,
      expenseCategoryId: expenses.expenseCategoryId,
      notes: expenses.notes,
      totalCost: expenses.totalCost,
      billable: expenses.billable,
      invoiceId: billedOn,
      receiptKey: expenses.receiptKey,
      approvalStatus: expenses.approvalStatus,
      source: expenses.source,
      metadata: expenses.metadata,
    })
    .from(expenses)
    .where(where)
    .orderBy(desc(expenses.spentDate), desc(expenses.id))
    .limit(batchSize);
  const { rows } = await db.execute<ExpenseExportRow>(sql`
    SELECT b.id, b.spent_date AS "spentDate", c.name AS "clientName", c.currency, p.name AS "projectName",
           k.name AS "categoryName", u.name AS "userName", b.notes, b.total_cost AS "totalCost",
           b.billable, b.invoice_id AS "invoiceId", b.receipt_key AS "receiptKey",
           b.approval_status AS "approvalStatus", b.source,
           b.metadata->>'agent_id' AS "agentId", b.metadata->>'session_id' AS "sessionId",
           b.metadata->>'model' AS model, b.metadata->'input_tokens' AS "inputTokens",
           b.metadata->'output_tokens' AS "outputTokens"
    FROM (${batch}) b
    JOIN projects p ON p.id = b.project_id
    JOIN clients c ON c.id = p.client_id
    JOIN users u ON u.id = b.user_id
    JOIN expense_categories k ON k.id = b.expense_category_id
    ORDER BY b.spent_date DESC, b.id DESC`);
  return rows;
}

/**
 * Every expense matching the filters, newest first as the list, in keyset batches of `batchSize`
 * (as timeEntryExportBatches, decision 0040).
 */
export async function* expenseExportBatches(
  db: Executor,
  accountId: string,
  scope: UserScope,
  period: DateRange,
  filters: ReportFilters,
  batchSize: number,
): AsyncGenerator<ExpenseExportRow[]> {
  // The end of the period goes with the seek: one upper bound on the date (db/keyset.ts).
  const conditions = entryConditions(expenseColumns, accountId, scope, { from: period.from }, filters);
  let after: [string, string] | undefined;
  for (;;) {
    const seek = beforeDateKey(expenses.spentDate, expenses.id, after, period.to);
    const rows = await exportBatch(db, and(...conditions, seek), batchSize);
    if (rows.length > 0) yield rows;
    const last = rows.at(-1);
    if (last === undefined || rows.length < batchSize) return;
    after = [last.spentDate, last.id];
  }
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
    selectRows(db, expenses, {
      where: and(eq(expenses.accountId, accountId), inArray(expenses.id, pageIds)),
      orderBy: [desc(expenses.spentDate), desc(expenses.id)],
      extra: { invoiceId: invoiceOfRow },
    }),
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
export async function insertExpenses(db: Executor, rows: NewExpenseRow[]): Promise<ExpenseRow[]> {
  if (rows.length === 0) return [];
  return (await insertMany(db, expenses, NEW_EXPENSE_COLUMNS, rows)).map(unbilled);
}

/**
 * Only while the expense is as the caller read it: not invoiced, and in approval status `status`.
 * A submission or an approval committed meanwhile makes the write a no-op (PostgreSQL re-checks the
 * condition on the row it waited for), never a change to an expense that is now locked.
 */
function unchangedSince(status: ApprovalStatus) {
  return and(eq(expenses.approvalStatus, status), notBilled);
}

/** Changes an expense if its approval status is still `asRead` (else undefined). */
export async function updateExpense(
  db: Executor,
  accountId: string,
  id: string,
  changes: Partial<NewExpenseRow>,
  asRead: ApprovalStatus,
): Promise<ExpenseRow | undefined> {
  const [expense] = await db
    .update(expenses)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(expenses.accountId, accountId), eq(expenses.id, id), unchangedSince(asRead)))
    .returning();
  return expense === undefined ? undefined : unbilled(expense);
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

/**
 * Deletes the expense if its approval status is still `asRead`, returning its receipt's store key
 * (null without one) for the store to forget; undefined when it was not deleted.
 */
export async function deleteExpense(
  db: Executor,
  accountId: string,
  id: string,
  asRead: ApprovalStatus,
): Promise<{ receiptKey: string | null } | undefined> {
  const [deleted] = await db
    .delete(expenses)
    .where(and(eq(expenses.accountId, accountId), eq(expenses.id, id), unchangedSince(asRead)))
    .returning({ receiptKey: expenses.receiptKey });
  return deleted;
}

/**
 * Puts the person's uninvoiced, unsubmitted or rejected expenses of the period into the timesheet
 * `timesheetId` as submitted; the ids it moved.
 */
export async function submitExpenses(
  db: Executor,
  accountId: string,
  submission: { userId: string; from: string; to: string; timesheetId: string; at: Date },
): Promise<string[]> {
  const rows = await db
    .update(expenses)
    .set({
      approvalStatus: 'submitted',
      submittedAt: submission.at,
      timesheetId: submission.timesheetId,
      updatedAt: submission.at,
    })
    .where(
      and(
        eq(expenses.accountId, accountId),
        eq(expenses.userId, submission.userId),
        gte(expenses.spentDate, submission.from),
        lte(expenses.spentDate, submission.to),
        inArray(expenses.approvalStatus, SUBMITTABLE),
        notBilled,
      ),
    )
    .returning({ id: expenses.id });
  return rows.map((row) => row.id);
}

/** Moves the timesheet's expenses that are in `transition.from`; the ids it moved. */
export async function transitionExpenses(
  db: Executor,
  accountId: string,
  timesheetId: string,
  transition: EntryTransition,
): Promise<string[]> {
  const rows = await db
    .update(expenses)
    .set({
      approvalStatus: transition.to,
      approvedAt: transition.approvedAt,
      approvedById: transition.approvedById,
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(expenses.accountId, accountId),
        eq(expenses.timesheetId, timesheetId),
        unchangedSince(transition.from),
      ),
    )
    .returning({ id: expenses.id });
  return rows.map((row) => row.id);
}

/** The expenses of some timesheets, by date. */
export function expensesOfTimesheets(
  db: Executor,
  accountId: string,
  timesheetIds: string[],
): Promise<ExpenseRow[]> {
  if (timesheetIds.length === 0) return Promise.resolve([]);
  return db
    .select(expenseRow)
    .from(expenses)
    .where(and(eq(expenses.accountId, accountId), inArray(expenses.timesheetId, timesheetIds)))
    .orderBy(expenses.spentDate, expenses.createdAt);
}

export interface ReceiptColumns {
  receiptKey: string;
  receiptFileName: string;
  receiptContentType: string;
  receiptSize: number;
}

/**
 * Points the expense at a receipt (or at none), returning the updated row and the key it pointed to
 * before, which the caller removes from the store once this has committed.
 */
export async function replaceReceipt(
  db: Executor,
  accountId: string,
  id: string,
  receipt: ReceiptColumns | null,
): Promise<{ expense: ExpenseRow; previousKey: string | null } | undefined> {
  const ours = and(eq(expenses.accountId, accountId), eq(expenses.id, id));
  // Locks the row so two uploads to one expense cannot both read the same previous key.
  const [before] = await db
    .select({ receiptKey: expenses.receiptKey, invoiceId: billedOn })
    .from(expenses)
    .where(ours)
    .for('update');
  if (before === undefined) return undefined;
  const [expense] = await db
    .update(expenses)
    .set({
      receiptKey: receipt?.receiptKey ?? null,
      receiptFileName: receipt?.receiptFileName ?? null,
      receiptContentType: receipt?.receiptContentType ?? null,
      receiptSize: receipt?.receiptSize ?? null,
      updatedAt: new Date(),
    })
    .where(ours)
    .returning();
  if (expense === undefined) return undefined;
  return { expense: { ...expense, invoiceId: before.invoiceId }, previousKey: before.receiptKey };
}

/*
 * Invoicing (docs/decisions/0028-invoice-imports.md, 0055-invoice-links.md): the billable, uninvoiced
 * expenses of some projects, summarised as invoice lines and linked to those lines
 * (expense_invoice_links) by one SQL statement, and released when a line or a draft goes.
 */

export type ExpenseSummaryType = 'project' | 'category' | 'people' | 'detailed';

const EXPENSE_GROUP_KEYS: Record<ExpenseSummaryType, SQL> = {
  project: sql`${expenses.projectId}`,
  category: sql`${expenses.expenseCategoryId}`,
  people: sql`${expenses.userId}`,
  detailed: sql`${expenses.id}`,
};

/** The model an LLM Usage expense was for: its metadata's `model`, else what its notes name before a colon. */
const LLM_MODEL = sql`coalesce(nullif(${expenses.metadata}->>'model', ''), nullif(split_part(${expenses.notes}, ':', 1), ''), 'LLM')`;
// A literal, not a parameter: the expression is also the GROUP BY key, and PostgreSQL matches the
// selected expression to the grouped one only when they are written identically.
const IS_LLM = sql`${expenseCategories.builtinKey} = ${sql.raw(`'${LLM_USAGE_KEY}'`)}`;

/**
 * What makes expenses one line. With `separateLlm`, LLM Usage is billed apart (invoicing/agent-work):
 * a line per model and per-1k price, its quantity the tokens; expenses recorded without units stay
 * apart from those with.
 */
function expenseGroupKey(summary: ExpenseSummaryType, separateLlm: boolean): SQL {
  if (!separateLlm) return EXPENSE_GROUP_KEYS[summary];
  return sql`case when ${IS_LLM}
    then 'llm|' || ${LLM_MODEL} || '|' || coalesce(${expenses.unitPrice}::text, '') || '|' || (${expenses.units} is null)::text
    else ${EXPENSE_GROUP_KEYS[summary]} end`;
}

function uninvoicedExpenses(accountId: string, selection: BillingSelection): SQL | undefined {
  return and(
    eq(expenses.accountId, accountId),
    inArray(expenses.projectId, [...selection.projectIds]),
    eq(expenses.billable, true),
    notBilled,
    selection.from === undefined ? undefined : gte(expenses.spentDate, selection.from),
    selection.to === undefined ? undefined : lte(expenses.spentDate, selection.to),
    selection.approvedOnly ? eq(expenses.approvalStatus, 'approved') : undefined,
  );
}

/** A project's billable, uninvoiced expenses that wait for approval, of one approval status. */
export interface AwaitingExpenses {
  projectId: string;
  approvalStatus: Exclude<ApprovalStatus, 'approved'>;
  /** Their total cost, exact: the caller rounds it to the currency. */
  totalCost: string;
  expenseCount: number;
}

/**
 * What the selection leaves out while Approvals is on: its billable, uninvoiced expenses that are
 * not approved yet, per project and status (as awaitingApprovalTime, time/queries.ts).
 */
export async function awaitingApprovalExpenses(
  db: Executor,
  accountId: string,
  selection: Omit<BillingSelection, 'approvedOnly'>,
): Promise<AwaitingExpenses[]> {
  if (selection.projectIds.length === 0) return [];
  return db
    .select({
      projectId: expenses.projectId,
      approvalStatus: sql<AwaitingExpenses['approvalStatus']>`${expenses.approvalStatus}`,
      totalCost: sql<string>`sum(${expenses.totalCost})::text`,
      expenseCount: sql<number>`count(*)::int`,
    })
    .from(expenses)
    .where(
      and(
        uninvoicedExpenses(accountId, { ...selection, approvedOnly: false }),
        ne(expenses.approvalStatus, 'approved'),
      ),
    )
    .groupBy(expenses.projectId, expenses.approvalStatus);
}

/** One future invoice line of expenses, and what its description is made of. */
export type ExpenseGroup = {
  key: string;
  /** An LLM Usage line of its own: `units` are its tokens (in thousands) at `unitPrice`. */
  isLlm: boolean;
  model: string;
  projectId: string | null;
  projectName: string | null;
  categoryName: string;
  userName: string;
  isAgent: boolean;
  notes: string | null;
  firstDate: string;
  totalCost: string;
  /** Null when some expense of the group has no units. */
  units: string | null;
  unitPrice: string | null;
  expenseCount: number;
  /** The group's place among the others, from 1: in order of their first date, then key. */
  position: number;
};

/**
 * The uninvoiced billable expenses of the selection, one row a line, aggregated by PostgreSQL, as
 * CTEs (`picked`, read once, `sums`, hashed by group, and `groups`, named once), as for time
 * entries (time/queries.ts).
 */
function expenseGroupsCte(
  accountId: string,
  selection: BillingSelection,
  grouping: { summary: ExpenseSummaryType; separateLlm: boolean },
): SQL {
  return sql`
    picked AS (
      SELECT ${expenses.id} AS id, ${expenseGroupKey(grouping.summary, grouping.separateLlm)} AS key,
             ${grouping.separateLlm ? IS_LLM : sql`false`} AS is_llm, ${LLM_MODEL} AS model,
             ${expenses.projectId} AS project_id, ${expenseCategories.name} AS category_name,
             ${expenses.userId} AS user_id, ${expenses.notes} AS notes, ${expenses.spentDate} AS spent_date,
             ${expenses.totalCost} AS total_cost, ${expenses.units} AS units, ${expenses.unitPrice} AS unit_price
      FROM ${expenses}
      JOIN ${expenseCategories} ON ${expenseCategories.id} = ${expenses.expenseCategoryId}
      WHERE ${uninvoicedExpenses(accountId, selection)}
    ),
    sums AS (
      SELECT key, bool_and(is_llm) AS is_llm, min(model) AS model, min(project_id) AS project_id,
             max(project_id) AS other_project_id, min(category_name) AS category_name, min(user_id) AS user_id,
             min(notes) AS notes, min(spent_date) AS first_date, sum(total_cost) AS total_cost,
             case when bool_and(units is not null) then sum(units) end AS units, min(unit_price) AS unit_price,
             count(*)::int AS expense_count
      FROM picked GROUP BY key
    ),
    groups AS MATERIALIZED (
      SELECT s.key, s.is_llm AS "isLlm", s.model,
             case when s.project_id = s.other_project_id then s.project_id end AS "projectId",
             case when s.project_id = s.other_project_id then p.name end AS "projectName",
             s.category_name AS "categoryName", u.name AS "userName", u.user_type = 'agent' AS "isAgent",
             s.notes, s.first_date::text AS "firstDate", s.total_cost::text AS "totalCost", s.units::text AS units,
             s.unit_price::text AS "unitPrice", s.expense_count AS "expenseCount",
             (row_number() OVER (ORDER BY s.first_date, s.key))::int AS position
      FROM sums s
      JOIN ${projects} p ON p.id = s.project_id
      JOIN ${users} u ON u.id = s.user_id
    )`;
}

/** The uninvoiced billable expenses of the selection, one row a line (what an import would make). */
export async function uninvoicedExpenseGroups(
  db: Executor,
  accountId: string,
  selection: BillingSelection,
  summary: ExpenseSummaryType,
  separateLlm: boolean,
): Promise<ExpenseGroup[]> {
  if (selection.projectIds.length === 0) return [];
  const { rows } = await db.execute<ExpenseGroup>(sql`
    WITH ${expenseGroupsCte(accountId, selection, { summary, separateLlm })}
    SELECT * FROM groups ORDER BY position`);
  return rows;
}

/**
 * Bills the selection's unbilled expenses: summarises them as lines and links each to its group's
 * line in one statement, as billTimeGroups (a concurrent import of one of them makes it fail on the
 * link's primary key).
 */
export async function billExpenseGroups(
  db: Executor,
  accountId: string,
  selection: BillingSelection,
  grouping: { summary: ExpenseSummaryType; separateLlm: boolean },
  target: BillingTarget,
): Promise<(ExpenseGroup & { lineId: string })[]> {
  if (selection.projectIds.length === 0) return [];
  const { rows } = await db.execute<ExpenseGroup & { lineId: string }>(sql`
    WITH ${expenseGroupsCte(accountId, selection, grouping)},
    linked AS (
      INSERT INTO ${links} (expense_id, account_id, invoice_id, invoice_line_item_id)
      SELECT picked.id, ${accountId}, ${target.invoiceId}, ${lineIdOfGroup(target)}
      FROM picked JOIN groups ON groups.key = picked.key
    )
    SELECT groups.*, ${lineIdOfGroup(target)} AS "lineId" FROM groups ORDER BY position`);
  return rows;
}

/** Frees the expenses of some lines of an invoice (a line removed, a draft deleted): they are billable again. */
export async function releaseExpenses(
  db: Executor,
  accountId: string,
  invoiceId: string,
  lineIds: readonly string[],
) {
  if (lineIds.length === 0) return;
  await db
    .delete(links)
    .where(
      and(
        eq(links.accountId, accountId),
        eq(links.invoiceId, invoiceId),
        inArray(links.invoiceLineItemId, [...lineIds]),
      ),
    );
}

/**
 * The billable expenses of each project within its window, each rounded to the project's currency
 * as it would be billed, then summed (what a fee budget that includes expenses adds).
 */
export async function billableExpenseSpendingOf(
  db: Executor,
  accountId: string,
  windows: readonly SpendingWindow[],
): Promise<Map<string, string>> {
  if (windows.length === 0) return new Map();
  const result = await db.execute<{ project_id: string; amount: string }>(sql`
    SELECT x.project_id, sum(round(x.total_cost, w.exponent))::text AS amount
    FROM expenses x JOIN ${spendingWindows(windows)} ON w.project_id = x.project_id
    WHERE x.account_id = ${accountId} AND x.billable
      AND (w.from_date IS NULL OR x.spent_date >= w.from_date)
      AND (w.to_date IS NULL OR x.spent_date <= w.to_date)
    GROUP BY x.project_id`);
  return new Map(result.rows.map((row) => [row.project_id, row.amount]));
}

/** The columns the report filters read (domains/reports/filters.ts). */
export const expenseColumns: EntryColumns = {
  accountId: expenses.accountId,
  userId: expenses.userId,
  projectId: expenses.projectId,
  categoryId: expenses.expenseCategoryId,
  spentDate: expenses.spentDate,
  billable: expenses.billable,
  source: expenses.source,
  metadata: expenses.metadata,
  approvalStatus: expenses.approvalStatus,
  billed,
  notBilled,
};

/**
 * LLM Usage expenses (the built-in `llm_usage` category) among those `conditions` select, summed
 * per project, person and model (`metadata.model`) in the client's currency, each expense's cost
 * rounded to the currency first (`exponentOf`), as it is billed, exported and reported
 * (docs/decisions/0066-report-amounts-per-entry.md).
 */
export async function llmSpendByProjectPersonModel(db: Executor, conditions: SQL[], exponentOf: ExponentOf) {
  const { rows } = await db.execute<{
    project_id: string;
    project_name: string;
    user_id: string;
    user_name: string;
    user_type: 'human' | 'agent';
    model: string | null;
    currency: string;
    amount: string;
  }>(sql`
    SELECT expenses.project_id, p.name AS project_name, expenses.user_id, u.name AS user_name, u.user_type,
           expenses.metadata->>'model' AS model, c.currency,
           sum(round(expenses.total_cost, ${exponentOf(sql`c.currency`)}))::text AS amount
    FROM ${expenses}
    JOIN ${expenseCategories} k ON k.id = expenses.expense_category_id AND k.builtin_key = ${LLM_USAGE_KEY}
    JOIN projects p ON p.id = expenses.project_id
    JOIN clients c ON c.id = p.client_id
    JOIN users u ON u.id = expenses.user_id
    WHERE ${and(...conditions)}
    GROUP BY 1, 2, 3, 4, 5, 6, 7`);
  return rows;
}
/** How an expense report groups expenses (reports/expense-reports.md). */
export const EXPENSE_REPORT_GROUPS = ['client', 'project', 'category', 'person'] as const;
export type ExpenseReportGroup = (typeof EXPENSE_REPORT_GROUPS)[number];

/** One group of an expense report in one currency; amounts exact, as PostgreSQL summed them. */
export type ExpenseReportRow = {
  id: string;
  name: string;
  currency: string;
  total_amount: string;
  billable_amount: string;
  uninvoiced_amount: string;
};

const EXPENSE_GROUPS: Record<ExpenseReportGroup, { key: SQL; names: SQL }> = {
  client: { key: sql`p.client_id`, names: sql`clients` },
  project: { key: sql`expenses.project_id`, names: sql`projects` },
  category: { key: sql`expenses.expense_category_id`, names: sql`expense_categories` },
  person: { key: sql`expenses.user_id`, names: sql`users` },
};

/**
 * An expense report's rows: one SQL GROUP BY over the expenses `conditions` select, a row per
 * group and client currency, names joined once per group. Each expense's cost is rounded to the
 * currency (`exponentOf`, from `currencyExponents`) before it is summed, as it is billed and
 * exported (docs/decisions/0066-report-amounts-per-entry.md). "Uninvoiced" is billable and not yet
 * on an invoice.
 */
export async function expenseReportRows(
  db: Executor,
  conditions: SQL[],
  group: ExpenseReportGroup,
  exponentOf: ExponentOf,
): Promise<ExpenseReportRow[]> {
  const { key, names } = EXPENSE_GROUPS[group];
  const { rows } = await db.execute<ExpenseReportRow>(sql`
    SELECT g.key AS id, n.name, g.currency, g.total_amount::text AS total_amount,
           g.billable_amount::text AS billable_amount, g.uninvoiced_amount::text AS uninvoiced_amount
    FROM (
      SELECT ${key} AS key, c.currency,
             sum(round(expenses.total_cost, ${exponentOf(sql`c.currency`)})) AS total_amount,
             coalesce(sum(round(expenses.total_cost, ${exponentOf(sql`c.currency`)})) FILTER (WHERE expenses.billable), 0) AS billable_amount,
             coalesce(sum(round(expenses.total_cost, ${exponentOf(sql`c.currency`)}))
               FILTER (WHERE expenses.billable AND billed.expense_id IS NULL), 0) AS uninvoiced_amount
      FROM ${expenses}
      LEFT JOIN ${links} billed ON billed.expense_id = expenses.id
      JOIN projects p ON p.id = expenses.project_id
      JOIN clients c ON c.id = p.client_id
      WHERE ${and(...conditions)}
      GROUP BY 1, 2
    ) g
    JOIN ${names} n ON n.id = g.key
    ORDER BY n.name, g.key, g.currency`);
  return rows;
}

/** An expense of the detailed report, with the names it is shown with. */
export interface ExpenseReportEntryRow {
  id: string;
  spentDate: string;
  userId: string;
  userName: string;
  clientId: string;
  clientName: string;
  currency: string;
  projectId: string;
  projectName: string;
  categoryId: string;
  categoryName: string;
  notes: string | null;
  totalCost: string;
  billable: boolean;
  hasReceipt: boolean;
  source: ExpenseRow['source'];
  approvalStatus: ExpenseRow['approvalStatus'];
  invoiceId: string | null;
}

/** The detailed expense report: the expenses `conditions` select, newest first, one cursor page. */
export function expenseReportEntries(
  db: Executor,
  conditions: SQL[],
  page: { cursor: string | undefined; to: string | undefined; limit: number },
): Promise<ExpenseReportEntryRow[]> {
  return db
    .select({
      id: expenses.id,
      spentDate: expenses.spentDate,
      userId: expenses.userId,
      userName: users.name,
      clientId: clients.id,
      clientName: clients.name,
      currency: clients.currency,
      projectId: expenses.projectId,
      projectName: projects.name,
      categoryId: expenses.expenseCategoryId,
      categoryName: expenseCategories.name,
      notes: expenses.notes,
      totalCost: expenses.totalCost,
      billable: expenses.billable,
      hasReceipt: sql<boolean>`${expenses.receiptKey} IS NOT NULL`,
      source: expenses.source,
      approvalStatus: expenses.approvalStatus,
      invoiceId: billedOn,
    })
    .from(expenses)
    .innerJoin(users, eq(users.id, expenses.userId))
    .innerJoin(projects, eq(projects.id, expenses.projectId))
    .innerJoin(clients, eq(clients.id, projects.clientId))
    .innerJoin(expenseCategories, eq(expenseCategories.id, expenses.expenseCategoryId))
    .where(and(...conditions, beforeDateCursor(expenses.spentDate, expenses.id, page.cursor, page.to)))
    .orderBy(desc(expenses.spentDate), desc(expenses.id))
    .limit(page.limit + 1);
}
