import type { Keito } from '@keito/sdk';
import type { Command } from 'commander';
import { Context } from '../../../core/context.js';
import { UsageError } from '../../../core/errors.js';
import type { Io } from '../../../core/io.js';
import type { Output } from '../../../core/output.js';

/** Signs one browser out by its session id, or every browser with `all` ("sign out everywhere"). */
export async function runSessionRevoke(
  target: { id: string } | { all: true },
  deps: { client: Keito; out: Output },
): Promise<void> {
  const { client, out } = deps;
  if ('all' in target) {
    await client.sessions.revokeAll();
    out.result({ all: true, revoked: true }, () => out.success('Signed out of every browser'));
    return;
  }
  await client.sessions.revoke(target.id);
  out.result(
    { id: target.id, revoked: true },
    () => out.success(`Signed out session ${target.id}`),
    () => target.id,
  );
}

export function defineSessionRevoke(parent: Command, io: Io): void {
  parent
    .command('revoke')
    .description('Sign a browser out of the web app (API keys keep working)')
    .argument('[id]', 'Session ID (ses_...) from `keito session list`')
    .option('--all', 'Sign out of every browser')
    .action(async (id: string | undefined, flags: { all?: boolean }, cmd: Command) => {
      if ((id === undefined) === (flags.all !== true)) throw new UsageError('Give a session ID or --all');
      const ctx = Context.of(io, cmd);
      await runSessionRevoke(id === undefined ? { all: true } : { id }, {
        client: await ctx.client(),
        out: ctx.out,
      });
    });
}
