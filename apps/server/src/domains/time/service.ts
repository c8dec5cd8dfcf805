import { and, eq } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { projectTaskAssignments } from '../../db/schema/index.ts';
import { toDecimalString, toNumber } from '../../lib/decimal.ts';
import { BusinessRuleError, ConflictError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { longerThanADay, roundHours, runningHours, spanHours, stoppedHours } from '../../lib/hours.ts';
import { newId } from '../../lib/ids.ts';
import { EXPORT_BATCH_ROWS } from '../../lib/limits.ts';
import { type Page, toPage } from '../../lib/pagination.ts';
import { type Abilities, loadAbilities } from '../access/abilities.ts';
import type { Actor } from '../access/actor.ts';
import {
  type CoalescedCreate,
  coalescedCreate,
  createOne,
  lookupOnce,
  throwUnexpected,
} from '../entries/create-many.ts';
import {
  assertCanEditEntriesOf,
  assertCreationFieldsUnchanged,
  assertDateOpen,
  assertMetadataFits,
  assertNotLocked,
  assertReadable,
  assertWritable,
  type LockSettings,
  lockOverride,
  lockReason,
  writableProject,
} from '../entries/guards.ts';
import { type ResolvedRates, ratesOf, resolveRates } from '../projects/rates.ts';
import { findProject, type ProjectRow } from '../projects/service.ts';
import type { DateRange } from '../reports/filters.ts';
import type { ReportFilters } from '../reports/schemas.ts';
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
type EntrySettings = Pick<
  AccountRow,
  'lockEntriesAfterDays' | 'timezone' | 'requireNotes' | 'roundingMinutes'
>;

export function presentTimeEntry(
  abilities: Abilities,
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
    hours: toNumber(hours),
    notes: entry.notes,
    is_running: entry.timerStartedAt !== null,
    is_billable: entry.isBillable,
    source: entry.source,
    metadata: entry.metadata,
    timer_started_at: entry.timerStartedAt?.toISOString() ?? null,
    started_at: entry.startedAt?.toISOString() ?? null,
    ended_at: entry.endedAt?.toISOString() ?? null,
    billable_rate: abilities.viewBillableRates(entry.userId) ? toNumber(entry.billableRate) : null,
    approval_status: entry.approvalStatus,
    timesheet_id: entry.timesheetId,
    invoice_id: entry.invoiceId,
    is_locked: lockReason(entry, account, abilities, now) !== null,
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

/** Hours of a manual entry, rounded: given, or the span of started_at..ended_at (which may cross midnight). */
function manualHours(input: CreateTimeEntryInput, roundingMinutes: number): string {
  if (input.hours !== undefined) return roundHours(input.hours, roundingMinutes);
  if (input.started_at !== undefined && input.ended_at !== undefined) {
    return spanHours(new Date(input.started_at), new Date(input.ended_at), roundingMinutes);
  }
  throw new ValidationError('hours is required', 'hours');
}

/** An entry's start and end, when it has both, are at most a day apart: on create and on every update. */
function assertSpanFits(startedAt: Date | null | undefined, endedAt: Date | null | undefined): void {
  if (startedAt && endedAt && longerThanADay(startedAt, endedAt)) {
    throw new BusinessRuleError('ended_at must be within 24 hours of started_at', 'ended_at');
  }
}

/** In a workspace that requires notes, an entry is saved stopped only with notes that say something. */
function assertNotesGiven(account: Pick<EntrySettings, 'requireNotes'>, notes: string | null): void {
  if (account.requireNotes && !notes?.trim()) {
    throw new BusinessRuleError('notes are required in this workspace', 'notes');
  }
}

/**
 * What a running timer is saved with when it stops at `at`, however it stops: by PATCH
 * is_running: false, or because another timer of the same person starts. An entry that has a start
 * time ends then.
 */
function stopOf(
  timer: { hours: string; startedAt: Date | null },
  timerStartedAt: Date,
  roundingMinutes: number,
  at: Date,
): Pick<queries.NewTimeEntryRow, 'hours' | 'timerStartedAt' | 'endedAt'> {
  return {
    hours: stoppedHours(timer.hours, timerStartedAt, at, roundingMinutes),
    timerStartedAt: null,
    ...(timer.startedAt !== null && { endedAt: at }),
  };
}

/**
 * Stops the person's running timer, if any, and returns the instant it stopped: the one at which
 * their next timer starts. The instant is read once the running timer is locked, so a new timer's
 * hours do not count the wait for the lock.
 *
 * The stopped timer is saved even without notes in a workspace that requires them: the spec has a
 * new timer stop and save the previous one, the request is about the new timer and cannot answer
 * for the old one, and an agent switching tasks must not be refused. Its notes can be added
 * afterwards, and a PATCH that touches them cannot leave them empty (`updateTimeEntry`).
 */
async function stopRunningTimerOf(
  tx: Executor,
  accountId: string,
  userId: string,
  roundingMinutes: number,
): Promise<Date> {
  const timer = await queries.lockRunningTimerOf(tx, accountId, userId);
  const now = new Date();
  if (timer !== undefined && timer.timerStartedAt !== null) {
    await queries.updateTimeEntry(
      tx,
      accountId,
      timer.id,
      stopOf(timer, timer.timerStartedAt, roundingMinutes, now),
    );
  }
  return now;
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
  abilities: Abilities,
  userId: string,
  projectId: string,
  taskId: string | null | undefined,
): Promise<EntryTarget> {
  const { actor } = abilities;
  assertCanEditEntriesOf(abilities, userId);
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
  if (!input.is_running) assertNotesGiven(account, notes);
  const startedAt = input.started_at ? new Date(input.started_at) : input.is_running ? new Date() : null;
  const endedAt = input.ended_at && !input.is_running ? new Date(input.ended_at) : null;
  assertSpanFits(startedAt, endedAt);
  return {
    id: newId('te'),
    accountId: actor.accountId,
    userId,
    projectId: project.id,
    taskId: taskAssignment?.taskId ?? null,
    spentDate: input.spent_date,
    hours: input.is_running ? toDecimalString(input.hours ?? 0) : manualHours(input, account.roundingMinutes),
    notes,
    isBillable: input.is_billable ?? defaultBillable(project, taskAssignment),
    source: input.source,
    metadata: input.metadata ?? null,
    startedAt,
    endedAt,
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
  const abilities = await loadAbilities(db, actor);
  const targetOf = lookupOnce(
    ({ userId, input }: { userId: string; input: CreateTimeEntryInput }) =>
      [userId, input.project_id, input.task_id ?? ''].join('\n'),
    ({ userId, input }) => entryTarget(db, abilities, userId, input.project_id, input.task_id),
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
  // A timer just started is answered as of its start: its hours are what it was given, not the
  // milliseconds the write took (which a busy server would show as 0.0001 h).
  const written = ({ index, account }: Prepared, entry: TimeEntryRow) => {
    const asOf = entry.timerStartedAt ?? new Date();
    results[index] = { status: 'fulfilled', value: presentTimeEntry(abilities, account, entry, asOf) };
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
        const now = await stopRunningTimerOf(
          timerTx,
          actor.accountId,
          item.row.userId,
          item.account.roundingMinutes,
        );
        return queries.insertTimeEntry(timerTx, { ...item.row, timerStartedAt: now });
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
export const coalescedCreateTimeEntry = (db: Database): CoalescedTimeEntryCreate =>
  coalescedCreate(db, createTimeEntries);
export type CoalescedTimeEntryCreate = CoalescedCreate<CreateTimeEntryInput, TimeEntryResponse>;

async function findReadableEntry(db: Executor, abilities: Abilities, id: string): Promise<TimeEntryRow> {
  const entry = await queries.findTimeEntry(db, abilities.actor.accountId, id);
  return assertReadable(abilities, entry, 'Time entry');
}

async function findWritableEntry(db: Executor, abilities: Abilities, id: string): Promise<TimeEntryRow> {
  const entry = await queries.findTimeEntry(db, abilities.actor.accountId, id);
  return assertWritable(abilities, entry, 'Time entry');
}

export async function getTimeEntry(db: Executor, actor: Actor, id: string): Promise<TimeEntryResponse> {
  const abilities = await loadAbilities(db, actor);
  const [entry, account] = await Promise.all([
    findReadableEntry(db, abilities, id),
    findAccount(db, actor.accountId),
  ]);
  return presentTimeEntry(abilities, account, entry);
}

export async function listTimeEntries(
  db: Executor,
  actor: Actor,
  filters: ListTimeEntriesFilters,
): Promise<Page<TimeEntryResponse>> {
  // The page needs only the abilities (no round trip unless the actor is a manager); the workspace
  // is read beside it rather than before it, so a page costs one round trip fewer (bench:read).
  const abilities = await loadAbilities(db, actor);
  const [account, rows] = await Promise.all([
    findAccount(db, actor.accountId),
    queries.listTimeEntries(db, actor.accountId, abilities.entryScope, filters),
  ]);
  const now = new Date();
  return toPage(
    rows,
    filters.limit,
    (entry) => presentTimeEntry(abilities, account, entry, now),
    (entry) => [entry.spentDate, entry.id],
  );
}

/** Every entry an export of the actor writes: those the list shows them, in keyset batches. */
export function exportTimeEntries(
  db: Executor,
  abilities: Abilities,
  period: DateRange,
  filters: ReportFilters,
) {
  const { accountId } = abilities.actor;
  return queries.timeEntryExportBatches(
    db,
    accountId,
    abilities.reportScope,
    period,
    filters,
    EXPORT_BATCH_ROWS,
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
  const [account, abilities] = await Promise.all([
    findAccount(db, actor.accountId),
    loadAbilities(db, actor),
  ]);
  const entry = await findWritableEntry(db, abilities, id);
  assertNotLocked('time entry', entry, account, abilities);
  if (input.spent_date !== undefined && !abilities.editLockedPeriod) {
    assertDateOpen('time entry', input.spent_date, account);
  }

  const changes: Partial<queries.NewTimeEntryRow> = {
    ...lockOverride({ ...entry, spentDate: input.spent_date ?? entry.spentDate }, account, abilities),
  };
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
  // Notes are asked for when the entry is saved stopped: when its timer stops, and when the notes of
  // a stopped entry change. A running timer may go without them until then.
  if (!running && (wasRunning || input.notes !== undefined)) {
    assertNotesGiven(account, input.notes !== undefined ? input.notes : entry.notes);
  }
  const now = new Date();
  if (entry.timerStartedAt !== null && !running) {
    // Stopping, as when another timer starts; hours and an end given in the request win.
    const stop = stopOf(entry, entry.timerStartedAt, account.roundingMinutes, now);
    changes.hours = input.hours === undefined ? stop.hours : roundHours(input.hours, account.roundingMinutes);
    changes.timerStartedAt = null;
    if (input.ended_at === undefined && stop.endedAt !== undefined) changes.endedAt = stop.endedAt;
  } else if (running && input.hours !== undefined) {
    // A running timer given new hours continues from them.
    changes.hours = toDecimalString(input.hours);
    changes.timerStartedAt = now;
  } else if (!running && input.hours !== undefined) {
    changes.hours = roundHours(input.hours, account.roundingMinutes);
  } else if (!running && input.started_at && input.ended_at) {
    changes.hours = spanHours(new Date(input.started_at), new Date(input.ended_at), account.roundingMinutes);
  }
  // A new start or end is checked against the other one, given or stored; a stop is not (its hours
  // are capped instead).
  if (input.started_at !== undefined || input.ended_at !== undefined) {
    assertSpanFits(
      changes.startedAt === undefined ? entry.startedAt : changes.startedAt,
      changes.endedAt === undefined ? entry.endedAt : changes.endedAt,
    );
  }

  if (running && !wasRunning) {
    // Restarting a stopped entry: it continues from its hours, and any other timer stops.
    const updated = await withTimerStart(db, async (tx) => {
      const startedAt = await stopRunningTimerOf(tx, actor.accountId, entry.userId, account.roundingMinutes);
      const restarted = { ...changes, timerStartedAt: startedAt };
      return queries.updateTimeEntry(tx, actor.accountId, id, restarted, entry.approvalStatus);
    });
    if (updated === undefined) return refuseChanged(db, abilities, account, id);
    return presentTimeEntry(abilities, account, updated);
  }
  const updated = await queries.updateTimeEntry(db, actor.accountId, id, changes, entry.approvalStatus);
  if (updated === undefined) return refuseChanged(db, abilities, account, id);
  return presentTimeEntry(abilities, account, updated);
}

/**
 * A write found the entry changed since it was read (submitted, approved, invoiced or deleted by a
 * concurrent request): answered as if the change had come first.
 */
async function refuseChanged(
  db: Executor,
  abilities: Abilities,
  account: LockSettings,
  id: string,
): Promise<never> {
  const now = await findReadableEntry(db, abilities, id);
  assertNotLocked('time entry', now, account, abilities);
  throw new ConflictError('The time entry changed while this request ran; read it again and retry');
}

export async function deleteTimeEntry(db: Executor, actor: Actor, id: string): Promise<void> {
  const [account, abilities] = await Promise.all([
    findAccount(db, actor.accountId),
    loadAbilities(db, actor),
  ]);
  const entry = await findWritableEntry(db, abilities, id);
  assertNotLocked('time entry', entry, account, abilities);
  const deleted = await queries.deleteTimeEntry(db, actor.accountId, id, entry.approvalStatus);
  if (!deleted) await refuseChanged(db, abilities, account, id);
}

/*
 * The approval workflow's state changes (domains/approvals decides who may make them and when).
 */

/**
 * Puts the person's entries of the period into a submission; a running timer in the period is
 * refused, since its hours are not final.
 */
export async function submitTimeEntries(
  tx: Executor,
  accountId: string,
  submission: Parameters<typeof queries.submitTimeEntries>[2],
): Promise<string[]> {
  const timer = await queries.runningTimerIn(tx, accountId, submission);
  if (timer !== undefined) {
    throw new BusinessRuleError(
      `A timer is running on ${timer.spentDate}: stop it before submitting this period`,
    );
  }
  return queries.submitTimeEntries(tx, accountId, submission);
}

export const transitionTimeEntries = queries.transitionTimeEntries;
export const timeEntriesOfTimesheets = queries.timeEntriesOfTimesheets;
export const dailyTimeTotals = queries.dailyTimeTotals;
export type { DailyTimeTotal } from './queries.ts';

/*
 * Invoicing's reads and writes of entries (domains/invoicing decides what is billed and when).
 */

export const uninvoicedTimeGroups = queries.uninvoicedTimeGroups;
export const billTimeGroups = queries.billTimeGroups;
export const awaitingApprovalTime = queries.awaitingApprovalTime;
export const releaseTimeEntries = queries.releaseTimeEntries;
