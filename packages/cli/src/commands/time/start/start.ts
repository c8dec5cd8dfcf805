import type { Keito, TimeEntry } from '@keito/sdk';
import type { Command } from 'commander';
import type { Attribution } from '../../../core/agent.js';
import { Context } from '../../../core/context.js';
import { localDate } from '../../../core/format.js';
import type { Io } from '../../../core/io.js';
import type { Output } from '../../../core/output.js';
import { resolveProject, resolveTask } from '../../../core/resolve.js';
import { attributionOptions, billableOptions, requireProject } from '../../shared.js';

export interface TimeStartInput {
  project: string;
  task?: string | undefined;
  notes?: string | undefined;
  billable?: boolean | undefined;
  attribution: Attribution;
}

/** Starts a running timer on the project (and task); the server stops any other timer of the user, and we say so. */
export async function runTimeStart(
  input: TimeStartInput,
  deps: { client: Keito; clock: () => Date; out: Output },
): Promise<TimeEntry> {
  const { client, out } = deps;
  const project = await resolveProject(client, input.project);
  const task = input.task ? await resolveTask(client, project, input.task) : undefined;
  // The server stops the timer already running; say so rather than let it vanish quietly.
  const [previous] = (await client.timeEntries.list({ is_running: true, limit: 1 })).data;
  const entry = await client.timeEntries.create({
    project_id: project.id,
    ...(task && { task_id: task.task_id }),
    spent_date: localDate(deps.clock()),
    is_running: true,
    ...(input.notes !== undefined && { notes: input.notes }),
    ...(input.billable !== undefined && { is_billable: input.billable }),
    source: input.attribution.source,
    ...(input.attribution.metadata && { metadata: input.attribution.metadata }),
  });
  out.result(
    entry,
    () =>
      [
        ...(previous
          ? [`Stopped the running timer ${previous.id} (${previous.hours.toFixed(2)}h so far)`]
          : []),
        out.success(`Timer started on ${project.name}${task ? ` · ${task.task_name}` : ''}`),
        `  Entry: ${entry.id}${entry.source === 'agent' ? '  (source: agent)' : ''}`,
      ].join('\n'),
    () => entry.id,
  );
  return entry;
}

interface Flags {
  project?: string;
  task?: string;
  notes?: string;
  billable?: boolean;
  source?: string;
  agentId?: string;
  sessionId?: string;
}

export function defineTimeStart(parent: Command, io: Io): void {
  const command = parent
    .command('start')
    .description('Start a running timer')
    .option('--project <slug|id>', 'Project slug or ID (required)')
    .option('--task <slug|id>', 'Task slug or ID')
    .option('--notes <text>', 'Initial notes');
  billableOptions(command);
  attributionOptions(command).action(async (flags: Flags, cmd: Command) => {
    const ctx = Context.of(io, cmd);
    const settings = await ctx.settings();
    const project = requireProject(settings, flags.project);
    const client = await ctx.client();
    const attribution = await ctx.attribution(flags, client);
    await runTimeStart(
      {
        project,
        task: settings.get('defaults.task', flags.task),
        notes: flags.notes,
        billable: flags.billable,
        attribution,
      },
      { client, clock: ctx.clock, out: ctx.out },
    );
  });
}
