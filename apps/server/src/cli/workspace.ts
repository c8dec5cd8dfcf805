import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { Config } from '../config.ts';
import { openDatabase } from '../db/open.ts';
import { currencySchema, timezoneSchema } from '../domains/workspaces/schemas.ts';
import { createWorkspace } from '../domains/workspaces/service.ts';
import { UsageError } from './usage-error.ts';

const optionsSchema = z.object({
  name: z.string({ message: '--name is required' }).trim().min(1, '--name is required'),
  'admin-email': z.email({ message: '--admin-email must be an email address' }),
  'admin-name': z.string().trim().min(1).optional(),
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

  const database = await openDatabase(config, { poolSize: 2 });
  try {
    const created = await createWorkspace(database.db, {
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
          '',
          'The key is shown once. Try it:',
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
