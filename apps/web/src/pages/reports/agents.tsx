import type { AgentMargin, AgentReport } from '@keito/sdk';
import { Anchor, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { type Format, useFormat } from '../../lib/format.ts';
import { sumAmounts } from '../../lib/money.ts';
import { AGENT_FILTERS, byCurrency, modelName } from './agents-data.ts';
import { useReport } from './data.ts';
import { ReportChart } from './ReportChart.tsx';
import { ReportFilterBar } from './ReportFilterBar.tsx';
import { EmptyReport, ReportStatus } from './ReportParts.tsx';
import { useReportFilters } from './search.ts';

const isEmpty = (report: AgentReport) =>
  report.by_project.length === 0 && report.llm_spend_by_project.length === 0 && report.margins.length === 0;

/** Reports → Agents: agent and human hours, models, LLM spend and what agent work earns. */
export function AgentReportPage() {
  const format = useFormat();
  const { params } = useReportFilters(AGENT_FILTERS);
  const report = useReport<AgentReport>('/reports/agents', params);
  return (
    <Stack>
      <Title order={3}>Agent activity</Title>
      <ReportFilterBar filters={AGENT_FILTERS} range={report.data} />
      <ReportStatus query={report} label="Loading the agent activity report" />
      {report.data !== undefined && isEmpty(report.data) && <EmptyReport what="agents" />}
      {report.data !== undefined && !isEmpty(report.data) && (
        <AgentFigures report={report.data} format={format} />
      )}
    </Stack>
  );
}

const percent = (value: number | null, format: Format) =>
  value === null ? '—' : `${format.number(value, 1)} %`;

/** A chart above its table, under one heading. */
function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="sm" component="section" aria-label={title}>
      <Stack gap="sm">
        <Title order={4}>{title}</Title>
        {children}
      </Stack>
    </Paper>
  );
}

/** The figures of the agent activity report: hours, models, LLM spend and margins. */
function AgentFigures({ report, format }: { report: AgentReport; format: Format }) {
  const { totals } = report;
  const all = totals.agent_hours + totals.human_hours;
  return (
    <>
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs" aria-label="Totals">
        <Paper withBorder p="xs">
          <Text size="xs" c="dimmed">
            Agent hours
          </Text>
          <Text fw={700} data-testid="agent-hours">
            {format.duration(totals.agent_hours)}
          </Text>
        </Paper>
        <Paper withBorder p="xs">
          <Text size="xs" c="dimmed">
            Human hours
          </Text>
          <Text fw={700} data-testid="human-hours">
            {format.duration(totals.human_hours)}
          </Text>
        </Paper>
        <Paper withBorder p="xs">
          <Text size="xs" c="dimmed">
            Done by agents
          </Text>
          <Text fw={700}>
            {/* A share for display; the hours above are the API's. */}
            {all === 0 ? '—' : `${format.number((totals.agent_hours / all) * 100, 1)} %`}
          </Text>
        </Paper>
      </SimpleGrid>
      <HoursByProject report={report} format={format} />
      <HoursByModel report={report} format={format} />
      <LlmSpend report={report} format={format} />
      <Margins margins={report.margins} format={format} />
    </>
  );
}

function HoursByProject({ report, format }: { report: AgentReport; format: Format }) {
  if (report.by_project.length === 0) return null;
  return (
    <Section title="Agent and human hours by project">
      <ReportChart
        label="Agent and human hours by project"
        data={report.by_project.map((row) => ({
          name: row.project_name,
          agent: row.agent_hours,
          human: row.human_hours,
        }))}
        series={[
          { name: 'agent', label: 'Agent hours', color: 'violet.8' },
          { name: 'human', label: 'Human hours', color: 'teal.8' },
        ]}
        valueFormatter={(value) => format.duration(value)}
      />
      <Table.ScrollContainer minWidth={480}>
        <Table aria-label="Hours by project">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Project</Table.Th>
              <Table.Th ta="right">Agent hours</Table.Th>
              <Table.Th ta="right">Human hours</Table.Th>
              <Table.Th ta="right">Agent share</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.by_project.map((row) => (
              <Table.Tr key={row.project_id}>
                <Table.Td>
                  <Anchor component={Link} to={`/projects/${row.project_id}`}>
                    {row.project_name}
                  </Anchor>
                </Table.Td>
                <Table.Td ta="right">{format.duration(row.agent_hours)}</Table.Td>
                <Table.Td ta="right">{format.duration(row.human_hours)}</Table.Td>
                <Table.Td ta="right">{percent(row.agent_percent, format)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Section>
  );
}

function HoursByModel({ report, format }: { report: AgentReport; format: Format }) {
  if (report.by_model.length === 0) return null;
  return (
    <Section title="Agent hours by model">
      <ReportChart
        label="Agent hours by model"
        data={report.by_model.map((row) => ({ name: modelName(row.model), hours: row.agent_hours }))}
        series={[{ name: 'hours', label: 'Agent hours', color: 'violet.8' }]}
        valueFormatter={(value) => format.duration(value)}
      />
      <Table aria-label="Agent hours by model">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Model</Table.Th>
            <Table.Th ta="right">Agent hours</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.by_model.map((row) => (
            <Table.Tr key={modelName(row.model)}>
              <Table.Td>{modelName(row.model)}</Table.Td>
              <Table.Td ta="right">{format.duration(row.agent_hours)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Section>
  );
}

/** LLM Usage expenses by project and by model, a chart and a total per currency. */
function LlmSpend({ report, format }: { report: AgentReport; format: Format }) {
  if (report.llm_spend_by_project.length === 0 && report.llm_spend_by_model.length === 0) return null;
  return (
    <Section title="LLM spend">
      {byCurrency(report.llm_spend_by_model).map(([currency, rows]) => (
        <ReportChart
          key={currency}
          label={`LLM spend by model (${currency})`}
          data={rows.map((row) => ({ name: modelName(row.model), amount: row.amount }))}
          series={[{ name: 'amount', label: `LLM spend (${currency})`, color: 'orange.9' }]}
          // The bar's length is drawn from the number; its label is the server's amount, formatted.
          valueFormatter={(value) => format.money(value, currency)}
        />
      ))}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" style={{ alignItems: 'start' }}>
        <Table aria-label="LLM spend by project">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Project</Table.Th>
              <Table.Th ta="right">LLM spend</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.llm_spend_by_project.map((row) => (
              <Table.Tr key={`${row.project_id}-${row.currency}`}>
                <Table.Td>{row.project_name}</Table.Td>
                <Table.Td ta="right">{format.money(row.amount, row.currency)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <SpendTotals rows={report.llm_spend_by_project} format={format} />
        </Table>
        <Table aria-label="LLM spend by model">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Model</Table.Th>
              <Table.Th ta="right">LLM spend</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.llm_spend_by_model.map((row) => (
              <Table.Tr key={`${modelName(row.model)}-${row.currency}`}>
                <Table.Td>{modelName(row.model)}</Table.Td>
                <Table.Td ta="right">{format.money(row.amount, row.currency)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <SpendTotals rows={report.llm_spend_by_model} format={format} />
        </Table>
      </SimpleGrid>
    </Section>
  );
}

/** A total line per currency: exact sums of the rows' amounts (big.js). */
function SpendTotals({ rows, format }: { rows: { currency: string; amount: number }[]; format: Format }) {
  return (
    <Table.Tfoot>
      {byCurrency(rows).map(([currency, ofCurrency]) => (
        <Table.Tr key={currency}>
          <Table.Th>Total</Table.Th>
          <Table.Th ta="right">
            {format.money(sumAmounts(ofCurrency.map((row) => row.amount)), currency)}
          </Table.Th>
        </Table.Tr>
      ))}
    </Table.Tfoot>
  );
}

/** A column's exact total, or null ("—") when the caller may not see one of its amounts. */
function columnTotal(rows: AgentMargin[], column: 'billable_amount' | 'time_cost' | 'llm_cost' | 'margin') {
  const values = rows.map((row) => row[column]);
  return values.some((value) => value === null) ? null : sumAmounts(values as number[]);
}

/** The agent margin per agent and project: billable amount − time cost − LLM cost. */
function Margins({ margins, format }: { margins: AgentMargin[]; format: Format }) {
  if (margins.length === 0) return null;
  const hidden = margins.some((row) => row.billable_amount === null || row.margin === null);
  const columns = ['billable_amount', 'time_cost', 'llm_cost', 'margin'] as const;
  return (
    <Section title="Agent margin">
      {hidden && (
        <Text size="sm" c="dimmed">
          Amounts behind rates you may not see are shown as —.
        </Text>
      )}
      {/* Nothing in the table takes focus: the scrolled area does, so a keyboard can scroll it. */}
      <Table.ScrollContainer minWidth={760} scrollAreaProps={{ viewportProps: { tabIndex: 0 } }}>
        <Table aria-label="Agent margin by agent and project">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Agent</Table.Th>
              <Table.Th>Project</Table.Th>
              <Table.Th ta="right">Hours</Table.Th>
              <Table.Th ta="right">Billable amount</Table.Th>
              <Table.Th ta="right">Time cost</Table.Th>
              <Table.Th ta="right">LLM cost</Table.Th>
              <Table.Th ta="right">Margin</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {margins.map((row) => (
              <Table.Tr key={`${row.agent_id}-${row.project_id}-${row.currency}`}>
                <Table.Td>{row.agent_name}</Table.Td>
                <Table.Td>{row.project_name}</Table.Td>
                <Table.Td ta="right">{format.duration(row.hours)}</Table.Td>
                <Table.Td ta="right">{format.money(row.billable_amount, row.currency)}</Table.Td>
                <Table.Td ta="right">{format.money(row.time_cost, row.currency)}</Table.Td>
                <Table.Td ta="right">{format.money(row.llm_cost, row.currency)}</Table.Td>
                <Table.Td ta="right" fw={600} c={row.margin !== null && row.margin < 0 ? 'red.9' : undefined}>
                  {format.money(row.margin, row.currency)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            {byCurrency(margins).map(([currency, rows]) => (
              <Table.Tr key={currency}>
                <Table.Th colSpan={2}>Total ({currency})</Table.Th>
                <Table.Th ta="right">
                  {format.duration(Number(sumAmounts(rows.map((row) => row.hours))))}
                </Table.Th>
                {columns.map((column) => (
                  <Table.Th key={column} ta="right">
                    {format.money(columnTotal(rows, column), currency)}
                  </Table.Th>
                ))}
              </Table.Tr>
            ))}
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
    </Section>
  );
}
