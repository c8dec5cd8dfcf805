// Retry policy: which failures are worth another attempt, and how long to wait before it.

/** Longest `Retry-After` we sleep through; a daily quota's hours-long wait is the caller's decision. */
export const MAX_RETRY_AFTER_SECONDS = 60;

/** Cap on the exponential backoff so a long retry chain does not stall for minutes. */
const MAX_BACKOFF_MS = 8_000;

/** Whether a response status is transient: rate limits and server failures. */
export function isRetryableStatus(status: number, hasIdempotencyKey: boolean): boolean {
  if (status === 429 || status >= 500) return true;
  // 409 on an idempotent POST means the first attempt is still being processed by the server;
  // once it finishes, a retry with the same key gets the stored response instead of a duplicate.
  return status === 409 && hasIdempotencyKey;
}

/**
 * Parses `Retry-After` (delta seconds or an HTTP date) and the non-standard `retry-after-ms` into seconds.
 * Returns undefined when absent or unparsable.
 */
export function parseRetryAfter(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null) {
    const value = Number.parseFloat(ms);
    if (Number.isFinite(value) && value >= 0) return value / 1000;
  }
  const header = headers.get('retry-after');
  if (header === null) return undefined;
  const seconds = Number(header.trim());
  if (header.trim() !== '' && Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(header);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, (date - now) / 1000);
}

/**
 * Delay before retry number `attempt` (0-based): `retryDelay * 2^attempt`, capped, minus up to 25% jitter
 * so that many clients failing together do not retry in lockstep.
 */
export function backoffDelay(
  attempt: number,
  retryDelay: number,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(retryDelay * 2 ** attempt, Math.max(MAX_BACKOFF_MS, retryDelay));
  return exponential * (1 - random() * 0.25);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
