import type { TimeReport, TimeReportEntry, TimeReportGroup } from '@keito/sdk';
import { Paper, Stack, Table, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useFormat } from '../../lib/format.ts';
import { useReport, useReportEntries } from './data.ts';
import { AnchorLink } from './links.tsx';
import { ReportChart } from './ReportChart.tsx';
import { ReportFilterBar, TIME_FILTERS } from './ReportFilterBar.tsx';
import {
  EmptyReport,
  EntriesPanel,
  EntryStates,
  MoneyLines,
  ReportStatus,
  ReportToolbar,
} from './ReportParts.tsx';
import { type ReportSearch, reportFilterParams, useReportFilters } from './search.ts';
import { ALL_ENTRIES, drillFilters, type GroupLine, groupLines, groupName, sumHours } from './summary.ts';

const GROUPS: { value: TimeReportGroup; label: string }[] = [
  { value: 'client', label: 'Client' },
  { value: 'project', label: 'Project' },
  { value: 'task', label: 'Task' },
  { value: 'person', label: 'Person' },
  { value: 'role', label: 'Business role' },
  { value: 'source', label: 'Source' },
  { value: 'day', label: 'Day' },
  { value: 'week', label: 'Week' },
  { value: 'month', label: 'Month' },
];

const DATED: TimeReportGroup[] = ['day', 'week', 'month'];

/** The grouping the URL names, the API's default (project) otherwise. */
function groupOf(search: ReportSearch): TimeReportGroup {
  return GROUPS.find((group) => group.value === search.group_by)?.value ?? 'project';
}

type TimeLine = GroupLine<TimeReport['results'][number]>;

/**
 * The time report (reports/time-reports.md): a summary grouped by client, project, task, person,
 * role, source or date, as a chart and a table with totals; a row opens its entries below the
 * filters (`drill` in the URL), a page at a time.
 */
export function TimeReportPage() {
  const format = useFormat();
  const { search, params } = useReportFilters(TIME_FILTERS);
  const group = groupOf(search);
  const summaryParams = useMemo(() => {
    const query = new URLSearchParams(params);
    query.set('group_by', group);
    return query;
  }, [params, group]);
  const report = useReport<TimeReport>('/reports/time', summaryParams);
  const lines = useMemo(() => groupLines(report.data?.results ?? []), [report.data]);
  const drill = search.drill;
  const drillParams = useMemo(
    () =>
      drill === undefined || report.data === undefined
        ? null
        : reportFilterParams(drillFilters(search, group, drill, report.data), TIME_FILTERS),
    [drill, report.data, search, group],
  );
  const drilled = drill === ALL_ENTRIES ? 'All entries' : lines.find((line) => line.id === drill);

  return (
    <Stack>
      <ReportFilterBar filters={TIME_FILTERS} range={report.data} />
      <ReportToolbar
        kind="time"
        exportKind="time-entries"
        groups={GROUPS}
        group={group}
        filters={params}
        exportFilters={drillParams ?? params}
      />
      <ReportStatus query={report} label="Loading the report" />
      {drill !== undefined ? (
        <TimeEntries
          title={
            typeof drilled === 'string' ? drilled : drilled ? groupName(group, drilled, format) : 'Entries'
          }
          params={drillParams}
        />
      ) : (
        report.data && <TimeSummary report={report.data} lines={lines} stale={report.isPlaceholderData} />
      )}
    </Stack>
  );
}

function TimeSummary({ report, lines, stale }: { report: TimeReport; lines: TimeLine[]; stale: boolean }) {
  const format = useFormat();
  if (lines.length === 0) return <EmptyReport what="time" />;
  // Amounts are null throughout for someone who may not see the rates: the columns go.
  const showAmounts = report.totals.amounts.some((amount) => amount.billable_amount !== null);
  const named = lines.map((line) => ({ line, name: groupName(report.group_by, line, format) }));
  const dated = DATED.includes(report.group_by);
  const chart = named.map(({ line, name }) => ({
    name,
    billable: sumHours(line.rows, 'billable_hours'),
    non_billable: sumHours(line.rows, 'non_billable_hours'),
  }));
  return (
    <Stack opacity={stale ? 0.6 : 1} aria-busy={stale}>
      <Paper withBorder p="sm">
        <ReportChart
          label={`Hours by ${GROUPS.find((group) => group.value === report.group_by)?.label.toLowerCase()}`}
          data={
            dated
              ? chart
              : [...chart].sort((a, b) => b.billable + b.non_billable - (a.billable + a.non_billable))
          }
          timeline={dated}
          series={[
            { name: 'billable', label: 'Billable', color: 'indigo.6' },
            { name: 'non_billable', label: 'Non-billable', color: 'gray.5' },
          ]}
          valueFormatter={(value) => format.duration(value)}
        />
      </Paper>
      <Paper withBorder p="sm">
        <Table.ScrollContainer minWidth={showAmounts ? 760 : 480}>
          <Table aria-label="Time summary" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{GROUPS.find((group) => group.value === report.group_by)?.label}</Table.Th>
                <Table.Th ta="right">Hours</Table.Th>
                <Table.Th ta="right">Billable hours</Table.Th>
                <Table.Th ta="right">Non-billable hours</Table.Th>
                {showAmounts && <Table.Th ta="right">Billable amount</Table.Th>}
                {showAmounts && <Table.Th ta="right">Uninvoiced amount</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {named.map(({ line, name }) => (
                <Table.Tr key={line.id ?? 'none'} data-testid="summary-row">
                  <Table.Td>
                    {line.id === null ? (
                      name
                    ) : (
                      <AnchorLink
                        to="."
                        search={(previous: ReportSearch) => ({ ...previous, drill: line.id ?? undefined })}
                      >
                        {name}
                      </AnchorLink>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{format.duration(sumHours(line.rows, 'total_hours'))}</Table.Td>
                  <Table.Td ta="right">{format.duration(sumHours(line.rows, 'billable_hours'))}</Table.Td>
                  <Table.Td ta="right">{format.duration(sumHours(line.rows, 'non_billable_hours'))}</Table.Td>
                  {showAmounts && (
                    <Table.Td ta="right">
                      <MoneyLines amounts={line.rows.map((row) => [row.billable_amount, row.currency])} />
                    </Table.Td>
                  )}
                  {showAmounts && (
                    <Table.Td ta="right">
                      <MoneyLines amounts={line.rows.map((row) => [row.uninvoiced_amount, row.currency])} />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr fw={700} data-testid="summary-totals">
                <Table.Td>
                  Total{' '}
                  <AnchorLink
                    to="."
                    search={(previous: ReportSearch) => ({ ...previous, drill: ALL_ENTRIES })}
                    fw={400}
                    size="sm"
                  >
                    (every entry)
                  </AnchorLink>
                </Table.Td>
                <Table.Td ta="right">{format.duration(report.totals.total_hours)}</Table.Td>
                <Table.Td ta="right">{format.duration(report.totals.billable_hours)}</Table.Td>
                <Table.Td ta="right">{format.duration(report.totals.non_billable_hours)}</Table.Td>
                {showAmounts && (
                  <Table.Td ta="right">
                    <MoneyLines
                      amounts={report.totals.amounts.map((amount) => [
                        amount.billable_amount,
                        amount.currency,
                      ])}
                    />
                  </Table.Td>
                )}
                {showAmounts && (
                  <Table.Td ta="right">
                    <MoneyLines
                      amounts={report.totals.amounts.map((amount) => [
                        amount.uninvoiced_amount,
                        amount.currency,
                      ])}
                    />
                  </Table.Td>
                )}
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </Stack>
  );
}

/** The detailed report of one summary row (or of every entry): date, person, project, hours, amount, states. */
function TimeEntries({ title, params }: { title: string; params: URLSearchParams | null }) {
  const format = useFormat();
  const entries = useReportEntries<TimeReportEntry>('/reports/time/entries', params);
  const rows = entries.data?.pages.flatMap((page) => page.data) ?? [];
  const showAmounts = rows.some((entry) => entry.billable_amount !== null);
  return (
    <EntriesPanel title={title} query={entries} count={rows.length}>
      <Table.ScrollContainer minWidth={820}>
        <Table aria-label="Time entries" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Date</Table.Th>
              <Table.Th>Person</Table.Th>
              <Table.Th>Client / project</Table.Th>
              <Table.Th>Task</Table.Th>
              <Table.Th>Notes</Table.Th>
              <Table.Th ta="right">Hours</Table.Th>
              {showAmounts && <Table.Th ta="right">Amount</Table.Th>}
              <Table.Th>Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((entry) => (
              <Table.Tr key={entry.id} data-testid="entry-row">
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.date(entry.spent_date)}</Table.Td>
                <Table.Td>{entry.user_name}</Table.Td>
                <Table.Td>
                  <Text size="sm">{entry.project_name}</Text>
                  <Text size="xs" c="dimmed">
                    {entry.client_name}
                  </Text>
                </Table.Td>
                <Table.Td>{entry.task_name ?? '—'}</Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={2}>
                    {entry.notes}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  {format.duration(entry.hours)}
                  {!entry.is_billable && (
                    <Text size="xs" c="dimmed">
                      non-billable
                    </Text>
                  )}
                </Table.Td>
                {showAmounts && (
                  <Table.Td ta="right">
                    {entry.is_billable ? format.money(entry.billable_amount, entry.currency) : '—'}
                  </Table.Td>
                )}
                <Table.Td>
                  <EntryStates
                    source={entry.source}
                    approval={entry.approval_status}
                    invoiced={entry.is_invoiced}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </EntriesPanel>
  );
}
