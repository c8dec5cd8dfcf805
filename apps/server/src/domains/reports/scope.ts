import type { Executor } from '../../db/client.ts';
import { type Abilities, loadAbilities, type UserScope } from '../access/abilities.ts';
import type { Actor } from '../access/actor.ts';
import { clientCurrencies } from '../clients/service.ts';
import { currencyExponents } from '../entries/spending.ts';
import { findAccount } from '../workspaces/service.ts';
import { resolvePeriod } from './filters.ts';
import type { ReportFilters } from './schemas.ts';

/** Whose entries a report reads, and whether it may show money. */
export interface ReportAccess {
  scope: UserScope;
  /** False when the actor may not see the billable rates of someone in the report: amounts are then null. */
  showAmounts: boolean;
}

/**
 * Members report on their own entries, managers on theirs and their teammates', administrators on
 * everyone's (`reportScope`); a `user_id` filter narrows it (people outside the scope simply have
 * no rows, as in the entry lists). Amounts are shown when the actor may see the rates of everyone
 * the report can contain: a manager without "View billable rates" sees hours for the team and
 * amounts for their own time.
 */
export function reportAccess(abilities: Abilities, filters: Pick<ReportFilters, 'user_id'>): ReportAccess {
  const scope = abilities.reportScope;
  const wanted = filters.user_id;
  const covered: UserScope =
    wanted === undefined
      ? scope
      : {
          kind: 'some',
          userIds: scope.kind === 'all' ? wanted : wanted.filter((id) => scope.userIds.includes(id)),
        };
  return { scope, showAmounts: abilities.viewReportAmountsOf(covered) };
}

/**
 * What every report (and export of entries) starts from: the workspace, the caller's reach, the days
 * covered, and the exponents of the currencies its amounts can be in, so SQL rounds each entry's
 * amount to its currency before summing (docs/decisions/0066-report-amounts-per-entry.md).
 */
export async function reportContext(db: Executor, actor: Actor, filters: ReportFilters, now: Date) {
  const [abilities, account, currencies] = await Promise.all([
    loadAbilities(db, actor),
    findAccount(db, actor.accountId),
    clientCurrencies(db, actor.accountId),
  ]);
  return {
    account,
    abilities,
    access: reportAccess(abilities, filters),
    period: resolvePeriod(filters, account, now),
    exponentOf: currencyExponents([account.currency, ...currencies]),
  };
}
