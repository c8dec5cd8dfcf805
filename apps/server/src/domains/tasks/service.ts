import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { afterNameCursor } from '../../db/keyset.ts';
import { tasks } from '../../db/schema/index.ts';
import { toDecimalString, toNumber } from '../../lib/decimal.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { type Page, toPage } from '../../lib/pagination.ts';
import { authorize } from '../access/abilities.ts';
import type { Actor } from '../access/actor.ts';
import { DIRECTORY_REFUSAL } from '../clients/service.ts';
import type { CreateTaskInput, ListTasksFilters, TaskResponse, UpdateTaskInput } from './schemas.ts';

export type TaskRow = typeof tasks.$inferSelect;

export function presentTask(row: TaskRow): TaskResponse {
  return {
    id: row.id,
    name: row.name,
    billable_by_default: row.billableByDefault,
    default_hourly_rate: toNumber(row.defaultHourlyRate),
    is_default: row.isDefault,
    is_active: row.isActive,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export async function findTask(
  db: Executor,
  accountId: string,
  taskId: string,
  field?: string,
): Promise<TaskRow> {
  const [row] = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.accountId, accountId), eq(tasks.id, taskId)))
    .limit(1);
  if (row === undefined) throw new NotFoundError('Task', field);
  return row;
}

export async function listTasks(
  db: Executor,
  actor: Actor,
  filters: ListTasksFilters,
): Promise<Page<TaskResponse>> {
  const conditions: (SQL | undefined)[] = [
    eq(tasks.accountId, actor.accountId),
    afterNameCursor(tasks.name, tasks.id, filters.cursor),
  ];
  if (filters.is_active !== undefined) conditions.push(eq(tasks.isActive, filters.is_active));
  const rows = await db
    .select()
    .from(tasks)
    .where(and(...conditions))
    .orderBy(asc(tasks.name), asc(tasks.id))
    .limit(filters.limit + 1);
  return toPage(rows, filters.limit, presentTask, (row) => [row.name, row.id]);
}

export async function getTask(db: Executor, actor: Actor, taskId: string): Promise<TaskResponse> {
  return presentTask(await findTask(db, actor.accountId, taskId));
}

const rate = (value: number | null | undefined) =>
  value === undefined ? undefined : value === null ? null : toDecimalString(value);

export async function createTask(db: Executor, actor: Actor, input: CreateTaskInput): Promise<TaskResponse> {
  await authorize(db, actor, (can) => can.manageDirectory, DIRECTORY_REFUSAL);
  const [row] = await db
    .insert(tasks)
    .values({
      id: newId('tsk'),
      accountId: actor.accountId,
      name: input.name,
      billableByDefault: input.billable_by_default,
      defaultHourlyRate: rate(input.default_hourly_rate) ?? null,
      isDefault: input.is_default,
    })
    .returning();
  if (row === undefined) throw new Error('insert into tasks returned no row');
  return presentTask(row);
}

/** Archiving (is_active false) hides a task from new entries; entries already logged keep it. */
export async function updateTask(
  db: Executor,
  actor: Actor,
  taskId: string,
  input: UpdateTaskInput,
): Promise<TaskResponse> {
  await authorize(db, actor, (can) => can.manageDirectory, DIRECTORY_REFUSAL);
  const [row] = await db
    .update(tasks)
    .set({
      name: input.name,
      billableByDefault: input.billable_by_default,
      defaultHourlyRate: rate(input.default_hourly_rate),
      isDefault: input.is_default,
      isActive: input.is_active,
      archivedAt: input.is_active === undefined ? undefined : input.is_active ? null : new Date(),
      updatedAt: new Date(),
    })
    .where(and(eq(tasks.accountId, actor.accountId), eq(tasks.id, taskId)))
    .returning();
  if (row === undefined) throw new NotFoundError('Task');
  return presentTask(row);
}
