/**
 * A workspace's payment gateways (invoicing/invoice-settings, "Payment Gateways"): the credentials
 * are sealed by the secret box before they reach the database, and no answer ever contains them
 * (docs/decisions/0051-online-payments.md).
 */
import Big from 'big.js';
import type { Database, Executor } from '../../db/client.ts';
import { NotFoundError } from '../../lib/errors.ts';
import type { SecretBox } from '../../lib/secret-box.ts';
import { authorize } from '../access/abilities.ts';
import type { Actor } from '../access/actor.ts';
import { payableByKey } from '../invoicing/client-page.ts';
import type { Provider } from './queries.ts';
import * as queries from './queries.ts';
import type { GatewaysResponse, PayPalGatewayBody, StripeGatewayBody } from './schemas.ts';

/** What the payment domain needs from the server's configuration. */
export interface PaymentSettings {
  box: SecretBox;
  /** https://api.stripe.com, or a local fake in tests (STRIPE_API_BASE). */
  stripeApiBase: string;
  /** PAYPAL_API_BASE (a local fake in tests); undefined for PayPal's live or sandbox API by the gateway's mode. */
  paypalApiBase: string | undefined;
}

export interface StripeCredentials {
  secretKey: string;
  webhookSecret: string;
}

export interface PayPalCredentials {
  clientId: string;
  clientSecret: string;
  /** The id PayPal gave the webhook registered at `webhook_url`: its signature check needs it. */
  webhookId: string | null;
  mode: 'sandbox' | 'live';
}

const denied = 'Only administrators connect payment gateways';

/** Where the provider is to send the workspace's events: shown to copy into its dashboard. */
export function webhookUrl(origin: string, provider: Provider, accountId: string): string {
  return `${origin}/webhooks/${provider}/${accountId}`;
}

export async function listGateways(db: Executor, actor: Actor, origin: string): Promise<GatewaysResponse> {
  await authorize(db, actor, (can) => can.managePaymentGateways, denied);
  const rows = await queries.gatewaysOf(db, actor.accountId);
  const row = (provider: Provider) => rows.find((gateway) => gateway.provider === provider);
  const stripe = row('stripe');
  const paypal = row('paypal');
  return {
    stripe: {
      connected: stripe !== undefined,
      webhook_url: webhookUrl(origin, 'stripe', actor.accountId),
      updated_at: stripe?.updatedAt.toISOString() ?? null,
    },
    paypal: {
      connected: paypal !== undefined,
      mode: paypal?.mode === 'sandbox' || paypal?.mode === 'live' ? paypal.mode : null,
      webhook_url: webhookUrl(origin, 'paypal', actor.accountId),
      updated_at: paypal?.updatedAt.toISOString() ?? null,
    },
  };
}

export async function connectStripe(
  db: Database,
  settings: PaymentSettings,
  actor: Actor,
  body: StripeGatewayBody,
): Promise<void> {
  await authorize(db, actor, (can) => can.managePaymentGateways, denied);
  const credentials: StripeCredentials = { secretKey: body.secret_key, webhookSecret: body.webhook_secret };
  await queries.saveGateway(db, {
    accountId: actor.accountId,
    provider: 'stripe',
    mode: null,
    credentials: settings.box.seal(JSON.stringify(credentials)),
  });
}

export async function connectPayPal(
  db: Database,
  settings: PaymentSettings,
  actor: Actor,
  body: PayPalGatewayBody,
): Promise<void> {
  await authorize(db, actor, (can) => can.managePaymentGateways, denied);
  const credentials = {
    clientId: body.client_id,
    clientSecret: body.client_secret,
    webhookId: body.webhook_id ?? null,
  };
  await queries.saveGateway(db, {
    accountId: actor.accountId,
    provider: 'paypal',
    mode: body.mode,
    credentials: settings.box.seal(JSON.stringify(credentials)),
  });
}

export async function disconnect(db: Database, actor: Actor, provider: Provider): Promise<void> {
  await authorize(db, actor, (can) => can.managePaymentGateways, denied);
  if (!(await queries.deleteGateway(db, actor.accountId, provider)))
    throw new NotFoundError('Payment gateway');
}

/** The workspace's Stripe credentials, opened; undefined when Stripe is not connected. */
export async function stripeCredentials(
  db: Executor,
  box: SecretBox,
  accountId: string,
): Promise<StripeCredentials | undefined> {
  const row = await queries.findGateway(db, accountId, 'stripe');
  return row === undefined ? undefined : (JSON.parse(box.open(row.credentials)) as StripeCredentials);
}

/** The workspace's PayPal credentials, opened; undefined when PayPal is not connected. */
export async function payPalCredentials(
  db: Executor,
  box: SecretBox,
  accountId: string,
): Promise<PayPalCredentials | undefined> {
  const row = await queries.findGateway(db, accountId, 'paypal');
  if (row === undefined) return undefined;
  const opened = JSON.parse(box.open(row.credentials)) as Omit<PayPalCredentials, 'mode'>;
  return { ...opened, mode: row.mode === 'live' ? 'live' : 'sandbox' };
}

/** GET /v1/client/invoices/:key/payment-options: the pay buttons the client page shows. */
export async function paymentOptions(db: Executor, key: string): Promise<{ card: boolean; paypal: boolean }> {
  const invoice = await payableByKey(db, key);
  const payable = invoice.state === 'open' && new Big(invoice.dueAmount).gt(0);
  const connected = new Set((await queries.gatewaysOf(db, invoice.accountId)).map((row) => row.provider));
  return { card: payable && connected.has('stripe'), paypal: payable && connected.has('paypal') };
}
