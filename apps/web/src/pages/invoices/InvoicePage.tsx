import type { Project } from '@keito/sdk';
import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { lazy, Suspense, useState } from 'react';
import { errorMessage } from '../../api.ts';
import { TrashIcon } from '../../components/Icons.tsx';
import { useFormat } from '../../lib/format.ts';
import { listQuery, meQuery } from '../../queries.ts';
import type { Invoice } from '../../types.ts';
import { gatewaysQuery } from '../settings/gateways-data.ts';
import { invoiceTitle, PAYMENT_TERMS, useInvoice, useInvoiceMutations, usePayments } from './data.ts';
import type { MessageKind } from './SendDialog.tsx';
import { StateBadge } from './StateBadge.tsx';

// The dialogs load when first opened.
const SendDialog = lazy(() => import('./SendDialog.tsx').then((m) => ({ default: m.SendDialog })));
const PaymentDialog = lazy(() => import('./PaymentDialog.tsx').then((m) => ({ default: m.PaymentDialog })));

/** Where the client sees the invoice without signing in. */
export const clientLink = (invoice: Pick<Invoice, 'client_key'>) =>
  `${window.location.origin}/client/invoices/${invoice.client_key}`;

/** One invoice: its lines and figures, its payments, and what can be done with it in its state. */
export function InvoicePage() {
  const { invoiceId } = useParams({ from: '/app/invoices/$invoiceId' });
  const invoice = useInvoice(invoiceId);
  const format = useFormat();
  const navigate = useNavigate();
  const mutations = useInvoiceMutations();
  const [dialog, setDialog] = useState<MessageKind | 'payment' | null>(null);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const clientId = invoice.data?.client_id;
  const projects = useQuery({
    ...listQuery<Project>(`/projects?client_id=${clientId}`),
    enabled: clientId !== undefined,
  });

  if (invoice.isError) return <Alert color="red">{errorMessage(invoice.error)}</Alert>;
  if (!invoice.data) return <Text c="dimmed">Loading…</Text>;
  const current = invoice.data;
  const money = (value: number) => format.money(value, current.currency);
  const projectOf = new Map((projects.data ?? []).map((project) => [project.id, project]));
  const run = async (action: () => Promise<unknown>) => {
    setFailure(null);
    try {
      await action();
    } catch (error) {
      setFailure(error);
    }
  };
  const copyLink = () =>
    run(async () => {
      await navigator.clipboard.writeText(clientLink(current));
      notifications.show({ message: 'Client link copied' });
    });
  const remove = () =>
    run(async () => {
      await mutations.remove.mutateAsync(current.id);
      await navigate({ to: '/invoices' });
    });
  const term = PAYMENT_TERMS.find((each) => each.value === current.payment_term)?.label;
  const editable = !current.is_locked;
  const payable = current.state === 'open' && current.due_amount > 0;

  return (
    <Stack maw={960}>
      <Anchor component={Link} to="/invoices" size="sm">
        ← All invoices
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={2}>{invoiceTitle(current)}</Title>
            <StateBadge invoice={current} />
          </Group>
          <Text>
            {current.client.name}
            {current.subject ? ` · ${current.subject}` : ''}
          </Text>
        </Stack>
        <Stack gap={0} align="flex-end">
          <Text size="sm" c="dimmed">
            Amount due
          </Text>
          <Text fw={700} size="xl" data-testid="amount-due">
            {money(current.due_amount)}
          </Text>
        </Stack>
      </Group>

      <Group gap="xs" aria-label="Invoice actions" role="group">
        {/* A paid invoice is sent again as a copy (it stays paid); a closed one is not sent. */}
        {current.state !== 'closed' && (
          <Button onClick={() => setDialog('invoice')}>
            {current.sent_at ? 'Send again' : 'Send invoice'}
          </Button>
        )}
        {current.state === 'open' && (
          <Button variant="default" onClick={() => setDialog('reminder')}>
            Send reminder
          </Button>
        )}
        {current.state === 'paid' && (
          <Button variant="default" onClick={() => setDialog('thank_you')}>
            Send thank-you
          </Button>
        )}
        {payable && (
          <Button variant="light" onClick={() => setDialog('payment')}>
            Record payment
          </Button>
        )}
        {editable && (
          <Button variant="default" component={Link} to={`/invoices/${current.id}/edit`}>
            Edit
          </Button>
        )}
        <Button variant="default" component="a" href={`/v1/invoices/${current.id}/pdf`} download>
          Download PDF
        </Button>
        <Button variant="default" onClick={copyLink}>
          Copy client link
        </Button>
        {current.state === 'draft' && (
          <Button
            variant="default"
            loading={mutations.markSent.isPending}
            onClick={() => run(() => mutations.markSent.mutateAsync(current.id))}
          >
            Mark as sent
          </Button>
        )}
        {current.state === 'open' && (
          <Button
            variant="default"
            loading={mutations.close.isPending}
            onClick={() => run(() => mutations.close.mutateAsync(current.id))}
          >
            Close
          </Button>
        )}
        {current.state === 'closed' && (
          <Button
            variant="default"
            loading={mutations.reopen.isPending}
            onClick={() => run(() => mutations.reopen.mutateAsync(current.id))}
          >
            Reopen
          </Button>
        )}
        {current.state === 'draft' && !confirmingDelete && (
          <Button variant="subtle" color="red" onClick={() => setConfirmingDelete(true)}>
            Delete
          </Button>
        )}
      </Group>
      {confirmingDelete && (
        <Alert color="red" title="Delete this draft?">
          <Text size="sm" mb="xs">
            The time entries and expenses it bills go back to uninvoiced.
          </Text>
          <Group>
            <Button color="red" loading={mutations.remove.isPending} onClick={remove}>
              Yes, delete
            </Button>
            <Button variant="default" onClick={() => setConfirmingDelete(false)}>
              Keep it
            </Button>
          </Group>
        </Alert>
      )}
      {failure !== null && (
        <Alert color="red" role="alert">
          {errorMessage(failure)}
        </Alert>
      )}
      {current.state === 'closed' && (
        <Alert color="gray">Closed: written off or cancelled, and no longer counted as receivable.</Alert>
      )}
      {payable && <GatewaysWithoutPlatform />}

      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          <Detail label="Issued" value={format.date(current.issue_date)} />
          <Detail label="Due" value={format.date(current.due_date)} />
          <Detail label="Terms" value={term ?? current.payment_term} />
          <Detail label="Purchase order" value={current.purchase_order ?? '—'} />
          {current.period_start && current.period_end && (
            <Detail
              label="Period"
              value={`${format.date(current.period_start)} – ${format.date(current.period_end)}`}
            />
          )}
          <Detail label="Sent" value={current.sent_at ? format.dateTime(current.sent_at) : 'Not yet'} />
          <Detail
            label="Viewed by the client"
            value={current.viewed_at ? format.dateTime(current.viewed_at) : 'Not yet'}
          />
        </SimpleGrid>
      </Paper>

      <Paper withBorder p="sm">
        {/* On a phone the quantity and price go under the description, so the amount stays in view. */}
        <Table.ScrollContainer minWidth={300}>
          <Table aria-label="Line items">
            <Table.Thead>
              <Table.Tr>
                <Table.Th visibleFrom="sm">Type</Table.Th>
                <Table.Th>Description</Table.Th>
                <Table.Th ta="right" visibleFrom="sm">
                  Quantity
                </Table.Th>
                <Table.Th ta="right" visibleFrom="sm">
                  Unit price
                </Table.Th>
                <Table.Th ta="right">Amount</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {current.line_items.map((line) => {
                const project = line.project_id ? projectOf.get(line.project_id) : undefined;
                const taxes = [line.taxed && current.tax_label, line.taxed2 && current.tax2_label].filter(
                  Boolean,
                );
                const quantity = format.number(line.quantity, decimalsOf(line.quantity));
                const unitPrice = format.unitPrice(line.unit_price, current.currency);
                return (
                  <Table.Tr key={line.id}>
                    <Table.Td visibleFrom="sm">{line.kind}</Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                        {line.description}
                      </Text>
                      <Text size="xs" c="dimmed" hiddenFrom="sm">
                        {line.kind} · {quantity} × {unitPrice}
                      </Text>
                      {(project || taxes.length > 0) && (
                        <Text size="xs" c="dimmed">
                          {[project?.name, taxes.length > 0 ? `Taxed: ${taxes.join(', ')}` : null]
                            .filter(Boolean)
                            .join(' · ')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right" visibleFrom="sm">
                      {quantity}
                    </Table.Td>
                    <Table.Td ta="right" visibleFrom="sm">
                      {unitPrice}
                    </Table.Td>
                    <Table.Td ta="right">{money(line.amount)}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {current.line_items.length === 0 && (
          <Text c="dimmed" ta="center" p="md">
            No lines yet.
          </Text>
        )}
        <Table aria-label="Totals" maw={360} ml="auto" mt="sm">
          <Table.Tbody>
            <Total label="Subtotal" value={money(current.subtotal)} testId="subtotal" />
            {current.discount !== null && (
              <Total
                label={`Discount (${current.discount}%)`}
                value={`-${money(current.discount_amount)}`}
                testId="discount"
              />
            )}
            {current.tax !== null && (
              <Total
                label={`${current.tax_label} (${current.tax}%)`}
                value={money(current.tax_amount)}
                testId="tax"
              />
            )}
            {current.tax2 !== null && (
              <Total
                label={`${current.tax2_label} (${current.tax2}%)`}
                value={money(current.tax2_amount)}
                testId="tax2"
              />
            )}
            <Total label="Total" value={money(current.amount)} testId="total" strong />
            <Total label="Paid" value={money(current.paid_amount)} testId="paid" />
            <Total label="Amount due" value={money(current.due_amount)} testId="due" strong />
          </Table.Tbody>
        </Table>
      </Paper>
      {current.notes && (
        <Paper withBorder p="md">
          <Text size="sm" fw={500}>
            Notes
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
            {current.notes}
          </Text>
        </Paper>
      )}
      <Payments invoice={current} />
      <Suspense>
        {dialog !== null && dialog !== 'payment' && (
          <SendDialog invoice={current} message={dialog} onClose={() => setDialog(null)} />
        )}
        {dialog === 'payment' && <PaymentDialog invoice={current} onClose={() => setDialog(null)} />}
      </Suspense>
    </Stack>
  );
}

/** Quantities show their own decimals (1.5 hours, 180 units), at least none and at most six. */
function decimalsOf(value: number): number {
  const [, fraction = ''] = String(value).split('.');
  return fraction.length;
}

function Detail({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{value}</Text>
    </div>
  );
}

function Total({
  label,
  value,
  testId,
  strong = false,
}: {
  label: string;
  value: string;
  testId: string;
  strong?: boolean;
}) {
  return (
    <Table.Tr>
      <Table.Th fw={strong ? 700 : 500}>{label}</Table.Th>
      <Table.Td ta="right" fw={strong ? 700 : undefined} data-testid={testId}>
        {value}
      </Table.Td>
    </Table.Tr>
  );
}

/** The payments, oldest first, each with what was still due after it. */
function Payments({ invoice }: { invoice: Invoice }) {
  const payments = usePayments(invoice.id);
  const format = useFormat();
  const { deletePayment } = useInvoiceMutations();
  const rows = payments.data ?? [];
  if (invoice.state === 'draft') return null;
  return (
    <Paper withBorder p="sm">
      <Title order={3} size="h5" mb="xs">
        Payments
      </Title>
      {payments.isSuccess && rows.length === 0 && <Text c="dimmed">No payments recorded yet.</Text>}
      {deletePayment.isError && (
        <Alert color="red" role="alert" mb="xs">
          {errorMessage(deletePayment.error)}
        </Alert>
      )}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table aria-label="Payments">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Date</Table.Th>
                <Table.Th ta="right">Amount</Table.Th>
                <Table.Th>Notes</Table.Th>
                <Table.Th>Transaction</Table.Th>
                <Table.Th ta="right">Balance</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((payment) => (
                <Table.Tr key={payment.id}>
                  <Table.Td>{format.date(payment.paid_date)}</Table.Td>
                  <Table.Td ta="right">{format.money(payment.amount, invoice.currency)}</Table.Td>
                  <Table.Td>{payment.notes ?? ''}</Table.Td>
                  <Table.Td>{payment.transaction_id ?? ''}</Table.Td>
                  <Table.Td ta="right">{format.money(payment.balance, invoice.currency)}</Table.Td>
                  <Table.Td w={40}>
                    {invoice.state !== 'closed' ? (
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={`Delete the payment of ${format.money(payment.amount, invoice.currency)} on ${format.date(payment.paid_date)}`}
                        loading={deletePayment.isPending}
                        onClick={() => deletePayment.mutate({ id: invoice.id, paymentId: payment.id })}
                      >
                        <TrashIcon />
                      </ActionIcon>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

/**
 * Administrators (who can fix it) see on an invoice clients could pay online that a gateway is not
 * offered on its client page because the server lost the platform it was connected through
 * (docs/decisions/0070-gateway-without-its-platform.md).
 */
function GatewaysWithoutPlatform() {
  const admin = useQuery(meQuery).data?.role === 'administrator';
  const gateways = useQuery({ ...gatewaysQuery, enabled: admin }).data;
  const missing = [
    gateways?.stripe.platform_missing ? 'card payments (Stripe Connect)' : null,
    gateways?.paypal.platform_missing ? 'PayPal (the PayPal platform app)' : null,
  ].filter((way) => way !== null);
  if (missing.length === 0) return null;
  return (
    <Alert color="orange" title="Not offered to the client">
      The client page does not offer {missing.join(' or ')}: the gateway is connected through the server's
      platform, which needs the server operator's configuration again. See{' '}
      <Anchor component={Link} to="/settings/payment-gateways" inherit>
        Settings → Payment gateways
      </Anchor>
      .
    </Alert>
  );
}
