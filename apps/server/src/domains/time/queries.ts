import {
  and,
  desc,
  eq,
  getTableColumns,
  gte,
  inArray,
  isNotNull,
  isNull,
  lte,
  ne,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { insertMany } from '../../db/insert-many.ts';
import { beforeDateCursor, beforeDateKey } from '../../db/keyset.ts';
import { preparedPer } from '../../db/prepared.ts';
import { selectRows } from '../../db/rows.ts';
import {
  accounts,
  clients,
  projects,
  projectTaskAssignments,
  projectUserAssignments,
  tasks,
  timeEntries,
  timeEntryInvoiceLinks,
  users,
} from '../../db/schema/index.ts';
import type { Weekday } from '../../lib/workspace-clock.ts';
import type { UserScope } from '../access/abilities.ts';
import { type ApprovalStatus, type EntryTransition, SUBMITTABLE } from '../entries/approval.ts';
import { type BillingSelection, type BillingTarget, lineIdOfGroup } from '../entries/billing.ts';
import { type ExponentOf, type SpendingWindow, spendingWindows } from '../entries/spending.ts';
import { type DateRange, type EntryColumns, entryConditions, metadataCondition } from '../reports/filters.ts';
import type { ReportFilters } from '../reports/schemas.ts';
import type { ListTimeEntriesFilters } from './schemas.ts';

/** An entry with the invoice that bills it (its link's, docs/decisions/0055-invoice-links.md), or null. */
export type TimeEntryRow = typeof timeEntries.$inferSelect & { invoiceId: string | null };
export type NewTimeEntryRow = typeof timeEntries.$inferInsert;

const links = timeEntryInvoiceLinks;

/** The invoice billing the entry of the row at hand: one probe of the link's primary key. */
const invoiceOfRow = sql<
  string | null
>`(SELECT ${links.invoiceId} FROM ${links} WHERE ${links.timeEntryId} = ${timeEntries.id})`;
const billedOn = invoiceOfRow.as('invoice_id');
const billed = sql`EXISTS (SELECT 1 FROM ${links} WHERE ${links.timeEntryId} = ${timeEntries.id})`;
const notBilled = sql`NOT EXISTS (SELECT 1 FROM ${links} WHERE ${links.timeEntryId} = ${timeEntries.id})`;

/** Every column of an entry, and the invoice that bills it. */
const entryRow = { ...getTableColumns(timeEntries), invoiceId: billedOn };

/** Rows written with a condition that the entry is not billed (or new) are not billed. */
const unbilled = <Row>(row: Row): Row & { invoiceId: null } => ({ ...row, invoiceId: null });

export async function findTimeEntry(
  db: Executor,
  accountId: string,
  id: string,
): Promise<TimeEntryRow | undefined> {
  const [row] = await db
    .select(entryRow)
    .from(timeEntries)
    .where(and(eq(timeEntries.accountId, accountId), eq(timeEntries.id, id)))
    .limit(1);
  return row;
}

export async function listTimeEntries(
  db: Executor,
  accountId: string,
  scope: UserScope,
  filters: ListTimeEntriesFilters,
): Promise<TimeEntryRow[]> {
  const conditions: (SQL | undefined)[] = [
    eq(timeEntries.accountId, accountId),
    beforeDateCursor(timeEntries.spentDate, timeEntries.id, filters.cursor, filters.to),
  ];
  if (scope.kind === 'some') conditions.push(inArray(timeEntries.userId, scope.userIds));
  if (filters.source !== undefined) conditions.push(eq(timeEntries.source, filters.source));
  if (filters.project_id !== undefined) conditions.push(eq(timeEntries.projectId, filters.project_id));
  if (filters.task_id !== undefined) conditions.push(eq(timeEntries.taskId, filters.task_id));
  if (filters.user_id !== undefined) conditions.push(eq(timeEntries.userId, filters.user_id));
  if (filters.from !== undefined) conditions.push(gte(timeEntries.spentDate, filters.from));
  if (filters.is_billable !== undefined) conditions.push(eq(timeEntries.isBillable, filters.is_billable));
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
    conditions.push(inArray(timeEntries.id, db.select({ id: links.timeEntryId }).from(links).where(linked)));
  }
  if (filters.approval_status !== undefined) {
    conditions.push(eq(timeEntries.approvalStatus, filters.approval_status));
  }
  if (filters.is_running !== undefined) {
    conditions.push(
      filters.is_running ? isNotNull(timeEntries.timerStartedAt) : isNull(timeEntries.timerStartedAt),
    );
  }
  conditions.push(metadataCondition(timeEntries.metadata, filters));
  if (filters.client_id !== undefined) {
    const clientProjects = db
      .select({ id: projects.id })
      .from(projects)
      .where(and(eq(projects.accountId, accountId), eq(projects.clientId, filters.client_id)));
    conditions.push(inArray(timeEntries.projectId, clientProjects));
  }
  return selectRows(db, timeEntries, {
    where: and(...conditions),
    orderBy: [desc(timeEntries.spentDate), desc(timeEntries.id)],
    limit: filters.limit + 1,
    extra: { invoiceId: invoiceOfRow },
  });
}

/**
 * An entry as an export writes it, with the names it refers to: numerics and dates as the database
 * writes them, and only the metadata fields an export has columns for.
 */
export type TimeEntryExportRow = {
  id: string;
  spentDate: string;
  userId: string;
  clientName: string;
  currency: string;
  projectName: string;
  taskName: string | null;
  userName: string;
  notes: string | null;
  hours: string;
  /** As PostgreSQL writes a timestamptz: drizzle has the driver leave timestamps as text. */
  timerStartedAt: string | null;
  isBillable: boolean;
  invoiceId: string | null;
  approvalStatus: TimeEntryRow['approvalStatus'];
  billableRate: string | null;
  source: TimeEntryRow['source'];
  agentId: string | null;
  sessionId: string | null;
  model: string | null;
  inputTokens: unknown;
  outputTokens: unknown;
};

/**
 * One batch of an export. Its rows are picked from time_entries alone, by the (account, date, id)
 * index, and only they are joined to the names they refer to: joined first, PostgreSQL hash-joins
 * every matching row to return one batch, on every batch (a million-row export read the table 500
 * times). The rows come back as PostgreSQL sends them, under the names below: drizzle's mapping of
 * a subquery's columns cost a third of the export's CPU, for values that need no conversion.
 */
async function exportBatch(db: Executor, where: SQL | undefined, batchSize: number) {
  const batch = db
    .select({
      id: timeEntries.id,
      spentDate: timeEntries.spentDate,
      userId: timeEntries.userId,
      projectId: timeEntries.projectId,
      taskId: timeEntries.taskId,
      notes: timeEntries.notes,
      hours: timeEntries.hours,
      timerStartedAt: timeEntries.timerStartedAt,
      isBillable: timeEntries.isBillable,
      invoiceId: billedOn,
      approvalStatus: timeEntries.approvalStatus,
      billableRate: timeEntries.billableRate,
      source: timeEntries.source,
      metadata: timeEntries.metadata,
    })
    .from(timeEntries)
    .where(where)
    .orderBy(desc(timeEntries.spentDate), desc(timeEntries.id))
    .limit(batchSize);
  const { rows } = await db.execute<TimeEntryExportRow>(sql`
    SELECT b.id, b.spent_date AS "spentDate", b.user_id AS "userId", c.name AS "clientName", c.currency,
           p.name AS "projectName", t.name AS "taskName", u.name AS "userName", b.notes, b.hours,
           b.timer_started_at AS "timerStartedAt", b.is_billable AS "isBillable", b.invoice_id AS "invoiceId",
           b.approval_status AS "approvalStatus", b.billable_rate AS "billableRate", b.source,
           b.metadata->>'agent_id' AS "agentId", b.metadata->>'session_id' AS "sessionId",
           b.metadata->>'model' AS model, b.metadata->'input_tokens' AS "inputTokens",
           b.metadata->'output_tokens' AS "outputTokens"
    FROM (${batch}) b
    JOIN projects p ON p.id = b.project_id
    JOIN clients c ON c.id = p.client_id
    JOIN users u ON u.id = b.user_id
    LEFT JOIN tasks t ON t.id = b.task_id
    ORDER BY b.spent_date DESC, b.id DESC`);
  return rows;
}

/**
 * Every entry matching the filters, newest first as the list, in batches of `batchSize`: each batch
 * is one keyset seek after the last row of the one before (decision 0023), so a million rows cost
 * a million rows' reading and never more than a batch in memory, without holding a connection for
 * the whole download (decision 0040).
 */
export async function* timeEntryExportBatches(
  db: Executor,
  accountId: string,
  scope: UserScope,
  period: DateRange,
  filters: ReportFilters,
  batchSize: number,
): AsyncGenerator<TimeEntryExportRow[]> {
  // The end of the period goes with the seek: one upper bound on the date (db/keyset.ts).
  const conditions = entryConditions(timeEntryColumns, accountId, scope, { from: period.from }, filters);
  let after: [string, string] | undefined;
  for (;;) {
    const seek = beforeDateKey(timeEntries.spentDate, timeEntries.id, after, period.to);
    const rows = await exportBatch(db, and(...conditions, seek), batchSize);
    if (rows.length > 0) yield rows;
    const last = rows.at(-1);
    if (last === undefined || rows.length < batchSize) return;
    after = [last.spentDate, last.id];
  }
}

const entryFactsQuery = preparedPer((db) =>
  db
    .select({
      account: {
        lockEntriesAfterDays: accounts.lockEntriesAfterDays,
        timezone: accounts.timezone,
        requireNotes: accounts.requireNotes,
        roundingMinutes: accounts.roundingMinutes,
      },
      project: {
        id: projects.id,
        isActive: projects.isActive,
        billingType: projects.billingType,
        billBy: projects.billBy,
        hourlyRate: projects.hourlyRate,
      },
      owner: { role: users.role, billableRate: users.billableRate, costRate: users.costRate },
      ownerAssignment: {
        isActive: projectUserAssignments.isActive,
        projectRate: projectUserAssignments.hourlyRate,
      },
      task: { isActive: tasks.isActive, defaultHourlyRate: tasks.defaultHourlyRate },
      taskAssignment: {
        taskId: projectTaskAssignments.taskId,
        isActive: projectTaskAssignments.isActive,
        isBillable: projectTaskAssignments.isBillable,
        hourlyRate: projectTaskAssignments.hourlyRate,
      },
    })
    .from(accounts)
    .leftJoin(users, and(eq(users.accountId, accounts.id), eq(users.id, sql.placeholder('userId'))))
    .leftJoin(
      projects,
      and(eq(projects.accountId, accounts.id), eq(projects.id, sql.placeholder('projectId'))),
    )
    .leftJoin(
      projectUserAssignments,
      and(eq(projectUserAssignments.projectId, projects.id), eq(projectUserAssignments.userId, users.id)),
    )
    .leftJoin(tasks, and(eq(tasks.accountId, accounts.id), eq(tasks.id, sql.placeholder('taskId'))))
    .leftJoin(
      projectTaskAssignments,
      and(eq(projectTaskAssignments.projectId, projects.id), eq(projectTaskAssignments.taskId, tasks.id)),
    )
    .where(eq(accounts.id, sql.placeholder('accountId')))
    .prepare('entry_facts'),
);

/** What a new entry needs of its project. */
export type EntryProject = Pick<
  typeof projects.$inferSelect,
  'id' | 'isActive' | 'billingType' | 'billBy' | 'hourlyRate'
>;

/**
 * Everything a new entry of `userId` on a project (and task) is checked against and priced with, in
 * one round trip: the workspace, the person, the project, the person's assignment to it, the task
 * and the task's assignment to the project. Each is null when it does not exist.
 */
export async function findEntryFacts(
  db: Executor,
  accountId: string,
  userId: string,
  projectId: string,
  taskId: string | null,
) {
  const [facts] = await entryFactsQuery(db).execute({ accountId, userId, projectId, taskId });
  return facts;
}

/** What a new entry is written with; approval, invoicing, locking and timestamps start at their defaults. */
const NEW_ENTRY_COLUMNS = [
  'id',
  'accountId',
  'userId',
  'projectId',
  'taskId',
  'spentDate',
  'hours',
  'notes',
  'isBillable',
  'source',
  'metadata',
  'timerStartedAt',
  'startedAt',
  'endedAt',
  'billableRate',
  'costRate',
] as const;

/** Many entries in one statement; returned in the order given. */
export async function insertTimeEntries(db: Executor, rows: NewTimeEntryRow[]): Promise<TimeEntryRow[]> {
  return (await insertMany(db, timeEntries, NEW_ENTRY_COLUMNS, rows)).map(unbilled);
}

export async function insertTimeEntry(db: Executor, row: NewTimeEntryRow): Promise<TimeEntryRow> {
  const [entry] = await insertTimeEntries(db, [row]);
  if (entry === undefined) throw new Error('insert into time_entries returned no row');
  return entry;
}

/**
 * Only while the entry is as the caller read it: not invoiced, and in approval status `status`.
 * A submission or an approval committed meanwhile makes the write a no-op (PostgreSQL re-checks the
 * condition on the row it waited for), never a change to an entry that is now locked.
 */
function unchangedSince(status: ApprovalStatus) {
  return and(eq(timeEntries.approvalStatus, status), notBilled);
}

/**
 * Changes an entry that is not billed (a billed one is locked to everyone); with `asRead`, only if
 * its approval status is still that (else undefined).
 */
export async function updateTimeEntry(
  db: Executor,
  accountId: string,
  id: string,
  changes: Partial<NewTimeEntryRow>,
  asRead?: ApprovalStatus,
): Promise<TimeEntryRow | undefined> {
  const [entry] = await db
    .update(timeEntries)
    .set({ ...changes, updatedAt: new Date() })
    .where(
      and(
        eq(timeEntries.accountId, accountId),
        eq(timeEntries.id, id),
        asRead === undefined ? notBilled : unchangedSince(asRead),
      ),
    )
    .returning();
  return entry === undefined ? undefined : unbilled(entry);
}

/** Whether anyone tracked time on the project (it can then only be archived). */
export async function projectHasTimeEntries(db: Executor, accountId: string, projectId: string) {
  const [row] = await db
    .select({ id: timeEntries.id })
    .from(timeEntries)
    .where(and(eq(timeEntries.accountId, accountId), eq(timeEntries.projectId, projectId)))
    .limit(1);
  return row !== undefined;
}

/** Deletes the entry if its approval status is still `asRead`; whether it did. */
export async function deleteTimeEntry(
  db: Executor,
  accountId: string,
  id: string,
  asRead: ApprovalStatus,
): Promise<boolean> {
  const deleted = await db
    .delete(timeEntries)
    .where(and(eq(timeEntries.accountId, accountId), eq(timeEntries.id, id), unchangedSince(asRead)))
    .returning({ id: timeEntries.id });
  return deleted.length > 0;
}

/**
 * Puts the person's stopped, uninvoiced, unsubmitted or rejected entries of the period into the
 * timesheet `timesheetId` as submitted; the ids it moved.
 */
export async function submitTimeEntries(
  db: Executor,
  accountId: string,
  submission: { userId: string; from: string; to: string; timesheetId: string; at: Date },
): Promise<string[]> {
  const rows = await db
    .update(timeEntries)
    .set({
      approvalStatus: 'submitted',
      submittedAt: submission.at,
      timesheetId: submission.timesheetId,
      updatedAt: submission.at,
    })
    .where(
      and(
        eq(timeEntries.accountId, accountId),
        eq(timeEntries.userId, submission.userId),
        gte(timeEntries.spentDate, submission.from),
        lte(timeEntries.spentDate, submission.to),
        inArray(timeEntries.approvalStatus, SUBMITTABLE),
        notBilled,
        isNull(timeEntries.timerStartedAt),
      ),
    )
    .returning({ id: timeEntries.id });
  return rows.map((row) => row.id);
}

/** Moves the timesheet's entries that are in `transition.from`; the ids it moved. */
export async function transitionTimeEntries(
  db: Executor,
  accountId: string,
  timesheetId: string,
  transition: EntryTransition,
): Promise<string[]> {
  const rows = await db
    .update(timeEntries)
    .set({
      approvalStatus: transition.to,
      approvedAt: transition.approvedAt,
      approvedById: transition.approvedById,
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(timeEntries.accountId, accountId),
        eq(timeEntries.timesheetId, timesheetId),
        unchangedSince(transition.from),
      ),
    )
    .returning({ id: timeEntries.id });
  return rows.map((row) => row.id);
}

/** The entries of some timesheets, by date. */
export function timeEntriesOfTimesheets(
  db: Executor,
  accountId: string,
  timesheetIds: string[],
): Promise<TimeEntryRow[]> {
  if (timesheetIds.length === 0) return Promise.resolve([]);
  return db
    .select(entryRow)
    .from(timeEntries)
    .where(and(eq(timeEntries.accountId, accountId), inArray(timeEntries.timesheetId, timesheetIds)))
    .orderBy(timeEntries.spentDate, timeEntries.createdAt);
}

export interface DailyTimeTotal {
  userId: string;
  spentDate: string;
  /** Decimal strings, summed by PostgreSQL. */
  hours: string;
  billableHours: string;
  /** Entries of the day that can still be submitted (unsubmitted or rejected). */
  openEntries: number;
}

/**
 * Each person's hours per day in a date range, whichever timesheet their entries belong to: the
 * capacity flags of a timesheet weigh the person's whole day and week, and the reminders ask who
 * has time left to submit.
 */
export function dailyTimeTotals(
  db: Executor,
  accountId: string,
  range: { from: string; to: string; userIds?: string[] },
): Promise<DailyTimeTotal[]> {
  return db
    .select({
      userId: timeEntries.userId,
      spentDate: timeEntries.spentDate,
      hours: sql<string>`sum(${timeEntries.hours})::text`,
      billableHours: sql<string>`coalesce(sum(${timeEntries.hours}) FILTER (WHERE ${timeEntries.isBillable}), 0)::text`,
      openEntries: sql<number>`(count(*) FILTER (WHERE ${inArray(timeEntries.approvalStatus, SUBMITTABLE)}))::int`,
    })
    .from(timeEntries)
    .where(
      and(
        eq(timeEntries.accountId, accountId),
        gte(timeEntries.spentDate, range.from),
        lte(timeEntries.spentDate, range.to),
        range.userIds === undefined ? undefined : inArray(timeEntries.userId, range.userIds),
      ),
    )
    .groupBy(timeEntries.userId, timeEntries.spentDate);
}

/** The person's running timer dated in the period, if any (it cannot be submitted). */
export async function runningTimerIn(
  db: Executor,
  accountId: string,
  period: { userId: string; from: string; to: string },
): Promise<{ id: string; spentDate: string } | undefined> {
  const [timer] = await db
    .select({ id: timeEntries.id, spentDate: timeEntries.spentDate })
    .from(timeEntries)
    .where(
      and(
        eq(timeEntries.accountId, accountId),
        eq(timeEntries.userId, period.userId),
        gte(timeEntries.spentDate, period.from),
        lte(timeEntries.spentDate, period.to),
        isNotNull(timeEntries.timerStartedAt),
      ),
    )
    .limit(1);
  return timer;
}

/**
 * The user's running timer, if any, locked until the transaction ends: two timers starting at once
 * then stop it once, and the second sees it stopped (the service computes the stop, lib/hours.ts).
 */
export async function lockRunningTimerOf(db: Executor, accountId: string, userId: string) {
  const [timer] = await db
    .select({
      id: timeEntries.id,
      hours: timeEntries.hours,
      timerStartedAt: timeEntries.timerStartedAt,
      startedAt: timeEntries.startedAt,
    })
    .from(timeEntries)
    .where(
      and(
        eq(timeEntries.accountId, accountId),
        eq(timeEntries.userId, userId),
        isNotNull(timeEntries.timerStartedAt),
      ),
    )
    .limit(1)
    .for('update');
  return timer;
}

/*
 * Invoicing (docs/decisions/0028-invoice-imports.md, 0055-invoice-links.md): the billable, uninvoiced
 * entries of some projects, summarised as invoice lines and linked to those lines
 * (time_entry_invoice_links) by one SQL statement, and released when a line or a draft goes.
 */

export type TimeSummaryType = 'project' | 'task' | 'people' | 'detailed';

/**
 * What makes entries one line: the grouping and the rate, as each entry is billed at the rate
 * stored on it. The statement that summarises the entries links each to its group's line by this
 * key, so every entry of a group lands on its group's line.
 */
const TIME_GROUP_KEYS: Record<TimeSummaryType, SQL> = {
  project: sql`${timeEntries.projectId} || '|' || coalesce(${timeEntries.billableRate}::text, '')`,
  task: sql`coalesce(${timeEntries.taskId}, '') || '|' || coalesce(${timeEntries.billableRate}::text, '')`,
  people: sql`${timeEntries.userId} || '|' || coalesce(${timeEntries.billableRate}::text, '')`,
  detailed: sql`${timeEntries.id}`,
};

function uninvoicedTime(accountId: string, selection: BillingSelection): SQL | undefined {
  return and(
    eq(timeEntries.accountId, accountId),
    inArray(timeEntries.projectId, [...selection.projectIds]),
    eq(timeEntries.isBillable, true),
    notBilled,
    // A running timer's hours are not final.
    isNull(timeEntries.timerStartedAt),
    selection.from === undefined ? undefined : gte(timeEntries.spentDate, selection.from),
    selection.to === undefined ? undefined : lte(timeEntries.spentDate, selection.to),
    selection.approvedOnly ? eq(timeEntries.approvalStatus, 'approved') : undefined,
  );
}

/** A project's billable, uninvoiced time that waits for approval, of one approval status. */
export interface AwaitingTime {
  projectId: string;
  approvalStatus: Exclude<ApprovalStatus, 'approved'>;
  hours: string;
  entryCount: number;
}

/**
 * What the selection leaves out while Approvals is on: its billable, uninvoiced entries that are
 * not approved yet, per project and status. The import's own rule without its approval condition,
 * so the invoice preview and a refused empty import can say why nothing was pulled.
 */
export async function awaitingApprovalTime(
  db: Executor,
  accountId: string,
  selection: Omit<BillingSelection, 'approvedOnly'>,
): Promise<AwaitingTime[]> {
  if (selection.projectIds.length === 0) return [];
  return db
    .select({
      projectId: timeEntries.projectId,
      approvalStatus: sql<AwaitingTime['approvalStatus']>`${timeEntries.approvalStatus}`,
      hours: sql<string>`sum(${timeEntries.hours})::text`,
      entryCount: sql<number>`count(*)::int`,
    })
    .from(timeEntries)
    .where(
      and(
        uninvoicedTime(accountId, { ...selection, approvedOnly: false }),
        ne(timeEntries.approvalStatus, 'approved'),
      ),
    )
    .groupBy(timeEntries.projectId, timeEntries.approvalStatus);
}

/** One future invoice line: its entries' hours at their rate, and what its description is made of. */
export type TimeGroup = {
  key: string;
  /** The project, when every entry of the group is on the same one. */
  projectId: string | null;
  projectName: string | null;
  taskName: string | null;
  userName: string;
  /** Whether the group's person is an agent user (its line says "(Agent)"). */
  isAgent: boolean;
  notes: string | null;
  firstDate: string;
  hours: string;
  rate: string | null;
  entryCount: number;
  /** The group's place among the others, from 1: in order of their first date, then key. */
  position: number;
};

/**
 * The uninvoiced billable time of the selection, one row a line, aggregated by PostgreSQL, as CTEs:
 * `picked` (the entries, read once), `sums` (hashed by group, without the count(distinct) that
 * would sort 10,000 rows) and `groups`, which names each group once. A group's one project, task or
 * person is the one its description uses (project, task, people, detailed); for the others the
 * name is unused. The preview reads the groups; an import also links the picked entries to their
 * group's line in the same statement.
 */
function timeGroupsCte(accountId: string, selection: BillingSelection, summary: TimeSummaryType): SQL {
  return sql`
    picked AS (
      SELECT ${timeEntries.id} AS id, ${TIME_GROUP_KEYS[summary]} AS key, ${timeEntries.projectId} AS project_id,
             ${timeEntries.taskId} AS task_id, ${timeEntries.userId} AS user_id, ${timeEntries.notes} AS notes,
             ${timeEntries.spentDate} AS spent_date, ${timeEntries.hours} AS hours,
             ${timeEntries.billableRate} AS billable_rate
      FROM ${timeEntries} WHERE ${uninvoicedTime(accountId, selection)}
    ),
    sums AS (
      SELECT key, min(project_id) AS project_id, max(project_id) AS other_project_id, min(task_id) AS task_id,
             min(user_id) AS user_id, min(notes) AS notes, min(spent_date) AS first_date, sum(hours) AS hours,
             min(billable_rate) AS rate, count(*)::int AS entry_count
      FROM picked GROUP BY key
    ),
    groups AS MATERIALIZED (
      SELECT s.key,
             case when s.project_id = s.other_project_id then s.project_id end AS "projectId",
             case when s.project_id = s.other_project_id then p.name end AS "projectName",
             t.name AS "taskName", u.name AS "userName", u.user_type = 'agent' AS "isAgent", s.notes,
             s.first_date::text AS "firstDate", s.hours::text AS hours, s.rate::text AS rate,
             s.entry_count AS "entryCount", (row_number() OVER (ORDER BY s.first_date, s.key))::int AS position
      FROM sums s
      JOIN ${projects} p ON p.id = s.project_id
      JOIN ${users} u ON u.id = s.user_id
      LEFT JOIN ${tasks} t ON t.id = s.task_id
    )`;
}

/** The uninvoiced billable time of the selection, one row a line (what an import would make). */
export async function uninvoicedTimeGroups(
  db: Executor,
  accountId: string,
  selection: BillingSelection,
  summary: TimeSummaryType,
): Promise<TimeGroup[]> {
  if (selection.projectIds.length === 0) return [];
  const { rows } = await db.execute<TimeGroup>(sql`
    WITH ${timeGroupsCte(accountId, selection, summary)}
    SELECT * FROM groups ORDER BY position`);
  return rows;
}

/**
 * Bills the selection's unbilled entries: summarises them as lines (as `uninvoicedTimeGroups`) and
 * links each to its group's line in one statement that reads them once; each group comes back with
 * its line's id. An entry a concurrent import is linking makes the insert wait for it and, once that
 * one commits, fail on the link's primary key: no entry is ever on two invoices.
 */
export async function billTimeGroups(
  db: Executor,
  accountId: string,
  selection: BillingSelection,
  summary: TimeSummaryType,
  target: BillingTarget,
): Promise<(TimeGroup & { lineId: string })[]> {
  if (selection.projectIds.length === 0) return [];
  const { rows } = await db.execute<TimeGroup & { lineId: string }>(sql`
    WITH ${timeGroupsCte(accountId, selection, summary)},
    linked AS (
      INSERT INTO ${links} (time_entry_id, account_id, invoice_id, invoice_line_item_id)
      SELECT picked.id, ${accountId}, ${target.invoiceId}, ${lineIdOfGroup(target)}
      FROM picked JOIN groups ON groups.key = picked.key
    )
    SELECT groups.*, ${lineIdOfGroup(target)} AS "lineId" FROM groups ORDER BY position`);
  return rows;
}

/** Frees the entries of some lines of an invoice (a line removed, a draft deleted): they are billable again. */
export async function releaseTimeEntries(
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

export interface TimeSpending {
  projectId: string;
  taskId: string | null;
  userId: string;
  hours: string;
  /** Sum of each billable entry's hours x billable rate, rounded per entry to the currency. */
  billableAmount: string;
}

/**
 * Hours and billable amounts tracked on each project within its window, per task and person (what
 * every budget type is measured in). Recorded hours only: a running timer counts once stopped.
 */
export async function timeSpendingOf(
  db: Executor,
  accountId: string,
  windows: readonly SpendingWindow[],
): Promise<TimeSpending[]> {
  if (windows.length === 0) return [];
  const result = await db.execute<{
    project_id: string;
    task_id: string | null;
    user_id: string;
    hours: string;
    billable_amount: string;
  }>(sql`
    SELECT e.project_id, e.task_id, e.user_id, sum(e.hours)::text AS hours,
      coalesce(sum(round(e.hours * e.billable_rate, w.exponent)) FILTER (WHERE e.is_billable), 0)::text
        AS billable_amount
    FROM time_entries e JOIN ${spendingWindows(windows)} ON w.project_id = e.project_id
    WHERE e.account_id = ${accountId}
      AND (w.from_date IS NULL OR e.spent_date >= w.from_date)
      AND (w.to_date IS NULL OR e.spent_date <= w.to_date)
    GROUP BY e.project_id, e.task_id, e.user_id`);
  return result.rows.map((row) => ({
    projectId: row.project_id,
    taskId: row.task_id,
    userId: row.user_id,
    hours: row.hours,
    billableAmount: row.billable_amount,
  }));
}
/** How a time report groups entries (reports/time-reports.md). */
export const TIME_REPORT_GROUPS = [
  'client',
  'project',
  'task',
  'person',
  'role',
  'source',
  'day',
  'week',
  'month',
] as const;
export type TimeReportGroup = (typeof TIME_REPORT_GROUPS)[number];

/** The columns the report filters read (domains/reports/filters.ts). */
export const timeEntryColumns: EntryColumns = {
  accountId: timeEntries.accountId,
  userId: timeEntries.userId,
  projectId: timeEntries.projectId,
  taskId: timeEntries.taskId,
  spentDate: timeEntries.spentDate,
  billable: timeEntries.isBillable,
  source: timeEntries.source,
  metadata: timeEntries.metadata,
  approvalStatus: timeEntries.approvalStatus,
  billed,
  notBilled,
};

/** Tracked and billable hours of each person among the entries `conditions` select (utilisation). */
export async function hoursByPerson(db: Executor, conditions: SQL[]) {
  return db
    .select({
      userId: timeEntries.userId,
      hours: sql<string>`sum(${timeEntries.hours})::text`,
      billableHours: sql<string>`coalesce(sum(${timeEntries.hours}) FILTER (WHERE ${timeEntries.isBillable}), 0)::text`,
    })
    .from(timeEntries)
    .where(and(...conditions))
    .groupBy(timeEntries.userId);
}

/**
 * The entries `conditions` select, summed per project, person and model (`metadata.model`), with the
 * person's kind (human or agent) and the client's currency: billable amounts and costs are each
 * entry's hours x its stored rate, rounded per entry to the currency (`exponentOf`, from
 * `currencyExponents`) as an invoice line would be.
 */
export async function timeByProjectPersonModel(db: Executor, conditions: SQL[], exponentOf: ExponentOf) {
  const { rows } = await db.execute<{
    project_id: string;
    project_name: string;
    user_id: string;
    user_name: string;
    user_type: 'human' | 'agent';
    model: string | null;
    currency: string;
    hours: string;
    billable_amount: string;
    cost: string;
  }>(sql`
    SELECT time_entries.project_id, p.name AS project_name, time_entries.user_id, u.name AS user_name,
           u.user_type, time_entries.metadata->>'model' AS model, c.currency,
           sum(time_entries.hours)::text AS hours,
           coalesce(sum(round(time_entries.hours * time_entries.billable_rate, ${exponentOf(sql`c.currency`)}))
             FILTER (WHERE time_entries.is_billable), 0)::text AS billable_amount,
           coalesce(sum(round(time_entries.hours * time_entries.cost_rate, ${exponentOf(sql`c.currency`)})), 0)::text AS cost
    FROM ${timeEntries}
    JOIN projects p ON p.id = time_entries.project_id
    JOIN clients c ON c.id = p.client_id
    JOIN users u ON u.id = time_entries.user_id
    WHERE ${and(...conditions)}
    GROUP BY 1, 2, 3, 4, 5, 6, 7
    ORDER BY p.name, time_entries.project_id, u.name, time_entries.user_id, 6 NULLS LAST`);
  return rows;
}
/** One group of a time report in one currency; hours and amounts exact, as PostgreSQL summed them. */
export type TimeReportRow = {
  /** The group's id (client, project, task, user id; role, source; first day of the day, week or month); null for entries without a task or people without a role. */
  id: string | null;
  name: string | null;
  currency: string;
  total_hours: string;
  billable_hours: string;
  billable_amount: string;
  uninvoiced_amount: string;
};

const WEEKDAY_NUMBER = {
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
};

/** The group key of each entry: `p` is its project, `u` its person (joined for roles). */
function timeGroupKey(group: TimeReportGroup, weekStartsOn: Weekday): SQL {
  switch (group) {
    case 'client':
      return sql`p.client_id`;
    case 'project':
      return sql`time_entries.project_id`;
    case 'task':
      return sql`time_entries.task_id`;
    case 'person':
      return sql`time_entries.user_id`;
    // A person's first business role: their entries count once, so the rows add up to the totals.
    case 'role':
      return sql`u.business_roles[1]`;
    case 'source':
      return sql`time_entries.source::text`;
    case 'day':
      return sql`time_entries.spent_date::text`;
    // The first day of the entry's week: back to the workspace's first weekday (0-6 days).
    case 'week':
      return sql`(time_entries.spent_date - ((extract(dow from time_entries.spent_date)::int - ${WEEKDAY_NUMBER[weekStartsOn]}::int + 7) % 7))::text`;
    case 'month':
      return sql`date_trunc('month', time_entries.spent_date)::date::text`;
  }
}

/** The group's display name, read once per group after aggregating rather than once per entry. */
function timeGroupName(group: TimeReportGroup): { join: SQL; name: SQL } {
  switch (group) {
    case 'client':
      return { join: sql`LEFT JOIN clients n ON n.id = g.key`, name: sql`n.name` };
    case 'project':
      return { join: sql`LEFT JOIN projects n ON n.id = g.key`, name: sql`n.name` };
    case 'task':
      return { join: sql`LEFT JOIN tasks n ON n.id = g.key`, name: sql`n.name` };
    case 'person':
      return { join: sql`LEFT JOIN users n ON n.id = g.key`, name: sql`n.name` };
    default:
      return { join: sql``, name: sql`g.key` };
  }
}

/**
 * A time report's rows: one SQL GROUP BY over the entries `conditions` select (built by
 * domains/reports/filters.ts over `timeEntryColumns`), a row per group and client currency.
 * Amounts are hours x the rate stored on each billable entry, rounded per entry to the currency
 * (`exponentOf`, from `currencyExponents`) and summed, as budgets, exports and the detailed report
 * count them (docs/decisions/0066-report-amounts-per-entry.md). Recorded hours only: a running
 * timer counts what it held when last stopped, so a report does not change from one second to the
 * next.
 */
export async function timeReportRows(
  db: Executor,
  conditions: SQL[],
  group: TimeReportGroup,
  weekStartsOn: Weekday,
  exponentOf: ExponentOf,
): Promise<TimeReportRow[]> {
  const names = timeGroupName(group);
  const person = group === 'role' ? sql`JOIN users u ON u.id = time_entries.user_id` : sql``;
  const dated = group === 'day' || group === 'week' || group === 'month';
  const { rows } = await db.execute<TimeReportRow>(sql`
    SELECT g.key AS id, ${names.name} AS name, g.currency,
           g.total_hours::text AS total_hours, g.billable_hours::text AS billable_hours,
           g.billable_amount::text AS billable_amount, g.uninvoiced_amount::text AS uninvoiced_amount
    FROM (
      SELECT ${timeGroupKey(group, weekStartsOn)} AS key, c.currency,
             sum(time_entries.hours) AS total_hours,
             coalesce(sum(time_entries.hours) FILTER (WHERE time_entries.is_billable), 0) AS billable_hours,
             coalesce(sum(round(time_entries.hours * time_entries.billable_rate, ${exponentOf(sql`c.currency`)}))
               FILTER (WHERE time_entries.is_billable), 0) AS billable_amount,
             coalesce(sum(round(time_entries.hours * time_entries.billable_rate, ${exponentOf(sql`c.currency`)}))
               FILTER (WHERE time_entries.is_billable AND billed.time_entry_id IS NULL), 0) AS uninvoiced_amount
      FROM ${timeEntries}
      LEFT JOIN ${links} billed ON billed.time_entry_id = time_entries.id
      JOIN projects p ON p.id = time_entries.project_id
      JOIN clients c ON c.id = p.client_id
      ${person}
      WHERE ${and(...conditions)}
      GROUP BY 1, 2
    ) g
    ${names.join}
    ORDER BY ${dated ? sql`g.key` : sql`${names.name} NULLS LAST, g.key NULLS LAST`}, g.currency`);
  return rows;
}

/** An entry of the detailed time report, with the names it is shown with. */
export interface TimeReportEntryRow {
  id: string;
  spentDate: string;
  userId: string;
  userName: string;
  clientId: string;
  clientName: string;
  currency: string;
  projectId: string;
  projectName: string;
  taskId: string | null;
  taskName: string | null;
  notes: string | null;
  hours: string;
  isBillable: boolean;
  billableRate: string | null;
  source: TimeEntryRow['source'];
  approvalStatus: TimeEntryRow['approvalStatus'];
  invoiceId: string | null;
}

/**
 * The detailed time report: the entries `conditions` select, newest first, one cursor page (the
 * period's end goes with the cursor, as in the entry list: docs/decisions/0023-keyset-seeks.md).
 */
export function timeReportEntries(
  db: Executor,
  conditions: SQL[],
  page: { cursor: string | undefined; to: string | undefined; limit: number },
): Promise<TimeReportEntryRow[]> {
  return db
    .select({
      id: timeEntries.id,
      spentDate: timeEntries.spentDate,
      userId: timeEntries.userId,
      userName: users.name,
      clientId: clients.id,
      clientName: clients.name,
      currency: clients.currency,
      projectId: timeEntries.projectId,
      projectName: projects.name,
      taskId: timeEntries.taskId,
      taskName: tasks.name,
      notes: timeEntries.notes,
      hours: timeEntries.hours,
      isBillable: timeEntries.isBillable,
      billableRate: timeEntries.billableRate,
      source: timeEntries.source,
      approvalStatus: timeEntries.approvalStatus,
      invoiceId: billedOn,
    })
    .from(timeEntries)
    .innerJoin(users, eq(users.id, timeEntries.userId))
    .innerJoin(projects, eq(projects.id, timeEntries.projectId))
    .innerJoin(clients, eq(clients.id, projects.clientId))
    .leftJoin(tasks, eq(tasks.id, timeEntries.taskId))
    .where(and(...conditions, beforeDateCursor(timeEntries.spentDate, timeEntries.id, page.cursor, page.to)))
    .orderBy(desc(timeEntries.spentDate), desc(timeEntries.id))
    .limit(page.limit + 1);
}
