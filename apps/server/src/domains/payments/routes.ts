import type { FastifyRequest } from 'fastify';
import type { Database } from '../../db/client.ts';
import { errorSchema, noContent, standardErrors } from '../../http/schemas.ts';
import type { ApiInstance } from '../../http/types.ts';
import { AuthenticationError, PaymentProviderUnavailableError } from '../../lib/errors.ts';
import { currentSession, type SessionPolicy, sessionHashOf } from '../auth/sessions.ts';
import { clientKeyParams } from '../invoicing/delivery-schemas.ts';
import type { PaymentSettings } from './gateways.ts';
import * as gateways from './gateways.ts';
import {
  capturePayPalOrder,
  receivePayPalEvent,
  receivePayPalPlatformEvent,
  startPayPalCheckout,
} from './paypal.ts';
import {
  captureBody,
  captureSchema,
  checkoutSchema,
  connectCallbackQuery,
  gatewaysSchema,
  paymentOptionsSchema,
  payPalGatewayBody,
  stripeGatewayBody,
  webhookParams,
  webhookReceiptSchema,
} from './schemas.ts';
import { receiveStripeConnectEvent, receiveStripeEvent, startStripeCheckout } from './stripe.ts';
import { type ConnectOutcome, finishStripeConnect, startStripeConnect } from './stripe-connect.ts';

export interface PaymentDeps {
  db: Database;
  payments: PaymentSettings;
  /** PUBLIC_URL: the origin of the links given to clients and providers. */
  publicUrl: string | undefined;
}

const tags = ['Payment gateways'];
/** Gateways are part of invoicing: off with it (http/features.ts). */
const config = { feature: 'invoicing' } as const;

function originOf(request: FastifyRequest, publicUrl: string | undefined): string {
  return publicUrl ?? `${request.protocol}://${request.host}`;
}

export function registerPaymentGatewayRoutes(
  app: ApiInstance,
  { db, payments, publicUrl }: PaymentDeps,
): void {
  app.get(
    '/payment-gateways',
    {
      config,
      schema: {
        operationId: 'listPaymentGateways',
        tags,
        summary: 'The payment gateways, connected or not, with the webhook URL to register (administrators)',
        response: { 200: gatewaysSchema, ...standardErrors },
      },
    },
    (request) => gateways.listGateways(db, payments, request.actor, originOf(request, publicUrl)),
  );

  app.put(
    '/payment-gateways/stripe',
    {
      config,
      schema: {
        operationId: 'connectStripe',
        tags,
        summary: "Connect Stripe with the workspace's secret key and webhook signing secret (administrators)",
        body: stripeGatewayBody,
        response: { 200: gatewaysSchema, ...standardErrors },
      },
    },
    async (request) => {
      await gateways.connectStripe(db, payments, request.actor, request.body);
      return gateways.listGateways(db, payments, request.actor, originOf(request, publicUrl));
    },
  );

  app.put(
    '/payment-gateways/paypal',
    {
      config,
      schema: {
        operationId: 'connectPayPal',
        tags,
        summary:
          "Connect PayPal: the merchant's REST app client id and secret, or the payee of this server's PayPal platform app (administrators)",
        description:
          '400 when the body mixes the two shapes (or is neither); 422 for a payee when the server runs no PayPal platform app (`platform_available` is false).',
        body: payPalGatewayBody,
        response: { 200: gatewaysSchema, ...standardErrors },
      },
    },
    async (request) => {
      await gateways.connectPayPal(db, payments, request.actor, request.body);
      return gateways.listGateways(db, payments, request.actor, originOf(request, publicUrl));
    },
  );

  app.post(
    '/payment-gateways/stripe/connect',
    {
      config,
      schema: {
        operationId: 'startStripeConnect',
        tags,
        summary: "Start Stripe Connect's OAuth flow: the URL of Stripe's authorize page (administrators)",
        description:
          '422 when the server runs no Stripe Connect platform (`connect_available` is false), or when called with an API key: Stripe sends the browser back to the signed-in session that started the flow, the only one that can finish it.',
        response: { 200: checkoutSchema, ...standardErrors },
      },
    },
    (request) =>
      startStripeConnect(
        db,
        payments,
        request.actor,
        sessionHashOf(request, request.actor),
        originOf(request, publicUrl),
      ),
  );

  // One path per provider, as for connecting: a `/payment-gateways/{provider}` path would overlap
  // `/payment-gateways/stripe` in the OpenAPI document, which gives the concrete path precedence,
  // so it could not say which methods `/payment-gateways/stripe` answers (decision 0053).
  const disconnects = [
    { provider: 'stripe', operationId: 'disconnectStripe', name: 'Stripe' },
    { provider: 'paypal', operationId: 'disconnectPayPal', name: 'PayPal' },
  ] as const;
  for (const { provider, operationId, name } of disconnects) {
    app.delete(
      `/payment-gateways/${provider}`,
      {
        config,
        schema: {
          operationId,
          tags,
          summary: `Disconnect ${name}: its credentials are deleted (administrators)`,
          response: { 204: noContent, ...standardErrors },
        },
      },
      async (request, reply) => {
        await gateways.disconnect(db, request.actor, provider);
        return reply.status(204).send(null);
      },
    );
  }
}

/** 502 `payment_provider_unavailable`: Stripe or PayPal did not answer; nothing was recorded, try again. */
const providerDown = {
  502: errorSchema.describe(
    'payment_provider_unavailable: the payment provider is unreachable, timed out or failing; nothing was recorded',
  ),
};
const publicErrors = {
  400: errorSchema,
  404: errorSchema,
  422: errorSchema,
  500: errorSchema,
  ...providerDown,
};
/**
 * 409 `conflict`: the gateway was connected through the operator's platform, which the server no
 * longer configures (decision 0070).
 */
const checkoutErrors = {
  ...publicErrors,
  409: errorSchema.describe(
    "conflict: the gateway is connected through this server's payment platform, which the server no longer configures (the client page no longer offers it); nothing was recorded",
  ),
};
/** A webhook answered 502 is delivered again by the provider later. */
const webhookErrors = { 400: errorSchema, 401: errorSchema, 500: errorSchema, ...providerDown };

/** The client page's pay buttons: no session, the invoice's key is the credential. */
export function registerPublicPaymentRoutes(
  app: ApiInstance,
  { db, payments, publicUrl }: PaymentDeps,
): void {
  const publicTags = ['Client invoice page'];

  app.get(
    '/client/invoices/:key/payment-options',
    {
      schema: {
        operationId: 'getClientPaymentOptions',
        tags: publicTags,
        summary: 'Which ways to pay online the client page offers for the invoice',
        security: [],
        params: clientKeyParams,
        response: { 200: paymentOptionsSchema, ...publicErrors },
      },
    },
    (request) => gateways.paymentOptions(db, payments, request.params.key),
  );

  app.post(
    '/client/invoices/:key/checkout/stripe',
    {
      schema: {
        operationId: 'startClientCardPayment',
        tags: publicTags,
        summary: 'Open a Stripe Checkout Session for the amount due; the client is sent to its URL',
        security: [],
        params: clientKeyParams,
        response: { 200: checkoutSchema, ...checkoutErrors },
      },
    },
    (request) => startStripeCheckout(db, payments, request.params.key, originOf(request, publicUrl)),
  );

  app.post(
    '/client/invoices/:key/checkout/paypal',
    {
      schema: {
        operationId: 'startClientPayPalPayment',
        tags: publicTags,
        summary: "Create a PayPal order for the amount due; the client is sent to PayPal's approve link",
        security: [],
        params: clientKeyParams,
        response: { 200: checkoutSchema, ...checkoutErrors },
      },
    },
    (request) => startPayPalCheckout(db, payments, request.params.key, originOf(request, publicUrl)),
  );

  app.post(
    '/client/invoices/:key/checkout/paypal/capture',
    {
      schema: {
        operationId: 'captureClientPayPalPayment',
        tags: publicTags,
        summary:
          'Capture the PayPal order the client approved (the return from PayPal); records the payment once',
        security: [],
        params: clientKeyParams,
        body: captureBody,
        response: { 200: captureSchema, ...checkoutErrors },
      },
    },
    (request) =>
      capturePayPalOrder(db, payments, request.params.key, request.body.order_id, { log: request.log }),
  );
}

/**
 * Stripe Connect's OAuth redirect: a browser navigation from Stripe, outside /v1 (no API key: the
 * sealed state and the browser's session cookie say who started it).
 */
export function registerOAuthRoutes(
  app: ApiInstance,
  { db, payments, publicUrl, sessions }: PaymentDeps & { sessions: SessionPolicy },
): void {
  app.get(
    '/oauth/stripe/callback',
    {
      // A browser navigation Stripe sends back, not an API operation: out of the OpenAPI document,
      // as the web app's pages are.
      schema: { hide: true, querystring: connectCallbackQuery },
    },
    async (request, reply) => {
      let outcome: ConnectOutcome;
      try {
        outcome = await finishStripeConnect(
          db,
          payments,
          request.query,
          await currentSession(db, sessions, request),
        );
      } catch (error) {
        if (!(error instanceof PaymentProviderUnavailableError)) throw error;
        request.log.warn({ err: error.cause }, error.message);
        outcome = 'unavailable';
      }
      const location = `${originOf(request, publicUrl)}/settings/payment-gateways?stripe=${outcome}`;
      return reply.status(303).header('location', location).send(null);
    },
  );
}

/** The largest event Keito accepts: Stripe's are a few KB, a refund listing a little more. */
const WEBHOOK_BODY_LIMIT = 256 * 1024;

/**
 * The providers' webhooks, outside /v1 (no API key: the signature is the credential). The body is
 * kept raw, as the signature covers its exact bytes.
 */
export async function registerWebhookRoutes(app: ApiInstance, { db, payments }: PaymentDeps): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );
    const webhooks = scope as unknown as ApiInstance;
    webhooks.post(
      '/webhooks/stripe/:account_id',
      {
        schema: {
          operationId: 'receiveStripeWebhook',
          tags: ['Webhooks'],
          summary: "Stripe's events for a workspace, verified by their Stripe-Signature",
          security: [],
          params: webhookParams,
          response: { 200: webhookReceiptSchema, ...webhookErrors },
        },
      },
      async (request) => {
        const signature = request.headers['stripe-signature'];
        const result = await receiveStripeEvent(
          db,
          payments,
          request.params.account_id,
          request.body as Buffer,
          typeof signature === 'string' ? signature : undefined,
          { log: request.log },
        );
        if (!result.verified) throw new AuthenticationError('The webhook signature does not verify');
        return { received: true as const, recorded: result.recorded };
      },
    );
    webhooks.post(
      '/webhooks/stripe/connect',
      {
        schema: {
          operationId: 'receiveStripeConnectWebhook',
          tags: ['Webhooks'],
          summary:
            "The Stripe Connect platform's events for every connected workspace, verified by their Stripe-Signature",
          security: [],
          response: { 200: webhookReceiptSchema, ...webhookErrors },
        },
      },
      async (request) => {
        const signature = request.headers['stripe-signature'];
        const result = await receiveStripeConnectEvent(
          db,
          payments,
          request.body as Buffer,
          typeof signature === 'string' ? signature : undefined,
          { log: request.log },
        );
        if (!result.verified) throw new AuthenticationError('The webhook signature does not verify');
        return { received: true as const, recorded: result.recorded };
      },
    );
    webhooks.post(
      '/webhooks/paypal/platform',
      {
        schema: {
          operationId: 'receivePayPalPlatformWebhook',
          tags: ['Webhooks'],
          summary:
            "The PayPal platform app's events for every workspace it pays, verified through PayPal's verify-webhook-signature with PAYPAL_PLATFORM_WEBHOOK_ID",
          security: [],
          response: { 200: webhookReceiptSchema, ...webhookErrors },
        },
      },
      async (request) => {
        const result = await receivePayPalPlatformEvent(
          db,
          payments,
          request.headers,
          request.body as Buffer,
          {
            log: request.log,
          },
        );
        if (!result.verified) throw new AuthenticationError('The webhook signature does not verify');
        return { received: true as const, recorded: result.recorded };
      },
    );
    webhooks.post(
      '/webhooks/paypal/:account_id',
      {
        schema: {
          operationId: 'receivePayPalWebhook',
          tags: ['Webhooks'],
          summary: "PayPal's events for a workspace, verified through PayPal's verify-webhook-signature",
          security: [],
          params: webhookParams,
          response: { 200: webhookReceiptSchema, ...webhookErrors },
        },
      },
      async (request) => {
        const result = await receivePayPalEvent(
          db,
          payments,
          request.params.account_id,
          request.headers,
          request.body as Buffer,
          { log: request.log },
        );
        if (!result.verified) throw new AuthenticationError('The webhook signature does not verify');
        return { received: true as const, recorded: result.recorded };
      },
    );
  });
}
