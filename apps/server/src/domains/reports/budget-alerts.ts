import Big from 'big.js';
import { and, eq, ne } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.ts';
import { budgetAlerts, projects } from '../../db/schema/index.ts';
import { enqueue } from '../../jobs/enqueue.ts';
import type { JobPayload } from '../../jobs/registry.ts';
import { newId } from '../../lib/ids.ts';
import type { Mailer } from '../../lib/mail.ts';
import { formatMoney } from '../../lib/money.ts';
import { abilitiesOf } from '../access/abilities.ts';
import { actorOfUser } from '../access/actor.ts';
import type { MailContent } from '../notifications/email.ts';
import { wantsMail } from '../notifications/kinds.ts';
import { sendNotification } from '../notifications/service.ts';
import { activeAdministratorIdsOf, type UserRow, usersByIds } from '../people/queries.ts';
import { projectManagerIdsOf } from '../projects/queries.ts';
import { findAccount } from '../workspaces/service.ts';
import { budgetedProjects, budgetStatus, type ComputedBudget, computeBudgets } from './budgets.ts';

/**
 * Budget alerts (projects/budgets "Over-Budget Notifications"): when a project's spending crosses its
 * alert threshold or 100 %, its project managers and the administrators are emailed, once per
 * crossing per budget period (docs/decisions/0038-budget-alerts.md).
 */

type AlertLevel = 'warning' | 'over';

/** The budget period a crossing belongs to: the month of a monthly budget, else the project's life. */
const periodOf = (budget: ComputedBudget) => budget.period?.start.slice(0, 7) ?? 'life';

/** Whether `user` wants budget alert mail: their notification preferences decide ("Over-budget alert"). */
export function wantsBudgetMail(user: UserRow): boolean {
  return wantsMail(user, 'budget_alert');
}

/**
 * Checks the active budgets of a workspace as of `now` and records each new crossing; for each
 * project that crossed, an email job for its highest new level is queued in the same transaction
 * as the record, so a crossing is mailed if and only if it was recorded. A budget that jumps past
 * both levels at once is mailed once, as over.
 */
export async function checkBudgets(db: Database, accountId: string, now: Date): Promise<number> {
  const [account, budgeted] = await Promise.all([
    findAccount(db, accountId),
    budgetedProjects(db, accountId, [eq(projects.isActive, true)]),
  ]);
  const computed = await computeBudgets(db, accountId, budgeted, { timeZone: account.timezone, now });
  let crossed = 0;
  for (const budget of computed) {
    const { status } = budgetStatus(budget, budget.source.project.budgetAlertPercent);
    if (status === 'on_track') continue;
    const levels: AlertLevel[] = status === 'over' ? ['warning', 'over'] : ['warning'];
    const recorded = await db.transaction(async (tx) => {
      const inserted = await recordCrossings(tx, accountId, budget, levels);
      const highest = inserted.find((row) => row.level === 'over') ?? inserted[0];
      if (highest === undefined) return false;
      await enqueue(tx, 'send-budget-alert-email', { accountId, alertId: highest.id });
      return true;
    });
    if (recorded) crossed += 1;
  }
  return crossed;
}

/** Inserts the crossings not yet recorded for this budget, period and figure; returns the new ones. */
function recordCrossings(tx: Executor, accountId: string, budget: ComputedBudget, levels: AlertLevel[]) {
  return tx
    .insert(budgetAlerts)
    .values(
      levels.map((level) => ({
        id: newId('bal'),
        accountId,
        projectId: budget.source.project.id,
        period: periodOf(budget),
        level,
        budget: budget.budget.toFixed(),
        spent: budget.spent.toFixed(),
      })),
    )
    .onConflictDoNothing()
    .returning({ id: budgetAlerts.id, level: budgetAlerts.level });
}

/** The workspaces with an active budgeted project: what the periodic check goes through. */
export async function accountsWithBudgets(db: Executor): Promise<string[]> {
  const rows = await db
    .selectDistinct({ accountId: projects.accountId })
    .from(projects)
    .where(and(eq(projects.isActive, true), ne(projects.budgetBy, 'none')));
  return rows.map((row) => row.accountId);
}

async function findAlert(db: Executor, accountId: string, alertId: string) {
  const [row] = await db
    .select()
    .from(budgetAlerts)
    .where(and(eq(budgetAlerts.accountId, accountId), eq(budgetAlerts.id, alertId)))
    .limit(1);
  return row;
}

/**
 * Runs the send-budget-alert-email job: without a recipient, queues one job per person to tell
 * (the project's managers and the administrators who want budget mail) in one transaction; with one,
 * sends that person's email.
 */
export async function sendBudgetAlertEmail(
  db: Database,
  mailer: Mailer,
  payload: JobPayload<'send-budget-alert-email'>,
): Promise<'sent' | 'not wanted' | 'queued' | 'mail is off' | 'alert gone' | 'recipient gone'> {
  if (!mailer.enabled) return 'mail is off';
  const alert = await findAlert(db, payload.accountId, payload.alertId);
  if (alert === undefined) return 'alert gone';
  if (payload.recipientId === undefined) {
    const [managers, administrators] = await Promise.all([
      projectManagerIdsOf(db, alert.accountId, alert.projectId),
      activeAdministratorIdsOf(db, alert.accountId),
    ]);
    const people = await usersByIds(db, alert.accountId, [...new Set([...managers, ...administrators])]);
    await db.transaction(async (tx) => {
      for (const person of people.filter(wantsBudgetMail)) {
        await enqueue(tx, 'send-budget-alert-email', { ...payload, recipientId: person.id });
      }
    });
    return 'queued';
  }

  const [account, [recipient], [budgeted]] = await Promise.all([
    findAccount(db, alert.accountId),
    usersByIds(db, alert.accountId, [payload.recipientId]),
    budgetedProjects(db, alert.accountId, [eq(projects.id, alert.projectId)]),
  ]);
  if (recipient === undefined || budgeted === undefined) return 'recipient gone';
  const { project, clientName, currency } = budgeted;
  const fees = project.budgetBy === 'total_fees';
  const reader = abilitiesOf(actorOfUser(recipient), { teammateIds: [] });
  // Amounts of a fee budget go to those who may see them, as in the report; the percentage to all.
  const showAmounts = !fees || reader.viewBillableRates() || project.showBudgetToAll;
  const numberFormat = {
    decimalSeparator: account.decimalSeparator,
    thousandsSeparator: account.thousandsSeparator,
  };
  const amount = (value: string) =>
    fees ? formatMoney(new Big(value), currency, numberFormat) : `${new Big(value).toFixed()} hours`;
  return sendNotification(db, mailer, {
    account,
    person: recipient,
    kind: 'budget_alert',
    content: budgetAlertContent({
      level: alert.level,
      projectName: project.name,
      clientName,
      period: alert.period,
      percentUsed: new Big(alert.budget).eq(0)
        ? null
        : new Big(alert.spent).times(100).div(alert.budget).round(1, Big.roundHalfUp).toFixed(1),
      figures: showAmounts ? { spent: amount(alert.spent), budget: amount(alert.budget) } : null,
      link:
        mailer.publicUrl === undefined
          ? null
          : `${mailer.publicUrl.replace(/\/$/, '')}/projects/${project.id}`,
    }),
  });
}

export interface BudgetAlertFacts {
  level: AlertLevel;
  projectName: string;
  clientName: string;
  /** YYYY-MM for a monthly budget, `life` otherwise. */
  period: string;
  percentUsed: string | null;
  /** Spent and budget as people read them; null when the recipient may not see the amounts. */
  figures: { spent: string; budget: string } | null;
  link: string | null;
}

/** What an email about a crossed budget threshold says (the notification sender adds the rest). */
export function budgetAlertContent(facts: BudgetAlertFacts): MailContent {
  const project = `${facts.projectName} (${facts.clientName})`;
  const which = facts.period === 'life' ? 'budget' : `budget for ${facts.period}`;
  const subject =
    facts.level === 'over'
      ? `Over budget: ${facts.projectName}`
      : `Budget alert: ${facts.projectName} has used ${facts.percentUsed ?? 'most'}% of its budget`;
  const used = facts.percentUsed === null ? '' : ` (${facts.percentUsed}%)`;
  return {
    subject,
    body: [
      facts.level === 'over'
        ? `${project} has spent its whole ${which}${used}.`
        : `${project} has reached the alert threshold of its ${which}${used}.`,
      ...(facts.figures === null ? [] : [`Spent ${facts.figures.spent} of ${facts.figures.budget}.`]),
    ],
    link: facts.link === null ? null : { url: facts.link, label: 'Open in Keito' },
  };
}
