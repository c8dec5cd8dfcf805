import { pageOf, standardErrors } from '../../http/schemas.ts';
import type { ApiInstance, RouteDeps } from '../../http/types.ts';
import {
  timeReportEntriesQuery,
  timeReportEntrySchema,
  timeReportQuery,
  timeReportSchema,
} from './schemas.ts';
import { timeReport, timeReportEntryPage } from './time-report.ts';

const tags = ['Reports'];

/** The clock the presets (This week, Last month ...) are taken from; tests pin it. */
export interface ReportDeps extends RouteDeps {
  now: () => Date;
}

export function registerTimeReportRoutes(app: ApiInstance, { db, now }: ReportDeps): void {
  app.get(
    '/reports/time',
    {
      schema: {
        operationId: 'getTimeReport',
        tags,
        summary:
          'Time summary: hours and amounts grouped by client, project, task, person, role, source or date',
        description:
          "Members report on their own time, managers on theirs and their teammates', administrators on " +
          "everyone's. Amounts are null for a caller who may not see the billable rates of everyone in the " +
          'report. Id filters take one or more ids, comma-separated.',
        querystring: timeReportQuery,
        response: { 200: timeReportSchema, ...standardErrors },
      },
    },
    (request) => timeReport(db, request.actor, request.query, now()),
  );

  app.get(
    '/reports/time/entries',
    {
      schema: {
        operationId: 'listTimeReportEntries',
        tags,
        summary:
          'Detailed time report: every entry with its client, project, task, amount, invoice and approval status',
        querystring: timeReportEntriesQuery,
        response: { 200: pageOf(timeReportEntrySchema), ...standardErrors },
      },
    },
    (request) => timeReportEntryPage(db, request.actor, request.query, now()),
  );
}
