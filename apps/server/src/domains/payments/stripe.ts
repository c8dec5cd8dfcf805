/**
 * Card payments through Stripe Checkout (invoicing/payments, "Online Payments"): the client page
 * opens a Checkout Session for the amount due, and only the signed webhook records the payment
 * (docs/decisions/0051-online-payments.md).
 */
import { randomUUID } from 'node:crypto';
import Big from 'big.js';
import Stripe from 'stripe';
import type { Database } from '../../db/client.ts';
import { BusinessRuleError, NotFoundError } from '../../lib/errors.ts';
import { fromMinorUnits, toMinorUnits } from '../../lib/money.ts';
import { payableByKey } from '../invoicing/client-page.ts';
import {
  type PaymentSettings,
  platformMissing,
  platformMissingError,
  type StripeCredentials,
  stripeCredentials,
  workspaceOfStripeAccount,
} from './gateways.ts';
import { fromStripe, PROVIDER_TIMEOUT_MS } from './reach.ts';
import { type Delivery, recordOnlinePayment } from './record.ts';

/**
 * A stripe-node client for the workspace, its requests going to STRIPE_API_BASE (the real API, or a
 * local fake): with the workspace's own key, or with the platform's key on behalf of the connected
 * account (the Stripe-Account header).
 */
function stripeClient(settings: PaymentSettings, credentials: StripeCredentials): Stripe {
  const base = new URL(settings.stripeApiBase);
  if (platformMissing(settings, credentials)) throw platformMissingError('stripe');
  const connect = credentials.kind === 'connect' ? settings.stripeConnect : undefined;
  return new Stripe(connect?.secretKey ?? (credentials.kind === 'keys' ? credentials.secretKey : ''), {
    host: base.hostname,
    port: base.port === '' ? undefined : Number(base.port),
    protocol: base.protocol === 'http:' ? 'http' : 'https',
    stripeAccount: credentials.kind === 'connect' ? credentials.connectedAccountId : undefined,
    // Retries of one attempt reuse its Idempotency-Key, so Stripe creates one session for it.
    maxNetworkRetries: 2,
    timeout: settings.providerTimeoutMs ?? PROVIDER_TIMEOUT_MS,
  });
}

/**
 * POST /v1/client/invoices/:key/checkout/stripe: a Checkout Session for what the invoice has due,
 * in its currency, and its URL to send the client to. The client comes back to the client page,
 * which says "payment processing" until the webhook has recorded the payment.
 */
export async function startStripeCheckout(
  db: Database,
  settings: PaymentSettings,
  key: string,
  origin: string,
): Promise<{ url: string }> {
  const invoice = await payableByKey(db, key);
  const credentials = await stripeCredentials(db, settings.box, invoice.accountId);
  if (credentials === undefined) throw new NotFoundError('Card payment');
  const due = new Big(invoice.dueAmount);
  if (invoice.state !== 'open' || due.lte(0))
    throw new BusinessRuleError('Nothing is due on this invoice', 'state');
  const page = `${origin}/client/invoices/${encodeURIComponent(key)}`;
  const session = await fromStripe(
    stripeClient(settings, credentials).checkout.sessions.create(
      {
        mode: 'payment',
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: invoice.currency.toLowerCase(),
              // An integer of minor units (toMinorUnits refuses anything else), exact as a number.
              unit_amount: Number(toMinorUnits(due, invoice.currency)),
              product_data: { name: `Invoice ${invoice.number}` },
            },
          },
        ],
        client_reference_id: invoice.id,
        metadata: { invoice_id: invoice.id },
        payment_intent_data: { metadata: { invoice_id: invoice.id } },
        success_url: `${page}?payment=processing`,
        cancel_url: page,
      },
      // One key per attempt: a retried request is the same attempt, a second click a new one.
      { idempotencyKey: randomUUID() },
    ),
  );
  if (session.url === null) throw new Error('Stripe answered a Checkout Session without a URL');
  return { url: session.url };
}

export type StripeWebhookResult = { verified: false } | { verified: true; recorded: number };

/** The event, when its signature checks out against `secret` (stripe-node's constructEvent over the raw body). */
function verified(rawBody: Buffer, signature: string | undefined, secret: string): Stripe.Event | undefined {
  if (signature === undefined) return undefined;
  try {
    return Stripe.webhooks.constructEvent(rawBody, signature, secret);
  } catch {
    return undefined;
  }
}

/** POST /webhooks/stripe/:account_id: a workspace's own Stripe account's events, signed with its secret. */
export async function receiveStripeEvent(
  db: Database,
  settings: PaymentSettings,
  accountId: string,
  rawBody: Buffer,
  signature: string | undefined,
  delivery: Delivery,
): Promise<StripeWebhookResult> {
  const credentials = await stripeCredentials(db, settings.box, accountId);
  if (credentials?.kind !== 'keys') return { verified: false };
  const event = verified(rawBody, signature, credentials.webhookSecret);
  if (event === undefined) return { verified: false };
  return {
    verified: true,
    recorded: await handleEvent(db, settings, credentials, accountId, event, delivery),
  };
}

/**
 * POST /webhooks/stripe/connect: the platform's Connect endpoint, signed with its secret; the
 * event's `account` names the connected account, and so the workspace.
 */
export async function receiveStripeConnectEvent(
  db: Database,
  settings: PaymentSettings,
  rawBody: Buffer,
  signature: string | undefined,
  delivery: Delivery,
): Promise<StripeWebhookResult> {
  const connect = settings.stripeConnect;
  const event = connect === undefined ? undefined : verified(rawBody, signature, connect.webhookSecret);
  if (event === undefined) return { verified: false };
  const accountId =
    event.account === undefined ? undefined : await workspaceOfStripeAccount(db, event.account);
  if (accountId === undefined || event.account === undefined) {
    delivery.log.warn(
      { event: event.id, account: event.account },
      'Stripe Connect event of no connected workspace',
    );
    return { verified: true, recorded: 0 };
  }
  const credentials: StripeCredentials = { kind: 'connect', connectedAccountId: event.account };
  return {
    verified: true,
    recorded: await handleEvent(db, settings, credentials, accountId, event, delivery),
  };
}

async function handleEvent(
  db: Database,
  settings: PaymentSettings,
  credentials: StripeCredentials,
  accountId: string,
  event: Stripe.Event,
  delivery: Delivery,
): Promise<number> {
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded': {
      const session = event.data.object;
      // A completed session paid by a delayed method (bank debit) is paid only at async_payment_succeeded.
      if (session.payment_status !== 'paid') return 0;
      return recordSession(db, accountId, session, event, delivery);
    }
    case 'charge.refunded':
      return recordRefunds(db, settings, credentials, accountId, event.data.object, delivery);
    default:
      return 0;
  }
}

async function recordSession(
  db: Database,
  accountId: string,
  session: Stripe.Checkout.Session,
  event: Stripe.Event,
  delivery: Delivery,
): Promise<number> {
  const invoiceId = session.metadata?.invoice_id;
  const currency = session.currency?.toUpperCase();
  if (invoiceId === undefined || currency === undefined || session.amount_total === null) {
    delivery.log.warn(
      { event: event.id },
      'Stripe session without an invoice id, currency or amount: ignored',
    );
    return 0;
  }
  // The payment intent is what a refund names later; a session paid without one (none today) by its id.
  const transactionId =
    (typeof session.payment_intent === 'string' ? session.payment_intent : session.payment_intent?.id) ??
    session.id;
  return recordOnlinePayment(db, accountId, invoiceId, delivery, {
    provider: 'stripe',
    transactionId,
    currency,
    amount: fromMinorUnits(session.amount_total, currency),
    at: new Date(event.created * 1000),
  });
}

/**
 * A charge's refunds, each recorded once as a negative payment by its refund id. The refunds are
 * listed from Stripe rather than read from the event, which (since API 2022-11-15) no longer
 * carries them; listing also makes a late or repeated event record exactly what is refunded.
 */
async function recordRefunds(
  db: Database,
  settings: PaymentSettings,
  credentials: StripeCredentials,
  accountId: string,
  charge: Stripe.Charge,
  delivery: Delivery,
): Promise<number> {
  const paymentIntent =
    typeof charge.payment_intent === 'string' ? charge.payment_intent : charge.payment_intent?.id;
  if (paymentIntent === undefined) return 0;
  const refunds = await fromStripe(
    stripeClient(settings, credentials).refunds.list({ charge: charge.id, limit: 100 }),
  );
  let recorded = 0;
  for (const refund of refunds.data) {
    if (refund.status !== 'succeeded') continue;
    const currency = refund.currency.toUpperCase();
    recorded += await recordOnlinePayment(db, accountId, { paidBy: paymentIntent }, delivery, {
      provider: 'stripe',
      transactionId: refund.id,
      currency,
      amount: fromMinorUnits(refund.amount, currency).neg(),
      at: new Date(refund.created * 1000),
    });
  }
  return recorded;
}
