import { z } from 'zod';
import { reportFiltersQuery } from './schemas.ts';

const amount = z.number().nullable();

export const agentReportSchema = z.object({
  /** The period covered; null ends are open. */
  from: z.string().nullable(),
  to: z.string().nullable(),
  /** Agent versus human hours on each project (people are agents or humans by their user type). */
  by_project: z.array(
    z.object({
      project_id: z.string(),
      project_name: z.string(),
      agent_hours: z.number(),
      human_hours: z.number(),
      /** agent / (agent + human) x 100, to one decimal. */
      agent_percent: z.number().nullable(),
    }),
  ),
  /** Agent hours by the `model` in each entry's metadata; null gathers entries that name none. */
  by_model: z.array(z.object({ model: z.string().nullable(), agent_hours: z.number() })),
  /** LLM Usage expenses (category cat_llm_usage), rounded to the currency once summed. */
  llm_spend_by_project: z.array(
    z.object({ project_id: z.string(), project_name: z.string(), currency: z.string(), amount: z.number() }),
  ),
  llm_spend_by_model: z.array(
    z.object({ model: z.string().nullable(), currency: z.string(), amount: z.number() }),
  ),
  /**
   * Per agent and project: the billable amount of the agent's time less its cost (cost rate x hours)
   * and the LLM Usage it logged there (best-practices/cost-allocation). Billable amounts are null
   * without the rates of everyone in the report; costs and margins are for those who see cost rates.
   */
  margins: z.array(
    z.object({
      agent_id: z.string(),
      agent_name: z.string(),
      project_id: z.string(),
      project_name: z.string(),
      currency: z.string(),
      hours: z.number(),
      billable_amount: amount,
      time_cost: amount,
      llm_cost: z.number(),
      margin: amount,
    }),
  ),
  totals: z.object({ agent_hours: z.number(), human_hours: z.number() }),
});

export const agentReportQuery = reportFiltersQuery;

export type AgentReport = z.infer<typeof agentReportSchema>;
export type AgentReportQuery = z.infer<typeof agentReportQuery>;
