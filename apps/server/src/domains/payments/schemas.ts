import { z } from 'zod';
import { idString } from '../../http/schemas.ts';

const webhookUrl = z
  .string()
  .describe("The URL to register in the provider's dashboard for this workspace's events");

export const gatewaysSchema = z
  .object({
    stripe: z.object({
      connected: z.boolean(),
      via: z
        .enum(['keys', 'connect'])
        .nullable()
        .describe(
          "`keys`: the workspace's own keys; `connect`: its account connected to this server's Stripe platform",
        ),
      connect_available: z
        .boolean()
        .describe('This server runs a Stripe Connect platform: "Connect Stripe" is offered'),
      webhook_url: webhookUrl,
      updated_at: z.string().nullable(),
    }),
    paypal: z.object({
      connected: z.boolean(),
      mode: z.enum(['sandbox', 'live']).nullable(),
      webhook_url: webhookUrl,
      updated_at: z.string().nullable(),
    }),
  })
  .describe('The payment gateways: whether each is connected, never their credentials');
export type GatewaysResponse = z.infer<typeof gatewaysSchema>;

export const stripeGatewayBody = z.object({
  secret_key: z.string().trim().min(1).max(500).describe('The secret (sk_…) or restricted (rk_…) API key'),
  webhook_secret: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .describe('The signing secret (whsec_…) of the webhook endpoint registered at `webhook_url`'),
});
export type StripeGatewayBody = z.infer<typeof stripeGatewayBody>;

export const payPalGatewayBody = z.object({
  client_id: z.string().trim().min(1).max(500),
  client_secret: z.string().trim().min(1).max(500),
  mode: z.enum(['sandbox', 'live']),
  webhook_id: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe(
      'The id of the webhook registered at `webhook_url` in the PayPal app; without it PayPal events are refused',
    ),
});
export type PayPalGatewayBody = z.infer<typeof payPalGatewayBody>;

export const providerParams = z.object({ provider: z.enum(['stripe', 'paypal']) });

export const paymentOptionsSchema = z.object({
  card: z.boolean().describe('Stripe is connected and something is due'),
  paypal: z.boolean().describe('PayPal is connected and something is due'),
});

export const checkoutSchema = z.object({
  url: z.string().describe("The provider's page to send the client to"),
});

export const webhookParams = z.object({ account_id: idString });

export const webhookReceiptSchema = z.object({
  received: z.literal(true),
  recorded: z
    .number()
    .int()
    .describe('Payments recorded from this event: 0 for a repeat or an event Keito ignores'),
});

export const captureBody = z.object({
  order_id: z
    .string()
    .min(1)
    .max(100)
    .describe('The order PayPal sent the client back with (its `token` parameter)'),
});

export const captureSchema = z.object({
  recorded: z
    .number()
    .int()
    .describe('1 when this call recorded the payment, 0 when the webhook had already'),
});

export const connectCallbackQuery = z.object({
  code: z.string().max(500).optional(),
  state: z.string().max(2000).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
});
