import { z } from 'zod';
import { emailAddress, idString, nonBlank } from '../../http/schemas.ts';

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
      platform_missing: z
        .boolean()
        .describe(
          "Connected through this server's Stripe Connect platform (`via: connect`), which the server no longer configures (STRIPE_CONNECT_*): clients are not offered card payments until the operator configures it again or the workspace saves its own keys",
        ),
      webhook_url: webhookUrl,
      updated_at: z.string().nullable(),
    }),
    paypal: z.object({
      connected: z.boolean(),
      via: z
        .enum(['app', 'platform'])
        .nullable()
        .describe(
          "`app`: the workspace's own REST app; `platform`: a payee of this server's PayPal platform app",
        ),
      platform_available: z
        .boolean()
        .describe(
          'This server runs a PayPal platform app: connecting needs only the payee email or merchant id',
        ),
      platform_missing: z
        .boolean()
        .describe(
          "Connected as a payee of this server's PayPal platform app (`via: platform`), which the server no longer configures (PAYPAL_PLATFORM_*): clients are not offered PayPal until the operator configures it again or the workspace connects its own REST app",
        ),
      payee: z
        .string()
        .nullable()
        .describe('The email or merchant id the platform pays (`via: platform`); null otherwise'),
      mode: z.enum(['sandbox', 'live']).nullable(),
      webhook_url: webhookUrl,
      updated_at: z.string().nullable(),
    }),
  })
  .describe('The payment gateways: whether each is connected, never their credentials');
export type GatewaysResponse = z.infer<typeof gatewaysSchema>;

export const stripeGatewayBody = z.object({
  secret_key: nonBlank(500).describe('The secret (sk_…) or restricted (rk_…) API key'),
  webhook_secret: nonBlank(500).describe(
    'The signing secret (whsec_…) of the webhook endpoint registered at `webhook_url`',
  ),
});
export type StripeGatewayBody = z.infer<typeof stripeGatewayBody>;

const PAYPAL_SHAPES =
  "client_id, client_secret and mode (the workspace's own PayPal REST app), or one of payee_email and payee_merchant_id (this server's PayPal platform app)";

/** What to tell a client whose body is neither shape: above all, that the two do not mix. */
function payPalShapeMessage(input: unknown): string {
  const fields = input !== null && typeof input === 'object' ? Object.keys(input) : [];
  const app = fields.some((field) => ['client_id', 'client_secret', 'mode', 'webhook_id'].includes(field));
  const payees = fields.filter((field) => field === 'payee_email' || field === 'payee_merchant_id').length;
  if (app && payees > 0) return `Send ${PAYPAL_SHAPES}, not both`;
  if (payees > 1) return 'Send one of payee_email and payee_merchant_id, not both';
  return `Send ${PAYPAL_SHAPES}`;
}

/** Strict, so a body with fields of both shapes matches neither; the unknown field is told as a mix. */
const payPalShape = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? payPalShapeMessage(issue.input) : undefined),
  });

const payPalApp = payPalShape({
  client_id: nonBlank(500),
  client_secret: nonBlank(500),
  mode: z.enum(['sandbox', 'live']),
  webhook_id: nonBlank(200)
    .optional()
    .describe(
      'The id of the webhook registered at `webhook_url` in the PayPal app; without it PayPal events are refused',
    ),
});

const payPalPayeeByEmail = payPalShape({
  payee_email: emailAddress.describe("The email of the PayPal account this server's platform app pays"),
});

const payPalPayeeByMerchantId = payPalShape({
  payee_merchant_id: z
    .string()
    .regex(/^[2-9A-HJ-NP-Z]{13}$/, "must be PayPal's merchant id: 13 letters and digits")
    .describe("The merchant id of the PayPal account this server's platform app pays"),
});

export const payPalGatewayBody = z
  .union([payPalApp, payPalPayeeByEmail, payPalPayeeByMerchantId], {
    error: (issue) => payPalShapeMessage(issue.input),
  })
  .describe(
    "The workspace's own REST app (`client_id`, `client_secret`, `mode`, `webhook_id`), or, when `platform_available`, the payee the operator's platform app pays (`payee_email` or `payee_merchant_id`). A body mixing them is 400 `validation_error`",
  );
export type PayPalGatewayBody = z.infer<typeof payPalGatewayBody>;

export const paymentOptionsSchema = z.object({
  card: z
    .boolean()
    .describe('Stripe is connected (and its platform configured, when through one) and something is due'),
  paypal: z
    .boolean()
    .describe('PayPal is connected (and its platform configured, when through one) and something is due'),
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
