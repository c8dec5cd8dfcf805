import type { Keito, TimeEntry } from '@keito/sdk';
import type { Command } from 'commander';
import type { Attribution } from '../../../core/agent.js';
import { Context } from '../../../core/context.js';
import { UsageError } from '../../../core/errors.js';
import { formatHours, localDate } from '../../../core/format.js';
import type { Io } from '../../../core/io.js';
import type { Output } from '../../../core/output.js';
import { resolveProject, resolveTask } from '../../../core/resolve.js';
import {
  attributionOptions,
  billableOptions,
  dateOption,
  positiveOption,
  requireProject,
} from '../../shared.js';

export interface TimeLogInput {
  project: string;
  task?: string | undefined;
  hours: number;
  /** YYYY-MM-DD; today (local) when absent. */
  date?: string | undefined;
  notes?: string | undefined;
  billable?: boolean | undefined;
  attribution: Attribution;
}

/** Logs a completed block of time. */
export async function runTimeLog(
  input: TimeLogInput,
  deps: { client: Keito; clock: () => Date; out: Output },
): Promise<TimeEntry> {
  const { client, out } = deps;
  const project = await resolveProject(client, input.project);
  const task = input.task ? await resolveTask(client, project, input.task) : undefined;
  const entry = await client.timeEntries.create({
    project_id: project.id,
    ...(task && { task_id: task.task_id }),
    spent_date: input.date ?? localDate(deps.clock()),
    hours: input.hours,
    ...(input.notes !== undefined && { notes: input.notes }),
    ...(input.billable !== undefined && { is_billable: input.billable }),
    source: input.attribution.source,
    ...(input.attribution.metadata && { metadata: input.attribution.metadata }),
  });
  out.result(
    entry,
    () =>
      [
        out.success(
          `Logged ${formatHours(entry.hours)} on ${project.name}${task ? ` · ${task.task_name}` : ''} for ${entry.spent_date}`,
        ),
        `  Entry: ${entry.id}`,
      ].join('\n'),
    () => entry.id,
  );
  return entry;
}

interface Flags {
  project?: string;
  task?: string;
  hours?: string;
  date?: string;
  notes?: string;
  billable?: boolean;
  source?: string;
  agentId?: string;
  sessionId?: string;
}

export function defineTimeLog(parent: Command, io: Io): void {
  const command = parent
    .command('log')
    .description('Log a completed block of time')
    .option('--project <slug|id>', 'Project slug or ID (required)')
    .option('--task <slug|id>', 'Task slug or ID')
    .option('--hours <hours>', 'Duration in decimal hours (required)')
    .option('--date <YYYY-MM-DD>', 'Date (default: today)')
    .option('--notes <text>', 'Description of work');
  billableOptions(command);
  attributionOptions(command).action(async (flags: Flags, cmd: Command) => {
    const ctx = Context.of(io, cmd);
    const hours = positiveOption(flags.hours, '--hours');
    if (hours === undefined) throw new UsageError('Missing --hours: the duration in decimal hours, e.g. 1.5');
    const settings = await ctx.settings();
    const project = requireProject(settings, flags.project);
    const date = dateOption(flags.date, ctx.clock());
    const client = await ctx.client();
    const attribution = await ctx.attribution(flags, client);
    await runTimeLog(
      {
        project,
        task: settings.get('defaults.task', flags.task),
        hours,
        date,
        notes: flags.notes,
        billable: flags.billable,
        attribution,
      },
      { client, clock: ctx.clock, out: ctx.out },
    );
  });
}
