import { and, desc, eq, gte, inArray, isNotNull, isNull, lte, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { insertMany } from '../../db/insert-many.ts';
import { beforeDateCursor } from '../../db/keyset.ts';
import { preparedPer } from '../../db/prepared.ts';
import {
  accounts,
  projects,
  projectTaskAssignments,
  projectUserAssignments,
  tasks,
  timeEntries,
  users,
} from '../../db/schema/index.ts';
import type { UserScope } from '../access/abilities.ts';
import { type ApprovalStatus, type EntryTransition, SUBMITTABLE } from '../entries/approval.ts';
import type { BillingSelection, BillingTarget } from '../entries/billing.ts';
import type { ListTimeEntriesFilters } from './schemas.ts';

export type TimeEntryRow = typeof timeEntries.$inferSelect;
export type NewTimeEntryRow = typeof timeEntries.$inferInsert;

export async function findTimeEntry(
  db: Executor,
  accountId: string,
  id: string,
): Promise<TimeEntryRow | undefined> {
  const [row] = await db
    .select()
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
    conditions.push(filters.is_billed ? isNotNull(timeEntries.invoiceId) : isNull(timeEntries.invoiceId));
  }
  if (filters.approval_status !== undefined) {
    conditions.push(eq(timeEntries.approvalStatus, filters.approval_status));
  }
  if (filters.is_running !== undefined) {
    conditions.push(
      filters.is_running ? isNotNull(timeEntries.timerStartedAt) : isNull(timeEntries.timerStartedAt),
    );
  }
  if (filters.client_id !== undefined) {
    const clientProjects = db
      .select({ id: projects.id })
      .from(projects)
      .where(and(eq(projects.accountId, accountId), eq(projects.clientId, filters.client_id)));
    conditions.push(inArray(timeEntries.projectId, clientProjects));
  }
  return db
    .select()
    .from(timeEntries)
    .where(and(...conditions))
    .orderBy(desc(timeEntries.spentDate), desc(timeEntries.id))
    .limit(filters.limit + 1);
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
export function insertTimeEntries(db: Executor, rows: NewTimeEntryRow[]): Promise<TimeEntryRow[]> {
  return insertMany(db, timeEntries, NEW_ENTRY_COLUMNS, rows);
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
  return and(eq(timeEntries.approvalStatus, status), isNull(timeEntries.invoiceId));
}

/** Changes an entry; with `asRead`, only if its approval status is still that (else undefined). */
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
        asRead === undefined ? undefined : unchangedSince(asRead),
      ),
    )
    .returning();
  return entry;
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
        isNull(timeEntries.invoiceId),
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
    .select()
    .from(timeEntries)
    .where(and(eq(timeEntries.accountId, accountId), inArray(timeEntries.timesheetId, timesheetIds)))
    .orderBy(timeEntries.spentDate, timeEntries.createdAt);
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
 * Invoicing (docs/decisions/0028-invoice-imports.md): the billable, uninvoiced entries of some
 * projects, summarised as invoice lines in SQL, then attached to those lines by one conditional
 * UPDATE, and released when a line or a draft goes.
 */

export type TimeSummaryType = 'project' | 'task' | 'people' | 'detailed';

/**
 * What makes entries one line: the grouping and the rate, as each entry is billed at the rate
 * stored on it. The summary and the UPDATE that attaches the entries use the same expression, so
 * every entry of a group lands on its group's line.
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
    isNull(timeEntries.invoiceId),
    // A running timer's hours are not final.
    isNull(timeEntries.timerStartedAt),
    selection.from === undefined ? undefined : gte(timeEntries.spentDate, selection.from),
    selection.to === undefined ? undefined : lte(timeEntries.spentDate, selection.to),
    selection.approvedOnly ? eq(timeEntries.approvalStatus, 'approved') : undefined,
  );
}

/** One future invoice line: its entries' hours at their rate, and what its description is made of. */
export interface TimeGroup {
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
}

/** The uninvoiced billable time of the selection, one row a line, aggregated by PostgreSQL. */
export function uninvoicedTimeGroups(
  db: Executor,
  accountId: string,
  selection: BillingSelection,
  summary: TimeSummaryType,
): Promise<TimeGroup[]> {
  const key = TIME_GROUP_KEYS[summary];
  if (selection.projectIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      key: sql<string>`${key}`,
      projectId: sql<
        string | null
      >`case when count(distinct ${timeEntries.projectId}) = 1 then min(${timeEntries.projectId}) end`,
      projectName: sql<
        string | null
      >`case when count(distinct ${timeEntries.projectId}) = 1 then min(${projects.name}) end`,
      taskName: sql<string | null>`min(${tasks.name})`,
      userName: sql<string>`min(${users.name})`,
      isAgent: sql<boolean>`bool_or(${users.userType} = 'agent')`,
      notes: sql<string | null>`min(${timeEntries.notes})`,
      firstDate: sql<string>`min(${timeEntries.spentDate})::text`,
      hours: sql<string>`sum(${timeEntries.hours})::text`,
      rate: sql<string | null>`min(${timeEntries.billableRate})::text`,
      entryCount: sql<number>`count(*)::int`,
    })
    .from(timeEntries)
    .innerJoin(projects, eq(projects.id, timeEntries.projectId))
    .innerJoin(users, eq(users.id, timeEntries.userId))
    .leftJoin(tasks, eq(tasks.id, timeEntries.taskId))
    .where(uninvoicedTime(accountId, selection))
    .groupBy(key)
    .orderBy(sql`min(${timeEntries.spentDate})`, key);
}

/**
 * Attaches the selection's uninvoiced entries to the lines of their groups; how many it attached.
 * Conditional on `invoice_id IS NULL`: an entry another import attached meanwhile is skipped
 * (PostgreSQL re-checks the condition on the row it waited for), so the caller compares the count
 * with its summary and no entry is ever on two invoices.
 */
export async function billTimeEntries(
  db: Executor,
  accountId: string,
  selection: BillingSelection,
  summary: TimeSummaryType,
  target: BillingTarget,
): Promise<number> {
  if (target.claims.length === 0) return 0;
  const result = await db.execute(sql`
    UPDATE ${timeEntries}
    SET invoice_id = ${target.invoiceId}, invoice_line_item_id = claim.line_id, updated_at = now()
    FROM unnest(${sql.param(target.claims.map((claim) => claim.key))}::text[],
                ${sql.param(target.claims.map((claim) => claim.lineId))}::text[]) AS claim(key, line_id)
    WHERE ${uninvoicedTime(accountId, selection)} AND ${TIME_GROUP_KEYS[summary]} = claim.key`);
  return result.rowCount ?? 0;
}

/** Frees the entries of some invoice lines (a line removed, a draft deleted): they are billable again. */
export async function releaseTimeEntries(db: Executor, accountId: string, lineIds: readonly string[]) {
  if (lineIds.length === 0) return;
  await db
    .update(timeEntries)
    .set({ invoiceId: null, invoiceLineItemId: null, updatedAt: new Date() })
    .where(and(eq(timeEntries.accountId, accountId), inArray(timeEntries.invoiceLineItemId, [...lineIds])));
}

/** The entries some invoice lines bill, with their line (by the line's index, which the line's foreign key needs anyway). */
export function billedTimeEntries(
  db: Executor,
  accountId: string,
  lineIds: readonly string[],
): Promise<{ id: string; lineId: string | null }[]> {
  if (lineIds.length === 0) return Promise.resolve([]);
  return db
    .select({ id: timeEntries.id, lineId: timeEntries.invoiceLineItemId })
    .from(timeEntries)
    .where(and(eq(timeEntries.accountId, accountId), inArray(timeEntries.invoiceLineItemId, [...lineIds])))
    .orderBy(timeEntries.spentDate, timeEntries.id);
}
