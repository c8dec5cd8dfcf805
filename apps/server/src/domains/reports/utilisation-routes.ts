import { standardErrors } from '../../http/schemas.ts';
import type { ApiInstance, RouteDeps } from '../../http/types.ts';
import { agentReportQuery, agentReportSchema } from './agent-schemas.ts';
import { agentReport } from './agents.ts';
import { utilisationReport } from './utilisation.ts';
import { utilisationQuery, utilisationReportSchema } from './utilisation-schemas.ts';

/** The people reports: utilisation against capacity, and agent activity. */
export function registerPeopleReportRoutes(app: ApiInstance, { db }: RouteDeps): void {
  app.get(
    '/reports/utilisation',
    {
      schema: {
        operationId: 'getUtilisationReport',
        tags: ['Reports'],
        summary:
          'Tracked and billable hours of each person against their weekly capacity (this week by default)',
        querystring: utilisationQuery,
        response: { 200: utilisationReportSchema, ...standardErrors },
      },
    },
    (request) => utilisationReport(db, request.actor, request.query),
  );

  app.get(
    '/reports/agents',
    {
      schema: {
        operationId: 'getAgentReport',
        tags: ['Reports'],
        summary: 'Agent versus human hours, agent hours by model, LLM spend and the agent margin',
        querystring: agentReportQuery,
        response: { 200: agentReportSchema, ...standardErrors },
      },
    },
    (request) => agentReport(db, request.actor, request.query),
  );
}
