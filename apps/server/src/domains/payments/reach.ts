/**
 * Reaching Stripe and PayPal: how long Keito waits, and what an outage becomes. A provider that is
 * unreachable, too slow or failing on its side (5xx) is answered 502 `payment_provider_unavailable`
 * with nothing recorded, so the client page can say "try again in a moment" and a webhook is
 * delivered again later, instead of a 500 that reads as Keito's own fault
 * (docs/decisions/0058-payment-provider-outages.md).
 */
import Stripe from 'stripe';
import { PaymentProviderUnavailableError } from '../../lib/errors.ts';

/**
 * How long one request to a provider may take. A client waits on the page for it: Stripe's own
 * default (80 s), times stripe-node's three attempts, would outlast their patience and the proxies
 * in front of Keito; both providers answer in a second or two when they are well.
 */
export const PROVIDER_TIMEOUT_MS = 10_000;

/** stripe-node's call, its outage (after its own retries) made PaymentProviderUnavailableError. */
export async function fromStripe<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    // StripeConnectionError: no connection or a timeout; StripeAPIError: Stripe's own failure, or
    // an answer that is not Stripe's JSON (a proxy's error page).
    const down =
      error instanceof Stripe.errors.StripeConnectionError ||
      error instanceof Stripe.errors.StripeAPIError ||
      (error instanceof Stripe.errors.StripeError && (error.statusCode ?? 0) >= 500);
    if (down) throw new PaymentProviderUnavailableError('Stripe', error);
    throw error;
  }
}

/** A provider's JSON answer, read whole within the timeout. */
export interface ProviderAnswer {
  status: number;
  ok: boolean;
  body: unknown;
}

/**
 * `fetch` to a provider that has no SDK in Keito (PayPal, Stripe's OAuth endpoint): no answer in
 * `timeoutMs`, no connection, or a 5xx is PaymentProviderUnavailableError; anything else is the
 * provider's word, for the caller to read.
 */
export async function fetchProvider(
  provider: 'Stripe' | 'PayPal',
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<ProviderAnswer> {
  let status: number;
  let text: string;
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    status = response.status;
    text = await response.text();
  } catch (error) {
    throw new PaymentProviderUnavailableError(provider, error);
  }
  if (status >= 500) {
    throw new PaymentProviderUnavailableError(
      provider,
      new Error(`${provider} answered ${status} to ${init.method ?? 'GET'} ${new URL(url).pathname}`),
    );
  }
  let body: unknown = null;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    // Not JSON from an endpoint that always answers JSON: something between Keito and the provider.
    throw new PaymentProviderUnavailableError(
      provider,
      new Error(`${provider} answered ${status}, not JSON`),
    );
  }
  return { status, ok: status >= 200 && status < 300, body };
}
