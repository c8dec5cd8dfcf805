import type { Project } from '@keito/sdk';
import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { errorMessage } from '../../api.ts';
import { TrashIcon } from '../../components/Icons.tsx';
import { today } from '../../lib/dates.ts';
import { useFormat } from '../../lib/format.ts';
import { textOrNull } from '../../lib/forms.ts';
import type { Invoice, InvoiceLineItem, InvoiceSettings, PaymentTerm } from '../../types.ts';
import { decimalInput, type EditorLine, editorAmounts, percentInput } from './amounts.ts';
import { DateField } from './DateField.tsx';
import { PAYMENT_TERMS, useInvoiceMutations } from './data.ts';

interface Line extends EditorLine {
  /** React's key: lines have no id until saved. */
  key: string;
  /** An existing line keeps its id, and with it the time entries and expenses it bills. */
  id?: string;
  kind: string;
  description: string;
  project_id: string | null;
  billed: number;
}

let nextKey = 0;
const newKey = () => `line-${++nextKey}`;

const fromItem = (item: InvoiceLineItem): Line => ({
  key: item.id,
  id: item.id,
  kind: item.kind,
  description: item.description,
  quantity: String(item.quantity),
  unit_price: String(item.unit_price),
  taxed: item.taxed,
  taxed2: item.taxed2,
  project_id: item.project_id,
  billed: item.time_entry_count + item.expense_count,
});

const percentText = (value: number | null | undefined) =>
  value === null || value === undefined ? '' : String(value);

interface Props {
  client: { id: string; name: string; currency: string };
  /** The invoice being edited; a new free-form invoice when absent. */
  invoice?: Invoice;
  settings: InvoiceSettings;
  /** The client's projects, for the line's project. */
  projects: Project[];
  timeZone: string | undefined;
}

/**
 * The invoice's terms and lines: lines are added, edited, moved and tax-flagged, and the totals
 * follow as typed, computed by the server's own code. Save creates or updates the draft.
 */
export function InvoiceEditor({ client, invoice, settings, projects, timeZone }: Props) {
  const format = useFormat();
  const navigate = useNavigate();
  const { create, update } = useInvoiceMutations();
  const [issueDate, setIssueDate] = useState<string | null>(invoice?.issue_date ?? today(timeZone));
  const [paymentTerm, setPaymentTerm] = useState<PaymentTerm>(
    invoice?.payment_term ?? settings.default_payment_term,
  );
  const [dueDate, setDueDate] = useState<string | null>(invoice?.due_date ?? null);
  const [subject, setSubject] = useState(invoice?.subject ?? '');
  const [purchaseOrder, setPurchaseOrder] = useState(invoice?.purchase_order ?? '');
  const [notes, setNotes] = useState(invoice?.notes ?? '');
  const [discount, setDiscount] = useState(percentText(invoice?.discount));
  const [tax, setTax] = useState(percentText(invoice ? invoice.tax : settings.tax));
  const [tax2, setTax2] = useState(percentText(invoice ? invoice.tax2 : settings.tax2));
  const [lines, setLines] = useState<Line[]>(() => invoice?.line_items.map(fromItem) ?? []);
  const [error, setError] = useState<string | null>(null);
  const [focusNew, setFocusNew] = useState(false);

  const currency = invoice?.currency ?? client.currency;
  const taxLabel = invoice?.tax_label ?? settings.tax_label;
  const tax2Label = invoice?.tax2_label ?? settings.tax2_label;
  const amounts = editorAmounts(lines, { currency, discount, tax, tax2 });
  const money = (value: string | number) => format.money(value, currency);

  const change = (key: string, patch: Partial<Line>) =>
    setLines((current) => current.map((line) => (line.key === key ? { ...line, ...patch } : line)));
  const move = (index: number, by: -1 | 1) =>
    setLines((current) => {
      const next = [...current];
      const [line] = next.splice(index, 1);
      if (line) next.splice(index + by, 0, line);
      return next;
    });
  const addLine = () => {
    setLines((current) => [
      ...current,
      {
        key: newKey(),
        kind: settings.item_categories[0] ?? 'Service',
        description: '',
        quantity: '1',
        unit_price: '',
        taxed: tax !== '',
        taxed2: tax2 !== '',
        project_id: null,
        billed: 0,
      },
    ]);
    setFocusNew(true);
  };

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    if (issueDate === null) return setError('Enter the issue date');
    if (paymentTerm === 'custom' && dueDate === null) return setError('Enter the due date of custom terms');
    if (amounts === null) return setError('Fix the quantities, prices and rates marked as invalid');
    const rate = (text: string) => {
      const value = percentInput(text);
      return value === null || value === undefined ? null : Number(value);
    };
    const body: Record<string, unknown> = {
      issue_date: issueDate,
      payment_term: paymentTerm,
      ...(paymentTerm === 'custom' ? { due_date: dueDate } : {}),
      subject: textOrNull(subject),
      purchase_order: textOrNull(purchaseOrder),
      notes: textOrNull(notes),
      discount: rate(discount),
      tax: rate(tax),
      tax2: rate(tax2),
      // Numbers of at most 6 decimals below 10^9: as JSON numbers they reach the server as typed.
      line_items: lines.map((line) => ({
        ...(line.id ? { id: line.id } : {}),
        kind: line.kind,
        description: line.description,
        quantity: Number(decimalInput(line.quantity)),
        unit_price: Number(decimalInput(line.unit_price)),
        taxed: line.taxed,
        taxed2: line.taxed2,
        project_id: line.project_id,
      })),
    };
    try {
      const saved = invoice
        ? await update.mutateAsync({ id: invoice.id, body })
        : await create.mutateAsync({ ...body, client_id: client.id });
      await navigate({ to: '/invoices/$invoiceId', params: { invoiceId: saved.id } });
    } catch (failure) {
      setError(errorMessage(failure, 'Could not save the invoice'));
    }
  };

  const projectOptions = projects.map((project) => ({
    value: project.id,
    label: project.code ? `[${project.code}] ${project.name}` : project.name,
  }));

  return (
    <form onSubmit={save} noValidate>
      <Stack>
        {invoice?.already_sent && (
          <Alert color="yellow" title="This invoice was already sent">
            The client has the version you sent; changes here do not reach them until you send it again.
          </Alert>
        )}
        <Paper withBorder p="md">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <DateField label="Issue date" value={issueDate} onChange={setIssueDate} />
            <Select
              label="Payment terms"
              data={PAYMENT_TERMS}
              value={paymentTerm}
              allowDeselect={false}
              onChange={(value) => value && setPaymentTerm(value as PaymentTerm)}
            />
            {paymentTerm === 'custom' && <DateField label="Due date" value={dueDate} onChange={setDueDate} />}
            <TextInput label="Subject" value={subject} onChange={(e) => setSubject(e.currentTarget.value)} />
            <TextInput
              label="Purchase order"
              value={purchaseOrder}
              onChange={(e) => setPurchaseOrder(e.currentTarget.value)}
            />
          </SimpleGrid>
        </Paper>

        {lines.length === 0 && (
          <Text c="dimmed">No lines yet: add one for each service, product or expense to bill.</Text>
        )}
        {lines.map((line, index) => {
          const lineAmount = amounts?.lineAmounts[index];
          const quantityValid = decimalInput(line.quantity) !== null;
          const priceValid = decimalInput(line.unit_price) !== null;
          const position = index + 1;
          return (
            <Fieldset key={line.key} legend={`Line ${position}`} p="sm">
              <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
                <Select
                  label="Type"
                  data={[...new Set([...settings.item_categories, line.kind])]}
                  value={line.kind}
                  allowDeselect={false}
                  onChange={(value) => value && change(line.key, { kind: value })}
                />
                <Select
                  label="Project"
                  data={projectOptions}
                  value={line.project_id}
                  clearable
                  placeholder="None"
                  onChange={(value) => change(line.key, { project_id: value })}
                />
                <TextInput
                  label="Quantity"
                  inputMode="decimal"
                  value={line.quantity}
                  error={quantityValid ? undefined : 'Not a number'}
                  onChange={(e) => change(line.key, { quantity: e.currentTarget.value })}
                />
                <TextInput
                  label={`Unit price (${currency})`}
                  inputMode="decimal"
                  value={line.unit_price}
                  error={priceValid ? undefined : 'Not a price'}
                  onChange={(e) => change(line.key, { unit_price: e.currentTarget.value })}
                />
              </SimpleGrid>
              <Textarea
                mt="xs"
                label="Description"
                autosize
                minRows={1}
                value={line.description}
                // A new line takes the focus where its description is typed, once.
                autoFocus={index === lines.length - 1 && focusNew}
                onFocus={() => setFocusNew(false)}
                onChange={(e) => change(line.key, { description: e.currentTarget.value })}
              />
              <Group justify="space-between" mt="xs" wrap="wrap">
                <Group gap="md">
                  <Checkbox
                    label={taxLabel}
                    checked={line.taxed}
                    onChange={(e) => change(line.key, { taxed: e.currentTarget.checked })}
                  />
                  <Checkbox
                    label={tax2Label}
                    checked={line.taxed2}
                    onChange={(e) => change(line.key, { taxed2: e.currentTarget.checked })}
                  />
                  {line.billed > 0 && (
                    <Text size="xs" c="dimmed">
                      Bills {line.billed} {line.billed === 1 ? 'entry' : 'entries'}
                    </Text>
                  )}
                </Group>
                <Group gap="xs" wrap="nowrap">
                  <Text
                    fw={600}
                    data-testid={`line-amount-${position}`}
                    aria-label={`Line ${position} amount`}
                  >
                    {lineAmount === undefined ? '—' : money(lineAmount)}
                  </Text>
                  <Button
                    size="compact-sm"
                    variant="default"
                    disabled={index === 0}
                    aria-label={`Move line ${position} up`}
                    onClick={() => move(index, -1)}
                  >
                    ↑
                  </Button>
                  <Button
                    size="compact-sm"
                    variant="default"
                    disabled={index === lines.length - 1}
                    aria-label={`Move line ${position} down`}
                    onClick={() => move(index, 1)}
                  >
                    ↓
                  </Button>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={`Remove line ${position}`}
                    title={line.billed > 0 ? 'Removing the line releases the entries it bills' : 'Remove'}
                    onClick={() => setLines((current) => current.filter((each) => each.key !== line.key))}
                  >
                    <TrashIcon />
                  </ActionIcon>
                </Group>
              </Group>
            </Fieldset>
          );
        })}
        <Group>
          <Button variant="light" onClick={addLine}>
            Add line
          </Button>
        </Group>

        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Stack gap="xs">
            <SimpleGrid cols={3} spacing="xs">
              <TextInput
                label="Discount (%)"
                inputMode="decimal"
                value={discount}
                error={percentInput(discount) === undefined ? '0 to 100' : undefined}
                onChange={(e) => setDiscount(e.currentTarget.value)}
              />
              <TextInput
                label={`${taxLabel} (%)`}
                inputMode="decimal"
                value={tax}
                error={percentInput(tax) === undefined ? '0 to 100' : undefined}
                onChange={(e) => setTax(e.currentTarget.value)}
              />
              <TextInput
                label={`${tax2Label} (%)`}
                inputMode="decimal"
                value={tax2}
                error={percentInput(tax2) === undefined ? '0 to 100' : undefined}
                onChange={(e) => setTax2(e.currentTarget.value)}
              />
            </SimpleGrid>
            <Textarea
              label="Notes"
              description="Shown on the invoice"
              autosize
              minRows={2}
              value={notes}
              onChange={(e) => setNotes(e.currentTarget.value)}
            />
          </Stack>
          <Paper withBorder p="sm">
            <Table aria-label="Totals" aria-live="polite">
              <Table.Tbody>
                <TotalRow label="Subtotal" value={amounts && money(amounts.subtotal)} testId="subtotal" />
                {discount !== '' && (
                  <TotalRow
                    label={`Discount (${discount}%)`}
                    value={amounts && `-${money(amounts.discountAmount)}`}
                    testId="discount"
                  />
                )}
                {tax !== '' && (
                  <TotalRow
                    label={`${taxLabel} (${tax}%)`}
                    value={amounts && money(amounts.taxAmount)}
                    testId="tax"
                  />
                )}
                {tax2 !== '' && (
                  <TotalRow
                    label={`${tax2Label} (${tax2}%)`}
                    value={amounts && money(amounts.tax2Amount)}
                    testId="tax2"
                  />
                )}
                <TotalRow label="Total" value={amounts && money(amounts.amount)} testId="total" strong />
              </Table.Tbody>
            </Table>
          </Paper>
        </SimpleGrid>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button
            variant="default"
            onClick={() =>
              invoice
                ? navigate({ to: '/invoices/$invoiceId', params: { invoiceId: invoice.id } })
                : navigate({ to: '/invoices' })
            }
          >
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {invoice ? 'Save invoice' : 'Save draft'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function TotalRow({
  label,
  value,
  testId,
  strong = false,
}: {
  label: string;
  value: string | null;
  testId: string;
  strong?: boolean;
}) {
  return (
    <Table.Tr>
      <Table.Th fw={strong ? 700 : 500}>{label}</Table.Th>
      <Table.Td ta="right" fw={strong ? 700 : undefined} data-testid={testId}>
        {value ?? '—'}
      </Table.Td>
    </Table.Tr>
  );
}
