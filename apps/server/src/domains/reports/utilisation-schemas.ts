import { z } from 'zod';
import { reportFiltersQuery } from './schemas.ts';

/** team-management/capacity-planning: below 70 %, 70-90 %, 90-100 %, above 100 %. */
export const utilisationBandSchema = z.enum(['under', 'healthy', 'full', 'over']);

const figures = {
  /** Weekly capacity prorated to the period's days (weekly x days / 7). */
  capacity_hours: z.number(),
  tracked_hours: z.number(),
  billable_hours: z.number(),
  non_billable_hours: z.number(),
  /** tracked / capacity x 100, to one decimal; null for a capacity of zero. */
  utilisation_percent: z.number().nullable(),
  billable_utilisation_percent: z.number().nullable(),
  /** tracked - capacity: positive over capacity, negative under it. */
  difference_hours: z.number(),
};

export const utilisationRowSchema = z.object({
  user_id: z.string(),
  name: z.string(),
  /** The person's weekly capacity, or the workspace's default when they have none. */
  weekly_capacity: z.number(),
  ...figures,
  band: utilisationBandSchema.nullable(),
});

export const utilisationReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  results: z.array(utilisationRowSchema),
  totals: z.object(figures),
});

/** The report filters; without a period or dates the report covers this week. */
export const utilisationQuery = reportFiltersQuery;

export type UtilisationReport = z.infer<typeof utilisationReportSchema>;
export type UtilisationQuery = z.infer<typeof utilisationQuery>;
