import { standardErrors } from '../../http/schemas.ts';
import type { ApiInstance, RouteDeps } from '../../http/types.ts';
import { updateWorkspaceBody, workspaceSchema } from './schemas.ts';
import * as service from './service.ts';

export function registerWorkspaceRoutes(app: ApiInstance, { db }: RouteDeps): void {
  app.get(
    '/workspace',
    {
      schema: {
        operationId: 'getWorkspace',
        tags: ['Workspace'],
        summary: "The API key's workspace and its settings",
        response: { 200: workspaceSchema, ...standardErrors },
      },
    },
    (request) => service.getWorkspace(db, request.actor),
  );

  app.patch(
    '/workspace',
    {
      schema: {
        operationId: 'updateWorkspace',
        tags: ['Workspace'],
        summary: 'Change workspace settings (administrators)',
        body: updateWorkspaceBody,
        response: { 200: workspaceSchema, ...standardErrors },
      },
    },
    (request) => service.updateWorkspace(db, request.actor, request.body),
  );
}
