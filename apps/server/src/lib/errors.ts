/**
 * Domain failures with stable, machine-readable codes (api-reference/error-handling). Services
 * throw these; the HTTP layer maps each code to its status in one place.
 */
export type ErrorCode =
  | 'validation_error'
  | 'authentication_error'
  | 'authorization_error'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'rate_limit_exceeded'
  | 'metadata_too_large'
  | 'project_not_assigned'
  | 'entry_locked'
  | 'invoice_locked'
  | 'feature_disabled'
  | 'unprocessable'
  | 'file_too_large'
  | 'unsupported_media_type'
  | 'idempotency_key_reused'
  | 'payment_provider_unavailable'
  | 'internal_error';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The request is malformed: a missing field, a value of the wrong kind or out of range. */
export class ValidationError extends DomainError {
  constructor(message: string, field?: string) {
    super('validation_error', message, field);
  }
}

export class AuthenticationError extends DomainError {
  constructor(message = 'API key missing or invalid') {
    super('authentication_error', message);
  }
}

export class AuthorizationError extends DomainError {
  constructor(message = 'You do not have permission to do this', field?: string) {
    super('authorization_error', message, field);
  }
}

export class NotFoundError extends DomainError {
  constructor(resource: string, field?: string) {
    super('not_found', `${resource} not found`, field);
  }
}

export class ProjectNotAssignedError extends DomainError {
  constructor() {
    super('project_not_assigned', 'User is not assigned to this project', 'project_id');
  }
}

export class MetadataTooLargeError extends DomainError {
  constructor(limitBytes: number) {
    super('metadata_too_large', `metadata must be at most ${limitBytes} bytes of JSON`, 'metadata');
  }
}

/** Why an entry cannot be changed (docs/decisions/0019-entry-locks.md). */
export type LockReason = 'submitted' | 'approved' | 'invoiced' | 'date_locked';

/**
 * Submitted (to their owner), approved, invoiced and locked-period entries cannot be edited or
 * deleted. `reason` is answered beside the code so clients can say why without parsing the message.
 */
export class EntryLockedError extends DomainError {
  constructor(
    what: string,
    readonly reason: LockReason,
    detail: string = reason.replace('_', ' '),
  ) {
    super('entry_locked', `This ${what} is locked (${detail}) and cannot be changed`);
  }
}

/** Paid and closed invoices are history: reopen a closed one (or delete a payment) to change it. */
export class InvoiceLockedError extends DomainError {
  constructor(state: 'paid' | 'closed') {
    super('invoice_locked', `This invoice is ${state} and cannot be changed`);
  }
}

/** A feature the workspace switched off in its settings (features.expenses, .invoicing, .approvals). */
export class FeatureDisabledError extends DomainError {
  constructor(feature: string) {
    super('feature_disabled', `${feature} are turned off in this workspace's settings`);
  }
}

/**
 * Too many attempts at a secret (a password, an invitation link) from one account or address: the
 * client may try again after `retryAfterSeconds`, which the HTTP layer sends as Retry-After.
 */
export class TooManyAttemptsError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limit_exceeded', `Too many attempts; try again in ${retryAfterSeconds} s`);
  }
}

/** Well-formed, but a business rule says no (an archived project, a category that needs a total). */
export class BusinessRuleError extends DomainError {
  constructor(message: string, field?: string) {
    super('unprocessable', message, field);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, field?: string) {
    super('conflict', message, field);
  }
}

/** The same Idempotency-Key was sent with a different request. */
export class IdempotencyKeyReusedError extends DomainError {
  constructor() {
    super(
      'idempotency_key_reused',
      'This Idempotency-Key was already used for a different request; use a new key for a new request',
    );
  }
}

/** An upload larger than its limit; nothing of it is kept. */
export class FileTooLargeError extends DomainError {
  constructor(limitBytes: number, field?: string) {
    super('file_too_large', `The file must be at most ${limitBytes} bytes`, field);
  }
}

/** An upload whose bytes are not one of the accepted kinds, whatever its name or declared type says. */
export class UnsupportedMediaTypeError extends DomainError {
  constructor(accepted: string, field?: string) {
    super('unsupported_media_type', `The file must be one of: ${accepted}`, field);
  }
}

/**
 * Stripe or PayPal did not answer (unreachable, timed out, or a 5xx of theirs): nothing was recorded
 * and trying again later may work. The message is the one the client page shows as it is; `cause`
 * keeps what failed for the server's log.
 */
export class PaymentProviderUnavailableError extends DomainError {
  constructor(provider: 'Stripe' | 'PayPal', cause: unknown) {
    super(
      'payment_provider_unavailable',
      `The payment provider (${provider}) is not answering; try again in a moment`,
    );
    this.cause = cause;
  }
}
