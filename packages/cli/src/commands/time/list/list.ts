import type { Keito, ListTimeEntriesParams, Source, TimeEntry } from '@keito/sdk';
import type { Command } from 'commander';
import { SOURCES } from '../../../core/agent.js';
import { Context } from '../../../core/context.js';
import { UsageError } from '../../../core/errors.js';
import { formatHours, localDate } from '../../../core/format.js';
import type { Io } from '../../../core/io.js';
import type { Output } from '../../../core/output.js';
import { resolveProject } from '../../../core/resolve.js';
import { dateOption, projectNames, taskNames } from '../../shared.js';

export interface TimeListInput {
  /** Inclusive range; both default to today. */
  from?: string | undefined;
  to?: string | undefined;
  project?: string | undefined;
  source?: Source | undefined;
}

/** Lists the user's own time entries in a date range (today by default). */
export async function runTimeList(
  input: TimeListInput,
  deps: { client: Keito; clock: () => Date; out: Output },
): Promise<TimeEntry[]> {
  const { client, out } = deps;
  const today = localDate(deps.clock());
  const me = await client.users.me();
  const params: ListTimeEntriesParams = {
    user_id: me.id,
    from: input.from ?? input.to ?? today,
    to: input.to ?? input.from ?? today,
    limit: 200,
  };
  if (input.project) params.project_id = (await resolveProject(client, input.project)).id;
  if (input.source) params.source = input.source;
  const entries: TimeEntry[] = [];
  for await (const entry of client.timeEntries.list(params)) entries.push(entry);
  if (out.json) {
    out.result(entries, () => '');
    return entries;
  }
  if (entries.length === 0) {
    out.note(`No time entries from ${params.from} to ${params.to}.`);
    return entries;
  }
  const [projects, tasks] = await Promise.all([
    projectNames(client),
    taskNames(
      client,
      entries.map((e) => e.project_id),
    ),
  ]);
  const rows = entries.map((e) => [
    e.id,
    e.spent_date,
    projects.get(e.project_id) ?? e.project_id,
    e.task_id ? (tasks.get(e.task_id) ?? e.task_id) : '',
    `${formatHours(e.hours)}${e.is_running ? ' ⏱' : ''}`,
    e.source,
    e.notes ?? '',
  ]);
  out.line(out.table(['ID', 'DATE', 'PROJECT', 'TASK', 'HOURS', 'SOURCE', 'NOTES'], rows));
  if (out.isTTY && !out.quiet) {
    const total = entries.reduce((sum, e) => sum + e.hours, 0);
    out.line(out.dim(`Total: ${formatHours(total)} in ${entries.length} entries`));
  }
  return entries;
}

interface Flags {
  date?: string;
  from?: string;
  to?: string;
  project?: string;
  source?: string;
}

export function defineTimeList(parent: Command, io: Io): void {
  parent
    .command('list')
    .description('List time entries (today by default)')
    .option('--date <YYYY-MM-DD>', 'Entries of one date')
    .option('--from <YYYY-MM-DD>', 'Start of a date range')
    .option('--to <YYYY-MM-DD>', 'End of a date range')
    .option('--project <slug|id>', 'Only this project')
    .option('--source <source>', 'Only this source (web, cli, api, agent)')
    .action(async (flags: Flags, cmd: Command) => {
      const ctx = Context.of(io, cmd);
      const now = ctx.clock();
      if (flags.date && (flags.from || flags.to)) throw new UsageError('Use --date or --from/--to, not both');
      if (flags.source && !SOURCES.includes(flags.source as Source)) {
        throw new UsageError(`Invalid --source "${flags.source}". Choose one of: ${SOURCES.join(', ')}`);
      }
      const date = dateOption(flags.date, now);
      await runTimeList(
        {
          from: date ?? dateOption(flags.from, now, '--from'),
          to: date ?? dateOption(flags.to, now, '--to'),
          project: flags.project,
          source: flags.source as Source | undefined,
        },
        { client: await ctx.client(), clock: ctx.clock, out: ctx.out },
      );
    });
}
