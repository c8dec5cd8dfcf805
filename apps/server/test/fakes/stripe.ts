/**
 * A local, stateful Stripe for tests: the endpoints Keito calls, in Stripe's documented shapes
 * (form-encoded requests with bracketed keys, JSON objects with `object`, amounts in minor units,
 * Idempotency-Key replays), a hosted checkout page a browser can pay on, and webhooks signed as
 * Stripe signs them (stripe-node's generateTestHeaderString). `outage` makes every endpoint fail
 * as Stripe does when it is down. Listens on a random local port.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

type Json = Record<string, unknown>;

export interface FakeStripe {
  /** The STRIPE_API_BASE to give Keito. */
  baseUrl: string;
  /** Where the fake sends the events of checkouts paid on it, and the secret it signs them with. */
  sendWebhooksTo(url: string, secret: string): void;
  sessions: Map<string, Json>;
  /** Every create request Keito made, with its Idempotency-Key. */
  requests: { path: string; idempotencyKey: string | undefined; form: Json }[];
  /** Every event sent, in order, to redeliver or reorder. */
  events: Json[];
  /** A signed delivery of `event` to the webhook URL (the body is the event's JSON). */
  deliver(event: Json, secret?: string): Promise<Response>;
  /** The event Stripe sends for a paid session. */
  pay(sessionId: string): Promise<Json>;
  /** The Connect platform's OAuth: the client id and secret key the fake accepts, and the account it connects. */
  platform: { clientId: string; secretKey: string; connectedAccountId: string };
  /** Refunds `amount` minor units of a paid session and sends charge.refunded. */
  refund(sessionId: string, amount: number): Promise<Json>;
  /** `error`: every endpoint answers 500 api_error; `hang`: none answers; undefined: Stripe is up. */
  outage: 'error' | 'hang' | undefined;
  close(): Promise<void>;
}

/** Stripe's form encoding: `a[b][0][c]=1` becomes { a: { b: [{ c: '1' }] } }. */
function parseForm(body: string): Json {
  const root: Json = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.replace(/\]/g, '').split('[');
    let node: Record<string, unknown> = root;
    path.forEach((part, index) => {
      if (index === path.length - 1) {
        node[part] = value;
        return;
      }
      const next = path[index + 1] as string;
      node[part] ??= /^\d+$/.test(next) ? [] : {};
      node = node[part] as Record<string, unknown>;
    });
  }
  return root;
}

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;
const now = () => Math.floor(Date.now() / 1000);

export async function startFakeStripe(): Promise<FakeStripe> {
  const platform = {
    clientId: id('ca'),
    secretKey: `sk_test_${id('platform')}`,
    connectedAccountId: id('acct'),
  };
  const codes = new Set<string>();
  const sessions = new Map<string, Json>();
  const refunds: Json[] = [];
  const replays = new Map<string, Json>();
  const requests: FakeStripe['requests'] = [];
  const events: Json[] = [];
  let webhook: { url: string; secret: string } | undefined;
  /** Requests held open while Stripe "hangs", dropped when the fake closes. */
  const held = new Set<http.ServerResponse>();

  const event = (type: string, object: Json, account?: unknown): Json => {
    const created: Json = {
      id: id('evt'),
      object: 'event',
      type,
      created: now(),
      data: { object },
      livemode: false,
    };
    // A connected account's event, as Stripe sends it to the platform's Connect endpoint.
    if (typeof account === 'string') created.account = account;
    events.push(created);
    return created;
  };

  const deliver = async (payload: Json, secret = webhook?.secret ?? '') => {
    if (webhook === undefined) throw new Error('sendWebhooksTo first');
    const body = JSON.stringify(payload);
    const signature = Stripe.webhooks.generateTestHeaderString({ payload: body, secret });
    return fetch(webhook.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': signature },
      body,
    });
  };

  const complete = (session: Json): Json => {
    if (session.status !== 'complete') {
      Object.assign(session, {
        status: 'complete',
        payment_status: 'paid',
        payment_intent: id('pi'),
        charge: id('ch'),
      });
    }
    return event('checkout.session.completed', publicSession(session), session.account);
  };

  const refund = (session: Json, amount: number): Json => {
    const created: Json = {
      id: id('re'),
      object: 'refund',
      amount,
      currency: session.currency,
      charge: session.charge,
      payment_intent: session.payment_intent,
      status: 'succeeded',
      created: now(),
    };
    refunds.push(created);
    const refunded = refunds
      .filter((one) => one.charge === session.charge)
      .reduce((sum, one) => sum + (one.amount as number), 0);
    return event(
      'charge.refunded',
      {
        id: session.charge,
        object: 'charge',
        amount: session.amount_total,
        amount_refunded: refunded,
        currency: session.currency,
        payment_intent: session.payment_intent,
        refunded: refunded === session.amount_total,
      },
      session.account,
    );
  };

  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      void handle(request, response, body).catch((error: unknown) => {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { type: 'api_error', message: String(error) } }));
      });
    });
  });

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
      return json(response, 500, {
        error: { type: 'api_error', message: 'An unknown error occurred' },
      });
    }
    // Connect OAuth (connect.stripe.com): the authorize page, then the code exchanged for the account id.
    if (url.pathname === '/oauth/authorize' && request.method === 'GET') {
      if (url.searchParams.get('client_id') !== platform.clientId)
        return json(response, 400, { error: 'invalid_client' });
      const code = id('ac');
      codes.add(code);
      const back = new URL(url.searchParams.get('redirect_uri') ?? '');
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return response.end(
        `<!doctype html><html lang="en"><head><title>Fake Stripe Connect</title></head><body><h1>Fake Stripe Connect</h1>` +
          `<a href="${back.toString().replace(/&/g, '&amp;')}">Connect my Stripe account</a></body></html>`,
      );
    }
    if (url.pathname === '/oauth/token' && request.method === 'POST') {
      const form = new URLSearchParams(body);
      if (request.headers.authorization !== `Bearer ${platform.secretKey}`) {
        return json(response, 401, { error: 'invalid_client' });
      }
      const code = form.get('code') ?? '';
      if (form.get('grant_type') !== 'authorization_code' || !codes.delete(code)) {
        return json(response, 400, {
          error: 'invalid_grant',
          error_description: `Authorization code does not exist: ${code}`,
        });
      }
      return json(response, 200, {
        access_token: `sk_test_${id('connected')}`,
        livemode: false,
        refresh_token: id('rt'),
        token_type: 'bearer',
        stripe_publishable_key: id('pk_test'),
        stripe_user_id: platform.connectedAccountId,
        scope: 'read_write',
      });
    }
    const api = url.pathname.startsWith('/v1/');
    if (api && !/^Bearer sk_test_\w+/.test(request.headers.authorization ?? '')) {
      return json(response, 401, {
        error: { type: 'invalid_request_error', message: 'Invalid API Key provided' },
      });
    }
    const idempotencyKey = request.headers['idempotency-key'] as string | undefined;
    if (request.method === 'POST' && url.pathname === '/v1/checkout/sessions') {
      const replay = idempotencyKey === undefined ? undefined : replays.get(idempotencyKey);
      if (replay !== undefined) return json(response, 200, replay);
      const form = parseForm(body);
      requests.push({ path: url.pathname, idempotencyKey, form });
      const items = form.line_items as {
        quantity: string;
        price_data: { currency: string; unit_amount: string };
      }[];
      const amount = items.reduce(
        (sum, item) => sum + Number(item.price_data.unit_amount) * Number(item.quantity),
        0,
      );
      const session: Json = {
        id: id('cs_test'),
        object: 'checkout.session',
        mode: form.mode,
        status: 'open',
        payment_status: 'unpaid',
        currency: items[0]?.price_data.currency,
        amount_total: amount,
        metadata: form.metadata ?? {},
        client_reference_id: form.client_reference_id ?? null,
        success_url: form.success_url,
        cancel_url: form.cancel_url,
        payment_intent: null,
        created: now(),
      };
      // Made by the platform on behalf of a connected account (the Stripe-Account header).
      const account = request.headers['stripe-account'];
      if (typeof account === 'string') session.account = account;
      session.url = `${baseUrl}/pay/${session.id}`;
      sessions.set(session.id as string, session);
      if (idempotencyKey !== undefined) replays.set(idempotencyKey, publicSession(session));
      return json(response, 200, publicSession(session));
    }
    const retrieve = url.pathname.match(/^\/v1\/checkout\/sessions\/([\w]+)$/);
    if (request.method === 'GET' && retrieve) {
      const session = sessions.get(retrieve[1] as string);
      if (session === undefined)
        return json(response, 404, { error: { type: 'invalid_request_error', code: 'resource_missing' } });
      return json(response, 200, publicSession(session));
    }
    if (request.method === 'GET' && url.pathname === '/v1/refunds') {
      const charge = url.searchParams.get('charge');
      const data = refunds.filter((one) => charge === null || one.charge === charge).reverse();
      return json(response, 200, { object: 'list', data, has_more: false, url: '/v1/refunds' });
    }
    // The hosted checkout page: what a client sees at session.url.
    const page = url.pathname.match(/^\/pay\/([\w]+)$/);
    const session = page ? sessions.get(page[1] as string) : undefined;
    if (page && session !== undefined && request.method === 'GET') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return response.end(
        `<!doctype html><html lang="en"><head><title>Fake Stripe Checkout</title></head><body>` +
          `<h1>Fake Stripe Checkout</h1><p id="amount">${session.amount_total} ${String(session.currency).toUpperCase()} (minor units)</p>` +
          `<form method="post"><button type="submit">Pay</button></form><a href="${session.cancel_url}">Cancel</a></body></html>`,
      );
    }
    if (page && session !== undefined && request.method === 'POST') {
      await deliver(complete(session));
      response.writeHead(303, { location: String(session.success_url) });
      return response.end();
    }
    json(response, 404, {
      error: {
        type: 'invalid_request_error',
        message: `Unrecognized request URL (${request.method}: ${url.pathname})`,
      },
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const find = (sessionId: string) => {
    const session = sessions.get(sessionId);
    if (session === undefined) throw new Error(`No session ${sessionId}`);
    return session;
  };

  const fake: FakeStripe = {
    baseUrl,
    platform,
    outage: undefined,
    sendWebhooksTo(url, secret) {
      webhook = { url, secret };
    },
    sessions,
    requests,
    events,
    deliver,
    pay: async (sessionId) => complete(find(sessionId)),
    refund: async (sessionId, amount) => refund(find(sessionId), amount),
    close: () => {
      for (const response of held) response.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}

/** The session as the API answers it (without the fake's own charge bookkeeping). */
function publicSession(session: Json): Json {
  const { charge: _charge, ...rest } = session;
  return { ...rest };
}
