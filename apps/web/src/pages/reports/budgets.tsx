import type { BudgetItem, BudgetReport, BudgetReportRow, BudgetStatus } from '@keito/sdk';
import {
  Anchor,
  Button,
  Chip,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { Link, useSearch } from '@tanstack/react-router';
import { Fragment, type ReactNode, useState } from 'react';
import { type Format, useFormat } from '../../lib/format.ts';
import { BudgetBar, BudgetStatusBadge, budgetFigure } from '../projects/BudgetProgress.tsx';
import { useClients, useProjects } from '../time/data.ts';
import { BUDGET_TYPE_LABELS, type BudgetSearch, budgetReportParams, STATUS_FILTERS } from './budgets-data.ts';
import { useReport } from './data.ts';
import { ReportChart } from './ReportChart.tsx';
import { EmptyReport, ReportStatus } from './ReportParts.tsx';
import { useUpdateReportSearch } from './search.ts';

/** Reports → Budgets: every budgeted project the person may see, how much is used and what is left. */
export function BudgetsReportPage() {
  const format = useFormat();
  const search: BudgetSearch = useSearch({ from: '/app/reports/budgets' });
  const report = useReport<BudgetReport>('/reports/budgets', budgetReportParams(search));
  const clients = useClients();
  const projects = useProjects();

  const update = useUpdateReportSearch();
  const set = (name: keyof BudgetSearch) => (value: string | null) => update({ [name]: value ?? undefined });

  return (
    <Stack>
      <Title order={3}>Budgets</Title>
      <Paper withBorder p="sm" component="section" aria-label="Filters">
        <Stack gap="xs">
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="xs">
            {clients.isSuccess && (
              <Select
                label="Client"
                placeholder="All clients"
                clearable
                searchable
                data={clients.data.map((client) => ({ value: client.id, label: client.name }))}
                value={search.client_id ?? null}
                onChange={set('client_id')}
              />
            )}
            {projects.isSuccess && (
              <Select
                label="Project"
                placeholder="All projects"
                clearable
                searchable
                data={projects.data.map((project) => ({ value: project.id, label: project.name }))}
                value={search.project_id ?? null}
                onChange={set('project_id')}
              />
            )}
            <TextInput
              type="month"
              label="Month of monthly budgets"
              description="This month when empty"
              value={search.month ?? ''}
              onChange={(event) => set('month')(event.currentTarget.value)}
            />
            <Switch
              mt="lg"
              label="Include archived projects"
              checked={search.include_archived === 'true'}
              onChange={(event) => set('include_archived')(event.currentTarget.checked ? 'true' : null)}
            />
          </SimpleGrid>
          <Chip.Group
            value={search.status ?? 'all'}
            onChange={(value) => {
              const status = Array.isArray(value) ? value[0] : value;
              set('status')(status === 'all' ? null : (status ?? null));
            }}
          >
            <Group gap="xs" role="radiogroup" aria-label="Status">
              {STATUS_FILTERS.map((filter) => (
                <Chip key={filter.value} value={filter.value} size="sm" type="radio">
                  {filter.label}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        </Stack>
      </Paper>
      <ReportStatus query={report} label="Loading the budget report" />
      {report.data?.results.length === 0 && <EmptyReport what="budgets" />}
      {report.data !== undefined && report.data.results.length > 0 && (
        <>
          <BudgetTotals totals={report.data.totals} format={format} />
          <BudgetChart rows={report.data.results} format={format} />
          <BudgetTable rows={report.data.results} format={format} />
        </>
      )}
    </Stack>
  );
}

function Figure({ label, children, testId }: { label: string; children: ReactNode; testId: string }) {
  return (
    <Paper withBorder p="xs" data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      {children}
    </Paper>
  );
}

/** What is left of a budget, or by how much it is over ("£50.00 over" reads better than "-£50.00 remaining"). */
function Remaining({ remaining, show }: { remaining: number; show: (value: number) => string }) {
  return remaining < 0 ? (
    <Text size="sm" c="red.9">
      {show(-remaining)} over
    </Text>
  ) : (
    <Text size="sm">{show(remaining)} remaining</Text>
  );
}

/** How many budgets are in each state, and the hour and fee budgets added up (fees per currency). */
function BudgetTotals({ totals, format }: { totals: BudgetReport['totals']; format: Format }) {
  const counts: [BudgetStatus, number][] = [
    ['on_track', totals.on_track],
    ['warning', totals.warning],
    ['over', totals.over],
  ];
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="xs" aria-label="Totals">
      <Figure label="Budgets" testId="budget-counts">
        <Text fw={700}>{totals.projects}</Text>
        <Group gap="xs">
          {counts.map(([status, count]) => (
            <Group key={status} gap={4} wrap="nowrap">
              <BudgetStatusBadge status={status} />
              <Text size="sm">{count}</Text>
            </Group>
          ))}
        </Group>
      </Figure>
      {totals.hours.budget > 0 && (
        <Figure label="Hour budgets" testId="budget-hours">
          <Text fw={700}>
            {format.hours(totals.hours.spent)} of {format.hours(totals.hours.budget)}
          </Text>
          <Remaining remaining={totals.hours.remaining} show={format.hours} />
        </Figure>
      )}
      {totals.fees.map((fee) => (
        <Figure
          key={fee.currency}
          label={`Fee budgets (${fee.currency})`}
          testId={`budget-fees-${fee.currency}`}
        >
          <Text fw={700}>
            {format.money(fee.spent, fee.currency)} of {format.money(fee.budget, fee.currency)}
          </Text>
          <Remaining remaining={fee.remaining} show={(amount) => format.money(amount, fee.currency)} />
        </Figure>
      ))}
    </SimpleGrid>
  );
}

/** % used per project, against the 100 % line; the table below has the figures. */
function BudgetChart({ rows, format }: { rows: BudgetReportRow[]; format: Format }) {
  // A budget of zero has no percentage to draw.
  const data = rows.flatMap((row) =>
    row.percent_used === null ? [] : [{ name: row.project_name, used: row.percent_used }],
  );
  if (data.length === 0) return null;
  return (
    <Paper withBorder p="sm">
      <Text size="sm" fw={500} mb="xs">
        Budget used
      </Text>
      <ReportChart
        label="Budget used per project"
        data={data}
        series={[{ name: 'used', label: '% used', color: 'indigo.7' }]}
        valueFormatter={(value) => `${format.number(value, 1)} %`}
        referenceLines={[{ x: 100, color: 'red.9', label: '100 %' }]}
      />
    </Paper>
  );
}

type Usage = Pick<BudgetItem, 'budget' | 'spent' | 'remaining' | 'percent_used' | 'status'>;

/** Budget, spent, remaining and % used of a project's budget or of one task's or person's part. */
function UsageCells({
  usage,
  unit,
  name,
  format,
}: {
  usage: Usage;
  unit: string;
  name: string;
  format: Format;
}) {
  return (
    <>
      <Table.Td ta="right">{budgetFigure(usage.budget, unit, format)}</Table.Td>
      <Table.Td ta="right">{budgetFigure(usage.spent, unit, format)}</Table.Td>
      <Table.Td ta="right" c={usage.remaining !== null && usage.remaining < 0 ? 'red.9' : undefined}>
        {budgetFigure(usage.remaining, unit, format)}
      </Table.Td>
      <Table.Td>
        <Stack gap={2}>
          <Text size="sm">
            {usage.percent_used === null ? '—' : `${format.number(usage.percent_used, 1)} %`}
          </Text>
          <BudgetBar usage={usage} label={`Budget used on ${name}`} />
        </Stack>
      </Table.Td>
    </>
  );
}

function BudgetTable({ rows, format }: { rows: BudgetReportRow[]; format: Format }) {
  // Projects budgeted per task or per person whose parts are open below them.
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (projectId: string) =>
    setOpen((previous) => {
      const next = new Set(previous);
      if (!next.delete(projectId)) next.add(projectId);
      return next;
    });
  return (
    <Paper withBorder p="sm">
      <Table.ScrollContainer minWidth={860}>
        <Table aria-label="Budgets" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Project</Table.Th>
              <Table.Th>Budget type</Table.Th>
              <Table.Th ta="right">Budget</Table.Th>
              <Table.Th ta="right">Spent</Table.Th>
              <Table.Th ta="right">Remaining</Table.Th>
              <Table.Th miw={160}>% used</Table.Th>
              <Table.Th>Monthly</Table.Th>
              <Table.Th>Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Fragment key={row.project_id}>
                <Table.Tr>
                  <Table.Td>
                    <Anchor component={Link} to={`/projects/${row.project_id}`}>
                      {row.project_name}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {row.client_name}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {BUDGET_TYPE_LABELS[row.budget_type]}
                    {row.items.length > 0 && (
                      <Button
                        variant="subtle"
                        color="dark"
                        size="compact-xs"
                        display="block"
                        aria-expanded={open.has(row.project_id)}
                        onClick={() => toggle(row.project_id)}
                      >
                        {open.has(row.project_id) ? 'Hide' : 'Show'}{' '}
                        {row.budget_type === 'task' ? 'tasks' : 'people'} ({row.items.length})
                      </Button>
                    )}
                  </Table.Td>
                  <UsageCells usage={row} unit={row.unit} name={row.project_name} format={format} />
                  <Table.Td>
                    {row.is_monthly ? 'Yes' : 'No'}
                    {row.is_monthly && row.period_from !== null && row.period_to !== null && (
                      <Text size="xs" c="dimmed">
                        {format.date(row.period_from)} – {format.date(row.period_to)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <BudgetStatusBadge status={row.status} />
                  </Table.Td>
                </Table.Tr>
                {open.has(row.project_id) &&
                  row.items.map((item) => (
                    <Table.Tr key={`${item.kind}-${item.id}`} bg="gray.0">
                      <Table.Td pl="lg">{item.name}</Table.Td>
                      <Table.Td>{item.kind === 'task' ? 'Task' : 'Person'}</Table.Td>
                      <UsageCells usage={item} unit={row.unit} name={item.name} format={format} />
                      <Table.Td />
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <BudgetStatusBadge status={item.status} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
              </Fragment>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
