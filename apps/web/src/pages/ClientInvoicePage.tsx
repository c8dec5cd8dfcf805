import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Center,
  Divider,
  Group,
  Image,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useMemo } from 'react';
import { ApiError, get } from '../api.ts';
import { createFormat, DEFAULT_DISPLAY } from '../lib/format.ts';
import { formatAmount, formatQuantity, formatUnitPrice } from '../lib/money.ts';
import { ClientPayment } from './ClientPayment.tsx';

/** GET /v1/client/invoices/{key}: what the client may see (apps/server/src/domains/invoicing/delivery-schemas.ts). */
interface ClientInvoice {
  company: { name: string; address: string | null; phone: string | null };
  client: { name: string; address: string | null };
  number: string;
  state: 'draft' | 'open' | 'paid' | 'closed';
  issue_date: string;
  due_date: string;
  payment_term: string;
  subject: string | null;
  purchase_order: string | null;
  notes: string | null;
  period_start: string | null;
  period_end: string | null;
  currency: string;
  tax: number | null;
  tax_label: string | null;
  tax2: number | null;
  tax2_label: string | null;
  discount: number | null;
  subtotal: number;
  discount_amount: number;
  tax_amount: number;
  tax2_amount: number;
  amount: number;
  paid_amount: number;
  due_amount: number;
  is_overdue: boolean;
  line_items: {
    kind: string;
    description: string;
    project_code: string | null;
    quantity: number;
    unit_price: number;
    amount: number;
  }[];
  payments: { paid_date: string; amount: number; balance: number }[];
  accent_color: string;
  logo_url: string | null;
  pdf_url: string;
  display: { date_format: string; decimal_separator: '.' | ','; thousands_separator: ',' | '.' | ' ' };
}

const TERMS: Record<string, string> = {
  upon_receipt: 'Upon receipt',
  net_15: 'Net 15',
  net_30: 'Net 30',
  net_45: 'Net 45',
  net_60: 'Net 60',
  custom: 'Custom',
};

const STATE_BADGE: Record<ClientInvoice['state'], { label: string; color: string }> = {
  draft: { label: 'Draft', color: 'gray' },
  open: { label: 'Awaiting payment', color: 'blue' },
  paid: { label: 'Paid', color: 'green' },
  closed: { label: 'Closed', color: 'gray' },
};

/**
 * The client page (`/client/invoices/{key}`, the link in an invoice email): no sign-in, the key is
 * the credential. Shows the invoice with the figures the PDF prints, the amount due, the payments
 * received and the PDF, and the online payment buttons (ClientPayment).
 */
export function ClientInvoicePage() {
  const { key } = useParams({ from: '/client/invoices/$key' });
  const invoice = useQuery({
    queryKey: ['client-invoice', key],
    queryFn: () => get<ClientInvoice>(`/client/invoices/${encodeURIComponent(key)}`),
    retry: false,
  });
  const data = invoice.data;
  const format = useMemo(
    () =>
      createFormat({
        ...DEFAULT_DISPLAY,
        dateFormat: data?.display.date_format ?? DEFAULT_DISPLAY.dateFormat,
        decimalSeparator: data?.display.decimal_separator ?? DEFAULT_DISPLAY.decimalSeparator,
        thousandsSeparator: data?.display.thousands_separator ?? DEFAULT_DISPLAY.thousandsSeparator,
      }),
    [data?.display.date_format, data?.display.decimal_separator, data?.display.thousands_separator],
  );

  if (invoice.isError) {
    return (
      <Center mih="100vh" p="md" bg="gray.0" component="main">
        <Alert color="red" role="alert" title="This invoice link does not work" maw={520}>
          {invoice.error instanceof ApiError && invoice.error.status === 404
            ? 'The link may be out of date: ask the sender for a new one.'
            : 'The invoice could not be loaded; try again in a moment.'}
        </Alert>
      </Center>
    );
  }
  if (data === undefined) {
    return (
      <Center mih="100vh" component="main">
        <Text c="dimmed">Loading invoice…</Text>
      </Center>
    );
  }

  // The server's formatter, as the PDF: quantities and unit prices keep the digits they have (LLM
  // Usage at 0.003 a thousand tokens), amounts have the currency's.
  const settings = { currency: data.currency, ...data.display };
  const money = (value: number) => formatAmount(value, settings);
  const plain = (value: number) => formatQuantity(value, settings);
  const badge = STATE_BADGE[data.state];
  return (
    <Box bg="gray.0" mih="100vh" py={{ base: 'sm', sm: 'xl' }} px={{ base: 6, sm: 'md' }} component="main">
      <Stack maw={880} mx="auto" gap="lg">
        <Paper
          withBorder
          shadow="sm"
          p={{ base: 'md', sm: 'xl' }}
          style={{ borderTop: `6px solid ${data.accent_color}` }}
        >
          <Group justify="space-between" align="flex-start" wrap="wrap" gap="lg">
            <Stack gap={2}>
              {data.logo_url !== null && (
                <Image
                  src={data.logo_url}
                  alt={`${data.company.name} logo`}
                  h={56}
                  w="auto"
                  fit="contain"
                  mb="xs"
                />
              )}
              <Text fw={700} size="lg">
                {data.company.name}
              </Text>
              <Lines text={data.company.address} />
              <Lines text={data.company.phone} />
            </Stack>
            <Stack gap={4} align="flex-end">
              <Title order={1} size="h2">
                Invoice {data.number}
              </Title>
              <Group gap="xs">
                <Badge color={badge.color} variant="light">
                  {badge.label}
                </Badge>
                {data.is_overdue && (
                  <Badge color="red" variant="filled">
                    Overdue
                  </Badge>
                )}
              </Group>
            </Stack>
          </Group>

          <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xl" spacing="lg">
            <Stack gap={2}>
              <Text size="xs" c="dimmed" tt="uppercase">
                Bill to
              </Text>
              <Text fw={600}>{data.client.name}</Text>
              <Lines text={data.client.address} />
            </Stack>
            <Table variant="vertical" withRowBorders={false} verticalSpacing={2}>
              <Table.Tbody>
                <Fact label="Issue date" value={format.date(data.issue_date)} />
                <Fact label="Due date" value={format.date(data.due_date)} />
                <Fact label="Terms" value={TERMS[data.payment_term] ?? data.payment_term} />
                {data.purchase_order !== null && <Fact label="Purchase order" value={data.purchase_order} />}
                {data.period_start !== null && data.period_end !== null && (
                  <Fact
                    label="Period"
                    value={`${format.date(data.period_start)} – ${format.date(data.period_end)}`}
                  />
                )}
              </Table.Tbody>
            </Table>
          </SimpleGrid>

          {data.subject !== null && (
            <Text fw={600} mt="lg">
              {data.subject}
            </Text>
          )}

          {/* At phone width the item category gives way, so the amounts stay on screen. */}
          <Table.ScrollContainer minWidth={340} mt="md">
            <Table striped horizontalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th visibleFrom="sm">Item</Table.Th>
                  <Table.Th>Description</Table.Th>
                  <Table.Th ta="right">Quantity</Table.Th>
                  <Table.Th ta="right">Unit price</Table.Th>
                  <Table.Th ta="right">Amount</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.line_items.map((line, index) => (
                  // Lines have no id on this page (it shows none of the team's ids); their order is fixed.
                  // biome-ignore lint/suspicious/noArrayIndexKey: the list never reorders.
                  <Table.Tr key={index}>
                    <Table.Td c="dimmed" visibleFrom="sm">
                      {line.kind}
                    </Table.Td>
                    <Table.Td>
                      {line.project_code !== null && <b>{line.project_code} </b>}
                      {line.description}
                    </Table.Td>
                    <Table.Td ta="right">{plain(line.quantity)}</Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {formatUnitPrice(line.unit_price, settings)}
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {money(line.amount)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>

          <Group justify="flex-end" mt="md">
            <Table w="auto" withRowBorders={false} verticalSpacing={2} aria-label="Totals">
              <Table.Tbody>
                <Total label="Subtotal" value={money(data.subtotal)} />
                {data.discount !== null && data.discount !== 0 && (
                  <Total label={`Discount (${plain(data.discount)}%)`} value={money(-data.discount_amount)} />
                )}
                {data.tax !== null && (
                  <Total
                    label={`${data.tax_label ?? 'Tax'} (${plain(data.tax)}%)`}
                    value={money(data.tax_amount)}
                  />
                )}
                {data.tax2 !== null && (
                  <Total
                    label={`${data.tax2_label ?? 'Tax 2'} (${plain(data.tax2)}%)`}
                    value={money(data.tax2_amount)}
                  />
                )}
                <Total label="Total" value={money(data.amount)} strong />
                {data.paid_amount !== 0 && <Total label="Paid" value={money(-data.paid_amount)} />}
              </Table.Tbody>
            </Table>
          </Group>

          {data.notes !== null && (
            <>
              <Divider my="md" />
              <Text size="xs" c="dimmed" tt="uppercase">
                Notes
              </Text>
              <Text style={{ whiteSpace: 'pre-line' }}>{data.notes}</Text>
            </>
          )}
        </Paper>

        <Paper withBorder shadow="sm" p={{ base: 'md', sm: 'xl' }}>
          <Group justify="space-between" align="center" wrap="wrap">
            <Stack gap={0}>
              <Text size="sm" c="dimmed">
                Amount due
              </Text>
              <Text
                fw={800}
                fz={32}
                c={data.due_amount === 0 ? 'green.9' : undefined}
                data-testid="amount-due"
              >
                {money(data.due_amount)}
              </Text>
              <Text size="sm" c="dimmed">
                {data.due_amount === 0
                  ? 'Nothing left to pay. Thank you!'
                  : `Due ${format.date(data.due_date)}`}
              </Text>
            </Stack>
            <Button component="a" href={data.pdf_url} download variant="default">
              Download PDF
            </Button>
          </Group>
          <Box data-testid="payment-options" mt="md">
            <ClientPayment invoiceKey={key} paid={data.due_amount <= 0} onRecheck={invoice.refetch} />
          </Box>
        </Paper>

        <Paper withBorder shadow="sm" p={{ base: 'md', sm: 'xl' }}>
          <Title order={2} size="h4" mb="sm">
            Payment history
          </Title>
          {data.payments.length === 0 ? (
            <Text c="dimmed">No payments received yet.</Text>
          ) : (
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Date</Table.Th>
                  <Table.Th ta="right">Amount</Table.Th>
                  <Table.Th ta="right">Balance</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.payments.map((payment, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: payments come oldest first and never reorder here.
                  <Table.Tr key={index}>
                    <Table.Td>{format.date(payment.paid_date)}</Table.Td>
                    <Table.Td ta="right">{money(payment.amount)}</Table.Td>
                    <Table.Td ta="right">{money(payment.balance)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
        <Text ta="center" size="xs" c="dimmed">
          Sent with{' '}
          <Anchor href="https://keito.ai" size="xs" underline="always">
            Keito
          </Anchor>
        </Text>
      </Stack>
    </Box>
  );
}

function Lines({ text }: { text: string | null }) {
  if (text === null) return null;
  return (
    <Text size="sm" c="gray.7" style={{ whiteSpace: 'pre-line' }}>
      {text}
    </Text>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <Table.Tr>
      <Table.Th c="dimmed" fw={400} bg="transparent">
        {label}
      </Table.Th>
      <Table.Td ta="right">{value}</Table.Td>
    </Table.Tr>
  );
}

function Total({ label, value, strong = false }: { label: string; value: string; strong?: boolean }) {
  return (
    <Table.Tr>
      <Table.Td ta="right" fw={strong ? 700 : undefined} pr="lg">
        {label}
      </Table.Td>
      <Table.Td ta="right" fw={strong ? 700 : undefined}>
        {value}
      </Table.Td>
    </Table.Tr>
  );
}
