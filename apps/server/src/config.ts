import path from 'node:path';
import { z } from 'zod';
import type { S3Settings } from './domains/expenses/receipts/s3-store.ts';
import type { PayPalPlatformSettings, StripeConnectSettings } from './domains/payments/gateways.ts';
import type { MailSettings } from './lib/mail.ts';

const DEFAULT_FROM = 'Keito <no-reply@localhost>';

/** Empty variables count as unset, as in most shells' `VAR= command`. */
const withoutEmpty = (env: NodeJS.ProcessEnv) =>
  Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));

const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.url().optional(),
  KEITO_DATA_DIR: z.string().default('./.keito'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SMTP_URL: z
    .url({
      protocol: /^smtps?$/,
      message: 'must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.com:587',
    })
    .optional(),
  SMTP_FROM: z.string().min(3).default(DEFAULT_FROM),
  /** Check every response against its schema: on in tests, off by default (docs/decisions/0023-keyset-seeks.md). */
  KEITO_VALIDATE_RESPONSES: z.enum(['true', 'false']).default('false'),
  TRUST_PROXY: z
    .string()
    .regex(/^(true|[0-9a-fA-F.:/,\s]+)$/, {
      message: 'must be true, or proxy addresses/CIDRs separated by commas',
    })
    .optional(),
  SESSION_IDLE_TIMEOUT_HOURS: z.coerce
    .number()
    .positive()
    .default(7 * 24),
  SESSION_LIFETIME_DAYS: z.coerce.number().positive().default(30),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL, e.g. https://time.example.com' })
    .optional(),
  RECEIPTS_S3_ENDPOINT: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL, e.g. https://s3.eu-west-1.amazonaws.com' })
    .optional(),
  RECEIPTS_S3_BUCKET: z.string().optional(),
  RECEIPTS_S3_REGION: z.string().default('us-east-1'),
  RECEIPTS_S3_ACCESS_KEY_ID: z.string().optional(),
  RECEIPTS_S3_SECRET_ACCESS_KEY: z.string().optional(),
  /** base64 of 32 bytes; without it a key is generated into KEITO_DATA_DIR (lib/secret-box.ts). */
  KEITO_SECRET_KEY: z.base64().optional(),
  STRIPE_API_BASE: z.url({ protocol: /^https?$/ }).default('https://api.stripe.com'),
  /** The operator's Stripe Connect platform: with these, "Connect Stripe" runs Stripe's OAuth flow. */
  STRIPE_CONNECT_CLIENT_ID: z.string().optional(),
  STRIPE_CONNECT_SECRET_KEY: z.string().optional(),
  STRIPE_CONNECT_WEBHOOK_SECRET: z.string().optional(),
  STRIPE_CONNECT_BASE: z.url({ protocol: /^https?$/ }).default('https://connect.stripe.com'),
  /** Unset: PayPal's live or sandbox API, as each workspace's PayPal mode says. */
  PAYPAL_API_BASE: z.url({ protocol: /^https?$/ }).optional(),
  /** The operator's PayPal platform app: with these, workspaces connect PayPal with a payee email or merchant id. */
  PAYPAL_PLATFORM_CLIENT_ID: z.string().optional(),
  PAYPAL_PLATFORM_CLIENT_SECRET: z.string().optional(),
  PAYPAL_PLATFORM_WEBHOOK_ID: z.string().optional(),
  PAYPAL_PLATFORM_MODE: z.enum(['sandbox', 'live']).default('live'),
});

/** Receipts go to S3-compatible storage when its endpoint is set, and then it needs all of its settings. */
function receiptSettings(values: z.infer<typeof environmentSchema>): S3Settings | undefined {
  if (values.RECEIPTS_S3_ENDPOINT === undefined) return undefined;
  const { RECEIPTS_S3_BUCKET: bucket, RECEIPTS_S3_ACCESS_KEY_ID: accessKeyId } = values;
  const secretAccessKey = values.RECEIPTS_S3_SECRET_ACCESS_KEY;
  if (bucket === undefined || accessKeyId === undefined || secretAccessKey === undefined) {
    throw new Error(
      'Invalid configuration:\n  RECEIPTS_S3_ENDPOINT is set: RECEIPTS_S3_BUCKET, RECEIPTS_S3_ACCESS_KEY_ID and RECEIPTS_S3_SECRET_ACCESS_KEY are required too',
    );
  }
  return {
    endpoint: values.RECEIPTS_S3_ENDPOINT,
    bucket,
    region: values.RECEIPTS_S3_REGION,
    accessKeyId,
    secretAccessKey,
  };
}

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: z.infer<typeof environmentSchema>['LOG_LEVEL'];
  validateResponses: boolean;
  mail: MailSettings;
  /** S3-compatible storage for receipts; undefined keeps them in PostgreSQL. */
  receiptsS3: S3Settings | undefined;
  /**
   * Which reverse proxies' X-Forwarded-For/-Proto to believe (Fastify's trustProxy): the client
   * address decides sign-in throttling and the audit log, so it is off unless the operator says.
   */
  trustProxy: boolean | string;
  /** Web sessions end after this long without use, and this long after sign-in whatever the use. */
  sessions: { idleTimeoutMs: number; lifetimeMs: number };
  /** KEITO_SECRET_KEY; undefined uses (or makes) `secret.key` in the data directory (lib/secret-box.ts). */
  secretKey: string | undefined;
  /** Online payments: the providers' API base URLs (local fakes in tests). */
  payments: {
    stripeApiBase: string;
    paypalApiBase: string | undefined;
    stripeConnect: StripeConnectSettings | undefined;
    paypalPlatform: PayPalPlatformSettings | undefined;
  };
}

/** Reads and validates the environment once at boot; a bad value stops the process with a clear message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(withoutEmpty(env));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${problems.join('\n')}`);
  }
  const values = parsed.data;
  return {
    port: values.PORT,
    host: values.HOST,
    databaseUrl: values.DATABASE_URL,
    dataDir: path.resolve(values.KEITO_DATA_DIR),
    logLevel: values.LOG_LEVEL,
    validateResponses: values.KEITO_VALIDATE_RESPONSES === 'true',
    mail: {
      smtpUrl: values.SMTP_URL,
      from: values.SMTP_FROM,
      publicUrl: values.PUBLIC_URL?.replace(/\/+$/, ''),
    },
    receiptsS3: receiptSettings(values),
    trustProxy: trustProxyOf(values.TRUST_PROXY),
    sessions: {
      idleTimeoutMs: values.SESSION_IDLE_TIMEOUT_HOURS * 3_600_000,
      lifetimeMs: values.SESSION_LIFETIME_DAYS * 86_400_000,
    },
    secretKey: values.KEITO_SECRET_KEY,
    payments: {
      stripeApiBase: values.STRIPE_API_BASE.replace(/\/+$/, ''),
      paypalApiBase: values.PAYPAL_API_BASE?.replace(/\/+$/, ''),
      stripeConnect: stripeConnectSettings(values),
      paypalPlatform: payPalPlatformSettings(values),
    },
  };
}

/** A Stripe Connect platform needs its client id, secret key and Connect webhook secret together. */
function stripeConnectSettings(values: z.infer<typeof environmentSchema>): StripeConnectSettings | undefined {
  const { STRIPE_CONNECT_CLIENT_ID: clientId, STRIPE_CONNECT_SECRET_KEY: secretKey } = values;
  const webhookSecret = values.STRIPE_CONNECT_WEBHOOK_SECRET;
  if (clientId === undefined && secretKey === undefined && webhookSecret === undefined) return undefined;
  if (clientId === undefined || secretKey === undefined || webhookSecret === undefined) {
    throw new Error(
      'Invalid configuration:\n  STRIPE_CONNECT_CLIENT_ID, STRIPE_CONNECT_SECRET_KEY and STRIPE_CONNECT_WEBHOOK_SECRET go together',
    );
  }
  return { clientId, secretKey, webhookSecret, base: values.STRIPE_CONNECT_BASE.replace(/\/+$/, '') };
}

/** A PayPal platform app needs its client id, secret and webhook id together. */
function payPalPlatformSettings(
  values: z.infer<typeof environmentSchema>,
): PayPalPlatformSettings | undefined {
  const { PAYPAL_PLATFORM_CLIENT_ID: clientId, PAYPAL_PLATFORM_CLIENT_SECRET: clientSecret } = values;
  const webhookId = values.PAYPAL_PLATFORM_WEBHOOK_ID;
  if (clientId === undefined && clientSecret === undefined && webhookId === undefined) return undefined;
  if (clientId === undefined || clientSecret === undefined || webhookId === undefined) {
    throw new Error(
      'Invalid configuration:\n  PAYPAL_PLATFORM_CLIENT_ID, PAYPAL_PLATFORM_CLIENT_SECRET and PAYPAL_PLATFORM_WEBHOOK_ID go together',
    );
  }
  return { clientId, clientSecret, webhookId, mode: values.PAYPAL_PLATFORM_MODE };
}

function trustProxyOf(value: string | undefined): boolean | string {
  return value === undefined ? false : value === 'true' ? true : value;
}
