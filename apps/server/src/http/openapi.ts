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
  app.addHook('onRoute', documentRefusalsBeforeTheRoute);
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
 * What any request can be refused for before its route runs, so whatever the route: 431 when its
 * head (request line and headers) is over Node's 16 KB (a query of many long filters;
 * http/errors.ts `answerClientError`), and, for methods that carry a body, 413 over the body limit
 * and 415 for a type no parser takes (application/xml). Added here, in the one place every route
 * passes, rather than in each route file, so a new route cannot leave them out; a route that gives
 * them its own meaning (a receipt upload's `file_too_large`) still documents them with the same
 * error object.
 */
function documentRefusalsBeforeTheRoute(route: RouteOptions): void {
  const schema = route.schema as { hide?: boolean; response?: Record<string, unknown> } | undefined;
  // Every operation of the document: each route that states its responses (/healthz too).
  if (schema?.response === undefined || schema.hide) return;
  const body = [route.method].flat().some((method) => BODY_METHODS.has(method));
  schema.response = {
    431: errorSchema,
    ...(body ? { 413: errorSchema, 415: errorSchema } : {}),
    ...schema.response,
  };
}
