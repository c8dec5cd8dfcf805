import { and, desc, eq, gte, inArray, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
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

export async function updateTimeEntry(
  db: Executor,
  accountId: string,
  id: string,
  changes: Partial<NewTimeEntryRow>,
): Promise<TimeEntryRow | undefined> {
  const [entry] = await db
    .update(timeEntries)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(timeEntries.accountId, accountId), eq(timeEntries.id, id)))
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

export async function deleteTimeEntry(db: Executor, accountId: string, id: string): Promise<void> {
  await db.delete(timeEntries).where(and(eq(timeEntries.accountId, accountId), eq(timeEntries.id, id)));
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
