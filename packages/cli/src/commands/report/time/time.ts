import type { Keito, ReportPeriod, Source, TimeReport, TimeReportGroup, TimeReportParams } from '@keito/sdk';
import type { Command } from 'commander';
import { SOURCES } from '../../../core/agent.js';
import { Context } from '../../../core/context.js';
import { UsageError } from '../../../core/errors.js';
import type { Io } from '../../../core/io.js';
import type { Output } from '../../../core/output.js';
import { resolveProject } from '../../../core/resolve.js';
import { dateOption } from '../../shared.js';

const GROUPS: readonly TimeReportGroup[] = [
  'client',
  'project',
  'task',
  'person',
  'role',
  'source',
  'day',
  'week',
  'month',
];
const PERIODS: readonly ReportPeriod[] = [
  'this_week',
  'last_week',
  'this_month',
  'last_month',
  'this_quarter',
  'this_year',
];

export interface ReportTimeInput {
  groupBy: TimeReportGroup;
  period?: ReportPeriod | undefined;
  from?: string | undefined;
  to?: string | undefined;
  project?: string | undefined;
  source?: Source | undefined;
  agentId?: string | undefined;
}

/** An amount the caller may not see is blank, as in the web app's report. */
const amount = (value: number | null) => (value === null ? '' : String(value));

/** Prints the time summary: one row per group and currency, then the totals on stderr. */
export async function runReportTime(
  input: ReportTimeInput,
  deps: { client: Keito; out: Output },
): Promise<TimeReport> {
  const { client, out } = deps;
  const params: TimeReportParams = { group_by: input.groupBy };
  if (input.period) params.period = input.period;
  if (input.from) params.from = input.from;
  if (input.to) params.to = input.to;
  if (input.project) params.project_id = (await resolveProject(client, input.project)).id;
  if (input.source) params.source = input.source;
  if (input.agentId) params.agent_id = input.agentId;
  const report = await client.reports.time(params);
  if (out.json) {
    out.result(report, () => '');
    return report;
  }
  const range = `${report.from ?? 'the start'} to ${report.to ?? 'today'}`;
  if (report.results.length === 0) {
    out.note(`No time from ${range}.`);
    return report;
  }
  const rows = report.results.map((row) => [
    row.name,
    String(row.total_hours),
    String(row.billable_hours),
    String(row.non_billable_hours),
    amount(row.billable_amount),
    amount(row.uninvoiced_amount),
    row.currency,
  ]);
  out.line(
    out.table(
      [input.groupBy.toUpperCase(), 'HOURS', 'BILLABLE', 'NON-BILLABLE', 'AMOUNT', 'UNINVOICED', 'CURRENCY'],
      rows,
    ),
  );
  const { totals } = report;
  const money = totals.amounts
    .filter((line) => line.billable_amount !== null)
    .map((line) => `${line.currency} ${line.billable_amount} billable, ${line.uninvoiced_amount} uninvoiced`);
  out.note(
    [`Total ${range}: ${totals.total_hours}h (${totals.billable_hours}h billable)`, ...money].join('; '),
  );
  return report;
}

interface Flags {
  groupBy: string;
  period?: string;
  from?: string;
  to?: string;
  project?: string;
  source?: string;
  agentId?: string;
}

export function defineReportTime(parent: Command, io: Io): void {
  parent
    .command('time')
    .description('Time summary: hours and amounts by client, project, task, person, role, source or date')
    .option('--group-by <group>', `Group by ${GROUPS.join(', ')}`, 'project')
    .option('--period <period>', `A preset in the workspace's time zone: ${PERIODS.join(', ')}`)
    .option('--from <YYYY-MM-DD>', 'Start of a date range')
    .option('--to <YYYY-MM-DD>', 'End of a date range')
    .option('--project <slug|id>', 'Only this project')
    .option('--source <source>', 'Only this source (web, cli, api, agent)')
    .option('--agent-id <id>', 'Only the work of this agent (metadata.agent_id)')
    .action(async (flags: Flags, cmd: Command) => {
      const ctx = Context.of(io, cmd);
      const now = ctx.clock();
      if (!GROUPS.includes(flags.groupBy as TimeReportGroup)) {
        throw new UsageError(`Invalid --group-by "${flags.groupBy}". Choose one of: ${GROUPS.join(', ')}`);
      }
      if (flags.period && !PERIODS.includes(flags.period as ReportPeriod)) {
        throw new UsageError(`Invalid --period "${flags.period}". Choose one of: ${PERIODS.join(', ')}`);
      }
      if (flags.period && (flags.from || flags.to))
        throw new UsageError('Use --period or --from/--to, not both');
      if (flags.source && !SOURCES.includes(flags.source as Source)) {
        throw new UsageError(`Invalid --source "${flags.source}". Choose one of: ${SOURCES.join(', ')}`);
      }
      await runReportTime(
        {
          groupBy: flags.groupBy as TimeReportGroup,
          period: flags.period as ReportPeriod | undefined,
          from: dateOption(flags.from, now, '--from'),
          to: dateOption(flags.to, now, '--to'),
          project: flags.project,
          source: flags.source as Source | undefined,
          agentId: flags.agentId,
        },
        { client: await ctx.client(), out: ctx.out },
      );
    });
}
