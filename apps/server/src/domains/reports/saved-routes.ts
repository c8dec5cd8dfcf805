import { idParams, noContent, pageOf, standardErrors } from '../../http/schemas.ts';
import type { ApiInstance, RouteDeps } from '../../http/types.ts';
import * as saved from './saved-reports.ts';
import {
  createSavedReportBody,
  listSavedReportsQuery,
  savedReportSchema,
  updateSavedReportBody,
} from './schemas.ts';

const tags = ['Reports'];

export function registerSavedReportRoutes(app: ApiInstance, { db }: RouteDeps): void {
  app.get(
    '/reports/saved',
    {
      schema: {
        operationId: 'listSavedReports',
        tags,
        summary: 'List your saved reports and those shared with the workspace, by name',
        querystring: listSavedReportsQuery,
        response: { 200: pageOf(savedReportSchema), ...standardErrors },
      },
    },
    (request) => saved.listSavedReports(db, request.actor, request.query),
  );

  app.post(
    '/reports/saved',
    {
      schema: {
        operationId: 'createSavedReport',
        tags,
        summary: 'Save a report: a name, the report kind, its filters and grouping',
        description:
          '`filters` holds the query parameters of GET /v1/reports/{kind} (as strings, e.g. ' +
          '`{"period": "this_month", "project_id": "prj_1,prj_2"}`); they are checked against that report.',
        body: createSavedReportBody,
        response: { 201: savedReportSchema, ...standardErrors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await saved.createSavedReport(db, request.actor, request.body)),
  );

  app.get(
    '/reports/saved/:id',
    {
      schema: {
        operationId: 'getSavedReport',
        tags,
        summary: 'Get a saved report',
        params: idParams,
        response: { 200: savedReportSchema, ...standardErrors },
      },
    },
    (request) => saved.getSavedReport(db, request.actor, request.params.id),
  );

  app.patch(
    '/reports/saved/:id',
    {
      schema: {
        operationId: 'updateSavedReport',
        tags,
        summary: 'Rename a saved report, change its filters or grouping, share or unshare it',
        params: idParams,
        body: updateSavedReportBody,
        response: { 200: savedReportSchema, ...standardErrors },
      },
    },
    (request) => saved.updateSavedReport(db, request.actor, request.params.id, request.body),
  );

  app.delete(
    '/reports/saved/:id',
    {
      schema: {
        operationId: 'deleteSavedReport',
        tags,
        summary: 'Delete a saved report',
        params: idParams,
        response: { 204: noContent, ...standardErrors },
      },
    },
    async (request, reply) => {
      await saved.deleteSavedReport(db, request.actor, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
