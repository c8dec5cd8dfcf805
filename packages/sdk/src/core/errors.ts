/** The JSON error body every Keito endpoint returns: `{"error": {"code", "message", "field"}}`. */
export interface ErrorBody {
  code: string;
  message: string;
  field?: string;
  /** With `entry_locked`: submitted, approved, invoiced or date_locked. */
  reason?: string;
}

export interface KeitoErrorInit {
  code: string;
  message: string;
  status?: number | undefined;
  field?: string | null | undefined;
  reason?: string | null | undefined;
  requestId?: string | null | undefined;
  headers?: Headers | undefined;
  cause?: unknown;
}

/** Base class of every error the SDK throws; `instanceof KeitoError` catches them all. */
export class KeitoError extends Error {
  /** Stable machine-readable code, e.g. `validation_error` or `project_not_assigned`. */
  readonly code: string;
  /** HTTP status; undefined when no response arrived (connection errors, timeouts). */
  readonly status: number | undefined;
  /** The request field that caused the error, when the server names one. */
  readonly field: string | undefined;
  /** Why an entry is locked (`submitted`, `approved`, `invoiced`, `date_locked`) with `entry_locked`. */
  readonly reason: string | undefined;
  /** The server's `x-request-id`, to quote when reporting a problem. */
  readonly requestId: string | undefined;
  /** Response headers, when a response arrived. */
  readonly headers: Headers | undefined;

  constructor(init: KeitoErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = new.target.name;
    this.code = init.code;
    this.status = init.status;
    this.field = init.field ?? undefined;
    this.reason = init.reason ?? undefined;
    this.requestId = init.requestId ?? undefined;
    this.headers = init.headers;
  }
}

/** 400 or 422: the request body or a business rule was rejected; `field` names the culprit. */
export class ValidationError extends KeitoError {}

/** 401: the API key is missing, malformed or revoked. */
export class AuthenticationError extends KeitoError {}

/** 403: the key's user may not do this, e.g. `project_not_assigned`. */
export class PermissionError extends KeitoError {}

/** 404: the resource does not exist in this workspace. */
export class NotFoundError extends KeitoError {}

/** 409: a conflicting write, e.g. an idempotent request still in flight. */
export class ConflictError extends KeitoError {}

/** 429: the key's rate limit is exhausted; `retryAfter` says how many seconds to wait. */
export class RateLimitError extends KeitoError {
  /** Seconds to wait before retrying, from the `Retry-After` header; undefined when absent. */
  readonly retryAfter: number | undefined;

  constructor(init: KeitoErrorInit & { retryAfter?: number | undefined }) {
    super(init);
    this.retryAfter = init.retryAfter;
  }
}

/** 5xx: the server failed; safe to retry, which the SDK already did `maxRetries` times. */
export class InternalServerError extends KeitoError {}

/** No response arrived: DNS failure, refused or dropped connection. */
export class APIConnectionError extends KeitoError {
  constructor(init: Partial<KeitoErrorInit> = {}) {
    super({ code: 'connection_error', message: 'Connection error.', ...init });
  }
}

/** No response arrived within `timeout` milliseconds. */
export class APITimeoutError extends APIConnectionError {
  constructor(init: Partial<KeitoErrorInit> = {}) {
    super({ code: 'timeout', message: 'Request timed out.', ...init });
  }
}

/** Builds the error class that matches an HTTP error response. */
export function errorFromResponse(
  status: number,
  body: ErrorBody | undefined,
  headers: Headers,
  retryAfter: number | undefined,
): KeitoError {
  const init: KeitoErrorInit = {
    code: body?.code ?? fallbackCode(status),
    message: body?.message ?? `Request failed with status ${status}`,
    status,
    field: body?.field,
    reason: body?.reason,
    requestId: headers.get('x-request-id'),
    headers,
  };
  if (status === 400 || status === 422) return new ValidationError(init);
  if (status === 401) return new AuthenticationError(init);
  if (status === 403) return new PermissionError(init);
  if (status === 404) return new NotFoundError(init);
  if (status === 409) return new ConflictError(init);
  if (status === 429) return new RateLimitError({ ...init, retryAfter });
  if (status >= 500) return new InternalServerError(init);
  return new KeitoError(init);
}

// Used when a proxy or load balancer answers with a non-JSON body, so `code` is still meaningful.
function fallbackCode(status: number): string {
  if (status === 400 || status === 422) return 'validation_error';
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'authorization_error';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limit_exceeded';
  if (status >= 500) return 'internal_error';
  return 'api_error';
}
