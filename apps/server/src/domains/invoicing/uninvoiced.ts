import Big from 'big.js';
import type { Executor } from '../../db/client.ts';
import { toNumber } from '../../lib/decimal.ts';
import { lineAmount, roundToCurrency, storedAmount, sumAmounts } from '../../lib/money.ts';
import { requireAbility } from '../access/abilities.ts';
import type { Actor } from '../access/actor.ts';
import { findClient } from '../clients/service.ts';
import { uninvoicedExpenseGroups } from '../expenses/service.ts';
import { projectsOfClient } from '../projects/queries.ts';
import { uninvoicedTimeGroups } from '../time/service.ts';
import { findAccount } from '../workspaces/service.ts';
import { invoicingAccess } from './access.ts';
import { type Awaiting, awaitingApproval, NOTHING_AWAITS } from './awaiting.ts';
import { fixedFeeLeft, fixedFeeOffer } from './fixed-fee.ts';
import { billedByTheHour } from './import.ts';
import { invoicedFixedFees } from './queries.ts';
import type { UninvoicedFilters, UninvoicedResponse } from './schemas.ts';

/**
 * What an import of the client's projects would pull, a project at a time: the same selection and
 * the same SQL grouping as the import (by project, at each rate), priced as its lines would be, and
 * what is left of each fixed fee as the import offers it; and, while Approvals is on, what the
 * import leaves out because it is not approved yet, so a project with only that still shows.
 */
export async function previewUninvoiced(
  db: Executor,
  actor: Actor,
  filters: UninvoicedFilters,
): Promise<UninvoicedResponse> {
  const access = await invoicingAccess(db, actor);
  requireAbility(access.abilities.draftInvoices, 'You cannot create invoices');
  const [account, client] = await Promise.all([
    findAccount(db, actor.accountId),
    findClient(db, actor.accountId, filters.client_id, 'client_id'),
  ]);
  const { scope } = access;
  const projects = (await projectsOfClient(db, actor.accountId, client.id)).filter(
    (project) => scope.kind === 'all' || scope.projectIds.includes(project.id),
  );
  const period = { from: filters.from, to: filters.to };
  const selection = { ...period, approvedOnly: account.features.approvals };
  const currency = client.currency;
  const [time, expenses, invoicedFees, awaiting] = await Promise.all([
    uninvoicedTimeGroups(
      db,
      actor.accountId,
      {
        ...selection,
        projectIds: billedByTheHour(projects).map((project) => project.id),
      },
      'project',
    ),
    uninvoicedExpenseGroups(
      db,
      actor.accountId,
      { ...selection, projectIds: projects.map((project) => project.id) },
      'project',
      false,
    ),
    invoicedFixedFees(
      db,
      actor.accountId,
      projects.filter((project) => project.billingType === 'fixed_fee').map((project) => project.id),
    ),
    account.features.approvals
      ? awaitingApproval(db, actor.accountId, { projects, currency, time: period, expenses: period })
      : new Map<string, Awaiting>(),
  ]);
  return {
    client_id: client.id,
    currency,
    projects: projects.flatMap((project) => {
      const timeGroups = time.filter((group) => group.projectId === project.id);
      const expenseGroups = expenses.filter((group) => group.projectId === project.id);
      const left =
        project.billingType === 'fixed_fee' && project.fixedFee !== null
          ? fixedFeeLeft(project.fixedFee, invoicedFees.get(project.id), currency)
          : null;
      // A fee invoiced in another currency cannot be imported (the import refuses it): no figure.
      const feeInOtherCurrency = left !== null && 'otherCurrencies' in left;
      const fee =
        left !== null && 'left' in left
          ? fixedFeeOffer(project.fixedFee as string, left.left, new Big(100))
          : null;
      const waiting = awaiting.get(project.id);
      if (
        timeGroups.length === 0 &&
        expenseGroups.length === 0 &&
        fee === null &&
        !feeInOtherCurrency &&
        waiting === undefined
      ) {
        return [];
      }
      const held = waiting ?? NOTHING_AWAITS;
      const timeAmount = sumAmounts(
        timeGroups.map((group) => lineAmount(new Big(group.hours), new Big(group.rate ?? '0'), currency)),
      );
      const expenseAmount = sumAmounts(
        expenseGroups.map((group) => roundToCurrency(new Big(group.totalCost), currency)),
      );
      return [
        {
          project_id: project.id,
          project_name: project.name,
          billing_type: project.billingType,
          hours: toNumber(storedAmount(sumAmounts(timeGroups.map((group) => new Big(group.hours))), 'hours')),
          time_amount: toNumber(storedAmount(timeAmount, 'time_amount')),
          expense_amount: toNumber(storedAmount(expenseAmount, 'expense_amount')),
          fixed_fee:
            project.billingType === 'fixed_fee' && !feeInOtherCurrency ? toNumber(fee?.amount ?? '0') : null,
          time_entry_count: timeGroups.reduce((sum, group) => sum + group.entryCount, 0),
          expense_count: expenseGroups.reduce((sum, group) => sum + group.expenseCount, 0),
          awaiting_approval: {
            hours: toNumber(storedAmount(held.hours, 'awaiting_approval.hours')),
            time_entry_count: held.timeEntryCount,
            unsubmitted_time_entry_count: held.unsubmittedTimeEntryCount,
            expense_amount: toNumber(storedAmount(held.expenseAmount, 'awaiting_approval.expense_amount')),
            expense_count: held.expenseCount,
            unsubmitted_expense_count: held.unsubmittedExpenseCount,
          },
        },
      ];
    }),
  };
}
