/**
 * Work an import leaves out because Approvals is on and it is not approved yet
 * (docs/decisions/0067-empty-imports.md): the uninvoiced preview shows it per project, and an import
 * that would pull nothing says it is why, instead of creating an empty draft.
 */
import Big from 'big.js';
import type { Executor } from '../../db/client.ts';
import type { projects } from '../../db/schema/index.ts';
import { BusinessRuleError } from '../../lib/errors.ts';
import { formatDecimal, formatMoney, type NumberFormat, roundToCurrency } from '../../lib/money.ts';
import { awaitingApprovalExpenses } from '../expenses/service.ts';
import { awaitingApprovalTime } from '../time/service.ts';
import { billedByTheHour } from './import.ts';
import type { LineItemsImport } from './schemas.ts';

type ProjectRow = typeof projects.$inferSelect;

/** A period of an import or of the preview; either end may be open. */
interface Period {
  from?: string | undefined;
  to?: string | undefined;
}

/**
 * What waits for approval on one project (or on all of an import's). The unsubmitted counts are
 * the entries nobody can approve yet: not submitted, or rejected and not resubmitted.
 */
export interface Awaiting {
  hours: Big;
  timeEntryCount: number;
  unsubmittedTimeEntryCount: number;
  /** Rounded to the invoice's currency, as the expenses' line would be. */
  expenseAmount: Big;
  expenseCount: number;
  unsubmittedExpenseCount: number;
}

export const NOTHING_AWAITS: Awaiting = {
  hours: new Big(0),
  timeEntryCount: 0,
  unsubmittedTimeEntryCount: 0,
  expenseAmount: new Big(0),
  expenseCount: 0,
  unsubmittedExpenseCount: 0,
};

function plus(a: Awaiting, b: Partial<Awaiting>): Awaiting {
  return {
    hours: a.hours.plus(b.hours ?? 0),
    timeEntryCount: a.timeEntryCount + (b.timeEntryCount ?? 0),
    unsubmittedTimeEntryCount: a.unsubmittedTimeEntryCount + (b.unsubmittedTimeEntryCount ?? 0),
    expenseAmount: a.expenseAmount.plus(b.expenseAmount ?? 0),
    expenseCount: a.expenseCount + (b.expenseCount ?? 0),
    unsubmittedExpenseCount: a.unsubmittedExpenseCount + (b.unsubmittedExpenseCount ?? 0),
  };
}

/**
 * The billable, uninvoiced work of `projects` that waits for approval, per project, read with the
 * import's own selection (its time over the projects billed by the hour, its expenses over all of
 * them); `time` or `expenses` undefined leaves that kind out, as an import that does not ask for it.
 */
export async function awaitingApproval(
  db: Executor,
  accountId: string,
  selection: { projects: ProjectRow[]; currency: string; time?: Period; expenses?: Period },
): Promise<Map<string, Awaiting>> {
  const [time, expenses] = await Promise.all([
    selection.time === undefined
      ? []
      : awaitingApprovalTime(db, accountId, {
          projectIds: billedByTheHour(selection.projects).map((project) => project.id),
          ...selection.time,
        }),
    selection.expenses === undefined
      ? []
      : awaitingApprovalExpenses(db, accountId, {
          projectIds: selection.projects.map((project) => project.id),
          ...selection.expenses,
        }),
  ]);
  const byProject = new Map<string, Awaiting>();
  const add = (projectId: string, more: Partial<Awaiting>) =>
    byProject.set(projectId, plus(byProject.get(projectId) ?? NOTHING_AWAITS, more));
  for (const row of time) {
    add(row.projectId, {
      hours: new Big(row.hours),
      timeEntryCount: row.entryCount,
      unsubmittedTimeEntryCount: row.approvalStatus === 'submitted' ? 0 : row.entryCount,
    });
  }
  for (const row of expenses) {
    add(row.projectId, {
      expenseAmount: new Big(row.totalCost),
      expenseCount: row.expenseCount,
      unsubmittedExpenseCount: row.approvalStatus === 'submitted' ? 0 : row.expenseCount,
    });
  }
  // Summed exactly across statuses, rounded once per project: the import makes one rounded line of
  // a project's expenses when it groups them by project.
  for (const [projectId, awaiting] of byProject) {
    byProject.set(projectId, {
      ...awaiting,
      expenseAmount: roundToCurrency(awaiting.expenseAmount, selection.currency),
    });
  }
  return byProject;
}

/** The work of every project together (what an import of them all leaves out). */
export function totalAwaiting(byProject: Iterable<Awaiting>): Awaiting {
  return [...byProject].reduce(plus, NOTHING_AWAITS);
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

function periodText({ from, to }: { from: string | null; to: string | null }): string {
  if (from !== null && to !== null) return ` between ${from} and ${to}`;
  if (from !== null) return ` from ${from}`;
  if (to !== null) return ` up to ${to}`;
  return '';
}

/**
 * The 422 for an import that pulls nothing and has no typed line either: an empty draft would look
 * like a bug, so the request is refused and says why — what waits for approval while Approvals is
 * on, else that nothing of what was asked is billable and uninvoiced.
 */
export async function nothingToInvoice(
  db: Executor,
  context: {
    account: { id: string; features: { approvals: boolean } } & NumberFormat;
    client: { name: string; currency: string };
    request: LineItemsImport;
    projects: ProjectRow[];
    period: { periodStart: string | null; periodEnd: string | null };
  },
): Promise<BusinessRuleError> {
  const { account, client, request } = context;
  const awaiting = account.features.approvals
    ? totalAwaiting(
        (
          await awaitingApproval(db, account.id, {
            projects: context.projects,
            currency: client.currency,
            time: request.time,
            expenses: request.expenses,
          })
        ).values(),
      )
    : NOTHING_AWAITS;
  const format: NumberFormat = {
    decimalSeparator: account.decimalSeparator,
    thousandsSeparator: account.thousandsSeparator,
  };
  const waiting = [
    awaiting.timeEntryCount === 0
      ? null
      : `${plural(awaiting.timeEntryCount, 'time entry', 'time entries')} (${formatDecimal(awaiting.hours, 2, format)} h)`,
    awaiting.expenseCount === 0
      ? null
      : `${plural(awaiting.expenseCount, 'expense', 'expenses')} (${formatMoney(awaiting.expenseAmount, client.currency, format)})`,
  ].filter((part) => part !== null);
  let reason: string;
  if (waiting.length > 0) {
    const count = awaiting.timeEntryCount + awaiting.expenseCount;
    reason = `${waiting.join(' and ')} ${count === 1 ? 'awaits' : 'await'} approval`;
    const unsubmitted = awaiting.unsubmittedTimeEntryCount + awaiting.unsubmittedExpenseCount;
    if (unsubmitted === count) reason += ', not submitted yet';
    else if (unsubmitted > 0) reason += `, ${unsubmitted} of them not submitted yet`;
  } else {
    const kinds = [request.time ? 'time entries' : null, request.expenses ? 'expenses' : null].filter(
      (kind) => kind !== null,
    );
    const parts = [
      kinds.length === 0 ? null : `no billable, uninvoiced ${kinds.join(' or ')}`,
      request.fixed_fee ? 'no fixed fee left to invoice' : null,
    ].filter((part) => part !== null);
    reason = parts.length === 0 ? 'the import asks for no time, expenses or fixed fee' : parts.join(', and ');
  }
  const period = periodText({ from: context.period.periodStart, to: context.period.periodEnd });
  return new BusinessRuleError(
    `Nothing to invoice for ${client.name}${period}: ${reason}`,
    'line_items_import',
  );
}
