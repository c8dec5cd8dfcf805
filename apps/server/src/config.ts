import path from 'node:path';
import { z } from 'zod';
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
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: z.infer<typeof environmentSchema>['LOG_LEVEL'];
  mail: MailSettings;
  /**
   * Which reverse proxies' X-Forwarded-For/-Proto to believe (Fastify's trustProxy): the client
   * address decides sign-in throttling and the audit log, so it is off unless the operator says.
   */
  trustProxy: boolean | string;
  /** Web sessions end after this long without use, and this long after sign-in whatever the use. */
  sessions: { idleTimeoutMs: number; lifetimeMs: number };
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
    mail: {
      smtpUrl: values.SMTP_URL,
      from: values.SMTP_FROM,
      publicUrl: values.PUBLIC_URL?.replace(/\/+$/, ''),
    },
    trustProxy: trustProxyOf(values.TRUST_PROXY),
    sessions: {
      idleTimeoutMs: values.SESSION_IDLE_TIMEOUT_HOURS * 3_600_000,
      lifetimeMs: values.SESSION_LIFETIME_DAYS * 86_400_000,
    },
  };
}

function trustProxyOf(value: string | undefined): boolean | string {
  return value === undefined ? false : value === 'true' ? true : value;
}
