import type { Command } from 'commander';
import type { Settings } from '../../../core/config.js';
import { Context } from '../../../core/context.js';
import { clearCredentials } from '../../../core/credentials.js';
import type { Io } from '../../../core/io.js';
import type { Output } from '../../../core/output.js';

/** Removes the stored key from the keychain and ~/.keito/config.toml. */
export async function runAuthLogout(deps: { settings: Settings; out: Output }): Promise<boolean> {
  const { settings, out } = deps;
  const removed = await clearCredentials(settings);
  out.result({ logged_out: removed }, () =>
    removed ? out.success('Logged out: stored credentials removed') : 'No stored credentials to remove.',
  );
  if (settings.env.KEITO_API_KEY)
    out.note('Note: KEITO_API_KEY is still set in this environment and still authenticates.');
  return removed;
}

export function defineAuthLogout(parent: Command, io: Io): void {
  parent
    .command('logout')
    .description('Clear stored credentials')
    .action(async (_flags: unknown, cmd: Command) => {
      const ctx = Context.of(io, cmd);
      await runAuthLogout({ settings: await ctx.settings(), out: ctx.out });
    });
}
