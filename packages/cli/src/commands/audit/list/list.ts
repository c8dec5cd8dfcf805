import type { AuditAction, AuditEvent, Keito, ListAuditEventsParams } from '@keito/sdk';
import type { Command } from 'commander';
import { Context } from '../../../core/context.js';
import { UsageError } from '../../../core/errors.js';
import type { Io } from '../../../core/io.js';
import type { Output } from '../../../core/output.js';

/** The actions the server records; `--action` must be one of them. */
export const AUDIT_ACTIONS: readonly AuditAction[] = [
  'sign_in.succeeded',
  'sign_in.failed',
  'sign_in.sso_succeeded',
  'sign_in.sso_refused',
  'password.changed',
  'sso.configuration_changed',
  'api_key.created',
  'api_key.revoked',
  'user.role_changed',
  'user.permissions_changed',
  'user.archived',
  'user.restored',
];

export interface AuditListInput {
  action?: AuditAction | undefined;
  user?: string | undefined;
  /** How many events at most, newest first; pages are fetched until there are this many. */
  limit: number;
}

/** Lists the workspace's security events, newest first (administrators). */
export async function runAuditList(
  input: AuditListInput,
  deps: { client: Keito; out: Output },
): Promise<AuditEvent[]> {
  const { client, out } = deps;
  const params: ListAuditEventsParams = { limit: Math.min(input.limit, 200) };
  if (input.action) params.action = input.action;
  if (input.user) params.user_id = input.user;
  const events: AuditEvent[] = [];
  for await (const event of client.auditEvents.list(params)) {
    events.push(event);
    if (events.length >= input.limit) break;
  }
  if (out.json) {
    out.result(events, () => '');
    return events;
  }
  if (events.length === 0) {
    out.note('No security events.');
    return events;
  }
  const rows = events.map((e) => [
    e.occurred_at,
    e.action,
    e.actor_user_id ?? '',
    e.target_id ?? '',
    e.ip_address ?? '',
    Object.keys(e.details).length === 0 ? '' : JSON.stringify(e.details),
  ]);
  out.line(out.table(['WHEN', 'ACTION', 'BY', 'CONCERNING', 'FROM', 'DETAILS'], rows));
  return events;
}

interface Flags {
  action?: string;
  user?: string;
  limit: string;
}

export function defineAuditList(parent: Command, io: Io): void {
  parent
    .command('list')
    .description('List security events, newest first (administrators)')
    .option('--action <action>', `Only this kind of event (${AUDIT_ACTIONS.join(', ')})`)
    .option('--user <id>', 'Only events done by, or to, this user')
    .option('--limit <n>', 'At most this many events', '50')
    .action(async (flags: Flags, cmd: Command) => {
      if (flags.action && !AUDIT_ACTIONS.includes(flags.action as AuditAction)) {
        throw new UsageError(
          `Invalid --action "${flags.action}". Choose one of: ${AUDIT_ACTIONS.join(', ')}`,
        );
      }
      const limit = Number(flags.limit);
      if (!Number.isInteger(limit) || limit < 1)
        throw new UsageError('--limit must be a whole number above 0');
      const ctx = Context.of(io, cmd);
      await runAuditList(
        { action: flags.action as AuditAction | undefined, user: flags.user, limit },
        { client: await ctx.client(), out: ctx.out },
      );
    });
}
