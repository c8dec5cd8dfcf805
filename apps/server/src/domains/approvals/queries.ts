import { and, desc, eq, gte, inArray, lte, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { beforeDateCursor } from '../../db/keyset.ts';
import { timesheets } from '../../db/schema/index.ts';
import type { UserScope } from '../access/abilities.ts';
import type { ListTimesheetsFilters } from './schemas.ts';

export type TimesheetRow = typeof timesheets.$inferSelect;
export type NewTimesheetRow = typeof timesheets.$inferInsert;

export async function insertTimesheet(db: Executor, row: NewTimesheetRow): Promise<TimesheetRow> {
  const [timesheet] = await db.insert(timesheets).values(row).returning();
  if (timesheet === undefined) throw new Error('insert into timesheets returned no row');
  return timesheet;
}

export async function findTimesheet(
  db: Executor,
  accountId: string,
  id: string,
): Promise<TimesheetRow | undefined> {
  const [row] = await db
    .select()
    .from(timesheets)
    .where(and(eq(timesheets.accountId, accountId), eq(timesheets.id, id)))
    .limit(1);
  return row;
}

/**
 * The timesheet, locked until the transaction ends: two decisions on one timesheet (an approve and
 * a reject, two approvers) run one after the other, and the second sees the first's state.
 */
export async function lockTimesheet(
  db: Executor,
  accountId: string,
  id: string,
): Promise<TimesheetRow | undefined> {
  const [row] = await db
    .select()
    .from(timesheets)
    .where(and(eq(timesheets.accountId, accountId), eq(timesheets.id, id)))
    .limit(1)
    .for('update');
  return row;
}

/** Newest period first, then newest submission. */
export function listTimesheets(
  db: Executor,
  accountId: string,
  scope: UserScope,
  filters: ListTimesheetsFilters,
): Promise<TimesheetRow[]> {
  const conditions: (SQL | undefined)[] = [
    eq(timesheets.accountId, accountId),
    // The range filter below is an overlap, not an upper bound on period_from: no `to` here.
    beforeDateCursor(timesheets.periodFrom, timesheets.id, filters.cursor, undefined),
  ];
  if (scope.kind === 'some') conditions.push(inArray(timesheets.userId, scope.userIds));
  if (filters.state !== undefined) conditions.push(eq(timesheets.state, filters.state));
  if (filters.user_id !== undefined) conditions.push(eq(timesheets.userId, filters.user_id));
  // A timesheet is in the range when its period overlaps it.
  if (filters.from !== undefined) conditions.push(gte(timesheets.periodTo, filters.from));
  if (filters.to !== undefined) conditions.push(lte(timesheets.periodFrom, filters.to));
  return db
    .select()
    .from(timesheets)
    .where(and(...conditions))
    .orderBy(desc(timesheets.periodFrom), desc(timesheets.id))
    .limit(filters.limit + 1);
}

export async function updateTimesheet(
  db: Executor,
  accountId: string,
  id: string,
  changes: Partial<NewTimesheetRow>,
): Promise<TimesheetRow> {
  const [row] = await db
    .update(timesheets)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(timesheets.accountId, accountId), eq(timesheets.id, id)))
    .returning();
  if (row === undefined) throw new Error('update of timesheets returned no row');
  return row;
}
