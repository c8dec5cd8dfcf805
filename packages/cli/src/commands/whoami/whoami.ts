import type { Keito, User } from '@keito/sdk';
import type { Command } from 'commander';
import { Context } from '../../core/context.js';
import type { Io } from '../../core/io.js';
import type { Output } from '../../core/output.js';
import { getWorkspace, type WorkspaceInfo } from '../workspace.js';

/** `✓ Authenticated as <name>`, the workspace and the account id. */
export async function runWhoami(deps: {
  client: Keito;
  out: Output;
}): Promise<{ user: User; workspace: WorkspaceInfo }> {
  const { client, out } = deps;
  const [user, workspace] = await Promise.all([client.users.me(), getWorkspace(client)]);
  out.result(
    { user, workspace: { id: workspace.id, name: workspace.name }, account_id: workspace.id },
    () =>
      [
        out.success(`Authenticated as ${user.name}`),
        `Workspace: ${workspace.name}`,
        `Account: ${workspace.id}`,
      ].join('\n'),
    () => user.name,
  );
  return { user, workspace };
}

export function defineWhoami(parent: Command, io: Io): void {
  parent
    .command('whoami')
    .description('Show current user and workspace')
    .action(async (_flags: unknown, cmd: Command) => {
      const ctx = Context.of(io, cmd);
      await runWhoami({ client: await ctx.client(), out: ctx.out });
    });
}
