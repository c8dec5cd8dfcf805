import type { ExpenseReport, ExpenseReportEntry, ExpenseReportGroup } from '@keito/sdk';
import { Box, Paper, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { PaperclipIcon } from '../../components/Icons.tsx';
import { useFormat } from '../../lib/format.ts';
import { workspaceQuery } from '../../queries.ts';
import { useReport, useReportEntries } from './data.ts';
import { AnchorLink } from './links.tsx';
import { ReportChart } from './ReportChart.tsx';
import { EXPENSE_FILTERS, ReportFilterBar } from './ReportFilterBar.tsx';
import {
  EmptyReport,
  EntriesPanel,
  EntryStates,
  MoneyLines,
  ReportStatus,
  ReportToolbar,
} from './ReportParts.tsx';
import { type ReportSearch, reportFilterParams, useReportFilters } from './search.ts';
import { ALL_ENTRIES, drillFilters, groupLines } from './summary.ts';

const GROUPS: { value: ExpenseReportGroup; label: string }[] = [
  { value: 'client', label: 'Client' },
  { value: 'project', label: 'Project' },
  { value: 'category', label: 'Category' },
  { value: 'person', label: 'Person' },
];

function groupOf(search: ReportSearch): ExpenseReportGroup {
  return GROUPS.find((group) => group.value === search.group_by)?.value ?? 'project';
}

type AmountField = 'total_amount' | 'billable_amount' | 'non_billable_amount' | 'uninvoiced_amount';
const COLUMNS: { field: AmountField; label: string }[] = [
  { field: 'total_amount', label: 'Total' },
  { field: 'billable_amount', label: 'Billable' },
  { field: 'non_billable_amount', label: 'Non-billable' },
  { field: 'uninvoiced_amount', label: 'Uninvoiced' },
];

/**
 * The expense report (reports/expense-reports.md): amounts grouped by client, project, category or
 * person, per currency, with the totals; a row opens its expenses with their receipts and states.
 */
export function ExpenseReportPage() {
  const { search, params } = useReportFilters(EXPENSE_FILTERS);
  const group = groupOf(search);
  const summaryParams = useMemo(() => {
    const query = new URLSearchParams(params);
    query.set('group_by', group);
    return query;
  }, [params, group]);
  const report = useReport<ExpenseReport>('/reports/expenses', summaryParams);
  const lines = useMemo(() => groupLines(report.data?.results ?? []), [report.data]);
  const drill = search.drill;
  const drillParams = useMemo(
    () =>
      drill === undefined || report.data === undefined
        ? null
        : reportFilterParams(drillFilters(search, group, drill, report.data), EXPENSE_FILTERS),
    [drill, report.data, search, group],
  );
  const title =
    drill === ALL_ENTRIES ? 'All expenses' : (lines.find((line) => line.id === drill)?.name ?? 'Expenses');

  return (
    <Stack>
      <ReportFilterBar filters={EXPENSE_FILTERS} range={report.data} />
      <ReportToolbar
        kind="expenses"
        exportKind="expenses"
        groups={GROUPS}
        group={group}
        filters={params}
        exportFilters={drillParams ?? params}
      />
      <ReportStatus query={report} label="Loading the report" />
      {drill !== undefined ? (
        <ExpenseEntries title={title} params={drillParams} />
      ) : (
        report.data && <ExpenseSummary report={report.data} stale={report.isPlaceholderData} />
      )}
    </Stack>
  );
}

function ExpenseSummary({ report, stale }: { report: ExpenseReport; stale: boolean }) {
  const format = useFormat();
  const workspace = useQuery(workspaceQuery);
  const lines = groupLines(report.results);
  if (lines.length === 0) return <EmptyReport what="expenses" />;
  // Bars of one currency, amounts in two never sharing an axis: the workspace's, else the first.
  const main =
    report.totals.amounts.find((amount) => amount.currency === workspace.data?.currency) ??
    report.totals.amounts[0];
  const chart = report.results
    .filter((row) => row.currency === main?.currency)
    .map((row) => ({ name: row.name, billable: row.billable_amount, non_billable: row.non_billable_amount }));
  const label = GROUPS.find((group) => group.value === report.group_by)?.label ?? '';
  return (
    <Stack opacity={stale ? 0.6 : 1} aria-busy={stale}>
      {main && (
        <Paper withBorder p="sm">
          <ReportChart
            label={`Expenses in ${main.currency} by ${label.toLowerCase()}`}
            data={chart}
            series={[
              { name: 'billable', label: `Billable (${main.currency})`, color: 'indigo.6' },
              { name: 'non_billable', label: `Non-billable (${main.currency})`, color: 'gray.5' },
            ]}
            valueFormatter={(value) => format.money(value, main.currency)}
          />
        </Paper>
      )}
      <Paper withBorder p="sm">
        <Table.ScrollContainer minWidth={640}>
          <Table aria-label="Expense summary" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{label}</Table.Th>
                {COLUMNS.map((column) => (
                  <Table.Th ta="right" key={column.field}>
                    {column.label}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lines.map((line) => (
                <Table.Tr key={line.id} data-testid="summary-row">
                  <Table.Td>
                    <AnchorLink
                      to="."
                      search={(previous: ReportSearch) => ({ ...previous, drill: line.id ?? undefined })}
                    >
                      {line.name}
                    </AnchorLink>
                  </Table.Td>
                  {COLUMNS.map((column) => (
                    <Table.Td ta="right" key={column.field}>
                      <MoneyLines amounts={line.rows.map((row) => [row[column.field], row.currency])} />
                    </Table.Td>
                  ))}
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
                    (every expense)
                  </AnchorLink>
                </Table.Td>
                {COLUMNS.map((column) => (
                  <Table.Td ta="right" key={column.field}>
                    <MoneyLines
                      amounts={report.totals.amounts.map((amount) => [amount[column.field], amount.currency])}
                    />
                  </Table.Td>
                ))}
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </Stack>
  );
}

/** The detailed expense report: every expense with its category, amount, receipt and states. */
function ExpenseEntries({ title, params }: { title: string; params: URLSearchParams | null }) {
  const format = useFormat();
  const entries = useReportEntries<ExpenseReportEntry>('/reports/expenses/entries', params);
  const rows = entries.data?.pages.flatMap((page) => page.data) ?? [];
  return (
    <EntriesPanel title={title} query={entries} count={rows.length}>
      <Table.ScrollContainer minWidth={820}>
        <Table aria-label="Expenses" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Date</Table.Th>
              <Table.Th>Person</Table.Th>
              <Table.Th>Client / project</Table.Th>
              <Table.Th>Category</Table.Th>
              <Table.Th>Notes</Table.Th>
              <Table.Th ta="right">Amount</Table.Th>
              <Table.Th>Receipt</Table.Th>
              <Table.Th>Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((expense) => (
              <Table.Tr key={expense.id} data-testid="entry-row">
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.date(expense.spent_date)}</Table.Td>
                <Table.Td>{expense.user_name}</Table.Td>
                <Table.Td>
                  <Text size="sm">{expense.project_name}</Text>
                  <Text size="xs" c="dimmed">
                    {expense.client_name}
                  </Text>
                </Table.Td>
                <Table.Td>{expense.category_name}</Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={2}>
                    {expense.notes}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  {format.money(expense.total_cost, expense.currency)}
                  {!expense.billable && (
                    <Text size="xs" c="dimmed">
                      non-billable
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {expense.has_receipt && (
                    <Box component="span" role="img" aria-label="Receipt attached" title="Receipt attached">
                      <PaperclipIcon />
                    </Box>
                  )}
                </Table.Td>
                <Table.Td>
                  <EntryStates
                    source={expense.source}
                    approval={expense.approval_status}
                    invoiced={expense.is_invoiced}
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
