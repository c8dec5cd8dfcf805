import type { UtilisationBand, UtilisationReport, UtilisationRow } from '@keito/sdk';
import { Badge, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { type Format, useFormat } from '../../lib/format.ts';
import { useReport } from './data.ts';
import { ReportChart } from './ReportChart.tsx';
import { ReportFilterBar } from './ReportFilterBar.tsx';
import { EmptyReport, ReportStatus } from './ReportParts.tsx';
import { useReportFilters } from './search.ts';
import { BANDS, UTILISATION_FILTERS } from './utilisation-data.ts';

/** Reports → Utilisation: each person's tracked and billable hours against their capacity. */
export function UtilisationReportPage() {
  const format = useFormat();
  const { params } = useReportFilters(UTILISATION_FILTERS);
  const report = useReport<UtilisationReport>('/reports/utilisation', params);
  return (
    <Stack>
      <Title order={3}>Utilisation</Title>
      <ReportFilterBar filters={UTILISATION_FILTERS} range={report.data} />
      <ReportStatus query={report} label="Loading the utilisation report" />
      {report.data?.results.length === 0 && <EmptyReport what="utilisation" />}
      {report.data !== undefined && report.data.results.length > 0 && (
        <UtilisationFigures report={report.data} format={format} />
      )}
    </Stack>
  );
}

const percent = (value: number | null, format: Format) =>
  value === null ? '—' : `${format.number(value, 1)} %`;

function BandBadge({ band }: { band: UtilisationBand }) {
  return (
    <Badge color={BANDS[band].color} variant="dot">
      {BANDS[band].label}
    </Badge>
  );
}

/** "+4.00 over" / "6.00 under": tracked hours against capacity, in the workspace's duration style. */
function difference(hours: number, format: Format) {
  if (hours === 0) return 'At capacity';
  return `${format.duration(Math.abs(hours))} ${hours > 0 ? 'over' : 'under'}`;
}

/** The figures of a utilisation report: totals, a chart per person and the table. */
function UtilisationFigures({ report, format }: { report: UtilisationReport; format: Format }) {
  const { totals } = report;
  const figures: [string, string][] = [
    ['Capacity', format.duration(totals.capacity_hours)],
    ['Tracked', format.duration(totals.tracked_hours)],
    ['Billable', format.duration(totals.billable_hours)],
    ['Utilisation', percent(totals.utilisation_percent, format)],
    ['Billable utilisation', percent(totals.billable_utilisation_percent, format)],
  ];
  return (
    <>
      <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="xs" aria-label="Totals">
        {figures.map(([label, value]) => (
          <Paper withBorder p="xs" key={label}>
            <Text size="xs" c="dimmed">
              {label}
            </Text>
            <Text fw={700} data-testid={`utilisation-total-${label.toLowerCase().replace(' ', '-')}`}>
              {value}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <UtilisationChart rows={report.results} format={format} />
      <UtilisationTable rows={report.results} format={format} />
    </>
  );
}

/**
 * Each person's utilisation as billable and non-billable parts (together their utilisation), read
 * against the spec's 70 % (below: under-used) and 100 % (capacity) marks.
 */
function UtilisationChart({ rows, format }: { rows: UtilisationRow[]; format: Format }) {
  const data = rows.flatMap((row) =>
    row.utilisation_percent === null || row.billable_utilisation_percent === null
      ? []
      : [
          {
            name: row.name,
            billable: row.billable_utilisation_percent,
            // The bar's other part; the exact figures are the table's.
            non_billable: row.utilisation_percent - row.billable_utilisation_percent,
          },
        ],
  );
  if (data.length === 0) return null;
  return (
    <Paper withBorder p="sm">
      <Text size="sm" fw={500} mb="xs">
        Utilisation per person
      </Text>
      <ReportChart
        label="Utilisation per person"
        data={data}
        series={[
          { name: 'billable', label: 'Billable', color: 'teal.8' },
          { name: 'non_billable', label: 'Non-billable', color: 'gray.6' },
        ]}
        valueFormatter={(value) => `${format.number(value, 1)} %`}
        referenceLines={[
          { x: 70, color: 'yellow.9', label: '70 %' },
          { x: 100, color: 'red.9', label: 'Capacity' },
        ]}
      />
    </Paper>
  );
}

function UtilisationTable({ rows, format }: { rows: UtilisationRow[]; format: Format }) {
  return (
    <Paper withBorder p="sm">
      {/* Nothing in the table takes focus: the scrolled area does, so a keyboard can scroll it. */}
      <Table.ScrollContainer minWidth={900} scrollAreaProps={{ viewportProps: { tabIndex: 0 } }}>
        <Table aria-label="Utilisation" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Person</Table.Th>
              <Table.Th ta="right">Weekly capacity</Table.Th>
              <Table.Th ta="right">Capacity</Table.Th>
              <Table.Th ta="right">Tracked</Table.Th>
              <Table.Th ta="right">Billable</Table.Th>
              <Table.Th ta="right">Non-billable</Table.Th>
              <Table.Th ta="right">Utilisation</Table.Th>
              <Table.Th ta="right">Billable utilisation</Table.Th>
              <Table.Th>Against capacity</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.user_id}>
                <Table.Td>{row.name}</Table.Td>
                <Table.Td ta="right">{format.duration(row.weekly_capacity)}</Table.Td>
                <Table.Td ta="right">{format.duration(row.capacity_hours)}</Table.Td>
                <Table.Td ta="right">{format.duration(row.tracked_hours)}</Table.Td>
                <Table.Td ta="right">{format.duration(row.billable_hours)}</Table.Td>
                <Table.Td ta="right">{format.duration(row.non_billable_hours)}</Table.Td>
                <Table.Td ta="right" fw={600}>
                  {percent(row.utilisation_percent, format)}
                </Table.Td>
                <Table.Td ta="right">{percent(row.billable_utilisation_percent, format)}</Table.Td>
                <Table.Td>
                  {row.band === null ? (
                    'No capacity set'
                  ) : (
                    <>
                      <BandBadge band={row.band} />
                      <Text size="xs" c={row.band === 'over' ? 'red.9' : 'dimmed'}>
                        {difference(row.difference_hours, format)}
                      </Text>
                    </>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
