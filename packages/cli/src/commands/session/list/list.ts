import type { BrowserSession, Keito } from '@keito/sdk';
import type { Command } from 'commander';
import { Context } from '../../../core/context.js';
import type { Io } from '../../../core/io.js';
import type { Output } from '../../../core/output.js';

/** Lists the web app sessions (signed-in browsers) of the person the API key belongs to. */
export async function runSessionList(deps: { client: Keito; out: Output }): Promise<BrowserSession[]> {
  const { client, out } = deps;
  const sessions = await client.sessions.list();
  if (out.json) {
    out.result(sessions, () => '');
    return sessions;
  }
  if (sessions.length === 0) {
    out.note('Not signed in on any browser.');
    return sessions;
  }
  const rows = sessions.map((s) => [
    s.id,
    s.last_seen_at,
    s.ip_address ?? '',
    s.expires_at,
    s.user_agent ?? '',
  ]);
  out.line(out.table(['ID', 'LAST SEEN', 'ADDRESS', 'ENDS', 'BROWSER'], rows));
  return sessions;
}

export function defineSessionList(parent: Command, io: Io): void {
  parent
    .command('list')
    .description('List the browsers you are signed in to the web app on')
    .action(async (_flags: unknown, cmd: Command) => {
      const ctx = Context.of(io, cmd);
      await runSessionList({ client: await ctx.client(), out: ctx.out });
    });
}
