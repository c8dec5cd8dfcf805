/**
 * PayPal through Orders v2 (invoicing/payments, "Online Payments"): the client page creates an
 * order for the amount due, the client approves it at PayPal, and Keito captures it when the
 * client comes back. The capture's answer (from PayPal, to Keito's authenticated call) and the
 * PAYMENT.CAPTURE.COMPLETED webhook (verified by PayPal's verify-webhook-signature) both record the
 * payment, unique on the capture id, so whichever comes first records it and the other nothing
 * (docs/decisions/0051-online-payments.md).
 */
import { randomUUID } from 'node:crypto';
import Big from 'big.js';
import type { Database } from '../../db/client.ts';
import { exponentOf } from '../../lib/currencies.ts';
import { BusinessRuleError, NotFoundError } from '../../lib/errors.ts';
import { roundToCurrency } from '../../lib/money.ts';
import { payableByKey } from '../invoicing/client-page.ts';
import { workspaceOfInvoice } from '../invoicing/payments.ts';
import { type PaymentSettings, payPalCredentials, platformMissingError } from './gateways.ts';
import { fetchProvider, PROVIDER_TIMEOUT_MS } from './reach.ts';
import { type Delivery, recordOnlinePayment } from './record.ts';

const PAYPAL_BASES = { live: 'https://api-m.paypal.com', sandbox: 'https://api-m.sandbox.paypal.com' };

interface Money {
  currency_code: string;
  value: string;
}
interface Capture {
  id: string;
  status: string;
  amount: Money;
  custom_id?: string;
  create_time?: string;
  links?: { rel: string; href: string }[];
}

/** The REST app Keito calls PayPal as: the workspace's own, or the operator's platform app. */
interface RestApp {
  clientId: string;
  clientSecret: string;
  mode: 'sandbox' | 'live';
}

/**
 * `notFound`: what PayPal answering 404 means to the client, for a path naming something the client
 * chose (the order id of a capture); without it a 404 is Keito's own fault, a 500.
 */
type PayPalCall = <T>(
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
  notFound?: () => NotFoundError,
) => Promise<T>;

/**
 * A PayPal REST client for one app: an OAuth token per call (client credentials), then JSON. PayPal
 * not answering (or answering 5xx) is PaymentProviderUnavailableError (reach.ts).
 */
function payPal(settings: PaymentSettings, app: RestApp): PayPalCall {
  const base = settings.paypalApiBase ?? PAYPAL_BASES[app.mode];
  const timeoutMs = settings.providerTimeoutMs ?? PROVIDER_TIMEOUT_MS;
  return async <T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
    notFound?: () => NotFoundError,
  ) => {
    const basic = Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64');
    const token = await fetchProvider(
      'PayPal',
      `${base}/v1/oauth2/token`,
      {
        method: 'POST',
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      },
      timeoutMs,
    );
    if (!token.ok) throw new Error(`PayPal refused the credentials (${token.status})`);
    const { access_token: accessToken } = token.body as { access_token: string };
    const response = await fetchProvider(
      'PayPal',
      `${base}${path}`,
      {
        method,
        headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      },
      timeoutMs,
    );
    // 422 is PayPal refusing by its rules (an order not approved yet, already captured): the client's to fix.
    if (response.status === 422) {
      const { details } = response.body as { details?: { issue: string }[] };
      throw new BusinessRuleError(
        `PayPal refused: ${details?.[0]?.issue ?? 'UNPROCESSABLE_ENTITY'}`,
        'order_id',
      );
    }
    if (response.status === 404 && notFound !== undefined) throw notFound();
    if (!response.ok) throw new Error(`PayPal answered ${response.status} to ${method} ${path}`);
    return response.body as T;
  };
}

/** The workspace's PayPal: how to call it, and the payee its orders name (platform mode). */
async function merchant(db: Database, settings: PaymentSettings, accountId: string) {
  const credentials = await payPalCredentials(db, settings.box, accountId);
  if (credentials === undefined) return undefined;
  const app = credentials.kind === 'app' ? credentials : settings.paypalPlatform;
  if (app === undefined) throw platformMissingError('paypal');
  return {
    credentials,
    payee: credentials.kind === 'platform' ? credentials.payee : undefined,
    call: payPal(settings, app),
  };
}

/** POST /v1/client/invoices/:key/checkout/paypal: an order for the amount due, and PayPal's approve link. */
export async function startPayPalCheckout(
  db: Database,
  settings: PaymentSettings,
  key: string,
  origin: string,
): Promise<{ url: string }> {
  const invoice = await payableByKey(db, key);
  const paypal = await merchant(db, settings, invoice.accountId);
  if (paypal === undefined) throw new NotFoundError('PayPal payment');
  const due = new Big(invoice.dueAmount);
  if (invoice.state !== 'open' || due.lte(0))
    throw new BusinessRuleError('Nothing is due on this invoice', 'state');
  const page = `${origin}/client/invoices/${encodeURIComponent(key)}`;
  const order = await paypal.call<{ id: string; links: { rel: string; href: string }[] }>(
    'POST',
    '/v2/checkout/orders',
    {
      intent: 'CAPTURE',
      purchase_units: [
        {
          reference_id: invoice.id,
          custom_id: invoice.id,
          description: `Invoice ${invoice.number}`,
          // Platform mode: the platform app creates the order, the workspace's PayPal account is paid.
          ...(paypal.payee !== undefined && { payee: paypal.payee }),
          // PayPal takes a decimal string with the currency's own decimals (none for JPY).
          amount: {
            currency_code: invoice.currency,
            value: roundToCurrency(due, invoice.currency).toFixed(exponentOf(invoice.currency)),
          },
        },
      ],
      payment_source: {
        paypal: {
          experience_context: {
            return_url: `${page}?payment=paypal`,
            cancel_url: page,
            user_action: 'PAY_NOW',
          },
        },
      },
    },
    // PayPal's idempotency key: one per attempt.
    { 'PayPal-Request-Id': randomUUID() },
  );
  const approve = order.links.find((link) => link.rel === 'payer-action' || link.rel === 'approve');
  if (approve === undefined) throw new Error('PayPal answered an order without an approve link');
  return { url: approve.href };
}

/**
 * POST /v1/client/invoices/:key/checkout/paypal/capture: the client is back from approving
 * `orderId`; Keito captures it and records what PayPal says it captured.
 */
export async function capturePayPalOrder(
  db: Database,
  settings: PaymentSettings,
  key: string,
  orderId: string,
  delivery: Delivery,
): Promise<{ recorded: number }> {
  const invoice = await payableByKey(db, key);
  const paypal = await merchant(db, settings, invoice.accountId);
  if (paypal === undefined) throw new NotFoundError('PayPal payment');
  const order = await paypal.call<{ purchase_units: { payments?: { captures?: Capture[] } }[] }>(
    'POST',
    `/v2/checkout/orders/${encodeURIComponent(orderId)}/capture`,
    {},
    // The same order captured twice (a reload of the return page) is one capture at PayPal.
    { 'PayPal-Request-Id': `capture-${orderId}` },
    // An order id PayPal does not know, or one of another app's orders (which PayPal does not show
    // to this one), comes from the client: the request is wrong, not Keito.
    () => new NotFoundError('PayPal order', 'order_id'),
  );
  let recorded = 0;
  for (const capture of order.purchase_units.flatMap((unit) => unit.payments?.captures ?? [])) {
    // Only a capture of this invoice: an order id taken from another invoice's page records nothing here.
    if (capture.custom_id !== invoice.id) continue;
    recorded += await recordCapture(db, invoice.accountId, capture, delivery);
  }
  return { recorded };
}

function recordCapture(
  db: Database,
  accountId: string,
  capture: Capture,
  delivery: Delivery,
): Promise<number> {
  if (capture.status !== 'COMPLETED' || capture.custom_id === undefined) return Promise.resolve(0);
  return recordOnlinePayment(db, accountId, capture.custom_id, delivery, {
    provider: 'paypal',
    transactionId: capture.id,
    currency: capture.amount.currency_code,
    amount: new Big(capture.amount.value),
    at: capture.create_time === undefined ? new Date() : new Date(capture.create_time),
  });
}

export type PayPalWebhookResult = { verified: false } | { verified: true; recorded: number };

type Headers = Record<string, string | string[] | undefined>;
interface PayPalEvent {
  event_type: string;
  resource: Capture;
}

/**
 * The event, when PayPal's verify-webhook-signature (called as the app that registered the webhook)
 * says SUCCESS for it with `webhookId`; undefined otherwise.
 */
async function verifiedEvent(
  call: PayPalCall,
  webhookId: string,
  headers: Headers,
  rawBody: Buffer,
): Promise<PayPalEvent | undefined> {
  const header = (name: string) => {
    const value = headers[name];
    return typeof value === 'string' ? value : undefined;
  };
  let event: PayPalEvent;
  try {
    event = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return undefined;
  }
  const { verification_status: status } = await call<{ verification_status: string }>(
    'POST',
    '/v1/notifications/verify-webhook-signature',
    {
      auth_algo: header('paypal-auth-algo'),
      cert_url: header('paypal-cert-url'),
      transmission_id: header('paypal-transmission-id'),
      transmission_sig: header('paypal-transmission-sig'),
      transmission_time: header('paypal-transmission-time'),
      webhook_id: webhookId,
      webhook_event: event,
    },
  );
  return status === 'SUCCESS' ? event : undefined;
}

/** The capture a refund gives back: its "up" link names it. */
function refundedCapture(refund: Capture): string | undefined {
  return refund.links
    ?.find((link) => link.rel === 'up')
    ?.href.split('/')
    .pop();
}

/** Records what a verified event says happened in the workspace `accountId`. */
async function applyEvent(
  db: Database,
  accountId: string,
  event: PayPalEvent,
  delivery: Delivery,
): Promise<number> {
  switch (event.event_type) {
    case 'PAYMENT.CAPTURE.COMPLETED':
      return recordCapture(db, accountId, event.resource, delivery);
    case 'PAYMENT.CAPTURE.REFUNDED': {
      // The refunded capture names the invoice's payment.
      const refund = event.resource;
      const capture = refundedCapture(refund);
      if (capture === undefined || refund.status !== 'COMPLETED') return 0;
      return recordOnlinePayment(db, accountId, { paidBy: capture }, delivery, {
        provider: 'paypal',
        transactionId: refund.id,
        currency: refund.amount.currency_code,
        amount: new Big(refund.amount.value).neg(),
        at: refund.create_time === undefined ? new Date() : new Date(refund.create_time),
      });
    }
    default:
      return 0;
  }
}

/**
 * POST /webhooks/paypal/:account_id: the events of a workspace's own REST app, believed only when
 * PayPal's verify-webhook-signature says SUCCESS for them with the workspace's webhook id.
 */
export async function receivePayPalEvent(
  db: Database,
  settings: PaymentSettings,
  accountId: string,
  headers: Headers,
  rawBody: Buffer,
  delivery: Delivery,
): Promise<PayPalWebhookResult> {
  const credentials = await payPalCredentials(db, settings.box, accountId);
  // A platform payee's events go to the platform app's webhook (receivePayPalPlatformEvent).
  if (credentials?.kind !== 'app' || credentials.webhookId === null) return { verified: false };
  const event = await verifiedEvent(payPal(settings, credentials), credentials.webhookId, headers, rawBody);
  if (event === undefined) return { verified: false };
  return { verified: true, recorded: await applyEvent(db, accountId, event, delivery) };
}

/**
 * POST /webhooks/paypal/platform: the operator's platform app's events, for every workspace paid
 * through it, verified with the platform's webhook id. The workspace is the one of the invoice Keito
 * put in the order's `custom_id`: a capture carries it, a refund's capture is asked for it.
 */
export async function receivePayPalPlatformEvent(
  db: Database,
  settings: PaymentSettings,
  headers: Headers,
  rawBody: Buffer,
  delivery: Delivery,
): Promise<PayPalWebhookResult> {
  const platform = settings.paypalPlatform;
  if (platform === undefined) return { verified: false };
  const call = payPal(settings, platform);
  const event = await verifiedEvent(call, platform.webhookId, headers, rawBody);
  if (event === undefined) return { verified: false };
  let invoiceId: string | undefined;
  if (event.event_type === 'PAYMENT.CAPTURE.COMPLETED') invoiceId = event.resource.custom_id;
  if (event.event_type === 'PAYMENT.CAPTURE.REFUNDED') {
    const capture = refundedCapture(event.resource);
    if (capture !== undefined) {
      invoiceId = (await call<Capture>('GET', `/v2/payments/captures/${encodeURIComponent(capture)}`))
        .custom_id;
    }
  }
  const accountId = invoiceId === undefined ? undefined : await workspaceOfInvoice(db, invoiceId);
  if (accountId === undefined) {
    delivery.log.warn(
      { event: event.event_type, invoiceId },
      'PayPal platform event of no Keito invoice: ignored',
    );
    return { verified: true, recorded: 0 };
  }
  return { verified: true, recorded: await applyEvent(db, accountId, event, delivery) };
}
