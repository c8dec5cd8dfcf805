/**
 * A local, stateful PayPal for tests: OAuth client-credentials tokens, Orders v2 create / approve /
 * capture, an approve page a browser can click, webhooks with PayPal's transmission headers, and
 * verify-webhook-signature answering SUCCESS only for a delivery it made with that webhook id.
 * Two REST apps: a merchant's own, and an operator's platform app whose orders name a
 * `purchase_units[].payee` that must be one of its payees (422 PAYEE_ACCOUNT_INVALID otherwise); an
 * order is seen and captured only by the app that created it. `outage` makes every endpoint fail as
 * PayPal does when it is down; `failCaptures` fails only captures (the client's approval still
 * works, so a browser comes back to a capture that fails). Shapes follow PayPal's REST reference. Listens on a random local port.
 */
import { createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

type Json = Record<string, any>;

export interface FakePayPal {
  baseUrl: string;
  /** The merchant's REST app, and the webhook (id and URL) its events go to. */
  merchant: { clientId: string; clientSecret: string; webhookId: string };
  /** The operator's platform app, and the PayPal account it may pay (by email or merchant id). */
  platform: {
    clientId: string;
    clientSecret: string;
    webhookId: string;
    payee: { email: string; merchantId: string };
  };
  /** `error`: every endpoint answers 503; `hang`: none answers; undefined: PayPal is up. */
  outage: 'error' | 'hang' | undefined;
  /** How many captures still to answer 500 INTERNAL_SERVER_ERROR, capturing nothing; each counts down. */
  failCaptures: number;
  sendWebhooksTo(url: string): void;
  orders: Map<string, Json>;
  requestIds: string[];
  /** The client approving an order at PayPal. */
  approve(orderId: string): void;
  /** A signed delivery of an event; `webhookId` other than the merchant's fails verification. */
  deliver(event: Json, options?: { webhookId?: string }): Promise<Response>;
  /** The PAYMENT.CAPTURE.COMPLETED event of an order's capture. */
  captureEvent(orderId: string): Json;
  /** Refunds part of an order's capture: the PAYMENT.CAPTURE.REFUNDED event. */
  refundEvent(orderId: string, value: string): Json;
  close(): Promise<void>;
}

const id = (prefix: string) => `${prefix}${randomBytes(8).toString('hex').toUpperCase()}`;

export async function startFakePayPal(): Promise<FakePayPal> {
  const merchant = { clientId: 'fake-client', clientSecret: 'fake-secret', webhookId: id('WH-') };
  const platform = {
    clientId: 'fake-platform-client',
    clientSecret: 'fake-platform-secret',
    webhookId: id('WH-'),
    // PayPal's merchant ids: 13 of 2-9 and A-Z without I and O.
    payee: { email: 'billing@payee.test', merchantId: 'FAKEPAYEE2345' },
  };
  const apps = [merchant, platform];
  const signingKey = randomBytes(32);
  /** Each access token, and the app it was given to. */
  const tokens = new Map<string, string>();
  /** Requests held open while PayPal "hangs", answered when it comes back or closes. */
  const held = new Set<http.ServerResponse>();
  const orders = new Map<string, Json>();
  const transmissions = new Map<string, { sig: string; webhookId: string }>();
  const requestIds: string[] = [];
  let webhookUrl: string | undefined;

  const sign = (transmissionId: string, webhookId: string, body: string) =>
    createHmac('sha256', signingKey).update(`${transmissionId}|${webhookId}|${body}`).digest('base64');

  const captureOf = (order: Json): Json => {
    order.capture ??= {
      id: id('CAP'),
      status: 'COMPLETED',
      amount: order.purchase_units[0].amount,
      custom_id: order.purchase_units[0].custom_id,
      create_time: new Date().toISOString(),
    };
    order.status = 'COMPLETED';
    return order.capture;
  };

  const json = (response: http.ServerResponse, status: number, value: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(value));
  };

  async function handle(request: http.IncomingMessage, response: http.ServerResponse, body: string) {
    const url = new URL(request.url ?? '/', 'http://fake');
    if (fake.outage === 'hang') {
      held.add(response);
      return;
    }
    if (fake.outage === 'error') {
      return json(response, 503, {
        name: 'SERVICE_UNAVAILABLE',
        message: 'Service Unavailable.',
        debug_id: randomBytes(6).toString('hex'),
      });
    }
    if (request.method === 'POST' && url.pathname === '/v1/oauth2/token') {
      const app = apps.find(
        (one) =>
          request.headers.authorization ===
          `Basic ${Buffer.from(`${one.clientId}:${one.clientSecret}`).toString('base64')}`,
      );
      if (app === undefined || !body.includes('grant_type=client_credentials')) {
        return json(response, 401, {
          error: 'invalid_client',
          error_description: 'Client Authentication failed',
        });
      }
      const token = id('A21AA');
      tokens.set(token, app.clientId);
      return json(response, 200, {
        scope: '',
        access_token: token,
        token_type: 'Bearer',
        app_id: 'APP-FAKE',
        expires_in: 32400,
      });
    }
    const caller = tokens.get(request.headers.authorization?.replace(/^Bearer /, '') ?? '');
    if ((url.pathname.startsWith('/v1/') || url.pathname.startsWith('/v2/')) && caller === undefined) {
      return json(response, 401, { name: 'AUTHENTICATION_FAILURE' });
    }
    const requestId = request.headers['paypal-request-id'] as string | undefined;
    if (requestId !== undefined) requestIds.push(requestId);
    if (request.method === 'POST' && url.pathname === '/v2/checkout/orders') {
      const input = JSON.parse(body) as Json;
      const payee = input.purchase_units?.[0]?.payee as Json | undefined;
      const known =
        payee === undefined ||
        (caller === platform.clientId &&
          (payee.email_address === platform.payee.email || payee.merchant_id === platform.payee.merchantId));
      if (!known) {
        return json(response, 422, {
          name: 'UNPROCESSABLE_ENTITY',
          details: [
            {
              field: '/purchase_units/@reference_id==default/payee',
              issue: 'PAYEE_ACCOUNT_INVALID',
              description:
                'Payee account specified is invalid. Please check the `payee.email_address` or `payee.merchant_id` specified and try again.',
            },
          ],
        });
      }
      const orderId = id('ORD');
      const order: Json = {
        id: orderId,
        app: caller,
        intent: input.intent,
        status: 'PAYER_ACTION_REQUIRED',
        purchase_units: input.purchase_units,
        experience: input.payment_source?.paypal?.experience_context ?? {},
      };
      orders.set(orderId, order);
      return json(response, 200, {
        id: orderId,
        status: order.status,
        links: [
          { href: `${baseUrl}/v2/checkout/orders/${orderId}`, rel: 'self', method: 'GET' },
          { href: `${baseUrl}/checkoutnow?token=${orderId}`, rel: 'payer-action', method: 'GET' },
        ],
      });
    }
    const capture = url.pathname.match(/^\/v2\/checkout\/orders\/(\w+)\/capture$/);
    if (request.method === 'POST' && capture) {
      const order = orders.get(capture[1] as string);
      // Another app's order does not exist for the caller.
      if (order === undefined || order.app !== caller)
        return json(response, 404, { name: 'RESOURCE_NOT_FOUND' });
      if (fake.failCaptures > 0) {
        fake.failCaptures -= 1;
        return json(response, 500, {
          name: 'INTERNAL_SERVER_ERROR',
          message: 'An internal server error occurred.',
          debug_id: randomBytes(6).toString('hex'),
        });
      }
      if (order.status !== 'APPROVED' && order.status !== 'COMPLETED') {
        return json(response, 422, {
          name: 'UNPROCESSABLE_ENTITY',
          details: [{ issue: 'ORDER_NOT_APPROVED' }],
        });
      }
      const captured = captureOf(order);
      return json(response, 201, {
        id: order.id,
        status: 'COMPLETED',
        purchase_units: [
          {
            reference_id: order.purchase_units[0].reference_id,
            ...(order.purchase_units[0].payee !== undefined && { payee: order.purchase_units[0].payee }),
            payments: { captures: [captured] },
          },
        ],
      });
    }
    const shown = url.pathname.match(/^\/v2\/payments\/captures\/(\w+)$/);
    if (request.method === 'GET' && shown) {
      const order = [...orders.values()].find((one) => one.capture?.id === shown[1] && one.app === caller);
      if (order === undefined) return json(response, 404, { name: 'RESOURCE_NOT_FOUND' });
      return json(response, 200, order.capture);
    }
    if (request.method === 'POST' && url.pathname === '/v1/notifications/verify-webhook-signature') {
      const input = JSON.parse(body) as Json;
      const sent = transmissions.get(input.transmission_id);
      // A webhook id is verified only by the app it belongs to.
      const ownWebhook = apps.find((app) => app.clientId === caller)?.webhookId;
      const ok =
        sent !== undefined &&
        ownWebhook === input.webhook_id &&
        sent.webhookId === input.webhook_id &&
        sent.sig === input.transmission_sig &&
        sign(input.transmission_id, input.webhook_id, JSON.stringify(input.webhook_event)) ===
          input.transmission_sig;
      return json(response, 200, { verification_status: ok ? 'SUCCESS' : 'FAILURE' });
    }
    if (url.pathname === '/checkoutnow') {
      const order = orders.get(url.searchParams.get('token') ?? '');
      if (order === undefined) return json(response, 404, { name: 'RESOURCE_NOT_FOUND' });
      if (request.method === 'POST') {
        order.status = 'APPROVED';
        const back = new URL(order.experience.return_url);
        back.searchParams.set('token', order.id);
        back.searchParams.set('PayerID', 'FAKEPAYER');
        response.writeHead(303, { location: back.toString() });
        return response.end();
      }
      const amount = order.purchase_units[0].amount;
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return response.end(
        `<!doctype html><html lang="en"><head><title>Fake PayPal</title></head><body><h1>Fake PayPal</h1>` +
          `<p>${amount.value} ${amount.currency_code}</p><form method="post"><button type="submit">Pay Now</button></form></body></html>`,
      );
    }
    json(response, 404, { name: 'RESOURCE_NOT_FOUND' });
  }

  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      void handle(request, response, body).catch((error: unknown) =>
        json(response, 500, { name: String(error) }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const order = (orderId: string) => {
    const found = orders.get(orderId);
    if (found === undefined) throw new Error(`No order ${orderId}`);
    return found;
  };

  const fake: FakePayPal = {
    baseUrl,
    merchant,
    platform,
    outage: undefined,
    failCaptures: 0,
    sendWebhooksTo(url) {
      webhookUrl = url;
    },
    orders,
    requestIds,
    approve(orderId) {
      order(orderId).status = 'APPROVED';
    },
    async deliver(event, options = {}) {
      if (webhookUrl === undefined) throw new Error('sendWebhooksTo first');
      const body = JSON.stringify(event);
      const transmissionId = randomBytes(16).toString('hex');
      const webhookId = options.webhookId ?? merchant.webhookId;
      const sig = sign(transmissionId, webhookId, body);
      transmissions.set(transmissionId, { sig, webhookId });
      return fetch(webhookUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'paypal-auth-algo': 'SHA256withRSA',
          'paypal-cert-url': `${baseUrl}/v1/notifications/certs/CERT-FAKE`,
          'paypal-transmission-id': transmissionId,
          'paypal-transmission-sig': sig,
          'paypal-transmission-time': new Date().toISOString(),
        },
        body,
      });
    },
    captureEvent(orderId) {
      const found = order(orderId);
      found.status = 'APPROVED';
      return {
        id: id('WH-EVT-'),
        event_version: '1.0',
        resource_type: 'capture',
        event_type: 'PAYMENT.CAPTURE.COMPLETED',
        create_time: new Date().toISOString(),
        resource: captureOf(found),
      };
    },
    refundEvent(orderId, value) {
      const captured = captureOf(order(orderId));
      return {
        id: id('WH-EVT-'),
        event_version: '1.0',
        resource_type: 'refund',
        event_type: 'PAYMENT.CAPTURE.REFUNDED',
        create_time: new Date().toISOString(),
        resource: {
          id: id('REF'),
          status: 'COMPLETED',
          amount: { currency_code: captured.amount.currency_code, value },
          create_time: new Date().toISOString(),
          links: [{ rel: 'up', method: 'GET', href: `${baseUrl}/v2/payments/captures/${captured.id}` }],
        },
      };
    },
    close: () => {
      for (const response of held) response.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
