import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakePayPal, startFakePayPal } from './fakes/paypal.ts';
import { type FakeStripe, startFakeStripe } from './fakes/stripe.ts';
import { type Api, newProject, newWorkspace, startTestServer, type TestServer } from './harness.ts';

/**
 * Stripe or PayPal down (answering 5xx, not answering, or unreachable): the client is told 502
 * payment_provider_unavailable with a message the client page shows as it is, nothing is recorded,
 * and the same action works once the provider is back (docs/decisions/0058-payment-provider-outages.md).
 */
let server: TestServer;
let unreachable: TestServer;
let stripe: FakeStripe;
let paypal: FakePayPal;

/** A local address nothing listens on: connections to it are refused at once. */
async function closedPortUrl(): Promise<string> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return `http://127.0.0.1:${port}`;
}

beforeAll(async () => {
  stripe = await startFakeStripe();
  paypal = await startFakePayPal();
  // Short, so a provider that does not answer fails the request within the test.
  const providerTimeoutMs = 2500;
  server = await startTestServer({
    payments: { stripeApiBase: stripe.baseUrl, paypalApiBase: paypal.baseUrl, providerTimeoutMs },
  });
  const nowhere = await closedPortUrl();
  unreachable = await startTestServer({
    payments: { stripeApiBase: nowhere, paypalApiBase: nowhere, providerTimeoutMs },
  });
});
afterAll(() => Promise.all([stripe.close(), paypal.close()]));

const unavailable = (provider: string) => ({
  error: {
    code: 'payment_provider_unavailable',
    message: `The payment provider (${provider}) is not answering; try again in a moment`,
  },
});

interface Shop {
  admin: Api;
  /** An open invoice of `amount` USD, and its client page key. */
  invoice(amount: number): Promise<{ id: string; key: string }>;
  payments(invoiceId: string): Promise<unknown[]>;
}

/** A workspace on `on` with Stripe (its own keys) and PayPal (its own app) connected. */
async function shop(on: TestServer, name: string): Promise<Shop> {
  const { admin } = await newWorkspace(on, name);
  const gateways = await admin.ok('PUT', '/v1/payment-gateways/stripe', {
    secret_key: 'sk_test_outage',
    webhook_secret: `whsec_${name}`,
  });
  stripe.sendWebhooksTo(gateways.stripe.webhook_url, `whsec_${name}`);
  const paypalGateways = await admin.ok('PUT', '/v1/payment-gateways/paypal', {
    client_id: paypal.merchant.clientId,
    client_secret: paypal.merchant.clientSecret,
    webhook_id: paypal.merchant.webhookId,
    mode: 'sandbox',
  });
  paypal.sendWebhooksTo(paypalGateways.paypal.webhook_url);
  const { clientId } = await newProject({ accountId: '', adminId: '', admin }, { name, hourly_rate: 100 });
  return {
    admin,
    async invoice(amount) {
      const draft = await admin.ok('POST', '/v1/invoices', {
        client_id: clientId,
        line_items: [{ description: 'Work', quantity: 1, unit_price: amount }],
      });
      const sent = await admin.ok('POST', `/v1/invoices/${draft.id}/mark-sent`);
      return { id: sent.id, key: sent.client_key };
    },
    async payments(invoiceId) {
      return (await admin.ok('GET', `/v1/invoices/${invoiceId}/payments`)).data;
    },
  };
}

async function post(on: TestServer, path: string, body?: unknown) {
  const response = await fetch(`${on.baseUrl}${path}`, {
    method: 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

/** Runs `during` with the fakes in `outage`, and brings them back whatever happens. */
async function whileDown<T>(outage: 'error' | 'hang', during: () => Promise<T>): Promise<T> {
  stripe.outage = outage;
  paypal.outage = outage;
  try {
    return await during();
  } finally {
    stripe.outage = undefined;
    paypal.outage = undefined;
  }
}

describe('the client paying while the provider is down', () => {
  it('answers 502 when Stripe fails, opens no session, and opens one once Stripe is back', async () => {
    const s = await shop(server, 'Card down');
    const invoice = await s.invoice(100);
    const sessions = stripe.sessions.size;
    const refused = await whileDown('error', () =>
      post(server, `/v1/client/invoices/${invoice.key}/checkout/stripe`),
    );
    expect(refused).toEqual({ status: 502, body: unavailable('Stripe') });
    expect(stripe.sessions.size).toBe(sessions);
    const opened = await post(server, `/v1/client/invoices/${invoice.key}/checkout/stripe`);
    expect(opened.status).toBe(200);
    expect(stripe.sessions.size).toBe(sessions + 1);
  });

  it('answers 502 when Stripe does not answer in time', async () => {
    const s = await shop(server, 'Card hangs');
    const invoice = await s.invoice(100);
    const refused = await whileDown('hang', () =>
      post(server, `/v1/client/invoices/${invoice.key}/checkout/stripe`),
    );
    expect(refused).toEqual({ status: 502, body: unavailable('Stripe') });
  });

  it('answers 502 when PayPal fails to create the order or to capture it, and captures once it is back', async () => {
    const s = await shop(server, 'PayPal down');
    const invoice = await s.invoice(80);
    const checkout = `/v1/client/invoices/${invoice.key}/checkout/paypal`;
    expect(await whileDown('error', () => post(server, checkout))).toEqual({
      status: 502,
      body: unavailable('PayPal'),
    });
    const { body } = await post(server, checkout);
    const orderId = new URL(body.url).searchParams.get('token') as string;
    paypal.approve(orderId);
    const capture = () => post(server, `${checkout}/capture`, { order_id: orderId });
    expect(await whileDown('error', capture)).toEqual({ status: 502, body: unavailable('PayPal') });
    expect(await s.payments(invoice.id)).toEqual([]);
    expect(await capture()).toEqual({ status: 200, body: { recorded: 1 } });
  });

  it('answers 502 when PayPal does not answer in time', async () => {
    const s = await shop(server, 'PayPal hangs');
    const invoice = await s.invoice(80);
    const refused = await whileDown('hang', () =>
      post(server, `/v1/client/invoices/${invoice.key}/checkout/paypal`),
    );
    expect(refused).toEqual({ status: 502, body: unavailable('PayPal') });
  });

  it('answers 502 when the providers cannot be reached at all', async () => {
    const s = await shop(unreachable, 'Nowhere');
    const invoice = await s.invoice(60);
    expect(await post(unreachable, `/v1/client/invoices/${invoice.key}/checkout/stripe`)).toEqual({
      status: 502,
      body: unavailable('Stripe'),
    });
    expect(await post(unreachable, `/v1/client/invoices/${invoice.key}/checkout/paypal`)).toEqual({
      status: 502,
      body: unavailable('PayPal'),
    });
    const capture = await post(unreachable, `/v1/client/invoices/${invoice.key}/checkout/paypal/capture`, {
      order_id: 'ORD123',
    });
    expect(capture).toEqual({ status: 502, body: unavailable('PayPal') });
  });
});

describe('webhooks while the provider is down', () => {
  it('answers 502 to a PayPal event it cannot verify yet, and records it when PayPal delivers it again', async () => {
    const s = await shop(server, 'Verify down');
    const invoice = await s.invoice(30);
    const { body } = await post(server, `/v1/client/invoices/${invoice.key}/checkout/paypal`);
    const completed = paypal.captureEvent(new URL(body.url).searchParams.get('token') as string);
    // The delivery itself reaches Keito; PayPal's verify-webhook-signature is what is down.
    paypal.outage = 'error';
    let first: Response;
    try {
      first = await paypal.deliver(completed);
    } finally {
      paypal.outage = undefined;
    }
    expect(first.status).toBe(502);
    expect(await first.json()).toEqual(unavailable('PayPal'));
    expect(await s.payments(invoice.id)).toEqual([]);
    expect(await (await paypal.deliver(completed)).json()).toEqual({ received: true, recorded: 1 });
  });

  it('answers 502 to a Stripe refund it cannot list yet, and records it when Stripe delivers it again', async () => {
    const s = await shop(server, 'Refund down');
    const invoice = await s.invoice(50);
    const { body } = await post(server, `/v1/client/invoices/${invoice.key}/checkout/stripe`);
    const sessionId = (body.url as string).split('/').pop() as string;
    await stripe.deliver(await stripe.pay(sessionId));
    const refunded = await stripe.refund(sessionId, 1000);
    stripe.outage = 'error';
    let first: Response;
    try {
      first = await stripe.deliver(refunded);
    } finally {
      stripe.outage = undefined;
    }
    expect(first.status).toBe(502);
    expect(await first.json()).toEqual(unavailable('Stripe'));
    expect(await s.payments(invoice.id)).toHaveLength(1);
    expect(await (await stripe.deliver(refunded)).json()).toEqual({ received: true, recorded: 1 });
    expect(await s.payments(invoice.id)).toHaveLength(2);
  });
});

describe('a server without a PayPal platform app', () => {
  it('refuses a payee with 422 and says to use the REST app', async () => {
    const { admin } = await newWorkspace(unreachable, 'No platform');
    const refused = await admin.request('PUT', '/v1/payment-gateways/paypal', {
      payee_email: 'billing@x.test',
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'unprocessable', field: 'payee_email' });
    expect((await admin.ok('GET', '/v1/payment-gateways')).paypal).toMatchObject({
      connected: false,
      platform_available: false,
    });
  });
});
