/**
 * A workspace's payment gateways (invoicing/invoice-settings, "Payment Gateways"): the credentials
 * are sealed by the secret box before they reach the database, and no answer ever contains them
 * (docs/decisions/0051-online-payments.md).
 */
import Big from 'big.js';
import type { Database, Executor } from '../../db/client.ts';
import { BusinessRuleError, ConflictError, NotFoundError } from '../../lib/errors.ts';
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
  /** The operator's PayPal platform app, when there is one: workspaces then connect with a payee. */
  paypalPlatform?: PayPalPlatformSettings;
  /** How long a provider may take to answer (reach.ts PROVIDER_TIMEOUT_MS unless set; tests shorten it). */
  providerTimeoutMs?: number;
}

/** The operator's PayPal REST app (PAYPAL_PLATFORM_*): it creates orders paying each workspace's payee. */
export interface PayPalPlatformSettings {
  clientId: string;
  clientSecret: string;
  /** The id of the platform app's webhook (/webhooks/paypal/platform): its events verify with it. */
  webhookId: string;
  mode: 'sandbox' | 'live';
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

/** Who receives a platform order's money, as Orders v2 names a `purchase_units[].payee`. */
export type PayPalPayee = { email_address: string } | { merchant_id: string };

/** A workspace's own REST app, or a payee of the operator's platform app. */
export type PayPalCredentials =
  | {
      kind: 'app';
      clientId: string;
      clientSecret: string;
      /** The id PayPal gave the webhook registered at `webhook_url`: its signature check needs it. */
      webhookId: string | null;
      mode: 'sandbox' | 'live';
    }
  | { kind: 'platform'; payee: PayPalPayee; mode: 'sandbox' | 'live' };

/**
 * What is sealed: the credentials without the mode, which is a column. Rows sealed before platform
 * mode existed have no `kind`: they are the workspace's own app.
 */
type SealedPayPal =
  | (Omit<Extract<PayPalCredentials, { kind: 'app' }>, 'kind' | 'mode'> & { kind?: 'app' })
  | { kind: 'platform'; payee: PayPalPayee };

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
  const stripeOpened = stripe === undefined ? undefined : openStripe(settings.box, stripe);
  const credentials = paypal === undefined ? undefined : openPayPal(settings.box, paypal);
  return {
    stripe: {
      connected: stripe !== undefined,
      via: stripeOpened?.kind ?? null,
      connect_available: settings.stripeConnect !== undefined,
      platform_missing: stripeOpened !== undefined && platformMissing(settings, stripeOpened),
      webhook_url: webhookUrl(origin, 'stripe', actor.accountId),
      updated_at: stripe?.updatedAt.toISOString() ?? null,
    },
    paypal: {
      connected: paypal !== undefined,
      via: credentials === undefined ? null : credentials.kind,
      platform_available: settings.paypalPlatform !== undefined,
      platform_missing: credentials !== undefined && platformMissing(settings, credentials),
      // The payee is no secret: the administrator sees which PayPal account is paid.
      payee: credentials?.kind === 'platform' ? payeeName(credentials.payee) : null,
      mode: credentials?.mode ?? null,
      webhook_url: webhookUrl(origin, 'paypal', actor.accountId),
      updated_at: paypal?.updatedAt.toISOString() ?? null,
    },
  };
}

/**
 * The gateway was connected through the operator's platform (Stripe Connect, the PayPal platform
 * app) and this server no longer configures it: nothing can call the provider for the workspace
 * until the operator configures the platform again or the workspace connects its own keys, so
 * clients are not offered that way to pay (docs/decisions/0070-gateway-without-its-platform.md).
 */
export function platformMissing(
  settings: PaymentSettings,
  credentials: StripeCredentials | PayPalCredentials,
): boolean {
  if (credentials.kind === 'connect') return settings.stripeConnect === undefined;
  if (credentials.kind === 'platform') return settings.paypalPlatform === undefined;
  return false;
}

/**
 * A checkout (or a PayPal capture) of a gateway whose platform is gone: 409, as the gateway's state
 * and the server's configuration conflict; the client page no longer offers the button, so only a
 * page opened before the change (or a script) gets here. Nothing was asked of the provider.
 */
export function platformMissingError(provider: Provider): ConflictError {
  const way = provider === 'stripe' ? 'Paying by card' : 'Paying with PayPal';
  return new ConflictError(`${way} is not available for this invoice at the moment; nothing was paid`);
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

/**
 * PUT /v1/payment-gateways/paypal: the workspace's own REST app (client id and secret), or, when the
 * operator runs a PayPal platform app, just the payee (email or merchant id) its orders pay.
 */
export async function connectPayPal(
  db: Database,
  settings: PaymentSettings,
  actor: Actor,
  body: PayPalGatewayBody,
): Promise<void> {
  await authorize(db, actor, (can) => can.managePaymentGateways, denied);
  let sealed: SealedPayPal;
  let mode: PayPalCredentials['mode'];
  if ('client_id' in body) {
    sealed = {
      kind: 'app',
      clientId: body.client_id,
      clientSecret: body.client_secret,
      webhookId: body.webhook_id ?? null,
    };
    mode = body.mode;
  } else {
    const platform = settings.paypalPlatform;
    if (platform === undefined) {
      throw new BusinessRuleError(
        "This server has no PayPal platform app: connect PayPal with your REST app's client_id, client_secret and mode",
        'payee_email' in body ? 'payee_email' : 'payee_merchant_id',
      );
    }
    const payee: PayPalPayee =
      'payee_email' in body ? { email_address: body.payee_email } : { merchant_id: body.payee_merchant_id };
    sealed = { kind: 'platform', payee };
    mode = platform.mode;
  }
  await queries.saveGateway(db, {
    accountId: actor.accountId,
    provider: 'paypal',
    mode,
    credentials: settings.box.seal(JSON.stringify(sealed)),
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
  return row === undefined ? undefined : openStripe(box, row);
}

function openStripe(box: SecretBox, row: queries.GatewayRow): StripeCredentials {
  return JSON.parse(box.open(row.credentials)) as StripeCredentials;
}

/** The workspace whose Stripe account is `connectedAccountId` (a Connect event's `account`). */
export async function workspaceOfStripeAccount(
  db: Executor,
  connectedAccountId: string,
): Promise<string | undefined> {
  return (await queries.findByExternalAccount(db, 'stripe', connectedAccountId))?.accountId;
}

function payeeName(payee: PayPalPayee): string {
  return 'email_address' in payee ? payee.email_address : payee.merchant_id;
}

/** The workspace's PayPal credentials, opened; undefined when PayPal is not connected. */
export async function payPalCredentials(
  db: Executor,
  box: SecretBox,
  accountId: string,
): Promise<PayPalCredentials | undefined> {
  const row = await queries.findGateway(db, accountId, 'paypal');
  return row === undefined ? undefined : openPayPal(box, row);
}

function openPayPal(box: SecretBox, row: queries.GatewayRow): PayPalCredentials {
  const mode = row.mode === 'live' ? 'live' : 'sandbox';
  const opened = JSON.parse(box.open(row.credentials)) as SealedPayPal;
  return opened.kind === 'platform' ? { ...opened, mode } : { ...opened, kind: 'app', mode };
}

/**
 * GET /v1/client/invoices/:key/payment-options: the pay buttons the client page shows, for the
 * gateways that can take a payment now.
 */
export async function paymentOptions(
  db: Executor,
  settings: PaymentSettings,
  key: string,
): Promise<{ card: boolean; paypal: boolean }> {
  const invoice = await payableByKey(db, key);
  const payable = invoice.state === 'open' && new Big(invoice.dueAmount).gt(0);
  const rows = await queries.gatewaysOf(db, invoice.accountId);
  const usable = (provider: Provider) => {
    const row = rows.find((gateway) => gateway.provider === provider);
    if (row === undefined) return false;
    const credentials = provider === 'stripe' ? openStripe(settings.box, row) : openPayPal(settings.box, row);
    return !platformMissing(settings, credentials);
  };
  return { card: payable && usable('stripe'), paypal: payable && usable('paypal') };
}
