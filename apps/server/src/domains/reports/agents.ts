import Big from 'big.js';
import type { Executor } from '../../db/client.ts';
import { toNumber } from '../../lib/decimal.ts';
import { sumAmounts } from '../../lib/money.ts';
import type { Actor } from '../access/actor.ts';
import { expenseColumns, llmSpendByProjectPersonModel } from '../expenses/queries.ts';
import { timeByProjectPersonModel, timeEntryColumns } from '../time/queries.ts';
import type { AgentReport, AgentReportQuery } from './agent-schemas.ts';
import { entryConditions } from './filters.ts';
import { reportContext } from './scope.ts';

/**
 * Agent activity (reports/agent-activity): agent and human hours, agent hours by model, LLM spend
 * and the agent margin, over the entries the report's filters and the actor's scope select
 * (docs/decisions/0039-utilisation-and-agent-activity.md).
 */

const figure = (value: Big) => toNumber(value.toFixed());

/** Adds `value` to the sum kept under `key`, creating it at zero. */
function addTo<Key>(sums: Map<Key, Big>, key: Key, value: Big) {
  sums.set(key, (sums.get(key) ?? new Big(0)).plus(value));
}

export async function agentReport(
  db: Executor,
  actor: Actor,
  query: AgentReportQuery,
  now = new Date(),
): Promise<AgentReport> {
  const { abilities, access, period, exponentOf } = await reportContext(db, actor, query, now);
  const [time, llm] = await Promise.all([
    timeByProjectPersonModel(
      db,
      entryConditions(timeEntryColumns, actor.accountId, access.scope, period, query),
      exponentOf,
    ),
    llmSpendByProjectPersonModel(
      db,
      entryConditions(expenseColumns, actor.accountId, access.scope, period, query),
      exponentOf,
    ),
  ]);

  const projects = new Map<string, { name: string; agent: Big; human: Big }>();
  const models = new Map<string | null, Big>();
  for (const row of time) {
    const project = projects.get(row.project_id) ?? {
      name: row.project_name,
      agent: new Big(0),
      human: new Big(0),
    };
    project[row.user_type] = project[row.user_type].plus(row.hours);
    projects.set(row.project_id, project);
    if (row.user_type === 'agent') addTo(models, row.model, new Big(row.hours));
  }

  const spendByProject = new Map<string, Big>();
  const spendByModel = new Map<string, Big>();
  const llmOfAgent = new Map<string, Big>();
  const names = new Map<string, string>();
  for (const row of llm) {
    const cost = new Big(row.amount);
    names.set(row.project_id, row.project_name);
    addTo(spendByProject, `${row.project_id}\n${row.currency}`, cost);
    addTo(spendByModel, `${row.model ?? ''}\n${row.currency}`, cost);
    addTo(llmOfAgent, `${row.user_id}\n${row.project_id}`, cost);
  }

  // Margins: each agent's time on each project (all models together) against its costs, and the
  // LLM Usage an agent logged on a project it tracked no time to.
  type Who = Pick<
    (typeof time)[number],
    'user_id' | 'user_name' | 'project_id' | 'project_name' | 'currency'
  >;
  const margins = new Map<string, { row: Who; hours: Big; billable: Big; cost: Big }>();
  const marginOf = (row: Who) => {
    const key = `${row.user_id}\n${row.project_id}`;
    const sum = margins.get(key) ?? { row, hours: new Big(0), billable: new Big(0), cost: new Big(0) };
    margins.set(key, sum);
    return sum;
  };
  for (const row of time.filter((entry) => entry.user_type === 'agent')) {
    const sum = marginOf(row);
    sum.hours = sum.hours.plus(row.hours);
    sum.billable = sum.billable.plus(row.billable_amount);
    sum.cost = sum.cost.plus(row.cost);
  }
  for (const row of llm.filter((expense) => expense.user_type === 'agent')) marginOf(row);
  const showCosts = access.showAmounts && abilities.viewCostRates;

  const split = (key: string) => key.split('\n') as [string, string];
  const percent = (part: Big, whole: Big) =>
    whole.eq(0) ? null : toNumber(part.times(100).div(whole).round(1, Big.roundHalfUp).toFixed());
  return {
    from: period.from ?? null,
    to: period.to ?? null,
    by_project: [...projects].map(([id, project]) => ({
      project_id: id,
      project_name: project.name,
      agent_hours: figure(project.agent),
      human_hours: figure(project.human),
      agent_percent: percent(project.agent, project.agent.plus(project.human)),
    })),
    by_model: [...models]
      .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
      .map(([model, hours]) => ({ model, agent_hours: figure(hours) })),
    llm_spend_by_project: [...spendByProject]
      .map(([key, cost]) => {
        const [projectId, currency] = split(key);
        return {
          project_id: projectId,
          project_name: names.get(projectId) ?? '',
          currency,
          amount: figure(cost),
        };
      })
      .sort((a, b) => a.project_name.localeCompare(b.project_name) || a.currency.localeCompare(b.currency)),
    llm_spend_by_model: [...spendByModel]
      .map(([key, cost]) => {
        const [model, currency] = split(key);
        return {
          model: model === '' ? null : model,
          currency,
          amount: figure(cost),
        };
      })
      .sort(
        (a, b) =>
          (a.model ?? '\uffff').localeCompare(b.model ?? '\uffff') || a.currency.localeCompare(b.currency),
      ),
    margins: [...margins].map(([key, sum]) => {
      const llmCost = llmOfAgent.get(key) ?? new Big(0);
      return {
        agent_id: sum.row.user_id,
        agent_name: sum.row.user_name,
        project_id: sum.row.project_id,
        project_name: sum.row.project_name,
        currency: sum.row.currency,
        hours: figure(sum.hours),
        billable_amount: access.showAmounts ? figure(sum.billable) : null,
        time_cost: showCosts ? figure(sum.cost) : null,
        llm_cost: figure(llmCost),
        margin: showCosts ? figure(sum.billable.minus(sum.cost).minus(llmCost)) : null,
      };
    }),
    totals: {
      agent_hours: figure(sumAmounts([...projects.values()].map((project) => project.agent))),
      human_hours: figure(sumAmounts([...projects.values()].map((project) => project.human))),
    },
  };
}
