/** Per-call overrides, accepted as the last argument of every resource method. */
export interface RequestOptions {
  /** Milliseconds before one attempt is abandoned; overrides the client's `timeout`. */
  timeout?: number;
  /** Retries after the first attempt; overrides the client's `maxRetries`. */
  maxRetries?: number;
  /** Idempotency key for a POST; one is generated when omitted. Reuse it to make your own retries safe. */
  idempotencyKey?: string;
  /** Extra headers for this request. */
  headers?: Record<string, string>;
  /** Cancels the request (and any pending retry) when aborted. */
  signal?: AbortSignal;
}

export type HTTPMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
