import { idParams, noContent, pageOf, standardErrors } from '../../http/schemas.ts';
import type { ApiInstance, RouteDeps } from '../../http/types.ts';
import { originOf } from '../audit/record.ts';
import { apiKeySchema, createApiKeyBody, createdApiKeySchema, listApiKeysQuery } from './schemas.ts';
import * as service from './service.ts';

export function registerApiKeyRoutes(app: ApiInstance, { db }: RouteDeps): void {
  app.get(
    '/api-keys',
    {
      schema: {
        operationId: 'listApiKeys',
        tags: ['API keys'],
        summary: 'List API keys (your own; administrators see all)',
        querystring: listApiKeysQuery,
        response: { 200: pageOf(apiKeySchema), ...standardErrors },
      },
    },
    (request) => service.listApiKeys(db, request.actor, request.query),
  );

  app.post(
    '/api-keys',
    {
      schema: {
        operationId: 'createApiKey',
        tags: ['API keys'],
        summary: 'Create an API key; the key is in this response only',
        body: createApiKeyBody,
        response: { 201: createdApiKeySchema, ...standardErrors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createApiKey(db, request.actor, request.body, originOf(request))),
  );

  app.delete(
    '/api-keys/:id',
    {
      schema: {
        operationId: 'revokeApiKey',
        tags: ['API keys'],
        summary: 'Revoke an API key',
        params: idParams,
        response: { 204: noContent, ...standardErrors },
      },
    },
    async (request, reply) => {
      await service.revokeApiKey(db, request.actor, request.params.id, originOf(request));
      return reply.status(204).send(null);
    },
  );
}
