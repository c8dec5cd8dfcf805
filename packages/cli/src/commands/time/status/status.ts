import type { Keito, TimeEntry } from '@keito/sdk';
import type { Command } from 'commander';
import { Context } from '../../../core/context.js';
import { formatHours, localDateTime } from '../../../core/format.js';
import type { Io } from '../../../core/io.js';
import type { Output } from '../../../core/output.js';
import { runningTimer, taskNames } from '../../shared.js';

/** Shows the running timer: `⏱ Timer running: 1h 23m`, its project, task and start. */
export async function runTimeStatus(deps: { client: Keito; out: Output }): Promise<TimeEntry | undefined> {
  const { client, out } = deps;
  const entry = await runningTimer(client);
  if (!entry) {
    out.result(
      null,
      () => 'No timer running.',
      () => '',
    );
    return undefined;
  }
  const [project, tasks] = await Promise.all([
    client.projects.get(entry.project_id).catch(() => undefined),
    entry.task_id ? taskNames(client, [entry.project_id]) : new Map<string, string>(),
  ]);
  const started = entry.started_at ?? entry.timer_started_at;
  out.result(
    entry,
    () =>
      [
        `⏱ Timer running: ${formatHours(entry.hours)}`,
        `Project: ${project?.name ?? entry.project_id}`,
        ...(entry.task_id ? [`Task: ${tasks.get(entry.task_id) ?? entry.task_id}`] : []),
        ...(started ? [`Started: ${localDateTime(new Date(started))}`] : []),
        ...(entry.notes ? [`Notes: ${entry.notes}`] : []),
      ].join('\n'),
    () => entry.id,
  );
  return entry;
}

export function defineTimeStatus(parent: Command, io: Io): void {
  parent
    .command('status')
    .description('Show running timer status')
    .action(async (_flags: unknown, cmd: Command) => {
      const ctx = Context.of(io, cmd);
      await runTimeStatus({ client: await ctx.client(), out: ctx.out });
    });
}
