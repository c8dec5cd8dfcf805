import type { Database, Executor } from '../../db/client.ts';
import { enqueue } from '../../jobs/enqueue.ts';
import { BusinessRuleError, ConflictError, EntryLockedError, NotFoundError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { type Page, toPage } from '../../lib/pagination.ts';
import { addCalendarDays, todayIn, weekOf } from '../../lib/workspace-clock.ts';
import { type Abilities, loadAbilities, requireAbility } from '../access/abilities.ts';
import type { Actor } from '../access/actor.ts';
import { approveEntries, type EntryTransition, rejectEntries, withdrawEntries } from '../entries/approval.ts';
import { publicCategoryIds } from '../expenses/categories.ts';
import type { ExpenseRow } from '../expenses/queries.ts';
import * as expenses from '../expenses/service.ts';
import { findUserInAccount, usersByIds } from '../people/queries.ts';
import type { TimeEntryRow } from '../time/queries.ts';
import * as time from '../time/service.ts';
import { findAccount } from '../workspaces/service.ts';
import type { TimesheetRow } from './queries.ts';
import * as queries from './queries.ts';
import type {
  ListTimesheetsFilters,
  SubmitTimesheetInput,
  TimesheetDetailResponse,
  TimesheetResponse,
} from './schemas.ts';
import { dailyTotalsOf, flagsOf, totalsOf } from './summary.ts';

/**
 * Timesheets: a person's time entries and expenses of a period, submitted together and approved,
 * rejected or withdrawn together (time-tracking/submitting-timesheets, approving-time;
 * docs/decisions/0018-timesheets.md). The entries themselves change only through their owners,
 * domains/time and domains/expenses, inside the transaction that changes the timesheet.
 */

type AccountRow = Awaited<ReturnType<typeof findAccount>>;

/** The longest period one submission may cover, so a typo in a year cannot submit a decade. */
const MAX_PERIOD_DAYS = 366;

async function context(db: Executor, actor: Actor) {
  const [account, abilities] = await Promise.all([
    findAccount(db, actor.accountId),
    loadAbilities(db, actor),
  ]);
  return { account, abilities };
}

/** The period to submit: the one given, or the workspace's current week in its time zone. */
function periodOf(input: SubmitTimesheetInput, account: AccountRow, now: Date) {
  // Rules across fields are the service's, answered 422: the OpenAPI document cannot state them,
  // so a request it allows is never refused as malformed (issue 12).
  if ((input.from === undefined) !== (input.to === undefined)) {
    throw new BusinessRuleError('from and to go together', input.from === undefined ? 'from' : 'to');
  }
  if (input.from !== undefined && input.to !== undefined) {
    if (input.to < input.from) throw new BusinessRuleError('to must not be before from', 'to');
    if (addCalendarDays(input.from, MAX_PERIOD_DAYS - 1) < input.to) {
      throw new BusinessRuleError(`A submission covers at most ${MAX_PERIOD_DAYS} days`, 'to');
    }
    return { from: input.from, to: input.to };
  }
  const week = weekOf(todayIn(account.timezone, now), account.weekStartsOn);
  return { from: week.start, to: week.end };
}

interface Presented {
  summary: TimesheetResponse;
  row: TimesheetRow;
  entries: TimeEntryRow[];
  expenses: ExpenseRow[];
}

/** Each timesheet owner's hours per day over the whole weeks their timesheets touch (for the capacity flags). */
async function ownersDailyHours(
  db: Executor,
  account: AccountRow,
  rows: TimesheetRow[],
): Promise<Map<string, Map<string, string>>> {
  const byOwner = new Map<string, Map<string, string>>();
  if (rows.length === 0) return byOwner;
  const from = rows.map((row) => weekOf(row.periodFrom, account.weekStartsOn).start).sort()[0];
  const to = rows
    .map((row) => weekOf(row.periodTo, account.weekStartsOn).end)
    .sort()
    .at(-1);
  if (from === undefined || to === undefined) return byOwner;
  const totals = await time.dailyTimeTotals(db, account.id, {
    from,
    to,
    userIds: [...new Set(rows.map((row) => row.userId))],
  });
  for (const total of totals) {
    const days = byOwner.get(total.userId) ?? new Map<string, string>();
    days.set(total.spentDate, total.hours);
    byOwner.set(total.userId, days);
  }
  return byOwner;
}

/** Presents timesheets with their figures, reading their entries and people in a few queries. */
async function present(
  db: Executor,
  abilities: Abilities,
  account: AccountRow,
  rows: TimesheetRow[],
): Promise<Presented[]> {
  const { accountId } = abilities.actor;
  const ids = rows.map((row) => row.id);
  const peopleIds = new Set(
    rows.flatMap((row) => [row.userId, row.submittedById, row.decidedById]).filter((id) => id !== null),
  );
  const [entries, spent, people, dayTotals] = await Promise.all([
    time.timeEntriesOfTimesheets(db, accountId, ids),
    expenses.expensesOfTimesheets(db, accountId, ids),
    usersByIds(db, accountId, [...peopleIds]),
    ownersDailyHours(db, account, rows),
  ]);
  const personById = new Map(people.map((user) => [user.id, user]));
  const person = (id: string | null) => {
    const user = id === null ? undefined : personById.get(id);
    return user === undefined ? null : { id: user.id, name: user.name };
  };
  return rows.map((row) => {
    const ofTimesheet = entries.filter((entry) => entry.timesheetId === row.id);
    const expensesOf = spent.filter((expense) => expense.timesheetId === row.id);
    // The owner cannot be missing: users with timesheets cannot be deleted (foreign key).
    const owner = personById.get(row.userId);
    if (owner === undefined) throw new Error(`timesheet ${row.id} has no owner`);
    const summary: TimesheetResponse = {
      id: row.id,
      user: { id: owner.id, name: owner.name, user_type: owner.userType },
      from: row.periodFrom,
      to: row.periodTo,
      state: row.state,
      ...totalsOf(ofTimesheet, expensesOf, account.currency),
      currency: account.currency,
      time_entry_count: ofTimesheet.length,
      expense_count: expensesOf.length,
      flags: flagsOf(ofTimesheet, {
        weekStartsOn: account.weekStartsOn,
        weeklyCapacity: owner.weeklyCapacity ?? account.defaultWeeklyCapacity,
        hoursByDay: dayTotals.get(row.userId) ?? new Map(),
      }),
      submitted_at: row.submittedAt.toISOString(),
      submitted_by: person(row.submittedById),
      decided_at: row.decidedAt?.toISOString() ?? null,
      decided_by: person(row.decidedById),
      reason: row.reason,
    };
    return { summary, row, entries: ofTimesheet, expenses: expensesOf };
  });
}

/** One timesheet with its entries and daily totals (the drill-down). */
async function presentOne(
  db: Executor,
  abilities: Abilities,
  account: AccountRow,
  row: TimesheetRow,
): Promise<TimesheetDetailResponse> {
  const [[presented], categoryId] = await Promise.all([
    present(db, abilities, account, [row]),
    publicCategoryIds(db, abilities.actor.accountId),
  ]);
  if (presented === undefined) throw new Error('a presented timesheet went missing');
  const now = new Date();
  return {
    ...presented.summary,
    time_entries: presented.entries.map((entry) => time.presentTimeEntry(abilities, account, entry, now)),
    expenses: presented.expenses.map((expense) =>
      expenses.presentExpense(abilities, account, categoryId, expense),
    ),
    daily_totals: dailyTotalsOf(
      { from: row.periodFrom, to: row.periodTo },
      presented.entries,
      presented.expenses,
      account.currency,
    ),
  };
}

export async function submitTimesheet(
  db: Database,
  actor: Actor,
  input: SubmitTimesheetInput,
  now = new Date(),
): Promise<TimesheetDetailResponse> {
  const { account, abilities } = await context(db, actor);
  const userId = input.user_id ?? actor.userId;
  requireAbility(
    abilities.submitTimesheetsOf(userId),
    "You cannot submit another user's timesheet",
    'user_id',
  );
  if (userId !== actor.userId) await findUserInAccount(db, actor.accountId, userId, 'user_id');
  const period = periodOf(input, account, now);

  const row = await db.transaction(async (tx) => {
    const timesheet = await queries.insertTimesheet(tx, {
      id: newId('tsh'),
      accountId: actor.accountId,
      userId,
      periodFrom: period.from,
      periodTo: period.to,
      submittedAt: now,
      submittedById: actor.userId,
    });
    const submission = { userId, ...period, timesheetId: timesheet.id, at: now };
    const [entryIds, expenseIds] = [
      await time.submitTimeEntries(tx, actor.accountId, submission),
      await expenses.submitExpenses(tx, actor.accountId, submission),
    ];
    if (entryIds.length === 0 && expenseIds.length === 0) {
      throw new BusinessRuleError(
        `Nothing to submit between ${period.from} and ${period.to}: no unsubmitted time entries or expenses`,
      );
    }
    await enqueue(tx, 'send-timesheet-email', {
      accountId: actor.accountId,
      timesheetId: timesheet.id,
      event: 'submitted',
      byId: actor.userId,
    });
    return timesheet;
  });
  return presentOne(db, abilities, account, row);
}

export async function listTimesheets(
  db: Executor,
  actor: Actor,
  filters: ListTimesheetsFilters,
): Promise<Page<TimesheetResponse>> {
  const { account, abilities } = await context(db, actor);
  const rows = await queries.listTimesheets(db, actor.accountId, abilities.entryScope, filters);
  const page = toPage(
    rows,
    filters.limit,
    (row) => row,
    (row) => [row.periodFrom, row.id],
  );
  const presented = await present(db, abilities, account, page.data);
  return { ...page, data: presented.map(({ summary }) => summary) };
}

/** A timesheet outside the actor's scope does not exist for them (404, as in listings). */
function assertVisible(abilities: Abilities, row: TimesheetRow | undefined): TimesheetRow {
  if (row === undefined || !abilities.viewEntriesOf(row.userId)) throw new NotFoundError('Timesheet');
  return row;
}

export async function getTimesheet(db: Executor, actor: Actor, id: string): Promise<TimesheetDetailResponse> {
  const { account, abilities } = await context(db, actor);
  const row = assertVisible(abilities, await queries.findTimesheet(db, actor.accountId, id));
  return presentOne(db, abilities, account, row);
}

type Decision = 'approve' | 'reject' | 'withdraw';

const DECISIONS: Record<
  Decision,
  {
    from: TimesheetRow['state'];
    to: TimesheetRow['state'];
    entries: (by: string, at: Date) => EntryTransition;
    event: 'approved' | 'rejected' | 'withdrawn';
    past: string;
  }
> = {
  approve: {
    from: 'submitted',
    to: 'approved',
    entries: approveEntries,
    event: 'approved',
    past: 'approved',
  },
  reject: { from: 'submitted', to: 'rejected', entries: rejectEntries, event: 'rejected', past: 'rejected' },
  withdraw: {
    from: 'approved',
    to: 'submitted',
    entries: withdrawEntries,
    event: 'withdrawn',
    past: 'withdrawn',
  },
};

/** Who may make the decision on `userId`'s timesheet: approvers, and for withdrawing, with that permission. */
function assertMayDecide(abilities: Abilities, decision: Decision, userId: string): void {
  requireAbility(
    abilities.approveTimesheetsOf(userId),
    userId === abilities.actor.userId
      ? 'You cannot approve or reject your own timesheet'
      : "You cannot approve or reject this person's timesheets",
  );
  if (decision === 'withdraw') {
    requireAbility(abilities.withdrawApprovals, 'You do not have permission to withdraw approvals');
  }
}

/**
 * Applies a decision in one transaction: the timesheet is locked first, so a concurrent decision
 * waits and then sees this one's state; its entries move with a conditional update each
 * (entries/approval.ts), which waits for an edit in progress and then sees its outcome.
 */
async function decide(
  db: Database,
  abilities: Abilities,
  account: AccountRow,
  decision: Decision,
  id: string,
  reason: string | null,
): Promise<TimesheetDetailResponse> {
  const { actor } = abilities;
  const rule = DECISIONS[decision];
  const row = await db.transaction(async (tx) => {
    const timesheet = await queries.lockTimesheet(tx, actor.accountId, id);
    if (timesheet === undefined) throw new NotFoundError('Timesheet');
    // Deciding for someone one does not manage is refused (403) like any write beyond one's
    // permissions, even where the timesheet is out of one's sight.
    assertMayDecide(abilities, decision, timesheet.userId);
    if (timesheet.state !== rule.from) {
      throw new ConflictError(
        `This timesheet is ${timesheet.state}; only a ${rule.from} one can be ${rule.past}`,
      );
    }
    if (decision === 'withdraw') {
      const [entries, spent] = await Promise.all([
        time.timeEntriesOfTimesheets(tx, actor.accountId, [id]),
        expenses.expensesOfTimesheets(tx, actor.accountId, [id]),
      ]);
      // Invoiced entries stay approved until their invoice releases them.
      if ([...entries, ...spent].some((entry) => entry.invoiceId !== null)) {
        throw new EntryLockedError('timesheet', 'invoiced');
      }
    }
    const now = new Date();
    const transition = rule.entries(actor.userId, now);
    await time.transitionTimeEntries(tx, actor.accountId, id, transition);
    await expenses.transitionExpenses(tx, actor.accountId, id, transition);
    const decided = await queries.updateTimesheet(tx, actor.accountId, id, {
      state: rule.to,
      // A withdrawn approval is undecided again.
      decidedAt: decision === 'withdraw' ? null : now,
      decidedById: decision === 'withdraw' ? null : actor.userId,
      reason,
    });
    await enqueue(tx, 'send-timesheet-email', {
      accountId: actor.accountId,
      timesheetId: id,
      event: rule.event,
      byId: actor.userId,
    });
    return decided;
  });
  return presentOne(db, abilities, account, row);
}

export async function approveTimesheet(db: Database, actor: Actor, id: string, note?: string) {
  const { account, abilities } = await context(db, actor);
  return decide(db, abilities, account, 'approve', id, note?.trim() || null);
}

export async function rejectTimesheet(db: Database, actor: Actor, id: string, reason: string) {
  const { account, abilities } = await context(db, actor);
  return decide(db, abilities, account, 'reject', id, reason.trim());
}

export async function withdrawTimesheet(db: Database, actor: Actor, id: string) {
  const { account, abilities } = await context(db, actor);
  return decide(db, abilities, account, 'withdraw', id, null);
}

/**
 * Approves or rejects each timesheet on its own (one transaction each), settling each id with what
 * a single call would answer: one refused timesheet does not hold back the others.
 */
export async function decideMany(
  db: Database,
  actor: Actor,
  decision: 'approve' | 'reject',
  ids: string[],
  reason: string | undefined,
): Promise<PromiseSettledResult<TimesheetResponse>[]> {
  const { account, abilities } = await context(db, actor);
  const note = reason?.trim() || null;
  const results: PromiseSettledResult<TimesheetResponse>[] = [];
  // One after the other: the same approver's decisions, in the order asked.
  for (const id of ids) {
    try {
      const {
        time_entries: _t,
        expenses: _e,
        daily_totals: _d,
        ...summary
      } = await decide(db, abilities, account, decision, id, note);
      results.push({ status: 'fulfilled', value: summary });
    } catch (reason) {
      results.push({ status: 'rejected', reason });
    }
  }
  return results;
}
