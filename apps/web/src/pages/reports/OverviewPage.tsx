import type { TimeReport, TimeReportGroup } from '@keito/sdk';
import { Alert, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import Big from 'big.js';
import { type ReactNode, useMemo } from 'react';
import { errorMessage } from '../../api.ts';
import { useFormat } from '../../lib/format.ts';
import { useReport } from './data.ts';
import { ButtonLink } from './links.tsx';
import { ReportChart } from './ReportChart.tsx';
import { ReportFilterBar } from './ReportFilterBar.tsx';
import { EmptyReport, MoneyLines } from './ReportParts.tsx';
import { type FilterKey, type ReportSearch, useReportFilters } from './search.ts';
import { groupLines, sumHours } from './summary.ts';

const PERIOD_ONLY: readonly FilterKey[] = ['period'];

function useGrouped(params: URLSearchParams, group: TimeReportGroup) {
  const query = useMemo(() => {
    const grouped = new URLSearchParams(params);
    grouped.set('group_by', group);
    return grouped;
  }, [params, group]);
  return useReport<TimeReport>('/reports/time', query);
}

/** Exact hours as a share of the total, in whole percent. */
function percent(part: number, whole: number): string {
  if (whole === 0) return '—';
  return `${new Big(String(part)).times(100).div(String(whole)).round(0).toFixed()} %`;
}

/**
 * Where the time went (the administrator's home, docs/decisions/0060-administrator-home.md): the
 * period's hours, billable share and agent hours, and hours by project and by person, each a link
 * into the time report. Everyone may open it; each sees what their role lets the reports show.
 */
export function ReportsOverviewPage() {
  const format = useFormat();
  const { params } = useReportFilters(PERIOD_ONLY);
  const byProject = useGrouped(params, 'project');
  const byPerson = useGrouped(params, 'person');
  const bySource = useGrouped(params, 'source');
  const totals = byProject.data?.totals;
  const agentHours = sumHours(
    (bySource.data?.results ?? []).filter((row) => row.id === 'agent'),
    'total_hours',
  );
  const showAmounts = totals?.amounts.some((amount) => amount.billable_amount !== null) ?? false;
  const chartOf = (report: TimeReport | undefined) =>
    groupLines(report?.results ?? [])
      .map((line) => ({
        name: line.name,
        billable: sumHours(line.rows, 'billable_hours'),
        non_billable: sumHours(line.rows, 'non_billable_hours'),
      }))
      .sort((a, b) => b.billable + b.non_billable - (a.billable + a.non_billable));
  const series = [
    { name: 'billable', label: 'Billable', color: 'indigo.6' },
    { name: 'non_billable', label: 'Non-billable', color: 'gray.5' },
  ];
  const openReport = (group: TimeReportGroup) => (previous: ReportSearch) => ({
    ...(previous.period === undefined ? {} : { period: previous.period }),
    ...(previous.from === undefined ? {} : { from: previous.from, to: previous.to }),
    group_by: group,
  });
  const error = byProject.error ?? byPerson.error ?? bySource.error;

  return (
    <Stack>
      <ReportFilterBar filters={PERIOD_ONLY} range={byProject.data} />
      {error && (
        <Alert color="red" role="alert">
          {errorMessage(error)}
        </Alert>
      )}
      {byProject.isPending && <Loader aria-label="Loading the overview" />}
      {totals && totals.total_hours === 0 && <EmptyReport what="time" filtered={false} />}
      {totals && totals.total_hours > 0 && (
        <>
          <SimpleGrid cols={{ base: 2, sm: showAmounts ? 4 : 3 }} spacing="xs" aria-label="At a glance">
            <Stat label="Hours tracked" testId="overview-hours">
              {format.duration(totals.total_hours)} h
            </Stat>
            <Stat label="Billable" testId="overview-billable-share">
              {percent(totals.billable_hours, totals.total_hours)}
              <Text span size="sm" c="dimmed">
                {' '}
                ({format.duration(totals.billable_hours)} h)
              </Text>
            </Stat>
            <Stat label="By agents" testId="overview-agent-hours">
              {format.duration(agentHours)} h
              <Text span size="sm" c="dimmed">
                {' '}
                ({percent(agentHours, totals.total_hours)})
              </Text>
            </Stat>
            {showAmounts && (
              <Stat label="Billable amount" testId="overview-amount">
                <MoneyLines
                  amounts={totals.amounts.map((amount) => [amount.billable_amount, amount.currency])}
                />
              </Stat>
            )}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            {(
              [
                ['project', 'Hours by project', byProject.data],
                ['person', 'Hours by person', byPerson.data],
              ] as const
            ).map(([group, title, report]) => (
              <Paper withBorder p="sm" key={group} component="section" aria-label={title}>
                <Group justify="space-between" mb="xs">
                  <Title order={3} size="h5">
                    {title}
                  </Title>
                  <ButtonLink
                    to="/reports/time"
                    search={openReport(group)}
                    variant="subtle"
                    size="compact-sm"
                  >
                    Open report
                  </ButtonLink>
                </Group>
                <ReportChart
                  label={title}
                  data={chartOf(report)}
                  series={series}
                  valueFormatter={(value) => format.duration(value)}
                />
              </Paper>
            ))}
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}

function Stat({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <Paper withBorder p="xs">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg" data-testid={testId} component="div">
        {children}
      </Text>
    </Paper>
  );
}
