import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, RouteOptions } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { constraintRefusal } from '../db/errors.ts';
import {
  DomainError,
  EntryLockedError,
  type ErrorCode,
  PaymentProviderUnavailableError,
  TooManyAttemptsError,
} from '../lib/errors.ts';

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  validation_error: 400,
  metadata_too_large: 400,
  authentication_error: 401,
  authorization_error: 403,
  feature_disabled: 403,
  project_not_assigned: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  entry_locked: 422,
  invoice_locked: 422,
  unprocessable: 422,
  file_too_large: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  rate_limit_exceeded: 429,
  internal_error: 500,
  payment_provider_unavailable: 502,
};

export interface ErrorBody {
  error: { code: ErrorCode; message: string; field?: string; reason?: string };
}

export function errorBody(code: ErrorCode, message: string, field?: string, reason?: string): ErrorBody {
  return {
    error: {
      code,
      message,
      ...(field !== undefined && { field }),
      ...(reason !== undefined && { reason }),
    },
  };
}

interface ValidationIssue {
  instancePath: string;
  message?: string;
  keyword: string;
  params: Record<string, unknown>;
}

/** Turns a schema failure into one sentence about the first field at fault, e.g. "project_id is required". */
function describeValidationIssue(issue: ValidationIssue): { message: string; field?: string } {
  const field = issue.instancePath.replace(/^\//, '').replaceAll('/', '.') || undefined;
  const missing = issue.keyword === 'invalid_type' && /received undefined/.test(issue.message ?? '');
  if (field === undefined) return { message: issue.message ?? 'Invalid request' };
  if (missing) return { message: `${field} is required`, field };
  if (issue.keyword === 'unrecognized_keys') return { message: issue.message ?? 'Unknown field', field };
  return { message: `${field}: ${issue.message ?? 'is invalid'}`, field };
}

/**
 * The response for a domain failure or a constraint the database enforced, or undefined for
 * anything else. Shared by the error handler and by batch endpoints, which report per item.
 */
export function domainErrorResponse(error: unknown): { status: number; body: ErrorBody } | undefined {
  // Races that passed the services' checks are still stopped by the database's constraints.
  const known = error instanceof DomainError ? error : constraintRefusal(error);
  if (known === undefined) return undefined;
  const reason = known instanceof EntryLockedError ? known.reason : undefined;
  return {
    status: STATUS_BY_CODE[known.code],
    body: errorBody(known.code, known.message, known.field, reason),
  };
}

/** The one place where failures become HTTP responses. A 500 never shows internals. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = domainErrorResponse(error);
    if (error instanceof TooManyAttemptsError) reply.header('retry-after', String(error.retryAfterSeconds));
    // The answer says only that the provider is down; the operator's log says how.
    if (error instanceof PaymentProviderUnavailableError)
      request.log.warn({ err: error.cause }, error.message);
    if (known !== undefined) return reply.status(known.status).send(known.body);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const first = error.validation[0] as ValidationIssue;
      const { message, field } = describeValidationIssue(first);
      return reply.status(400).send(errorBody('validation_error', message, field));
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, cause: error.cause }, 'response did not match its schema');
      return reply.status(500).send(errorBody('internal_error', 'Internal server error'));
    }
    const status = error.statusCode ?? 500;
    if (status < 500) {
      // Fastify's own client errors: malformed JSON, a wrong content type, a body that is too large.
      return reply.status(status).send(errorBody('validation_error', error.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(errorBody('internal_error', 'Internal server error'));
  });

  registerMethodNotAllowed(app);
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send(errorBody('not_found', `Route ${request.method} ${request.url} not found`));
  });
}

/** Node's limit on a request's head (its request line and headers), the default of `maxHeaderSize`. */
export const MAX_REQUEST_HEAD_BYTES = 16 * 1024;

/**
 * Requests Node's HTTP parser refuses before Fastify routes them, answered with the error object
 * every other refusal has (Fastify's default writes a body of its own shape). The one a valid API
 * call can meet is 431: a query of many long filters takes the head over 16 KB, which no single
 * parameter's schema can state, so every operation documents it (http/openapi.ts). The others are
 * malformed HTTP (400) and a request that never finished arriving (408).
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  // A reset connection has no one to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [
          431,
          `The request line and headers are over ${MAX_REQUEST_HEAD_BYTES / 1024} KB; send fewer or shorter query parameters`,
        ]
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'The request did not arrive in time']
        : [400, 'Malformed HTTP request'];
  const body = JSON.stringify(errorBody('validation_error', message));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/** The API's paths (not the web app's catch-all), whose other methods answer 405 rather than 404. */
function isApiRoute(url: string): boolean {
  return (
    (url.startsWith('/v1/') ||
      url.startsWith('/api/') ||
      url.startsWith('/webhooks/') ||
      url === '/healthz' ||
      url === '/readyz') &&
    !url.includes('*')
  );
}

/**
 * A method the API does not declare on a path it knows (TRACE /v1/clients/{id}) is answered 405 with
 * an `Allow` header naming the declared ones (RFC 9110 15.5.6), in the usual error object. It is
 * decided on the request, before any body is parsed, so that a body-carrying method such as QUERY
 * without a Content-Type is told 405 too, not 400; and before the web app's catch-all GET, which
 * would otherwise answer GET /v1/auth/sign-in.
 *
 * The path's methods are those of its most specific route, as the router would pick it: on
 * /v1/expenses/batch only POST, though /v1/expenses/:id would match it too.
 */
function registerMethodNotAllowed(app: FastifyInstance): void {
  const methodsByPath = new Map<string, { pattern: RegExp; staticParts: number; methods: Set<string> }>();
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!isApiRoute(route.url)) return;
    let entry = methodsByPath.get(route.url);
    if (entry === undefined) {
      // A parameter may share its segment with text (`/exports/clients.:format`); it ends where
      // the segment does.
      const pattern = route.url
        .split(/(:[A-Za-z0-9_]+)/)
        .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('');
      const staticParts = route.url.split('/').filter((part) => part !== '' && !part.includes(':')).length;
      entry = { pattern: new RegExp(`^${pattern}/?$`), staticParts, methods: new Set() };
      methodsByPath.set(route.url, entry);
    }
    for (const method of [route.method].flat()) entry.methods.add(method);
  });
  app.addHook('onRequest', async (request, reply) => {
    const matched = request.routeOptions.url;
    if (!request.is404 && matched !== undefined && isApiRoute(matched)) return;
    const path = request.url.split('?')[0] ?? request.url;
    let best: { staticParts: number; methods: Set<string> } | undefined;
    for (const entry of methodsByPath.values()) {
      if (entry.pattern.test(path) && (best === undefined || entry.staticParts > best.staticParts))
        best = entry;
    }
    if (best === undefined) return;
    const allow = [...best.methods].sort().join(', ');
    return reply
      .status(405)
      .header('allow', allow)
      .send(errorBody('method_not_allowed', `${request.method} is not allowed here; use ${allow}`));
  });
}
