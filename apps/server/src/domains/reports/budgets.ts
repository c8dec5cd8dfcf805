import Big from 'big.js';
import { and, asc, eq, inArray, ne, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { clients, projects } from '../../db/schema/index.ts';
import { exponentOf } from '../../lib/currencies.ts';
import { toNumber } from '../../lib/decimal.ts';
import { sumAmounts } from '../../lib/money.ts';
import { monthOf, todayIn } from '../../lib/workspace-clock.ts';
import { type Abilities, loadAbilities } from '../access/abilities.ts';
import type { Actor } from '../access/actor.ts';
import type { SpendingWindow } from '../entries/spending.ts';
import { billableExpenseSpendingOf } from '../expenses/queries.ts';
import { assignedProjectIds, budgetAssignmentsOf } from '../projects/queries.ts';
import { timeSpendingOf } from '../time/queries.ts';
import { findAccount } from '../workspaces/service.ts';
import type {
  BudgetItem,
  BudgetProgress,
  BudgetReport,
  BudgetReportQuery,
  BudgetRow,
  BudgetStatus,
} from './budget-schemas.ts';

/**
 * Project budgets (projects/budgets, reports/budget-reports): one computation behind the budget
 * report, each project's `budget_progress` and the budget alerts (docs/decisions/0037-budgets.md).
 */

type ProjectRow = typeof projects.$inferSelect;
type BudgetType = BudgetProgress['budget_type'];

export interface BudgetedProject {
  project: ProjectRow;
  clientName: string;
  /** The client's currency: what the project's rates and fee budget are in. */
  currency: string;
}

/** A budget's figures, exact: hours, or an amount in the project's currency (sums of rounded lines). */
export interface Usage {
  budget: Big;
  spent: Big;
}

export interface ComputedBudget extends Usage {
  source: BudgetedProject;
  type: BudgetType;
  /** The month a monthly budget counts; null for a budget over the project's whole life. */
  period: { start: string; end: string } | null;
  items: (Usage & { kind: 'task' | 'person'; id: string; name: string })[];
}

/** Where a budget stands: over from 100 %, warning from the project's alert threshold. */
export function budgetStatus(
  usage: Usage,
  alertPercent: number,
): { percentUsed: Big | null; status: BudgetStatus } {
  if (usage.budget.eq(0)) return { percentUsed: null, status: usage.spent.gt(0) ? 'over' : 'on_track' };
  const percentUsed = usage.spent.times(100).div(usage.budget);
  const status = percentUsed.gte(100) ? 'over' : percentUsed.gte(alertPercent) ? 'warning' : 'on_track';
  return { percentUsed, status };
}

/**
 * Budgeted projects of the workspace matching `conditions`, in name order. Projects whose budget the
 * caller may not see are left out by the callers' conditions (`visibleBudgets`).
 */
export async function budgetedProjects(
  db: Executor,
  accountId: string,
  conditions: (SQL | undefined)[] = [],
): Promise<BudgetedProject[]> {
  const rows = await db
    .select({ project: projects, clientName: clients.name, currency: clients.currency })
    .from(projects)
    .innerJoin(clients, eq(clients.id, projects.clientId))
    .where(and(eq(projects.accountId, accountId), ne(projects.budgetBy, 'none'), ...conditions))
    .orderBy(asc(projects.name), asc(projects.id));
  return rows;
}

/** The projects whose budget the actor sees: on their team (or all), and hidden ones only for managers. */
function visibleBudgets(db: Executor, abilities: Abilities): (SQL | undefined)[] {
  const { actor } = abilities;
  return [
    abilities.viewAllProjects
      ? undefined
      : inArray(projects.id, assignedProjectIds(db, actor.accountId, actor.userId)),
    abilities.viewHiddenBudgets ? undefined : eq(projects.showBudgetToAll, true),
  ];
}

export interface BudgetClock {
  /** The workspace's time zone: "this month" for monthly budgets is taken there. */
  timeZone: string;
  now: Date;
  /** Count monthly budgets over this month (YYYY-MM) instead of the current one. */
  month?: string;
}

/**
 * Spent and budget of each project's budget. Monthly budgets count the month (in the workspace's
 * zone); the others everything tracked on the project. Projects without a budget figure (a total
 * budget left empty, per-task or per-person budgets with no task or person given one) are left out.
 */
export async function computeBudgets(
  db: Executor,
  accountId: string,
  budgeted: readonly BudgetedProject[],
  clock: BudgetClock,
): Promise<ComputedBudget[]> {
  const month = monthOf(clock.month === undefined ? todayIn(clock.timeZone, clock.now) : `${clock.month}-01`);
  const windows: SpendingWindow[] = budgeted.map(({ project, currency }) => ({
    projectId: project.id,
    from: project.budgetResetsMonthly ? month.start : null,
    to: project.budgetResetsMonthly ? month.end : null,
    exponent: exponentOf(currency),
  }));
  const feesWithExpenses = windows.filter((_, i) => {
    const project = budgeted[i]?.project;
    return project?.budgetBy === 'total_fees' && project.budgetIncludesExpenses;
  });
  const itemised = budgeted.filter(
    ({ project }) => project.budgetBy === 'task' || project.budgetBy === 'person',
  );
  const [time, expenseAmounts, assignments] = await Promise.all([
    timeSpendingOf(db, accountId, windows),
    billableExpenseSpendingOf(db, accountId, feesWithExpenses),
    budgetAssignmentsOf(
      db,
      accountId,
      itemised.map(({ project }) => project.id),
    ),
  ]);

  const computed: ComputedBudget[] = [];
  for (const source of budgeted) {
    const { project } = source;
    const type = project.budgetBy;
    if (type === 'none') continue;
    const tracked = time.filter((row) => row.projectId === project.id);
    const period = project.budgetResetsMonthly ? month : null;
    if (type === 'total_hours' || type === 'total_fees') {
      const figure = type === 'total_hours' ? project.budgetHours : project.budgetAmount;
      if (figure === null) continue;
      const spent =
        type === 'total_hours'
          ? sumAmounts(tracked.map((row) => new Big(row.hours)))
          : sumAmounts(tracked.map((row) => new Big(row.billableAmount))).plus(
              expenseAmounts.get(project.id) ?? 0,
            );
      computed.push({ source, type, period, budget: new Big(figure), spent, items: [] });
      continue;
    }
    const kind: 'task' | 'person' = type === 'task' ? 'task' : 'person';
    const items = assignments
      .filter((item) => item.projectId === project.id && item.kind === kind)
      .map((item) => ({
        kind,
        id: item.id,
        name: item.name,
        budget: new Big(item.budgetHours),
        spent: sumAmounts(
          tracked
            .filter((row) => (kind === 'task' ? row.taskId : row.userId) === item.id)
            .map((row) => new Big(row.hours)),
        ),
      }));
    if (items.length === 0) continue;
    computed.push({
      source,
      type,
      period,
      budget: sumAmounts(items.map((item) => item.budget)),
      spent: sumAmounts(items.map((item) => item.spent)),
      items,
    });
  }
  return computed;
}

const figure = (value: Big) => toNumber(value.toFixed());

function presentUsage(usage: Usage, alertPercent: number, amountsVisible: boolean) {
  const { percentUsed, status } = budgetStatus(usage, alertPercent);
  return {
    budget: amountsVisible ? figure(usage.budget) : null,
    spent: amountsVisible ? figure(usage.spent) : null,
    remaining: amountsVisible ? figure(usage.budget.minus(usage.spent)) : null,
    percent_used: percentUsed === null ? null : toNumber(percentUsed.round(2, Big.roundHalfUp).toFixed()),
    status,
  };
}

/**
 * Fee budgets are amounts: shown to those who see billable rates, or to everyone when the project
 * shows its budget to the team, as `budget_amount` on the project itself. Hours are always shown.
 */
function amountsVisible(abilities: Abilities, budget: ComputedBudget): boolean {
  return (
    budget.type !== 'total_fees' || abilities.viewBillableRates() || budget.source.project.showBudgetToAll
  );
}

export function presentBudget(abilities: Abilities, budget: ComputedBudget): BudgetProgress {
  const { project, currency } = budget.source;
  const visible = amountsVisible(abilities, budget);
  const alertPercent = project.budgetAlertPercent;
  return {
    budget_type: budget.type,
    unit: budget.type === 'total_fees' ? currency : 'hours',
    ...presentUsage(budget, alertPercent, visible),
    is_monthly: project.budgetResetsMonthly,
    period_from: budget.period?.start ?? null,
    period_to: budget.period?.end ?? null,
    alert_percent: alertPercent,
    includes_expenses: project.budgetIncludesExpenses,
    items: budget.items.map(
      (item): BudgetItem => ({
        kind: item.kind,
        id: item.id,
        name: item.name,
        ...presentUsage(item, alertPercent, visible),
      }),
    ),
  };
}

/**
 * `budget_progress` for projects being answered (a page of the list, one project): the budgets
 * the actor sees, by project id, computed now.
 */
export async function budgetProgressOf(
  db: Executor,
  abilities: Abilities,
  rows: readonly ProjectRow[],
): Promise<Map<string, BudgetProgress>> {
  const ids = rows.filter((row) => row.budgetBy !== 'none').map((row) => row.id);
  if (ids.length === 0) return new Map();
  const { accountId } = abilities.actor;
  const [account, budgeted] = await Promise.all([
    findAccount(db, accountId),
    budgetedProjects(db, accountId, [inArray(projects.id, ids), ...visibleBudgets(db, abilities)]),
  ]);
  const computed = await computeBudgets(db, accountId, budgeted, {
    timeZone: account.timezone,
    now: new Date(),
  });
  return new Map(computed.map((budget) => [budget.source.project.id, presentBudget(abilities, budget)]));
}

/** GET /v1/reports/budgets: every budgeted project the actor sees, with totals. */
export async function budgetReport(
  db: Executor,
  actor: Actor,
  query: BudgetReportQuery,
): Promise<BudgetReport> {
  const abilities = await loadAbilities(db, actor);
  const [account, budgeted] = await Promise.all([
    findAccount(db, actor.accountId),
    budgetedProjects(db, actor.accountId, [
      ...visibleBudgets(db, abilities),
      query.include_archived === true ? undefined : eq(projects.isActive, true),
      query.client_id === undefined ? undefined : eq(projects.clientId, query.client_id),
      query.project_id === undefined ? undefined : eq(projects.id, query.project_id),
    ]),
  ]);
  const computed = await computeBudgets(db, actor.accountId, budgeted, {
    timeZone: account.timezone,
    now: new Date(),
    month: query.month,
  });
  const results = computed
    .map(
      (budget): BudgetRow => ({
        project_id: budget.source.project.id,
        project_name: budget.source.project.name,
        client_id: budget.source.project.clientId,
        client_name: budget.source.clientName,
        ...presentBudget(abilities, budget),
      }),
    )
    .filter((row) => query.status === undefined || row.status === query.status);
  return { results, totals: budgetTotals(abilities, computed, results) };
}

function budgetTotals(
  abilities: Abilities,
  computed: readonly ComputedBudget[],
  results: readonly BudgetRow[],
): BudgetReport['totals'] {
  const shown = new Set(results.map((row) => row.project_id));
  const counted = computed.filter((budget) => shown.has(budget.source.project.id));
  const hours = counted.filter((budget) => budget.type !== 'total_fees');
  const fees = new Map<string, Usage>();
  for (const budget of counted) {
    if (budget.type !== 'total_fees' || !amountsVisible(abilities, budget)) continue;
    const sum = fees.get(budget.source.currency) ?? { budget: new Big(0), spent: new Big(0) };
    fees.set(budget.source.currency, {
      budget: sum.budget.plus(budget.budget),
      spent: sum.spent.plus(budget.spent),
    });
  }
  const hoursBudget = sumAmounts(hours.map((budget) => budget.budget));
  const hoursSpent = sumAmounts(hours.map((budget) => budget.spent));
  return {
    projects: results.length,
    on_track: results.filter((row) => row.status === 'on_track').length,
    warning: results.filter((row) => row.status === 'warning').length,
    over: results.filter((row) => row.status === 'over').length,
    hours: {
      budget: figure(hoursBudget),
      spent: figure(hoursSpent),
      remaining: figure(hoursBudget.minus(hoursSpent)),
    },
    fees: [...fees]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, sum]) => ({
        currency,
        budget: figure(sum.budget),
        spent: figure(sum.spent),
        remaining: figure(sum.budget.minus(sum.spent)),
      })),
  };
}
