/**
 * Work an import leaves out because Approvals is on and it is not approved yet
 * (docs/decisions/0067-empty-imports.md): the uninvoiced preview shows it per project, and an import
 * that would pull nothing says it is why, instead of creating an empty draft.
 */
import Big from 'big.js';
import type { Executor } from '../../db/client.ts';
import type { projects } from '../../db/schema/index.ts';
import { BusinessRuleError } from '../../lib/errors.ts';
import {
  formatDecimal,
  formatMoney,
  type NumberFormat,
  roundToCurrency,
  sumAmounts,
} from '../../lib/money.ts';
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

/** What waits for approval on one project (or on all of an import's). */
export interface Awaiting {
  hours: Big;
  timeEntryCount: number;
  /** Rounded to the invoice's currency, as the expenses' line would be. */
  expenseAmount: Big;
  expenseCount: number;
  /** Of those, the entries nobody can approve yet: not submitted, or rejected and not resubmitted. */
  unsubmittedCount: number;
}

export const NOTHING_AWAITS: Awaiting = {
  hours: new Big(0),
  timeEntryCount: 0,
  expenseAmount: new Big(0),
  expenseCount: 0,
  unsubmittedCount: 0,
};

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
  const add = (projectId: string, more: Partial<Awaiting>) => {
    const now = byProject.get(projectId) ?? NOTHING_AWAITS;
    byProject.set(projectId, {
      hours: now.hours.plus(more.hours ?? 0),
      timeEntryCount: now.timeEntryCount + (more.timeEntryCount ?? 0),
      expenseAmount: now.expenseAmount.plus(more.expenseAmount ?? 0),
      expenseCount: now.expenseCount + (more.expenseCount ?? 0),
      unsubmittedCount: now.unsubmittedCount + (more.unsubmittedCount ?? 0),
    });
  };
  for (const row of time) {
    add(row.projectId, {
      hours: new Big(row.hours),
      timeEntryCount: row.entryCount,
      unsubmittedCount: row.approvalStatus === 'submitted' ? 0 : row.entryCount,
    });
  }
  // Summed exactly per status, rounded once per project: the import makes one rounded line of a
  // project's expenses when it groups them by project.
  const expenseTotals = new Map<string, Big[]>();
  for (const row of expenses) {
    expenseTotals.set(row.projectId, [...(expenseTotals.get(row.projectId) ?? []), new Big(row.totalCost)]);
    add(row.projectId, {
      expenseCount: row.expenseCount,
      unsubmittedCount: row.approvalStatus === 'submitted' ? 0 : row.expenseCount,
    });
  }
  for (const [projectId, totals] of expenseTotals) {
    add(projectId, { expenseAmount: roundToCurrency(sumAmounts(totals), selection.currency) });
  }
  return byProject;
}

/** The work of every project together (what an import of them all leaves out). */
export function totalAwaiting(byProject: Iterable<Awaiting>): Awaiting {
  const all = [...byProject];
  const count = (field: 'timeEntryCount' | 'expenseCount' | 'unsubmittedCount') =>
    all.reduce((sum, each) => sum + each[field], 0);
  return {
    hours: sumAmounts(all.map((each) => each.hours)),
    timeEntryCount: count('timeEntryCount'),
    expenseAmount: sumAmounts(all.map((each) => each.expenseAmount)),
    expenseCount: count('expenseCount'),
    unsubmittedCount: count('unsubmittedCount'),
  };
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
    if (awaiting.unsubmittedCount === count) reason += ', not submitted yet';
    else if (awaiting.unsubmittedCount > 0)
      reason += `, ${awaiting.unsubmittedCount} of them not submitted yet`;
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
