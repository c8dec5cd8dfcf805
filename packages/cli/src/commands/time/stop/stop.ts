import type { Keito, TimeEntry } from '@keito/sdk';
import type { Command } from 'commander';
import { Context } from '../../../core/context.js';
import { CliError, UsageError } from '../../../core/errors.js';
import { formatHours, parseIncrement, roundToIncrement } from '../../../core/format.js';
import type { Io } from '../../../core/io.js';
import type { Output } from '../../../core/output.js';
import { runningTimer } from '../../shared.js';

export interface TimeStopInput {
  notes?: string | undefined;
  /** Round the final duration to the nearest multiple of this many minutes. */
  roundMinutes?: number | undefined;
  discard?: boolean | undefined;
}

/** Stops (or with `discard`, deletes) the user's running timer. */
export async function runTimeStop(
  input: TimeStopInput,
  deps: { client: Keito; out: Output },
): Promise<TimeEntry | { id: string; deleted: true }> {
  const { client, out } = deps;
  const running = await runningTimer(client);
  if (!running)
    throw new CliError('No timer is running. Start one with `keito time start --project <slug>`.');
  if (input.discard) {
    await client.timeEntries.delete(running.id);
    const result = { id: running.id, deleted: true as const };
    out.result(
      result,
      () => out.success(`Timer discarded: deleted ${running.id} (${formatHours(running.hours)})`),
      () => running.id,
    );
    return result;
  }
  let entry = await client.timeEntries.update(running.id, {
    is_running: false,
    ...(input.notes !== undefined && { notes: input.notes }),
  });
  if (input.roundMinutes !== undefined) {
    // Rounded after stopping, from the hours the server measured, so the clock that counts is the server's.
    const hours = roundToIncrement(entry.hours, input.roundMinutes);
    if (hours !== entry.hours) entry = await client.timeEntries.update(entry.id, { hours });
  }
  const project = await client.projects.get(entry.project_id).catch(() => undefined);
  out.result(
    entry,
    () =>
      [
        out.success(`Timer stopped: ${formatHours(entry.hours)}${project ? ` on ${project.name}` : ''}`),
        `  Entry: ${entry.id}  Hours: ${entry.hours}`,
      ].join('\n'),
    () => entry.id,
  );
  return entry;
}

interface Flags {
  notes?: string;
  round?: string;
  discard?: boolean;
}

export function defineTimeStop(parent: Command, io: Io): void {
  parent
    .command('stop')
    .description('Stop the running timer')
    .option('--notes <text>', 'Add or update notes')
    .option('--round <increment>', 'Round to nearest increment (e.g., 15m, 6m)')
    .option('--discard', 'Delete the entry instead of saving')
    .action(async (flags: Flags, cmd: Command) => {
      const ctx = Context.of(io, cmd);
      let roundMinutes: number | undefined;
      if (flags.round !== undefined) {
        roundMinutes = parseIncrement(flags.round);
        if (roundMinutes === undefined) {
          throw new UsageError(`--round must be an increment such as 15m, 6m or 1h, got "${flags.round}"`);
        }
      }
      if (flags.discard && (flags.notes !== undefined || roundMinutes !== undefined)) {
        throw new UsageError('--discard deletes the entry: it cannot be combined with --notes or --round');
      }
      await runTimeStop(
        { notes: flags.notes, roundMinutes, discard: flags.discard },
        { client: await ctx.client(), out: ctx.out },
      );
    });
}
