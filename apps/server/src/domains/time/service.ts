import { and, eq } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { projectTaskAssignments } from '../../db/schema/index.ts';
import { hoursBetween } from '../../lib/dates.ts';
import { toDecimalString, toNumber } from '../../lib/decimal.ts';
import { BusinessRuleError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { roundHours, runningHours } from '../../lib/hours.ts';
import { newId } from '../../lib/ids.ts';
import { type Page, toPage } from '../../lib/pagination.ts';
import type { Actor } from '../access/actor.ts';
import { coalescedCreate, createOne, lookupOnce, throwUnexpected } from '../entries/create-many.ts';
import {
  assertCreationFieldsUnchanged,
  assertDateOpen,
  assertMetadataFits,
  assertNotLocked,
  assertReadable,
  assertWritable,
  type LockSettings,
  lockReason,
  writableProject,
} from '../entries/guards.ts';
import { assertCanWriteFor, canSeeBillableRate, readableUsers } from '../people/access.ts';
import { type ResolvedRates, ratesOf, resolveRates } from '../projects/rates.ts';
import { findProject, type ProjectRow } from '../projects/service.ts';
import { findTask } from '../tasks/service.ts';
import { findAccount } from '../workspaces/service.ts';
import type { TimeEntryRow } from './queries.ts';
import * as queries from './queries.ts';
import type {
  CreateTimeEntryInput,
  ListTimeEntriesFilters,
  TimeEntryResponse,
  UpdateTimeEntryInput,
} from './schemas.ts';

type AccountRow = Awaited<ReturnType<typeof findAccount>>;
/** The workspace settings a new entry is checked against. */
type EntrySettings = Pick<AccountRow, 'lockEntriesAfterDays' | 'requireNotes' | 'roundingMinutes'>;

export function presentTimeEntry(
  actor: Actor,
  account: LockSettings,
  entry: TimeEntryRow,
  now = new Date(),
): TimeEntryResponse {
  const hours =
    entry.timerStartedAt === null ? entry.hours : runningHours(entry.hours, entry.timerStartedAt, now);
  return {
    id: entry.id,
    project_id: entry.projectId,
    task_id: entry.taskId,
    user_id: entry.userId,
    spent_date: entry.spentDate,
    hours: Number(hours),
    notes: entry.notes,
    is_running: entry.timerStartedAt !== null,
    is_billable: entry.isBillable,
    source: entry.source,
    metadata: entry.metadata,
    timer_started_at: entry.timerStartedAt?.toISOString() ?? null,
    started_at: entry.startedAt?.toISOString() ?? null,
    ended_at: entry.endedAt?.toISOString() ?? null,
    billable_rate: canSeeBillableRate(actor, entry.userId) ? toNumber(entry.billableRate) : null,
    approval_status: entry.approvalStatus,
    invoice_id: entry.invoiceId,
    is_locked: lockReason(entry, account, now) !== null,
    created_at: entry.createdAt.toISOString(),
    updated_at: entry.updatedAt.toISOString(),
  };
}

/** The task must be on the project and active; its project-level billable flag is the entry's default. */
async function projectTask(db: Executor, project: ProjectRow, taskId: string) {
  const task = await findTask(db, project.accountId, taskId, 'task_id');
  const [assignment] = await db
    .select()
    .from(projectTaskAssignments)
    .where(
      and(
        eq(projectTaskAssignments.accountId, project.accountId),
        eq(projectTaskAssignments.projectId, project.id),
        eq(projectTaskAssignments.taskId, task.id),
      ),
    )
    .limit(1);
  return taskOfProject(task, assignment);
}

/** The rules of `projectTask` over facts already read. */
function taskOfProject<Assignment extends { isActive: boolean }>(
  task: { isActive: boolean } | undefined,
  assignment: Assignment | undefined,
): Assignment {
  if (task === undefined) throw new NotFoundError('Task', 'task_id');
  if (assignment === undefined || !assignment.isActive) {
    throw new BusinessRuleError('task_id is not a task of this project', 'task_id');
  }
  if (!task.isActive) throw new BusinessRuleError('The task is archived', 'task_id');
  return assignment;
}

function defaultBillable(
  project: Pick<ProjectRow, 'billingType'>,
  taskAssignment: { isBillable: boolean } | undefined,
): boolean {
  if (project.billingType === 'non_billable') return false;
  return taskAssignment?.isBillable ?? true;
}

/** Hours of a manual entry: given, or the span of started_at..ended_at (which may cross midnight). */
function manualHours(input: CreateTimeEntryInput): number {
  if (input.hours !== undefined) return input.hours;
  if (input.started_at !== undefined && input.ended_at !== undefined) {
    const span = hoursBetween(new Date(input.started_at), new Date(input.ended_at));
    if (span > 24) throw new BusinessRuleError('ended_at must be within 24 hours of started_at', 'ended_at');
    return span;
  }
  throw new ValidationError('hours is required', 'hours');
}

/**
 * Runs a write that starts a timer. Starting stops the user's previous timer first; the partial
 * unique index is the real guarantee, so when two starts race, the loser retries and stops the winner.
 */
async function withTimerStart<T>(db: Executor, write: (tx: Executor) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(write);
    } catch (error) {
      if (!isUniqueViolation(error, 'time_entries_one_running_timer') || attempt >= 10) throw error;
    }
  }
}

/** What every entry of one person on one project (and task) is checked against and priced with. */
interface EntryTarget {
  account: EntrySettings;
  project: queries.EntryProject;
  taskAssignment: { taskId: string; isBillable: boolean } | undefined;
  rates: ResolvedRates;
}

/** Reads everything an entry is checked against in one query, and applies the usual rules to it. */
async function entryTarget(
  db: Executor,
  actor: Actor,
  userId: string,
  projectId: string,
  taskId: string | null | undefined,
): Promise<EntryTarget> {
  await assertCanWriteFor(db, actor, userId);
  const facts = await queries.findEntryFacts(db, actor.accountId, userId, projectId, taskId ?? null);
  if (facts === undefined) throw new NotFoundError('Workspace');
  const project = writableProject({
    owner: userId === actor.userId ? { role: actor.role } : (facts.owner ?? undefined),
    project: facts.project ?? undefined,
    ownerAssigned: facts.ownerAssignment?.isActive === true,
  });
  const taskAssignment = taskId
    ? taskOfProject(facts.task ?? undefined, facts.taskAssignment ?? undefined)
    : undefined;
  const rates = ratesOf(
    project,
    facts.owner === null
      ? undefined
      : { ...facts.owner, projectRate: facts.ownerAssignment?.projectRate ?? null },
    taskAssignment && {
      projectRate: taskAssignment.hourlyRate,
      defaultRate: facts.task?.defaultHourlyRate ?? null,
    },
  );
  return { account: facts.account, project, taskAssignment, rates };
}

function newTimeEntryRow(
  actor: Actor,
  userId: string,
  input: CreateTimeEntryInput,
  { account, project, taskAssignment, rates }: EntryTarget,
): queries.NewTimeEntryRow {
  assertDateOpen('time entry', input.spent_date, account);
  const notes = input.notes ?? null;
  if (account.requireNotes && !input.is_running && !notes?.trim()) {
    throw new BusinessRuleError('notes are required in this workspace', 'notes');
  }
  const hours = input.is_running ? (input.hours ?? 0) : manualHours(input);
  return {
    id: newId('te'),
    accountId: actor.accountId,
    userId,
    projectId: project.id,
    taskId: taskAssignment?.taskId ?? null,
    spentDate: input.spent_date,
    hours: input.is_running ? toDecimalString(hours) : roundHours(hours, account.roundingMinutes),
    notes,
    isBillable: input.is_billable ?? defaultBillable(project, taskAssignment),
    source: input.source,
    metadata: input.metadata ?? null,
    startedAt: input.started_at ? new Date(input.started_at) : input.is_running ? new Date() : null,
    endedAt: input.ended_at && !input.is_running ? new Date(input.ended_at) : null,
    billableRate: rates.billableRate,
    costRate: rates.costRate,
  };
}

/**
 * Creates entries (or starts timers) for one actor, each checked on its own: the answer settles
 * every input with its entry or the error a lone create would give. Each distinct
 * person/project/task is read once (with the workspace, in one query) and the manual entries are
 * written by one INSERT, so a hundred entries cost about as many round trips as one. Timers start
 * one after the other, each stopping the timer before it. What one call writes commits together;
 * a failure that is not a domain error throws with nothing written.
 */
export async function createTimeEntries(
  db: Executor,
  actor: Actor,
  inputs: CreateTimeEntryInput[],
): Promise<PromiseSettledResult<TimeEntryResponse>[]> {
  const targetOf = lookupOnce(
    ({ userId, input }: { userId: string; input: CreateTimeEntryInput }) =>
      [userId, input.project_id, input.task_id ?? ''].join('\n'),
    ({ userId, input }) => entryTarget(db, actor, userId, input.project_id, input.task_id),
  );
  const prepared = await Promise.allSettled(
    inputs.map(async (input) => {
      assertMetadataFits(input.metadata);
      const userId = input.user_id ?? actor.userId;
      const target = await targetOf({ userId, input });
      return { account: target.account, row: newTimeEntryRow(actor, userId, input, target) };
    }),
  );

  type Prepared = { index: number; account: EntrySettings; row: queries.NewTimeEntryRow };
  const results: PromiseSettledResult<TimeEntryResponse>[] = [];
  const written = ({ index, account }: Prepared, entry: TimeEntryRow) => {
    results[index] = { status: 'fulfilled', value: presentTimeEntry(actor, account, entry) };
  };
  const manual: Prepared[] = [];
  const timers: Prepared[] = [];
  prepared.forEach((outcome, index) => {
    if (outcome.status === 'rejected') results[index] = outcome;
    else (inputs[index]?.is_running ? timers : manual).push({ index, ...outcome.value });
  });

  throwUnexpected(prepared);

  const write = async (tx: Executor) => {
    if (manual.length > 0) {
      const entries = await queries.insertTimeEntries(
        tx,
        manual.map(({ row }) => row),
      );
      for (const [position, item] of manual.entries()) {
        const entry = entries[position];
        if (entry !== undefined) written(item, entry);
      }
    }
    for (const item of timers) {
      const entry = await withTimerStart(tx, async (timerTx) => {
        await queries.stopRunningTimerOf(
          timerTx,
          actor.accountId,
          item.row.userId,
          item.account.roundingMinutes,
        );
        return queries.insertTimeEntry(timerTx, { ...item.row, timerStartedAt: new Date() });
      });
      written(item, entry);
    }
  };
  // One INSERT commits all manual entries by itself; a timer takes statements of its own, so with
  // anything else beside it everything commits in one transaction.
  const alone = timers.length === 0 || (timers.length === 1 && manual.length === 0);
  if (alone) await write(db);
  else await db.transaction(write);
  return results;
}

export function createTimeEntry(db: Executor, actor: Actor, input: CreateTimeEntryInput) {
  return createOne(createTimeEntries, db, actor, input);
}

/** `createTimeEntry` for the API's concurrent requests (docs/decisions/0009-coalesced-writes.md). */
export const coalescedCreateTimeEntry = (db: Database) => coalescedCreate(db, createTimeEntries);

async function findReadableEntry(db: Executor, actor: Actor, id: string): Promise<TimeEntryRow> {
  return assertReadable(db, actor, await queries.findTimeEntry(db, actor.accountId, id), 'Time entry');
}

async function findWritableEntry(db: Executor, actor: Actor, id: string): Promise<TimeEntryRow> {
  return assertWritable(db, actor, await queries.findTimeEntry(db, actor.accountId, id), 'Time entry');
}

export async function getTimeEntry(db: Executor, actor: Actor, id: string): Promise<TimeEntryResponse> {
  const [entry, account] = await Promise.all([
    findReadableEntry(db, actor, id),
    findAccount(db, actor.accountId),
  ]);
  return presentTimeEntry(actor, account, entry);
}

export async function listTimeEntries(
  db: Executor,
  actor: Actor,
  filters: ListTimeEntriesFilters,
): Promise<Page<TimeEntryResponse>> {
  const [scope, account] = await Promise.all([readableUsers(db, actor), findAccount(db, actor.accountId)]);
  const rows = await queries.listTimeEntries(db, actor.accountId, scope, filters);
  const now = new Date();
  return toPage(
    rows,
    filters.limit,
    (entry) => presentTimeEntry(actor, account, entry, now),
    (entry) => [entry.spentDate, entry.id],
  );
}

export async function updateTimeEntry(
  db: Executor,
  actor: Actor,
  id: string,
  input: UpdateTimeEntryInput,
): Promise<TimeEntryResponse> {
  assertCreationFieldsUnchanged(input);
  assertMetadataFits(input.metadata);
  const account = await findAccount(db, actor.accountId);
  const entry = await findWritableEntry(db, actor, id);
  assertNotLocked('time entry', entry, account);
  if (input.spent_date !== undefined) assertDateOpen('time entry', input.spent_date, account);

  const changes: Partial<queries.NewTimeEntryRow> = {};
  if (input.notes !== undefined) changes.notes = input.notes;
  if (input.is_billable !== undefined) changes.isBillable = input.is_billable;
  if (input.metadata !== undefined) changes.metadata = input.metadata;
  if (input.spent_date !== undefined) changes.spentDate = input.spent_date;
  if (input.started_at !== undefined)
    changes.startedAt = input.started_at === null ? null : new Date(input.started_at);
  if (input.ended_at !== undefined)
    changes.endedAt = input.ended_at === null ? null : new Date(input.ended_at);
  if (input.task_id !== undefined) {
    const project = await findProject(db, actor.accountId, entry.projectId);
    const taskAssignment = input.task_id === null ? undefined : await projectTask(db, project, input.task_id);
    changes.taskId = taskAssignment?.taskId ?? null;
    const rates = await resolveRates(db, project, entry.userId, changes.taskId);
    changes.billableRate = rates.billableRate;
  }

  const wasRunning = entry.timerStartedAt !== null;
  const running = input.is_running ?? wasRunning;
  const now = new Date();
  if (wasRunning && !running) {
    // Stopping: the hours given win; otherwise the time the timer ran.
    const hours = input.hours ?? runningHours(entry.hours, entry.timerStartedAt ?? now, now);
    changes.hours = roundHours(hours, account.roundingMinutes);
    changes.timerStartedAt = null;
    if (entry.startedAt !== null && input.ended_at === undefined) changes.endedAt = now;
  } else if (running && input.hours !== undefined) {
    // A running timer given new hours continues from them.
    changes.hours = toDecimalString(input.hours);
    changes.timerStartedAt = now;
  } else if (!running && input.hours !== undefined) {
    changes.hours = roundHours(input.hours, account.roundingMinutes);
  } else if (!running && input.started_at && input.ended_at) {
    changes.hours = roundHours(
      hoursBetween(new Date(input.started_at), new Date(input.ended_at)),
      account.roundingMinutes,
    );
  }

  if (running && !wasRunning) {
    // Restarting a stopped entry: it continues from its hours, and any other timer stops.
    const updated = await withTimerStart(db, async (tx) => {
      await queries.stopRunningTimerOf(tx, actor.accountId, entry.userId, account.roundingMinutes);
      return queries.updateTimeEntry(tx, actor.accountId, id, { ...changes, timerStartedAt: now });
    });
    if (updated === undefined) throw new NotFoundError('Time entry');
    return presentTimeEntry(actor, account, updated);
  }
  const updated = await queries.updateTimeEntry(db, actor.accountId, id, changes);
  if (updated === undefined) throw new NotFoundError('Time entry');
  return presentTimeEntry(actor, account, updated);
}

export async function deleteTimeEntry(db: Executor, actor: Actor, id: string): Promise<void> {
  const account = await findAccount(db, actor.accountId);
  const entry = await findWritableEntry(db, actor, id);
  assertNotLocked('time entry', entry, account);
  await queries.deleteTimeEntry(db, actor.accountId, id);
}
