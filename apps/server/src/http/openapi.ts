import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { errorSchema } from './schemas.ts';

const DESCRIPTION = `Keito's REST API: time entries, expenses, projects and people, for humans and AI agents alike.

Authenticate with \`Authorization: Bearer keito_sk_...\`. Errors are \`{"error": {"code", "message", "field"}}\`.
Lists are cursor-paginated: pass \`next_cursor\` back as \`cursor\`; \`limit\` defaults to 50, at most 200: a larger one is read
as 200, and each page states the \`limit\` applied.
Send an \`Idempotency-Key\` header with POST and PATCH to make retries safe.`;

/**
 * The OpenAPI 3.1 document is generated from the routes' zod schemas, so it cannot disagree with
 * what the server validates and returns. Served at /v1/openapi.json, readable at /docs.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  app.addHook('onRoute', assertDocumented);
  app.addHook('onRoute', documentBodyRefusals);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Keito API', version: '1.0.0', description: DESCRIPTION },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key: keito_sk_...' },
        },
      },
      security: [{ apiKey: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { docExpansion: 'list', deepLinking: true },
  });
  app.get('/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}

/**
 * Every API route must say what it returns and name its operation, or the server refuses to
 * start: the OpenAPI document, and through it the SDKs' types, can then never miss a route.
 */
function assertDocumented(route: RouteOptions): void {
  const api = ['/v1/', '/api/v2/', '/webhooks/'].some((prefix) => route.url.startsWith(prefix));
  if (!api || (route.schema as { hide?: boolean } | undefined)?.hide) return;
  const schema = route.schema as { operationId?: string; response?: Record<string, unknown> } | undefined;
  const where = `${String(route.method)} ${route.url}`;
  if (!schema?.operationId) throw new Error(`${where} has no operationId`);
  const statuses = Object.keys(schema.response ?? {});
  // A redirect is the success of the routes a browser is sent through (the SSO sign-in).
  if (!statuses.some((status) => status.startsWith('2') || status.startsWith('3')))
    throw new Error(`${where} has no success response schema`);
}

/** The methods whose requests Fastify reads a body of (by Content-Type) before the route runs. */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Any request of these methods can carry a body, so whatever the route, one over the body limit is
 * answered 413 and one of a type no parser takes (application/xml) 415, by Fastify before the route
 * runs. Added here, in the one place every route passes, rather than in each route file, so a new
 * route cannot leave them out; a route that gives them its own meaning (a receipt upload's
 * `file_too_large`) still documents them with the same error object.
 */
function documentBodyRefusals(route: RouteOptions): void {
  const api = ['/v1/', '/api/v2/', '/webhooks/'].some((prefix) => route.url.startsWith(prefix));
  if (!api || ![route.method].flat().some((method) => BODY_METHODS.has(method))) return;
  const schema = route.schema as { response?: Record<string, unknown> } | undefined;
  if (schema?.response === undefined) return;
  schema.response = { 413: errorSchema, 415: errorSchema, ...schema.response };
}
