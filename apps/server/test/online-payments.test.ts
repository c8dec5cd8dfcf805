import { randomBytes } from 'node:crypto';
import { startMailbox, type TestMailbox } from '@keito/testkit/mailbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/domains/auth/password.ts';
import { type FakePayPal, startFakePayPal } from './fakes/paypal.ts';
import { type FakeStripe, startFakeStripe } from './fakes/stripe.ts';
import {
  Api,
  addUser,
  type Browser,
  browserOn,
  newProject,
  newWorkspace,
  startTestServer,
  type TestServer,
  type Workspace,
} from './harness.ts';

let server: TestServer;
/** The same database and key served again without STRIPE_CONNECT_* and PAYPAL_PLATFORM_*. */
let withoutPlatforms: TestServer;
let stripe: FakeStripe;
let paypal: FakePayPal;
let mailbox: TestMailbox;

beforeAll(async () => {
  stripe = await startFakeStripe();
  paypal = await startFakePayPal();
  mailbox = await startMailbox();
  server = await startTestServer({
    mail: { smtpUrl: mailbox.url, from: 'Keito <invoices@keito.test>' },
    payments: {
      stripeApiBase: stripe.baseUrl,
      paypalApiBase: paypal.baseUrl,
      stripeConnect: {
        clientId: stripe.platform.clientId,
        secretKey: stripe.platform.secretKey,
        webhookSecret: PLATFORM_WEBHOOK_SECRET,
        base: stripe.baseUrl,
      },
      paypalPlatform: {
        clientId: paypal.platform.clientId,
        clientSecret: paypal.platform.clientSecret,
        webhookId: paypal.platform.webhookId,
        mode: 'sandbox',
      },
    },
  });
});
afterAll(() => Promise.all([stripe.close(), paypal.close(), mailbox.close()]));

beforeAll(async () => {
  // The operator restarting Keito after removing the platforms' credentials from the environment.
  withoutPlatforms = await startTestServer({
    restartOf: server,
    payments: { stripeApiBase: stripe.baseUrl, paypalApiBase: paypal.baseUrl },
  });
});

/** What the client page (no sign-in) gets from `on`. */
async function asClient(on: TestServer, method: 'GET' | 'POST', path: string, body?: unknown) {
  const response = await fetch(`${on.baseUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

/** 409 `conflict` for a gateway whose platform the server no longer configures (decision 0070). */
const platformMissing = (way: string) => ({
  status: 409,
  body: {
    error: {
      code: 'conflict',
      message: `${way} is not available for this invoice at the moment; nothing was paid`,
    },
  },
});

const SECRET_KEY = 'sk_test_51KeitoTheSecretKeyNobodyMayRead';
const PLATFORM_WEBHOOK_SECRET = 'whsec_platform_connect';

interface Shop {
  admin: Api;
  accountId: string;
  clientId: string;
  webhookSecret: string;
  /** An open invoice of `amount` in `currency` and its client page key. */
  invoice(amount: number, currency?: string): Promise<{ id: string; key: string }>;
}

/** A workspace with Stripe connected, the fake sending its events to the workspace's webhook URL. */
async function shop(name: string): Promise<Shop> {
  const workspace = await newWorkspace(server, name);
  const admin = workspace.admin;
  const webhookSecret = `whsec_${randomBytes(16).toString('hex')}`;
  const gateways = await admin.ok('PUT', '/v1/payment-gateways/stripe', {
    secret_key: SECRET_KEY,
    webhook_secret: webhookSecret,
  });
  const { clientId } = await newProject(workspace, { name, hourly_rate: 100 });
  return {
    admin,
    accountId: workspace.accountId,
    clientId,
    webhookSecret,
    async invoice(amount, currency = 'USD') {
      await admin.ok('PATCH', `/v1/clients/${clientId}`, { currency });
      const draft = await admin.ok('POST', '/v1/invoices', {
        client_id: clientId,
        line_items: [{ description: 'Work', quantity: 1, unit_price: amount }],
      });
      const sent = await admin.ok('POST', `/v1/invoices/${draft.id}/mark-sent`);
      stripe.sendWebhooksTo(gateways.stripe.webhook_url, webhookSecret);
      return { id: sent.id, key: sent.client_key };
    },
  };
}

/** The client's click on "Pay with card": the session the fake holds for it. */
async function checkout(key: string) {
  const response = await fetch(`${server.baseUrl}/v1/client/invoices/${key}/checkout/stripe`, {
    method: 'POST',
  });
  expect(response.status).toBe(200);
  const { url } = (await response.json()) as { url: string };
  const session = stripe.sessions.get(url.split('/').pop() as string);
  if (session === undefined) throw new Error(`No session behind ${url}`);
  return session;
}

describe('payment gateways', () => {
  it('keeps the credentials sealed: not in the answers, not readable in the rows', async () => {
    const s = await shop('Sealed');
    const listed = await s.admin.ok('GET', '/v1/payment-gateways');
    expect(listed).toMatchObject({
      stripe: { connected: true, webhook_url: `${server.baseUrl}/webhooks/stripe/${s.accountId}` },
      paypal: { connected: false, mode: null },
    });
    expect(JSON.stringify(listed)).not.toContain(SECRET_KEY);
    const { rows } = await server.pool.query('SELECT * FROM payment_gateways WHERE account_id = $1', [
      s.accountId,
    ]);
    expect(rows).toHaveLength(1);
    const stored = JSON.stringify(rows[0]);
    expect(stored).not.toContain(SECRET_KEY);
    expect(stored).not.toContain(s.webhookSecret);
    expect(stored).not.toContain('51KeitoTheSecret');

    await s.admin.ok('PUT', '/v1/payment-gateways/paypal', {
      client_id: 'paypal-client',
      client_secret: 'paypal-secret-value',
      mode: 'sandbox',
    });
    const { rows: paypal } = await server.pool.query(
      "SELECT * FROM payment_gateways WHERE account_id = $1 AND provider = 'paypal'",
      [s.accountId],
    );
    expect(JSON.stringify(paypal)).not.toContain('paypal-secret-value');
    expect((await s.admin.ok('GET', '/v1/payment-gateways')).paypal).toMatchObject({
      connected: true,
      mode: 'sandbox',
    });
    expect((await s.admin.request('DELETE', '/v1/payment-gateways/paypal')).status).toBe(204);
    expect((await s.admin.request('DELETE', '/v1/payment-gateways/paypal')).status).toBe(404);
    expect((await s.admin.ok('GET', '/v1/payment-gateways')).paypal.connected).toBe(false);
  });

  it('is for administrators only: a manager who sends invoices gets 403', async () => {
    const s = await shop('Guarded');
    const workspace = { accountId: s.accountId, adminId: '', admin: s.admin };
    const manager = await addUser(server, workspace, {
      name: 'Manny',
      role: 'manager',
      manager_permissions: { send_invoices: true },
    });
    expect((await manager.api.get('/v1/payment-gateways')).status).toBe(403);
    const put = await manager.api.put('/v1/payment-gateways/stripe', {
      secret_key: 'sk_x',
      webhook_secret: 'w',
    });
    expect(put.status).toBe(403);
  });
});

describe('paying by card', () => {
  it('opens a Checkout Session for the amount due in minor units, and records the paid webhook once', async () => {
    const s = await shop('Card');
    const invoice = await s.invoice(1234.5);
    const options = await fetch(`${server.baseUrl}/v1/client/invoices/${invoice.key}/payment-options`);
    expect(await options.json()).toEqual({ card: true, paypal: false });

    const session = await checkout(invoice.key);
    expect(session).toMatchObject({
      currency: 'usd',
      amount_total: 123450,
      metadata: { invoice_id: invoice.id },
    });
    expect(session.success_url).toBe(`${server.baseUrl}/client/invoices/${invoice.key}?payment=processing`);
    const request = stripe.requests.at(-1);
    expect(request?.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    // Nothing is recorded by the redirect or the session alone.
    expect((await s.admin.ok('GET', `/v1/invoices/${invoice.id}`)).state).toBe('open');

    const paid = await stripe.pay(session.id as string);
    const first = await stripe.deliver(paid);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: true, recorded: 1 });
    // Stripe delivers at least once: the same event again records nothing.
    expect(await (await stripe.deliver(paid)).json()).toEqual({ received: true, recorded: 0 });

    const after = await s.admin.ok('GET', `/v1/invoices/${invoice.id}`);
    expect(after).toMatchObject({ state: 'paid', paid_amount: 1234.5, due_amount: 0 });
    const payments = (await s.admin.ok('GET', `/v1/invoices/${invoice.id}/payments`)).data;
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({
      amount: 1234.5,
      provider: 'stripe',
      transaction_id: session.payment_intent,
    });
    // A paid invoice offers nothing to pay.
    const none = await fetch(`${server.baseUrl}/v1/client/invoices/${invoice.key}/payment-options`);
    expect(await none.json()).toEqual({ card: false, paypal: false });
  });

  it('thanks the client by email when the webhook settles the invoice, with the setting on', async () => {
    const s = await shop('Thanks');
    await s.admin.ok('PATCH', '/v1/invoice-settings', {
      thank_you_on_payment: true,
      templates: { thank_you: { subject: 'Thanks for paying {number}' } },
    });
    await s.admin.ok('POST', `/v1/clients/${s.clientId}/contacts`, {
      first_name: 'Pat',
      email: 'pat@thanks.test',
    });
    const invoice = await s.invoice(60);
    await stripe.deliver(await stripe.pay((await checkout(invoice.key)).id as string));
    const { number } = await s.admin.ok('GET', `/v1/invoices/${invoice.id}`);
    expect((await mailbox.waitFor('pat@thanks.test')).raw).toContain(`Subject: Thanks for paying ${number}`);
  });

  it('refuses a bad signature with 401 and records nothing', async () => {
    const s = await shop('Forged');
    const invoice = await s.invoice(50);
    const paid = await stripe.pay((await checkout(invoice.key)).id as string);
    const forged = await stripe.deliver(paid, 'whsec_not_the_workspace_secret');
    expect(forged.status).toBe(401);
    const body = JSON.stringify(paid);
    const unsigned = await fetch(`${server.baseUrl}/webhooks/stripe/${s.accountId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(unsigned.status).toBe(401);
    expect((await s.admin.ok('GET', `/v1/invoices/${invoice.id}/payments`)).data).toEqual([]);
  });

  it('records an asynchronous payment when it succeeds, whichever event arrives first', async () => {
    const s = await shop('Async');
    const invoice = await s.invoice(80);
    const session = await checkout(invoice.key);
    const completed = await stripe.pay(session.id as string);
    const succeeded = {
      ...completed,
      id: 'evt_async_succeeded',
      type: 'checkout.session.async_payment_succeeded',
    };
    // Out of order: the success first, then the completion (whose session is paid too): one payment.
    expect(await (await stripe.deliver(succeeded)).json()).toEqual({ received: true, recorded: 1 });
    expect(await (await stripe.deliver(completed)).json()).toEqual({ received: true, recorded: 0 });
    // A session completed but still unpaid (a bank debit on its way) records nothing yet.
    const other = await s.invoice(20);
    const pending = await checkout(other.key);
    const unpaid = {
      id: 'evt_unpaid',
      object: 'event',
      type: 'checkout.session.completed',
      created: Math.floor(Date.now() / 1000),
      data: { object: { ...pending, status: 'complete', payment_status: 'unpaid' } },
    };
    expect(await (await stripe.deliver(unpaid)).json()).toEqual({ received: true, recorded: 0 });
    expect((await s.admin.ok('GET', `/v1/invoices/${invoice.id}/payments`)).data).toHaveLength(1);
    expect((await s.admin.ok('GET', `/v1/invoices/${other.id}/payments`)).data).toHaveLength(0);
  });

  it('records a partial amount and leaves the rest due', async () => {
    const s = await shop('Partial');
    const invoice = await s.invoice(100);
    const session = await checkout(invoice.key);
    // What Stripe reports it took is recorded, not what Keito asked for: here 40 of the 100 due.
    const paid = await stripe.pay(session.id as string);
    const partial = {
      ...paid,
      data: { object: { ...(paid.data as { object: object }).object, amount_total: 4000 } },
    };
    expect(await (await stripe.deliver(partial)).json()).toEqual({ received: true, recorded: 1 });
    expect(await s.admin.ok('GET', `/v1/invoices/${invoice.id}`)).toMatchObject({
      state: 'open',
      paid_amount: 40,
      due_amount: 60,
    });
    // The next checkout asks for what is left.
    expect(await checkout(invoice.key)).toMatchObject({ amount_total: 6000 });
  });

  it('counts JPY in yen (no minor unit)', async () => {
    const s = await shop('Yen');
    const invoice = await s.invoice(15000, 'JPY');
    const session = await checkout(invoice.key);
    expect(session).toMatchObject({ currency: 'jpy', amount_total: 15000 });
    await stripe.deliver(await stripe.pay(session.id as string));
    expect(await s.admin.ok('GET', `/v1/invoices/${invoice.id}`)).toMatchObject({
      state: 'paid',
      paid_amount: 15000,
    });
  });

  it('acknowledges and ignores a payment in another currency, or for an unknown or already-paid invoice', async () => {
    const s = await shop('Mismatch');
    const invoice = await s.invoice(30);
    const paid = await stripe.pay((await checkout(invoice.key)).id as string);
    const object = (paid.data as { object: Record<string, unknown> }).object;
    const inEuros = { ...paid, data: { object: { ...object, currency: 'eur', payment_intent: 'pi_eur' } } };
    const euros = await stripe.deliver(inEuros);
    expect(euros.status).toBe(200);
    expect(await euros.json()).toEqual({ received: true, recorded: 0 });
    const unknown = {
      ...paid,
      data: { object: { ...object, metadata: { invoice_id: 'inv_nope' }, payment_intent: 'pi_x' } },
    };
    expect(await (await stripe.deliver(unknown)).json()).toEqual({ received: true, recorded: 0 });
    expect(await (await stripe.deliver(paid)).json()).toEqual({ received: true, recorded: 1 });
    // Paid twice through two sessions: the second is acknowledged, not recorded over the total.
    const twice = { ...paid, data: { object: { ...object, payment_intent: 'pi_second' } } };
    const second = await stripe.deliver(twice);
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual({ received: true, recorded: 0 });
    expect((await s.admin.ok('GET', `/v1/invoices/${invoice.id}/payments`)).data).toHaveLength(1);
  });

  it('records a refund as a negative payment and reopens the invoice', async () => {
    const s = await shop('Refund');
    const invoice = await s.invoice(200);
    const session = await checkout(invoice.key);
    await stripe.deliver(await stripe.pay(session.id as string));
    expect((await s.admin.ok('GET', `/v1/invoices/${invoice.id}`)).state).toBe('paid');

    const refunded = await stripe.refund(session.id as string, 5000);
    expect(await (await stripe.deliver(refunded)).json()).toEqual({ received: true, recorded: 1 });
    expect(await (await stripe.deliver(refunded)).json()).toEqual({ received: true, recorded: 0 });
    expect(await s.admin.ok('GET', `/v1/invoices/${invoice.id}`)).toMatchObject({
      state: 'open',
      paid_amount: 150,
      due_amount: 50,
    });
    const payments = (await s.admin.ok('GET', `/v1/invoices/${invoice.id}/payments`)).data;
    expect(payments.map((payment: { amount: number }) => payment.amount)).toEqual([200, -50]);
    expect(payments[1]).toMatchObject({ provider: 'stripe', transaction_id: expect.stringMatching(/^re_/) });
  });
});

describe('Stripe Connect (the operator runs a platform)', () => {
  /** The workspace's administrator signed in on a browser of their own (the web app's session). */
  async function signedIn(workspace: Workspace, name: string): Promise<Browser> {
    const email = `admin@${name.toLowerCase()}.test`;
    await server.pool.query("UPDATE users SET password_hash = $1, status = 'active' WHERE id = $2", [
      await hashPassword('admin password 1'),
      workspace.adminId,
    ]);
    const browser = browserOn(server.baseUrl);
    const signIn = await browser.request('POST', '/v1/auth/sign-in', { email, password: 'admin password 1' });
    expect(signIn.status).toBe(200);
    return browser;
  }

  /** "Connect Stripe" in `starter`'s session: Stripe's authorize page, and the link back it offers. */
  async function authorizeIn(starter: Browser) {
    // A Stripe account connects to one workspace: each round trip authorises an account of its own.
    stripe.platform.connectedAccountId = `acct_${randomBytes(8).toString('hex')}`;
    const response = await starter.request('POST', '/v1/payment-gateways/stripe/connect');
    expect(response.status).toBe(200);
    const { url } = (await response.json()) as { url: string };
    const authorize = new URL(url);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${stripe.baseUrl}/oauth/authorize`);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${server.baseUrl}/oauth/stripe/callback`);
    /** Each visit of the authorize page gives a new code with the same state, as Stripe does. */
    return async () => {
      const page = await (await fetch(url)).text();
      return new URL((page.match(/href="([^"]+)"/)?.[1] ?? '').replace(/&amp;/g, '&'));
    };
  }

  /** Stripe sending `on`'s browser back with `back`: where Keito sends it next. */
  async function returnTo(back: URL, on: Browser | undefined) {
    const response = await fetch(back, {
      redirect: 'manual',
      headers: on?.cookie === undefined ? {} : { cookie: on.cookie },
    });
    expect(response.status).toBe(303);
    return response.headers.get('location');
  }

  /** The administrator's round trip through Stripe's authorize page; answers where Keito sends them back. */
  async function connectRoundTrip(admin: Browser, tamper?: (state: string) => string) {
    const back = await (await authorizeIn(admin))();
    if (tamper) back.searchParams.set('state', tamper(back.searchParams.get('state') ?? ''));
    return returnTo(back, admin);
  }

  const settingsPage = (outcome: string) => `${server.baseUrl}/settings/payment-gateways?stripe=${outcome}`;

  it('connects through OAuth, pays through the platform, and records the Connect webhook', async () => {
    const workspace = await newWorkspace(server, 'Platform');
    const admin = await signedIn(workspace, 'Platform');
    expect((await workspace.admin.ok('GET', '/v1/payment-gateways')).stripe).toMatchObject({
      connected: false,
      connect_available: true,
    });
    // A state that is not Keito's own is refused, and nothing is connected.
    expect(await connectRoundTrip(admin, (state) => `${state.slice(0, -4)}AAAA`)).toBe(
      settingsPage('invalid'),
    );
    expect((await workspace.admin.ok('GET', '/v1/payment-gateways')).stripe.connected).toBe(false);

    expect(await connectRoundTrip(admin)).toBe(settingsPage('connected'));
    expect((await workspace.admin.ok('GET', '/v1/payment-gateways')).stripe).toMatchObject({
      connected: true,
      via: 'connect',
    });

    const { clientId } = await newProject(workspace, { name: 'Platform', hourly_rate: 100 });
    const draft = await workspace.admin.ok('POST', '/v1/invoices', {
      client_id: clientId,
      line_items: [{ description: 'Work', quantity: 1, unit_price: 75 }],
    });
    const invoice = await workspace.admin.ok('POST', `/v1/invoices/${draft.id}/mark-sent`);
    const session = await checkout(invoice.client_key);
    // Made with the platform's key on behalf of the connected account.
    expect(session).toMatchObject({ account: stripe.platform.connectedAccountId, amount_total: 7500 });

    stripe.sendWebhooksTo(`${server.baseUrl}/webhooks/stripe/connect`, PLATFORM_WEBHOOK_SECRET);
    const paid = await stripe.pay(session.id as string);
    expect((await stripe.deliver(paid, 'whsec_not_the_platform')).status).toBe(401);
    expect(await (await stripe.deliver(paid)).json()).toEqual({ received: true, recorded: 1 });
    expect(await (await stripe.deliver(paid)).json()).toEqual({ received: true, recorded: 0 });
    expect((await workspace.admin.ok('GET', `/v1/invoices/${invoice.id}`)).state).toBe('paid');
  });

  it('offers no card payment once the operator removes the platform: 409 for a checkout, nothing recorded', async () => {
    const workspace = await newWorkspace(server, 'Unplugged');
    expect(await connectRoundTrip(await signedIn(workspace, 'Unplugged'))).toBe(settingsPage('connected'));
    const { clientId } = await newProject(workspace, { name: 'Unplugged', hourly_rate: 100 });
    const draft = await workspace.admin.ok('POST', '/v1/invoices', {
      client_id: clientId,
      line_items: [{ description: 'Work', quantity: 1, unit_price: 75 }],
    });
    const invoice = await workspace.admin.ok('POST', `/v1/invoices/${draft.id}/mark-sent`);
    const options = `/v1/client/invoices/${invoice.client_key}/payment-options`;
    expect((await asClient(server, 'GET', options)).body).toEqual({ card: true, paypal: false });

    expect((await asClient(withoutPlatforms, 'GET', options)).body).toEqual({ card: false, paypal: false });
    const sessions = stripe.sessions.size;
    const checkout = `/v1/client/invoices/${invoice.client_key}/checkout/stripe`;
    expect(await asClient(withoutPlatforms, 'POST', checkout)).toEqual(platformMissing('Paying by card'));
    expect(stripe.sessions.size).toBe(sessions);
    expect((await workspace.admin.ok('GET', `/v1/invoices/${invoice.id}/payments`)).data).toEqual([]);
    const admin = new Api(withoutPlatforms.baseUrl, workspace.admin.key);
    expect((await admin.ok('GET', '/v1/payment-gateways')).stripe).toMatchObject({
      connected: true,
      via: 'connect',
      connect_available: false,
      platform_missing: true,
    });
    expect((await workspace.admin.ok('GET', '/v1/payment-gateways')).stripe.platform_missing).toBe(false);

    // The workspace's own keys need no platform: card payments are offered again.
    await admin.ok('PUT', '/v1/payment-gateways/stripe', {
      secret_key: SECRET_KEY,
      webhook_secret: 'whsec_own',
    });
    expect((await admin.ok('GET', '/v1/payment-gateways')).stripe).toMatchObject({
      via: 'keys',
      platform_missing: false,
    });
    expect((await asClient(withoutPlatforms, 'GET', options)).body).toEqual({ card: true, paypal: false });
    expect((await asClient(withoutPlatforms, 'POST', checkout)).status).toBe(200);
  });

  it('is started from a signed-in browser, not with an API key', async () => {
    const workspace = await newWorkspace(server, 'Keyed');
    const started = await workspace.admin.request('POST', '/v1/payment-gateways/stripe/connect');
    expect(started.status).toBe(422);
    expect(started.body.error.message).toContain('signed in');
  });

  it('refuses the way back in another session than the one that started it, and connects nothing', async () => {
    const workspace = await newWorkspace(server, 'Handed');
    const admin = await signedIn(workspace, 'Handed');
    const link = await authorizeIn(admin);
    // The administrator hands the authorize link to someone else, who authorises their own Stripe.
    expect(await returnTo(await link(), undefined)).toBe(settingsPage('session'));
    const stranger = await signedIn(await newWorkspace(server, 'Stranger'), 'Stranger');
    expect(await returnTo(await link(), stranger)).toBe(settingsPage('session'));
    // The same administrator signed in on another browser is another session too.
    expect(await returnTo(await link(), await signedIn(workspace, 'Handed'))).toBe(settingsPage('session'));
    expect((await workspace.admin.ok('GET', '/v1/payment-gateways')).stripe.connected).toBe(false);
    // Signed out, the session that started it is gone: its state no longer connects.
    const outgoing = await authorizeIn(admin);
    const ended = { cookie: admin.cookie } as Browser;
    expect((await admin.request('POST', '/v1/auth/sign-out')).status).toBeLessThan(300);
    expect(await returnTo(await outgoing(), ended)).toBe(settingsPage('session'));
    expect((await workspace.admin.ok('GET', '/v1/payment-gateways')).stripe.connected).toBe(false);
  });

  it('uses a state once: the same link again is refused after it connected', async () => {
    const workspace = await newWorkspace(server, 'Once');
    const admin = await signedIn(workspace, 'Once');
    const link = await authorizeIn(admin);
    expect(await returnTo(await link(), admin)).toBe(settingsPage('connected'));
    const connectedAt = (await workspace.admin.ok('GET', '/v1/payment-gateways')).stripe.updated_at;
    // A second code for the same state (the link replayed) connects nothing more.
    expect(await returnTo(await link(), admin)).toBe(settingsPage('invalid'));
    expect((await workspace.admin.ok('GET', '/v1/payment-gateways')).stripe.updated_at).toBe(connectedAt);
  });

  it('refuses a Stripe account another workspace connected, with a page that says so', async () => {
    const first = await newWorkspace(server, 'Owner');
    expect(await connectRoundTrip(await signedIn(first, 'Owner'))).toBe(settingsPage('connected'));
    const account = stripe.platform.connectedAccountId;
    const second = await newWorkspace(server, 'Second');
    const admin = await signedIn(second, 'Second');
    const link = await authorizeIn(admin);
    // Stripe hands back the account the first workspace already holds.
    stripe.platform.connectedAccountId = account;
    expect(await returnTo(await link(), admin)).toBe(settingsPage('taken'));
    expect((await second.admin.ok('GET', '/v1/payment-gateways')).stripe.connected).toBe(false);
    expect((await first.admin.ok('GET', '/v1/payment-gateways')).stripe.connected).toBe(true);
  });

  it('says Stripe is not answering when the code cannot be exchanged, and connects nothing', async () => {
    const workspace = await newWorkspace(server, 'Outage');
    const admin = await signedIn(workspace, 'Outage');
    const back = await (await authorizeIn(admin))();
    stripe.outage = 'error';
    try {
      expect(await returnTo(back, admin)).toBe(settingsPage('unavailable'));
    } finally {
      stripe.outage = undefined;
    }
    expect((await workspace.admin.ok('GET', '/v1/payment-gateways')).stripe.connected).toBe(false);
  });
});

describe('paying with PayPal', () => {
  /** A workspace with PayPal connected (the fake's merchant), its events sent to the workspace. */
  async function payPalShop(name: string) {
    const s = await shop(name);
    const gateways = await s.admin.ok('PUT', '/v1/payment-gateways/paypal', {
      client_id: paypal.merchant.clientId,
      client_secret: paypal.merchant.clientSecret,
      webhook_id: paypal.merchant.webhookId,
      mode: 'sandbox',
    });
    paypal.sendWebhooksTo(gateways.paypal.webhook_url);
    return s;
  }

  async function order(key: string) {
    const response = await fetch(`${server.baseUrl}/v1/client/invoices/${key}/checkout/paypal`, {
      method: 'POST',
    });
    expect(response.status).toBe(200);
    const { url } = (await response.json()) as { url: string };
    const orderId = new URL(url).searchParams.get('token') as string;
    return { url, orderId, order: paypal.orders.get(orderId) };
  }

  const capture = (key: string, orderId: string) =>
    fetch(`${server.baseUrl}/v1/client/invoices/${key}/checkout/paypal/capture`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ order_id: orderId }),
    });

  it('creates an order for the amount due, captures it on return, and the webhook after records nothing more', async () => {
    const s = await payPalShop('PayPal');
    const invoice = await s.invoice(15000, 'JPY');
    const options = await fetch(`${server.baseUrl}/v1/client/invoices/${invoice.key}/payment-options`);
    expect(await options.json()).toEqual({ card: true, paypal: true });
    const created = await order(invoice.key);
    expect(created.order?.purchase_units[0]).toMatchObject({
      custom_id: invoice.id,
      amount: { currency_code: 'JPY', value: '15000' },
    });
    expect(created.order?.experience.return_url).toBe(
      `${server.baseUrl}/client/invoices/${invoice.key}?payment=paypal`,
    );
    expect(paypal.requestIds.at(-1)).toMatch(/^[0-9a-f-]{36}$/);
    // Not approved yet: PayPal refuses the capture, nothing is recorded.
    const early = await capture(invoice.key, created.orderId);
    expect(early.status).toBe(422);
    expect(((await early.json()) as { error: { message: string } }).error.message).toContain(
      'ORDER_NOT_APPROVED',
    );

    paypal.approve(created.orderId);
    const returned = await capture(invoice.key, created.orderId);
    expect(await returned.json()).toEqual({ recorded: 1 });
    // The return page reloaded, then the webhook: the one capture is recorded once.
    expect(await (await capture(invoice.key, created.orderId)).json()).toEqual({ recorded: 0 });
    const webhook = await paypal.deliver(paypal.captureEvent(created.orderId));
    expect(await webhook.json()).toEqual({ received: true, recorded: 0 });
    expect(await s.admin.ok('GET', `/v1/invoices/${invoice.id}`)).toMatchObject({
      state: 'paid',
      paid_amount: 15000,
    });
    const payments = (await s.admin.ok('GET', `/v1/invoices/${invoice.id}/payments`)).data;
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({
      provider: 'paypal',
      transaction_id: paypal.orders.get(created.orderId)?.capture.id,
    });
  });

  it('answers a capture of an order PayPal does not know 404 on order_id, not 500, and records nothing', async () => {
    const s = await payPalShop('PayPalUnknownOrder');
    const invoice = await s.invoice(40, 'EUR');
    // The contract suite found this: any order id matches the schema, and PayPal answers 404 for one
    // it has never seen.
    const response = await capture(invoice.key, 'MADEUP0RDER1D');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: 'not_found', message: 'PayPal order not found', field: 'order_id' },
    });
    expect(await s.admin.ok('GET', `/v1/invoices/${invoice.id}`)).toMatchObject({
      state: 'open',
      paid_amount: 0,
    });
  });

  it('records from the webhook when the client never comes back, refuses an unverified one, and records a refund', async () => {
    const s = await payPalShop('PayPalHook');
    const invoice = await s.invoice(99.99, 'EUR');
    const { orderId } = await order(invoice.key);
    const completed = paypal.captureEvent(orderId);
    const forged = await paypal.deliver(completed, { webhookId: 'WH-SOMEONE-ELSE' });
    expect(forged.status).toBe(401);
    expect((await s.admin.ok('GET', `/v1/invoices/${invoice.id}/payments`)).data).toEqual([]);

    expect(await (await paypal.deliver(completed)).json()).toEqual({ received: true, recorded: 1 });
    expect(await (await paypal.deliver(completed)).json()).toEqual({ received: true, recorded: 0 });
    expect((await s.admin.ok('GET', `/v1/invoices/${invoice.id}`)).state).toBe('paid');

    const refunded = paypal.refundEvent(orderId, '9.99');
    expect(await (await paypal.deliver(refunded)).json()).toEqual({ received: true, recorded: 1 });
    expect(await (await paypal.deliver(refunded)).json()).toEqual({ received: true, recorded: 0 });
    expect(await s.admin.ok('GET', `/v1/invoices/${invoice.id}`)).toMatchObject({
      state: 'open',
      paid_amount: 90,
      due_amount: 9.99,
    });
  });
});

describe("PayPal through the operator's platform app (payee email or merchant id)", () => {
  const order = async (key: string) => {
    const response = await fetch(`${server.baseUrl}/v1/client/invoices/${key}/checkout/paypal`, {
      method: 'POST',
    });
    return { status: response.status, body: (await response.json()) as any };
  };

  it('connects with the payee alone and shows which account is paid, never a secret', async () => {
    const s = await shop('Payee');
    const gateways = await s.admin.ok('PUT', '/v1/payment-gateways/paypal', {
      payee_email: paypal.platform.payee.email,
    });
    expect(gateways.paypal).toMatchObject({
      connected: true,
      via: 'platform',
      platform_available: true,
      payee: paypal.platform.payee.email,
      mode: 'sandbox',
    });
    expect(JSON.stringify(gateways)).not.toContain(paypal.platform.clientSecret);
  });

  it('refuses a body mixing the two shapes, or both payees, with 400 and says why', async () => {
    const s = await shop('Mixed');
    const app = { client_id: 'id', client_secret: 'secret', mode: 'sandbox' };
    const mixed = await s.admin.request('PUT', '/v1/payment-gateways/paypal', {
      ...app,
      payee_email: paypal.platform.payee.email,
    });
    expect(mixed.status).toBe(400);
    expect(mixed.body.error).toMatchObject({ code: 'validation_error' });
    expect(mixed.body.error.message).toContain('not both');
    const twoPayees = await s.admin.request('PUT', '/v1/payment-gateways/paypal', {
      payee_email: paypal.platform.payee.email,
      payee_merchant_id: paypal.platform.payee.merchantId,
    });
    expect(twoPayees.status).toBe(400);
    expect(twoPayees.body.error.message).toContain('not both');
    const neither = await s.admin.request('PUT', '/v1/payment-gateways/paypal', { mode: 'live' });
    expect(neither.status).toBe(400);
    expect(neither.body.error.message).toContain('payee_email');
    const badId = await s.admin.request('PUT', '/v1/payment-gateways/paypal', { payee_merchant_id: 'x' });
    expect(badId.status).toBe(400);
    expect(badId.body.error.field).toBe('payee_merchant_id');
    expect((await s.admin.ok('GET', '/v1/payment-gateways')).paypal.connected).toBe(false);
  });

  it('orders with the platform token and the payee, captures on return, and records the platform webhook once', async () => {
    const s = await shop('Marketplace');
    await s.admin.ok('PUT', '/v1/payment-gateways/paypal', {
      payee_merchant_id: paypal.platform.payee.merchantId,
    });
    paypal.sendWebhooksTo(`${server.baseUrl}/webhooks/paypal/platform`);
    const invoice = await s.invoice(250.5, 'EUR');
    const created = await order(invoice.key);
    expect(created.status).toBe(200);
    const orderId = new URL(created.body.url).searchParams.get('token') as string;
    expect(paypal.orders.get(orderId)).toMatchObject({
      app: paypal.platform.clientId,
      purchase_units: [
        {
          custom_id: invoice.id,
          payee: { merchant_id: paypal.platform.payee.merchantId },
          amount: { currency_code: 'EUR', value: '250.50' },
        },
      ],
    });

    paypal.approve(orderId);
    const captured = await fetch(
      `${server.baseUrl}/v1/client/invoices/${invoice.key}/checkout/paypal/capture`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ order_id: orderId }),
      },
    );
    expect(await captured.json()).toEqual({ recorded: 1 });
    const completed = paypal.captureEvent(orderId);
    // Signed for the merchant's own webhook, not the platform's: refused.
    expect((await paypal.deliver(completed, { webhookId: paypal.merchant.webhookId })).status).toBe(401);
    const webhook = await paypal.deliver(completed, { webhookId: paypal.platform.webhookId });
    expect(await webhook.json()).toEqual({ received: true, recorded: 0 });
    expect(await s.admin.ok('GET', `/v1/invoices/${invoice.id}`)).toMatchObject({
      state: 'paid',
      paid_amount: 250.5,
    });

    // A refund through the platform: its capture names the invoice, and so the workspace.
    const refunded = paypal.refundEvent(orderId, '50.50');
    const refund = await paypal.deliver(refunded, { webhookId: paypal.platform.webhookId });
    expect(await refund.json()).toEqual({ received: true, recorded: 1 });
    expect(await s.admin.ok('GET', `/v1/invoices/${invoice.id}`)).toMatchObject({
      state: 'open',
      due_amount: 50.5,
    });
    // The workspace's own webhook URL does not take platform events: it has no webhook id of its own.
    paypal.sendWebhooksTo(`${server.baseUrl}/webhooks/paypal/${s.accountId}`);
    expect((await paypal.deliver(completed, { webhookId: paypal.platform.webhookId })).status).toBe(401);
  });

  it('records a platform capture the client never came back from, by the webhook alone', async () => {
    const s = await shop('Webhook only');
    await s.admin.ok('PUT', '/v1/payment-gateways/paypal', { payee_email: paypal.platform.payee.email });
    paypal.sendWebhooksTo(`${server.baseUrl}/webhooks/paypal/platform`);
    const invoice = await s.invoice(40);
    const orderId = new URL((await order(invoice.key)).body.url).searchParams.get('token') as string;
    expect(paypal.orders.get(orderId)?.purchase_units[0].payee).toEqual({
      email_address: paypal.platform.payee.email,
    });
    const completed = paypal.captureEvent(orderId);
    const first = await paypal.deliver(completed, { webhookId: paypal.platform.webhookId });
    expect(await first.json()).toEqual({ received: true, recorded: 1 });
    expect((await s.admin.ok('GET', `/v1/invoices/${invoice.id}`)).state).toBe('paid');
  });

  it('tells the client PayPal refused a payee it does not know, and records nothing', async () => {
    const s = await shop('Unknown payee');
    await s.admin.ok('PUT', '/v1/payment-gateways/paypal', { payee_email: 'nobody@unknown.test' });
    const invoice = await s.invoice(10);
    const refused = await order(invoice.key);
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toContain('PAYEE_ACCOUNT_INVALID');
    expect((await s.admin.ok('GET', `/v1/invoices/${invoice.id}/payments`)).data).toEqual([]);
  });

  it('offers no PayPal once the operator removes the platform app: 409 for an order or a capture, nothing recorded', async () => {
    const s = await shop('Payee gone');
    await s.admin.ok('PUT', '/v1/payment-gateways/paypal', { payee_email: paypal.platform.payee.email });
    const invoice = await s.invoice(60);
    const options = `/v1/client/invoices/${invoice.key}/payment-options`;
    expect((await asClient(server, 'GET', options)).body).toEqual({ card: true, paypal: true });
    // An order the client approved while the platform was there, captured after it is gone.
    const orderId = new URL((await order(invoice.key)).body.url).searchParams.get('token') as string;
    paypal.approve(orderId);

    expect((await asClient(withoutPlatforms, 'GET', options)).body).toEqual({ card: true, paypal: false });
    const checkout = `/v1/client/invoices/${invoice.key}/checkout/paypal`;
    const orders = paypal.orders.size;
    expect(await asClient(withoutPlatforms, 'POST', checkout)).toEqual(platformMissing('Paying with PayPal'));
    expect(paypal.orders.size).toBe(orders);
    const capture = { order_id: orderId };
    expect(await asClient(withoutPlatforms, 'POST', `${checkout}/capture`, capture)).toEqual(
      platformMissing('Paying with PayPal'),
    );
    expect(paypal.orders.get(orderId)?.status).toBe('APPROVED');
    expect((await s.admin.ok('GET', `/v1/invoices/${invoice.id}/payments`)).data).toEqual([]);
    const admin = new Api(withoutPlatforms.baseUrl, s.admin.key);
    expect((await admin.ok('GET', '/v1/payment-gateways')).paypal).toMatchObject({
      connected: true,
      via: 'platform',
      platform_available: false,
      platform_missing: true,
      payee: paypal.platform.payee.email,
    });

    // The operator configures the platform again: the approved order is captured and recorded.
    expect((await s.admin.ok('GET', '/v1/payment-gateways')).paypal.platform_missing).toBe(false);
    expect(await asClient(server, 'POST', `${checkout}/capture`, capture)).toEqual({
      status: 200,
      body: { recorded: 1 },
    });
  });
});
