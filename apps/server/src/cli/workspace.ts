import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { Config } from '../config.ts';
import { openDatabase } from '../db/open.ts';
import { hashPassword } from '../domains/auth/password.ts';
import { currencySchema, timezoneSchema } from '../domains/workspaces/schemas.ts';
import { createWorkspace } from '../domains/workspaces/service.ts';
import { UsageError } from './usage-error.ts';

const optionsSchema = z.object({
  name: z.string({ message: '--name is required' }).trim().min(1, '--name is required'),
  'admin-email': z.email({ message: '--admin-email must be an email address' }),
  'admin-name': z.string().trim().min(1).optional(),
  'admin-password': z.string().min(8, '--admin-password must be at least 8 characters').optional(),
  timezone: timezoneSchema.optional(),
  currency: currencySchema.optional(),
  plan: z.enum(['free', 'pro', 'enterprise'], { message: '--plan must be free, pro or enterprise' }).default(
    // Self-hosted: the operator runs the server for their own team and opts in to plan limits.
    'enterprise',
  ),
  'rate-limit-per-minute': z.coerce
    .number({ message: '--rate-limit-per-minute must be a whole number' })
    .int('--rate-limit-per-minute must be a whole number')
    .min(1, '--rate-limit-per-minute must be at least 1')
    .optional(),
  'rate-limit-per-day': z.coerce
    .number({ message: '--rate-limit-per-day must be a whole number' })
    .int('--rate-limit-per-day must be a whole number')
    .min(1, '--rate-limit-per-day must be at least 1')
    .optional(),
  json: z.boolean().optional(),
});

export async function createWorkspaceCommand(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      name: { type: 'string' },
      'admin-email': { type: 'string' },
      'admin-name': { type: 'string' },
      'admin-password': { type: 'string' },
      timezone: { type: 'string' },
      currency: { type: 'string' },
      plan: { type: 'string' },
      'rate-limit-per-minute': { type: 'string' },
      'rate-limit-per-day': { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const parsed = optionsSchema.safeParse(values);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((issue) => issue.message).join('; '));
  const options = parsed.data;

  // Without a password the administrator can use the API but not sign in to the web app; people at a
  // terminal get one generated and shown once, scripts (--json) decide for themselves.
  const password = options['admin-password'] ?? (options.json ? undefined : generatedPassword());
  const database = await openDatabase(config, { poolSize: 2 });
  try {
    const created = await createWorkspace(database.db, {
      adminPasswordHash: password === undefined ? undefined : await hashPassword(password),
      name: options.name,
      adminEmail: options['admin-email'],
      adminName: options['admin-name'],
      timezone: options.timezone,
      currency: options.currency,
      plan: options.plan,
      rateLimitPerMinute: options['rate-limit-per-minute'],
      rateLimitPerDay: options['rate-limit-per-day'],
    });
    if (options.json) {
      process.stdout.write(`${JSON.stringify(created)}\n`);
    } else {
      process.stdout.write(
        [
          `Workspace "${options.name}" created.`,
          `  account id:  ${created.account_id}`,
          `  admin user:  ${created.user_id} (${options['admin-email']})`,
          `  API key:     ${created.api_key}`,
          ...(password !== undefined && options['admin-password'] === undefined
            ? [`  password:    ${password}`]
            : []),
          '',
          'The key and the password are shown once. Sign in at',
          `  http://localhost:${config.port}   as ${options['admin-email']}`,
          'or try the API:',
          `  curl -H "Authorization: Bearer ${created.api_key}" http://localhost:${config.port}/v1/users/me`,
          '',
        ].join('\n'),
      );
    }
    return 0;
  } finally {
    await database.close();
  }
}

/** Four groups of five letters and digits: easy to copy, about 100 bits. */
function generatedPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(20);
  const characters = [...bytes].map((byte) => alphabet[byte % alphabet.length]);
  return [0, 5, 10, 15].map((start) => characters.slice(start, start + 5).join('')).join('-');
}
