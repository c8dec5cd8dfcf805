import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { constraintRefusal } from '../db/errors.ts';
import { DomainError, type ErrorCode, TooManyAttemptsError } from '../lib/errors.ts';

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  validation_error: 400,
  metadata_too_large: 400,
  authentication_error: 401,
  authorization_error: 403,
  project_not_assigned: 403,
  not_found: 404,
  conflict: 409,
  entry_locked: 422,
  unprocessable: 422,
  idempotency_key_reused: 422,
  rate_limit_exceeded: 429,
  internal_error: 500,
};

export interface ErrorBody {
  error: { code: ErrorCode; message: string; field?: string };
}

export function errorBody(code: ErrorCode, message: string, field?: string): ErrorBody {
  return { error: field === undefined ? { code, message } : { code, message, field } };
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
  return { status: STATUS_BY_CODE[known.code], body: errorBody(known.code, known.message, known.field) };
}

/** The one place where failures become HTTP responses. A 500 never shows internals. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = domainErrorResponse(error);
    if (error instanceof TooManyAttemptsError) reply.header('retry-after', String(error.retryAfterSeconds));
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

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send(errorBody('not_found', `Route ${request.method} ${request.url} not found`));
  });
}
