import Big from 'big.js';
import type { Executor } from '../../db/client.ts';
import { toNumber } from '../../lib/decimal.ts';
import { BusinessRuleError } from '../../lib/errors.ts';
import { calendarDaysBetween } from '../../lib/workspace-clock.ts';
import { loadAbilities } from '../access/abilities.ts';
import type { Actor } from '../access/actor.ts';
import { humansIn } from '../people/queries.ts';
import { hoursByPerson, timeEntryColumns } from '../time/queries.ts';
import { findAccount } from '../workspaces/service.ts';
import { entryConditions, resolvePeriod } from './filters.ts';
import { reportAccess } from './scope.ts';
import type { UtilisationQuery, UtilisationReport } from './utilisation-schemas.ts';

/**
 * Utilisation (team-management/capacity-planning): each person's tracked and billable hours over a
 * period against their weekly capacity, prorated to the period's calendar days
 * (docs/decisions/0039-utilisation-and-agent-activity.md).
 */

const DAYS_IN_WEEK = 7;
const figure = (value: Big) => toNumber(value.toFixed());
const percentOf = (hours: Big, capacity: Big) =>
  capacity.eq(0) ? null : toNumber(hours.times(100).div(capacity).round(1, Big.roundHalfUp).toFixed());

function bandOf(percent: number | null): UtilisationReport['results'][number]['band'] {
  if (percent === null) return null;
  if (percent > 100) return 'over';
  if (percent >= 90) return 'full';
  if (percent >= 70) return 'healthy';
  return 'under';
}

function figuresOf(capacity: Big, tracked: Big, billable: Big) {
  return {
    capacity_hours: figure(capacity.round(2, Big.roundHalfUp)),
    tracked_hours: figure(tracked),
    billable_hours: figure(billable),
    non_billable_hours: figure(tracked.minus(billable)),
    utilisation_percent: percentOf(tracked, capacity),
    billable_utilisation_percent: percentOf(billable, capacity),
    difference_hours: figure(tracked.minus(capacity).round(2, Big.roundHalfUp)),
  };
}

export async function utilisationReport(
  db: Executor,
  actor: Actor,
  query: UtilisationQuery,
  now = new Date(),
): Promise<UtilisationReport> {
  const [abilities, account] = await Promise.all([
    loadAbilities(db, actor),
    findAccount(db, actor.accountId),
  ]);
  const asked = query.period === undefined && query.from === undefined && query.to === undefined;
  const period = resolvePeriod(asked ? { period: 'this_week' } : query, account, now);
  if (period.from === undefined || period.to === undefined) {
    throw new BusinessRuleError('utilisation needs both from and to, or a preset period', 'from');
  }
  const { scope } = reportAccess(abilities, query);
  const [people, hours] = await Promise.all([
    humansIn(db, actor.accountId, scope),
    hoursByPerson(db, entryConditions(timeEntryColumns, actor.accountId, scope, period, query)),
  ]);
  const weeks = new Big(calendarDaysBetween(period.from, period.to) + 1).div(DAYS_IN_WEEK);
  const tracked = new Map(hours.map((row) => [row.userId, row]));
  const wanted = query.user_id === undefined ? undefined : new Set(query.user_id);
  const rows = people
    .filter((person) => wanted === undefined || wanted.has(person.id))
    .map((person) => {
      const weekly = new Big(person.weeklyCapacity ?? account.defaultWeeklyCapacity);
      const own = tracked.get(person.id);
      const capacity = weekly.times(weeks);
      const totalHours = new Big(own?.hours ?? 0);
      const billable = new Big(own?.billableHours ?? 0);
      const figures = figuresOf(capacity, totalHours, billable);
      return {
        exact: { capacity, totalHours, billable },
        row: {
          user_id: person.id,
          name: person.name,
          weekly_capacity: figure(weekly),
          ...figures,
          band: bandOf(figures.utilisation_percent),
        },
      };
    });
  const sum = (pick: (exact: (typeof rows)[number]['exact']) => Big) =>
    rows.reduce((total, { exact }) => total.plus(pick(exact)), new Big(0));
  return {
    from: period.from,
    to: period.to,
    results: rows.map(({ row }) => row),
    totals: figuresOf(
      sum((exact) => exact.capacity),
      sum((exact) => exact.totalHours),
      sum((exact) => exact.billable),
    ),
  };
}
