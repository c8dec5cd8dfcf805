/**
 * "Connect Stripe" when the operator runs a Stripe Connect platform: Stripe's OAuth round trip.
 * The state Keito sends through Stripe is sealed (unforgeable, unreadable) and names the workspace,
 * the administrator and the browser session that started it; the callback is believed only in that
 * same session, for 15 minutes, and only once (docs/decisions/0057-payment-platforms.md).
 */
import type { Database, Executor } from '../../db/client.ts';
import { BusinessRuleError } from '../../lib/errors.ts';
import { authorize, loadAbilities } from '../access/abilities.ts';
import type { Actor } from '../access/actor.ts';
import type { PaymentSettings, StripeCredentials } from './gateways.ts';
import * as queries from './queries.ts';
import { fetchProvider, PROVIDER_TIMEOUT_MS } from './reach.ts';

interface ConnectState {
  accountId: string;
  userId: string;
  /** sessions.token_hash of the browser session that asked for the authorize page. */
  session: string;
  /**
   * The Stripe gateway's updated_at when the state was issued (null: not connected). Connecting
   * changes it, so a state that connected once, or any older one, no longer matches: one use each,
   * without a table of pending states.
   */
  gateway: string | null;
  expiresAt: number;
}
const CONNECT_STATE_MS = 15 * 60_000;

/** How the round trip ended, as the settings page is told (`?stripe=`). */
export type ConnectOutcome =
  | 'connected'
  | 'denied'
  | 'invalid'
  | 'session'
  | 'failed'
  | 'unavailable'
  | 'taken';

/** The browser session a request came with, when it has a live one. */
export interface BrowserSession {
  tokenHash: string;
  actor: Actor;
}

const denied = 'Only administrators connect payment gateways';

/**
 * POST /v1/payment-gateways/stripe/connect: the URL of Stripe's authorize page for this workspace.
 * `session` is the hash of the request's web session: Stripe sends the browser back, so only a
 * browser session can finish what it starts, and an API key cannot start it.
 */
export async function startStripeConnect(
  db: Executor,
  settings: PaymentSettings,
  actor: Actor,
  session: string | undefined,
  origin: string,
  now = new Date(),
): Promise<{ url: string }> {
  await authorize(db, actor, (can) => can.managePaymentGateways, denied);
  const connect = settings.stripeConnect;
  if (connect === undefined)
    throw new BusinessRuleError('This server has no Stripe Connect platform', 'provider');
  if (session === undefined) {
    throw new BusinessRuleError(
      'Connect Stripe from Settings → Payment gateways while signed in: Stripe sends the browser back to the session that started it',
    );
  }
  const gateway = await queries.findGateway(db, actor.accountId, 'stripe');
  const state: ConnectState = {
    accountId: actor.accountId,
    userId: actor.userId,
    session,
    gateway: gateway?.updatedAt.toISOString() ?? null,
    expiresAt: now.getTime() + CONNECT_STATE_MS,
  };
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
 * token endpoint with the platform's secret key for the connected account's id. Answers how it
 * went, for the settings page to say.
 */
export async function finishStripeConnect(
  db: Database,
  settings: PaymentSettings,
  query: { code?: string; state?: string; error?: string },
  browser: BrowserSession | undefined,
  now = new Date(),
): Promise<ConnectOutcome> {
  const connect = settings.stripeConnect;
  let state: ConnectState;
  try {
    state = JSON.parse(settings.box.open(query.state ?? '')) as ConnectState;
  } catch {
    return 'invalid';
  }
  if (connect === undefined || state.expiresAt < now.getTime()) return 'invalid';
  // Another browser, another person, or the same person signed in again: a link handed to someone
  // else must not connect their Stripe account to this workspace.
  const sameSession =
    browser !== undefined &&
    browser.tokenHash === state.session &&
    browser.actor.userId === state.userId &&
    browser.actor.accountId === state.accountId &&
    (await loadAbilities(db, browser.actor)).managePaymentGateways;
  if (!sameSession) return 'session';
  const gateway = await queries.findGateway(db, state.accountId, 'stripe');
  if ((gateway?.updatedAt.toISOString() ?? null) !== state.gateway) return 'invalid';
  if (query.error !== undefined || query.code === undefined) return 'denied';
  // Stripe not answering is PaymentProviderUnavailableError: the route logs it and says so.
  const answer = await fetchProvider(
    'Stripe',
    `${connect.base}/oauth/token`,
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${connect.secretKey}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: query.code }).toString(),
    },
    settings.providerTimeoutMs ?? PROVIDER_TIMEOUT_MS,
  );
  if (!answer.ok) return 'failed';
  const { stripe_user_id: connectedAccountId } = answer.body as { stripe_user_id: string };
  // A Stripe account pays into one workspace (its webhooks name the account, not the workspace), so
  // an account another workspace connected is refused with a page that says so, not a raw 409.
  const owner = await queries.findByExternalAccount(db, 'stripe', connectedAccountId);
  if (owner !== undefined && owner.accountId !== state.accountId) return 'taken';
  const credentials: StripeCredentials = { kind: 'connect', connectedAccountId };
  await queries.saveGateway(db, {
    accountId: state.accountId,
    provider: 'stripe',
    mode: null,
    credentials: settings.box.seal(JSON.stringify(credentials)),
    externalAccountId: connectedAccountId,
  });
  return 'connected';
}
