import {
  Alert,
  Anchor,
  Button,
  Chip,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { errorMessage } from '../../api.ts';
import { ExportButton, exportFilters } from '../../components/ExportButton.tsx';
import { useFormat } from '../../lib/format.ts';
import { sumAmounts } from '../../lib/money.ts';
import type { Invoice, InvoiceState } from '../../types.ts';
import { useClients } from '../time/data.ts';
import { AgingSummary } from './AgingSummary.tsx';
import { DateField } from './DateField.tsx';
import { invoiceTitle, STATE_LABELS, useInvoices } from './data.ts';
import { StateBadge } from './StateBadge.tsx';

type StateFilter = InvoiceState | 'overdue' | 'all';

const STATE_FILTERS: { value: StateFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  ...(Object.entries(STATE_LABELS) as [InvoiceState, string][]).map(([value, label]) => ({ value, label })),
  { value: 'overdue', label: 'Overdue' },
];

/** The amounts of the listed invoices, one figure a currency: amounts in two currencies never add up. */
function totalsByCurrency(invoices: Invoice[]) {
  const currencies = [...new Set(invoices.map((invoice) => invoice.currency))].sort();
  return currencies.map((currency) => {
    const ofCurrency = invoices.filter((invoice) => invoice.currency === currency);
    return {
      currency,
      amount: sumAmounts(ofCurrency.map((invoice) => invoice.amount)),
      due: sumAmounts(ofCurrency.map((invoice) => invoice.due_amount)),
    };
  });
}

/** Invoices: the list with its filters and totals, and what each client still owes by age. */
export function InvoicesPage() {
  const format = useFormat();
  const [stateFilter, setStateFilter] = useState<StateFilter>('all');
  const [clientId, setClientId] = useState<string | null>(null);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const invoices = useInvoices({
    state: stateFilter === 'all' || stateFilter === 'overdue' ? null : stateFilter,
    overdue: stateFilter === 'overdue',
    clientId,
    from,
    to,
  });
  const clients = useClients();
  const rows = invoices.data ?? [];
  const filtered = stateFilter !== 'all' || clientId !== null || from !== null || to !== null;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Invoices</Title>
        <Group gap="xs">
          {/* The file holds what the list shows: the same state, client and issue-date filters. */}
          <ExportButton
            kind="invoices"
            filters={exportFilters({
              state: stateFilter === 'all' || stateFilter === 'overdue' ? null : stateFilter,
              is_overdue: stateFilter === 'overdue' ? 'true' : null,
              client_id: clientId,
              from,
              to,
            })}
          />
          <Button component={Link} to="/invoices/new">
            New invoice
          </Button>
        </Group>
      </Group>
      <AgingSummary />
      <Chip.Group
        value={stateFilter}
        onChange={(value) => setStateFilter((Array.isArray(value) ? value[0] : value) as StateFilter)}
      >
        <Group gap="xs" role="radiogroup" aria-label="State">
          {STATE_FILTERS.map((filter) => (
            <Chip key={filter.value} value={filter.value} size="sm" type="radio">
              {filter.label}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs">
        <Select
          label="Client"
          clearable
          searchable
          placeholder="All clients"
          value={clientId}
          onChange={setClientId}
          data={(clients.data ?? []).map((client) => ({ value: client.id, label: client.name }))}
        />
        <DateField label="Issued from" value={from} onChange={setFrom} clearable />
        <DateField label="Issued to" value={to} onChange={setTo} clearable />
      </SimpleGrid>
      {rows.length > 0 && (
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" aria-label="Totals">
          <Paper withBorder p="xs">
            <Text size="xs" c="dimmed">
              Invoiced
            </Text>
            {totalsByCurrency(rows).map((total) => (
              <Text fw={700} key={total.currency} data-testid={`invoiced-${total.currency}`}>
                {format.money(total.amount, total.currency)}
              </Text>
            ))}
          </Paper>
          <Paper withBorder p="xs">
            <Text size="xs" c="dimmed">
              Due
            </Text>
            {totalsByCurrency(rows).map((total) => (
              <Text fw={700} key={total.currency} data-testid={`due-${total.currency}`}>
                {format.money(total.due, total.currency)}
              </Text>
            ))}
          </Paper>
        </SimpleGrid>
      )}
      {/* A manager without the invoice permissions, for one: the server says why. */}
      {invoices.isError && (
        <Alert color="red" role="alert">
          {errorMessage(invoices.error)}
        </Alert>
      )}
      {invoices.isSuccess && rows.length === 0 && (
        <Paper withBorder p="lg">
          <Stack align="center" gap="xs">
            <Text fw={500}>{filtered ? 'No invoices match these filters.' : 'No invoices yet.'}</Text>
            {!filtered && (
              <>
                <Text c="dimmed" ta="center">
                  Create one from your team’s tracked time and expenses, or type the lines yourself.
                </Text>
                <Button component={Link} to="/invoices/new" variant="light">
                  Create your first invoice
                </Button>
              </>
            )}
          </Stack>
        </Paper>
      )}
      {rows.length > 0 && (
        <Paper withBorder p="sm">
          <Table.ScrollContainer minWidth={640}>
            <Table aria-label="Invoices" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Invoice</Table.Th>
                  <Table.Th>Client</Table.Th>
                  <Table.Th>Issued</Table.Th>
                  <Table.Th>Due date</Table.Th>
                  <Table.Th>State</Table.Th>
                  <Table.Th ta="right">Amount</Table.Th>
                  <Table.Th ta="right">Due</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((invoice) => (
                  <Table.Tr key={invoice.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/invoices/${invoice.id}`}>
                        {invoiceTitle(invoice)}
                      </Anchor>
                      {invoice.subject && (
                        <Text size="xs" c="dimmed" lineClamp={1}>
                          {invoice.subject}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{invoice.client.name}</Table.Td>
                    <Table.Td>{format.date(invoice.issue_date)}</Table.Td>
                    <Table.Td>{format.date(invoice.due_date)}</Table.Td>
                    <Table.Td>
                      <StateBadge invoice={invoice} />
                    </Table.Td>
                    <Table.Td ta="right">{format.money(invoice.amount, invoice.currency)}</Table.Td>
                    <Table.Td ta="right">{format.money(invoice.due_amount, invoice.currency)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  );
}
