import { Paper, Table, Text, Title } from '@mantine/core';
import { useFormat } from '../../lib/format.ts';
import type { AgingBuckets } from '../../types.ts';
import { useAging } from './data.ts';

const BUCKETS: { key: keyof AgingBuckets; label: string }[] = [
  { key: 'days_0_30', label: '0–30 days' },
  { key: 'days_31_60', label: '31–60 days' },
  { key: 'days_61_90', label: '61–90 days' },
  { key: 'days_over_90', label: '90+ days' },
  { key: 'total', label: 'Outstanding' },
];

/** What each client owes on open invoices, by days past due, and the receivables a currency. */
export function AgingSummary() {
  const format = useFormat();
  const aging = useAging();
  const clients = aging.data?.clients ?? [];
  if (clients.length === 0) return null;
  return (
    <Paper withBorder p="sm">
      <Title order={3} size="h5" mb="xs">
        Outstanding by client
      </Title>
      <Table.ScrollContainer minWidth={640}>
        <Table aria-label="Outstanding by client">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Client</Table.Th>
              {BUCKETS.map((bucket) => (
                <Table.Th key={bucket.key} ta="right">
                  {bucket.label}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {clients.map((row) => (
              <Table.Tr key={`${row.client_id}-${row.currency}`}>
                <Table.Td>{row.client_name}</Table.Td>
                {BUCKETS.map((bucket) => (
                  <Table.Td key={bucket.key} ta="right" fw={bucket.key === 'total' ? 600 : undefined}>
                    {format.money(row[bucket.key], row.currency)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            {(aging.data?.totals ?? []).map((row) => (
              <Table.Tr key={row.currency}>
                <Table.Th>
                  <Text fw={700} size="sm">
                    Total receivables{(aging.data?.totals.length ?? 0) > 1 ? ` (${row.currency})` : ''}
                  </Text>
                </Table.Th>
                {BUCKETS.map((bucket) => (
                  <Table.Td key={bucket.key} ta="right" fw={700} data-testid={`aging-${bucket.key}`}>
                    {format.money(row[bucket.key], row.currency)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
