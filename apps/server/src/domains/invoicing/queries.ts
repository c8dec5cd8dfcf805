import {
  and,
  asc,
  desc,
  eq,
  gt,
  gte,
  inArray,
  isNull,
  lt,
  ne,
  notInArray,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { insertMany } from '../../db/insert-many.ts';
import { beforeDateCursor } from '../../db/keyset.ts';
import {
  clients,
  invoiceLineItems,
  invoiceLogos,
  invoicePayments,
  invoiceSettings,
  invoices,
} from '../../db/schema/index.ts';
import type { ListInvoicesFilters } from './schemas.ts';

export type InvoiceRow = typeof invoices.$inferSelect;
export type NewInvoiceRow = typeof invoices.$inferInsert;
export type LineItemRow = typeof invoiceLineItems.$inferSelect;
export type NewLineItemRow = typeof invoiceLineItems.$inferInsert;
export type PaymentRow = typeof invoicePayments.$inferSelect;
export type SettingsRow = typeof invoiceSettings.$inferSelect;

/*
 * Settings: one row a workspace, made on first use with the defaults of the schema.
 */

export async function findSettings(db: Executor, accountId: string): Promise<SettingsRow> {
  const [existing] = await db.select().from(invoiceSettings).where(eq(invoiceSettings.accountId, accountId));
  if (existing !== undefined) return existing;
  await db.insert(invoiceSettings).values({ accountId }).onConflictDoNothing();
  const [made] = await db.select().from(invoiceSettings).where(eq(invoiceSettings.accountId, accountId));
  if (made === undefined) throw new Error('invoice settings row missing after insert');
  return made;
}

export async function updateSettings(
  db: Executor,
  accountId: string,
  changes: Partial<typeof invoiceSettings.$inferInsert>,
): Promise<SettingsRow> {
  await findSettings(db, accountId);
  const [row] = await db
    .update(invoiceSettings)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(invoiceSettings.accountId, accountId))
    .returning();
  if (row === undefined) throw new Error('invoice settings row missing');
  return row;
}

/**
 * Hands out the next sequence number and the pattern it goes into. The UPDATE locks the settings
 * row until the caller's transaction ends, so invoices issued at once take consecutive numbers in
 * turn, and a transaction that rolls back gives its number back: no duplicates and no gaps.
 */
export async function takeNextNumber(
  db: Executor,
  accountId: string,
): Promise<{ sequence: number; pattern: string }> {
  const [row] = await db
    .insert(invoiceSettings)
    .values({ accountId, nextNumber: 2 })
    .onConflictDoUpdate({
      target: invoiceSettings.accountId,
      set: { nextNumber: sql`${invoiceSettings.nextNumber} + 1` },
    })
    .returning({ next: invoiceSettings.nextNumber, pattern: invoiceSettings.numberPattern });
  if (row === undefined) throw new Error('invoice settings upsert returned no row');
  return { sequence: row.next - 1, pattern: row.pattern };
}

export async function numberInUse(db: Executor, accountId: string, number: string): Promise<boolean> {
  const [row] = await db
    .select({ id: invoices.id })
    .from(invoices)
    .where(and(eq(invoices.accountId, accountId), eq(invoices.number, number)))
    .limit(1);
  return row !== undefined;
}

export async function findLogo(db: Executor, accountId: string) {
  const [row] = await db.select().from(invoiceLogos).where(eq(invoiceLogos.accountId, accountId));
  return row;
}

export async function hasLogo(db: Executor, accountId: string): Promise<boolean> {
  const [row] = await db
    .select({ accountId: invoiceLogos.accountId })
    .from(invoiceLogos)
    .where(eq(invoiceLogos.accountId, accountId));
  return row !== undefined;
}

export async function putLogo(
  db: Executor,
  accountId: string,
  logo: { content: Buffer; contentType: string },
): Promise<void> {
  const values = { content: logo.content, contentType: logo.contentType, size: logo.content.length };
  await db
    .insert(invoiceLogos)
    .values({ accountId, ...values })
    .onConflictDoUpdate({ target: invoiceLogos.accountId, set: { ...values, updatedAt: new Date() } });
}

export async function deleteLogo(db: Executor, accountId: string): Promise<void> {
  await db.delete(invoiceLogos).where(eq(invoiceLogos.accountId, accountId));
}

/*
 * Invoices and their lines.
 */

export type InvoiceWithClient = InvoiceRow & { clientName: string };

const withClient = { invoice: invoices, clientName: clients.name };

/** The invoice with its client's name; `forUpdate` locks it until the transaction ends. */
export async function findInvoice(
  db: Executor,
  accountId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<InvoiceWithClient | undefined> {
  const query = db
    .select(withClient)
    .from(invoices)
    .innerJoin(clients, eq(clients.id, invoices.clientId))
    .where(and(eq(invoices.accountId, accountId), eq(invoices.id, id)))
    .limit(1);
  const [row] = options.forUpdate ? await query.for('update', { of: invoices }) : await query;
  return row === undefined ? undefined : { ...row.invoice, clientName: row.clientName };
}

export async function insertInvoice(db: Executor, row: NewInvoiceRow): Promise<InvoiceRow> {
  const [invoice] = await db.insert(invoices).values(row).returning();
  if (invoice === undefined) throw new Error('insert into invoices returned no row');
  return invoice;
}

export async function updateInvoice(
  db: Executor,
  accountId: string,
  id: string,
  changes: Partial<NewInvoiceRow>,
): Promise<void> {
  await db
    .update(invoices)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(invoices.accountId, accountId), eq(invoices.id, id)));
}

export async function deleteInvoice(db: Executor, accountId: string, id: string): Promise<void> {
  await db.delete(invoices).where(and(eq(invoices.accountId, accountId), eq(invoices.id, id)));
}

/**
 * The invoice a client page key opens, in any workspace: the key is the only thing the client has
 * (keys are unique across workspaces, invoices_client_key_unique).
 */
export async function findByClientKey(db: Executor, key: string) {
  const [row] = await db
    .select({ accountId: invoices.accountId, id: invoices.id, state: invoices.state })
    .from(invoices)
    .where(eq(invoices.clientKey, key))
    .limit(1);
  return row;
}

/** Sets `viewed_at` on the client page's first view only; two first views at once record one instant. */
export async function recordFirstView(db: Executor, accountId: string, id: string, at: Date): Promise<void> {
  await db
    .update(invoices)
    .set({ viewedAt: at })
    .where(and(eq(invoices.accountId, accountId), eq(invoices.id, id), isNull(invoices.viewedAt)));
}

/**
 * A manager reaches an invoice when every line with a project is on a project they manage, and
 * the invoice has such a line or is theirs (a free-form draft they made).
 */
function reachableBy(scope: InvoiceScope): SQL | undefined {
  if (scope.kind === 'all') return undefined;
  const foreignLine = sql`exists (select 1 from ${invoiceLineItems} where ${invoiceLineItems.invoiceId} = ${invoices.id}
    and ${invoiceLineItems.projectId} is not null
    and ${scope.projectIds.length === 0 ? sql`true` : notInArray(invoiceLineItems.projectId, [...scope.projectIds])})`;
  const ownLine = sql`exists (select 1 from ${invoiceLineItems} where ${invoiceLineItems.invoiceId} = ${invoices.id}
    and ${invoiceLineItems.projectId} is not null)`;
  return and(sql`not ${foreignLine}`, or(ownLine, eq(invoices.createdById, scope.userId)));
}

/** Whose invoices a list shows (abilities.invoiceEveryProject, else the projects one manages). */
export type InvoiceScope =
  | { kind: 'all' }
  | { kind: 'projects'; projectIds: readonly string[]; userId: string };

/** Open, something due, and due before `today` (the workspace's date). */
function overdue(today: string): SQL {
  return and(
    eq(invoices.state, 'open'),
    lt(invoices.dueDate, today),
    gt(invoices.amount, invoices.paidAmount),
  ) as SQL;
}

export async function listInvoices(
  db: Executor,
  accountId: string,
  scope: InvoiceScope,
  filters: ListInvoicesFilters,
  today: string,
): Promise<InvoiceWithClient[]> {
  const conditions: (SQL | undefined)[] = [
    eq(invoices.accountId, accountId),
    beforeDateCursor(invoices.issueDate, invoices.id, filters.cursor, filters.to),
    reachableBy(scope),
  ];
  if (filters.state !== undefined) conditions.push(eq(invoices.state, filters.state));
  if (filters.client_id !== undefined) conditions.push(eq(invoices.clientId, filters.client_id));
  if (filters.from !== undefined) conditions.push(gte(invoices.issueDate, filters.from));
  if (filters.is_overdue !== undefined) {
    conditions.push(filters.is_overdue ? overdue(today) : sql`not (${overdue(today)})`);
  }
  const rows = await db
    .select(withClient)
    .from(invoices)
    .innerJoin(clients, eq(clients.id, invoices.clientId))
    .where(and(...conditions))
    .orderBy(desc(invoices.issueDate), desc(invoices.id))
    .limit(filters.limit + 1);
  return rows.map((row) => ({ ...row.invoice, clientName: row.clientName }));
}

/** Whether the manager scope reaches this invoice (as the list would show it). */
export async function invoiceInScope(
  db: Executor,
  accountId: string,
  id: string,
  scope: InvoiceScope,
): Promise<boolean> {
  if (scope.kind === 'all') return true;
  const [row] = await db
    .select({ id: invoices.id })
    .from(invoices)
    .where(and(eq(invoices.accountId, accountId), eq(invoices.id, id), reachableBy(scope)))
    .limit(1);
  return row !== undefined;
}

/** The lines of some invoices, in their order. */
export function linesOf(
  db: Executor,
  accountId: string,
  invoiceIds: readonly string[],
): Promise<LineItemRow[]> {
  if (invoiceIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(invoiceLineItems)
    .where(
      and(eq(invoiceLineItems.accountId, accountId), inArray(invoiceLineItems.invoiceId, [...invoiceIds])),
    )
    .orderBy(asc(invoiceLineItems.invoiceId), asc(invoiceLineItems.position));
}

const LINE_COLUMNS = [
  'id',
  'accountId',
  'invoiceId',
  'position',
  'kind',
  'description',
  'quantity',
  'unitPrice',
  'amount',
  'taxed',
  'taxed2',
  'projectId',
  'fixedFeeProjectId',
  'timeEntryCount',
  'expenseCount',
] as const;

export function insertLines(db: Executor, rows: NewLineItemRow[]): Promise<LineItemRow[]> {
  if (rows.length === 0) return Promise.resolve([]);
  return insertMany(db, invoiceLineItems, LINE_COLUMNS, rows);
}

/** Rewrites kept lines (their place, text, figures) in one statement. */
export async function updateLines(db: Executor, accountId: string, rows: NewLineItemRow[]): Promise<void> {
  if (rows.length === 0) return;
  const column = <Key extends keyof NewLineItemRow>(key: Key) =>
    sql.param(rows.map((row) => row[key] ?? null));
  await db.execute(sql`
    UPDATE ${invoiceLineItems} SET
      position = line.position, kind = line.kind, description = line.description,
      quantity = line.quantity, unit_price = line.unit_price, amount = line.amount,
      taxed = line.taxed, taxed2 = line.taxed2, project_id = line.project_id, updated_at = now()
    FROM unnest(${column('id')}::text[], ${column('position')}::int[], ${column('kind')}::text[],
                ${column('description')}::text[], ${column('quantity')}::numeric[], ${column('unitPrice')}::numeric[],
                ${column('amount')}::numeric[], ${column('taxed')}::boolean[], ${column('taxed2')}::boolean[],
                ${column('projectId')}::text[])
      AS line(id, position, kind, description, quantity, unit_price, amount, taxed, taxed2, project_id)
    WHERE ${invoiceLineItems.accountId} = ${accountId} AND ${invoiceLineItems.id} = line.id`);
}

/** What a fixed-fee project's fee lines on invoices in one currency come to. */
export interface InvoicedFee {
  currency: string;
  amount: string;
}

/**
 * What was invoiced of each of some fixed-fee projects' fees, per currency of the invoices their fee
 * lines are on (every invoice, whatever its state; a deleted draft's lines are gone with it), but for
 * the invoice `excludeInvoiceId` when given. `forUpdate` first takes a lock on each project's fee
 * until the transaction ends, so two imports or edits at once cannot both take the same remainder.
 */
export async function invoicedFixedFees(
  db: Executor,
  accountId: string,
  projectIds: readonly string[],
  options: { forUpdate?: boolean; excludeInvoiceId?: string } = {},
): Promise<Map<string, InvoicedFee[]>> {
  if (projectIds.length === 0) return new Map();
  if (options.forUpdate) {
    // Sorted, so two imports of overlapping projects take the locks in one order and cannot deadlock.
    await db.execute(sql`
      SELECT pg_advisory_xact_lock(hashtextextended('invoice_fixed_fee:' || project_id, 0))
      FROM unnest(${sql.param([...projectIds].sort())}::text[]) AS project_id`);
  }
  const rows = await db
    .select({
      projectId: invoiceLineItems.fixedFeeProjectId,
      currency: invoices.currency,
      amount: sql<string>`sum(${invoiceLineItems.amount})::text`,
    })
    .from(invoiceLineItems)
    .innerJoin(invoices, eq(invoices.id, invoiceLineItems.invoiceId))
    .where(
      and(
        eq(invoiceLineItems.accountId, accountId),
        inArray(invoiceLineItems.fixedFeeProjectId, [...projectIds]),
        options.excludeInvoiceId === undefined ? undefined : ne(invoices.id, options.excludeInvoiceId),
      ),
    )
    .groupBy(invoiceLineItems.fixedFeeProjectId, invoices.currency)
    .orderBy(invoices.currency);
  const invoiced = new Map<string, InvoicedFee[]>();
  for (const row of rows) {
    if (row.projectId === null) continue;
    invoiced.set(row.projectId, [
      ...(invoiced.get(row.projectId) ?? []),
      { currency: row.currency, amount: row.amount },
    ]);
  }
  return invoiced;
}

export async function deleteLines(
  db: Executor,
  accountId: string,
  lineIds: readonly string[],
): Promise<void> {
  if (lineIds.length === 0) return;
  await db
    .delete(invoiceLineItems)
    .where(and(eq(invoiceLineItems.accountId, accountId), inArray(invoiceLineItems.id, [...lineIds])));
}

/*
 * Payments.
 */

export async function insertPayment(
  db: Executor,
  row: typeof invoicePayments.$inferInsert,
): Promise<PaymentRow> {
  const [payment] = await db.insert(invoicePayments).values(row).returning();
  if (payment === undefined) throw new Error('insert into invoice_payments returned no row');
  return payment;
}

/** The workspace an invoice belongs to, by its id alone: only to find the tenant of a verified provider event. */
export async function accountOfInvoice(db: Executor, id: string): Promise<string | undefined> {
  const [row] = await db
    .select({ accountId: invoices.accountId })
    .from(invoices)
    .where(eq(invoices.id, id))
    .limit(1);
  return row?.accountId;
}

/** A provider's payment already recorded under this transaction id, if any. */
export async function findProviderPayment(
  db: Executor,
  accountId: string,
  provider: string,
  transactionId: string,
): Promise<PaymentRow | undefined> {
  const [row] = await db
    .select()
    .from(invoicePayments)
    .where(
      and(
        eq(invoicePayments.accountId, accountId),
        eq(invoicePayments.provider, provider),
        eq(invoicePayments.transactionId, transactionId),
      ),
    )
    .limit(1);
  return row;
}

/** An invoice's payments in the order they count towards its balance: by date, then as recorded. */
export function paymentsOf(db: Executor, accountId: string, invoiceId: string): Promise<PaymentRow[]> {
  return db
    .select()
    .from(invoicePayments)
    .where(and(eq(invoicePayments.accountId, accountId), eq(invoicePayments.invoiceId, invoiceId)))
    .orderBy(asc(invoicePayments.paidDate), asc(invoicePayments.id));
}

export async function deletePayment(
  db: Executor,
  accountId: string,
  invoiceId: string,
  paymentId: string,
): Promise<PaymentRow | undefined> {
  const [row] = await db
    .delete(invoicePayments)
    .where(
      and(
        eq(invoicePayments.accountId, accountId),
        eq(invoicePayments.invoiceId, invoiceId),
        eq(invoicePayments.id, paymentId),
      ),
    )
    .returning();
  return row;
}

/*
 * Receivables.
 */

export interface AgingRow {
  clientId: string;
  clientName: string;
  currency: string;
  days0To30: string;
  days31To60: string;
  days61To90: string;
  daysOver90: string;
  total: string;
}

/**
 * What open invoices still owe, per client and currency, by days past due on `today` (not yet due
 * counts as 0-30). Closed and paid invoices owe nothing; drafts were never sent.
 */
export function aging(
  db: Executor,
  accountId: string,
  scope: InvoiceScope,
  today: string,
): Promise<AgingRow[]> {
  const due = sql`(${invoices.amount} - ${invoices.paidAmount})`;
  const late = sql`(${today}::date - ${invoices.dueDate})`;
  const bucket = (condition: SQL) => sql<string>`coalesce(sum(${due}) filter (where ${condition}), 0)::text`;
  return db
    .select({
      clientId: invoices.clientId,
      clientName: sql<string>`min(${clients.name})`,
      currency: invoices.currency,
      days0To30: bucket(sql`${late} <= 30`),
      days31To60: bucket(sql`${late} between 31 and 60`),
      days61To90: bucket(sql`${late} between 61 and 90`),
      daysOver90: bucket(sql`${late} > 90`),
      total: sql<string>`sum(${due})::text`,
    })
    .from(invoices)
    .innerJoin(clients, eq(clients.id, invoices.clientId))
    .where(
      and(
        eq(invoices.accountId, accountId),
        eq(invoices.state, 'open'),
        ne(invoices.amount, invoices.paidAmount),
        reachableBy(scope),
      ),
    )
    .groupBy(invoices.clientId, invoices.currency)
    .orderBy(sql`min(${clients.name})`, invoices.clientId, invoices.currency);
}
