/**
 * A workspace's payment gateways (invoicing/invoice-settings, "Payment Gateways"): the credentials
 * are sealed by the secret box before they reach the database, and no answer ever contains them
 * (docs/decisions/0051-online-payments.md).
 */
import Big from 'big.js';
import type { Database, Executor } from '../../db/client.ts';
import { BusinessRuleError, NotFoundError } from '../../lib/errors.ts';
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
  /** The operator's Stripe Connect platform, when there is one. */
  stripeConnect?: StripeConnectSettings;
}

export interface StripeConnectSettings {
  /** The platform's OAuth client id (ca_…). */
  clientId: string;
  /** The platform's secret key: it calls the API on behalf of connected accounts. */
  secretKey: string;
  /** The signing secret of the platform's Connect webhook endpoint (/webhooks/stripe/connect). */
  webhookSecret: string;
  /** https://connect.stripe.com, where the OAuth authorize and token endpoints are. */
  base: string;
}

/** A workspace's own keys, or its account connected to the operator's platform. */
export type StripeCredentials =
  | { kind: 'keys'; secretKey: string; webhookSecret: string }
  | { kind: 'connect'; connectedAccountId: string };

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

export async function listGateways(
  db: Executor,
  settings: PaymentSettings,
  actor: Actor,
  origin: string,
): Promise<GatewaysResponse> {
  await authorize(db, actor, (can) => can.managePaymentGateways, denied);
  const rows = await queries.gatewaysOf(db, actor.accountId);
  const row = (provider: Provider) => rows.find((gateway) => gateway.provider === provider);
  const stripe = row('stripe');
  const paypal = row('paypal');
  return {
    stripe: {
      connected: stripe !== undefined,
      via: stripe === undefined ? null : stripe.externalAccountId === null ? 'keys' : 'connect',
      connect_available: settings.stripeConnect !== undefined,
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
  const credentials: StripeCredentials = {
    kind: 'keys',
    secretKey: body.secret_key,
    webhookSecret: body.webhook_secret,
  };
  await queries.saveGateway(db, {
    accountId: actor.accountId,
    provider: 'stripe',
    mode: null,
    credentials: settings.box.seal(JSON.stringify(credentials)),
    externalAccountId: null,
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
    externalAccountId: null,
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

/** The workspace whose Stripe account is `connectedAccountId` (a Connect event's `account`). */
export async function workspaceOfStripeAccount(
  db: Executor,
  connectedAccountId: string,
): Promise<string | undefined> {
  return (await queries.findByExternalAccount(db, 'stripe', connectedAccountId))?.accountId;
}

/** The state of a Connect OAuth round trip: sealed, so it cannot be forged or read, and short-lived. */
interface ConnectState {
  accountId: string;
  expiresAt: number;
}
const CONNECT_STATE_MS = 15 * 60_000;

/** POST /v1/payment-gateways/stripe/connect: the URL of Stripe's authorize page for this workspace. */
export async function startStripeConnect(
  db: Executor,
  settings: PaymentSettings,
  actor: Actor,
  origin: string,
  now = new Date(),
): Promise<{ url: string }> {
  await authorize(db, actor, (can) => can.managePaymentGateways, denied);
  const connect = settings.stripeConnect;
  if (connect === undefined)
    throw new BusinessRuleError('This server has no Stripe Connect platform', 'provider');
  const state: ConnectState = { accountId: actor.accountId, expiresAt: now.getTime() + CONNECT_STATE_MS };
  const url = new URL(`${connect.base}/oauth/authorize`);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', connect.clientId);
  url.searchParams.set('scope', 'read_write');
  url.searchParams.set('redirect_uri', `${origin}/oauth/stripe/callback`);
  url.searchParams.set('state', settings.box.seal(JSON.stringify(state)));
  return { url: url.toString() };
}

/**
 * GET /oauth/stripe/callback: Stripe sends the administrator back with a code, exchanged at the
 * token endpoint with the platform's secret key for the connected account's id. Answers where to
 * send the browser: the settings page, saying how it went.
 */
export async function finishStripeConnect(
  db: Database,
  settings: PaymentSettings,
  query: { code?: string; state?: string; error?: string },
  origin: string,
  now = new Date(),
): Promise<string> {
  const back = (outcome: string) => `${origin}/settings/payment-gateways?stripe=${outcome}`;
  const connect = settings.stripeConnect;
  let state: ConnectState;
  try {
    state = JSON.parse(settings.box.open(query.state ?? '')) as ConnectState;
  } catch {
    return back('invalid');
  }
  if (connect === undefined || state.expiresAt < now.getTime()) return back('invalid');
  if (query.error !== undefined || query.code === undefined) return back('denied');
  const response = await fetch(`${connect.base}/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${connect.secretKey}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: query.code }).toString(),
  });
  if (!response.ok) return back('failed');
  const { stripe_user_id: connectedAccountId } = (await response.json()) as { stripe_user_id: string };
  const credentials: StripeCredentials = { kind: 'connect', connectedAccountId };
  await queries.saveGateway(db, {
    accountId: state.accountId,
    provider: 'stripe',
    mode: null,
    credentials: settings.box.seal(JSON.stringify(credentials)),
    externalAccountId: connectedAccountId,
  });
  return back('connected');
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
