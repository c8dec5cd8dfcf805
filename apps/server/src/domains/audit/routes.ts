import { pageOf, standardErrors } from '../../http/schemas.ts';
import type { ApiInstance, RouteDeps } from '../../http/types.ts';
import { auditEventSchema, listAuditEventsQuery } from './schemas.ts';
import * as service from './service.ts';

export function registerAuditRoutes(app: ApiInstance, { db }: RouteDeps): void {
  app.get(
    '/audit-events',
    {
      schema: {
        operationId: 'listAuditEvents',
        tags: ['Audit log'],
        summary: 'Security events of the workspace, newest first (administrators)',
        querystring: listAuditEventsQuery,
        response: { 200: pageOf(auditEventSchema), ...standardErrors },
      },
    },
    (request) => service.listAuditEvents(db, request.actor, request.query),
  );
}
