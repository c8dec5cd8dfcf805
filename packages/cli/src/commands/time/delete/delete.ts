import type { Keito } from '@keito/sdk';
import type { Command } from 'commander';
import { Context } from '../../../core/context.js';
import type { Io } from '../../../core/io.js';
import type { Output } from '../../../core/output.js';

/** Permanently deletes one time entry. */
export async function runTimeDelete(id: string, deps: { client: Keito; out: Output }): Promise<void> {
  await deps.client.timeEntries.delete(id);
  deps.out.result(
    { id, deleted: true },
    () => deps.out.success(`Deleted time entry ${id}`),
    () => id,
  );
}

export function defineTimeDelete(parent: Command, io: Io): void {
  parent
    .command('delete')
    .description('Delete a time entry')
    .argument('<id>', 'Time entry ID (te_...)')
    .action(async (id: string, _flags: unknown, cmd: Command) => {
      const ctx = Context.of(io, cmd);
      await runTimeDelete(id, { client: await ctx.client(), out: ctx.out });
    });
}
