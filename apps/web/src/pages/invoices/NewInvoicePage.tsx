import type { Client, Project } from '@keito/sdk';
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { errorMessage } from '../../api.ts';
import { type Format, useFormat } from '../../lib/format.ts';
import { sumAmounts } from '../../lib/money.ts';
import { meQuery, workspaceQuery } from '../../queries.ts';
import type { ExpenseSummaryType, TimeSummaryType, Uninvoiced } from '../../types.ts';
import { useClients, useProjects } from '../time/data.ts';
import { DateField } from './DateField.tsx';
import { useInvoiceMutations, useInvoiceSettings, useUninvoiced } from './data.ts';
import { InvoiceEditor } from './InvoiceEditor.tsx';

const TIME_GROUPING: { value: TimeSummaryType; label: string }[] = [
  { value: 'project', label: 'By project' },
  { value: 'task', label: 'By task' },
  { value: 'people', label: 'By person' },
  { value: 'detailed', label: 'Detailed (one line per entry)' },
];

const EXPENSE_GROUPING: { value: ExpenseSummaryType; label: string }[] = [
  { value: 'project', label: 'By project' },
  { value: 'category', label: 'By category' },
  { value: 'people', label: 'By person' },
  { value: 'detailed', label: 'Detailed (one line per expense)' },
];

type Mode = 'import' | 'free-form';

/** New invoice: a client, then an import of its uninvoiced time and expenses, or lines typed by hand. */
export function NewInvoicePage() {
  const clients = useClients();
  const projects = useProjects();
  const settings = useInvoiceSettings();
  const [clientId, setClientId] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode>('import');
  const client = clients.data?.find((each) => each.id === clientId);
  const ofClient = (projects.data ?? []).filter((project) => project.client_id === clientId);

  return (
    <Stack maw={960}>
      <Anchor component={Link} to="/invoices" size="sm">
        ← All invoices
      </Anchor>
      <Title order={2}>New invoice</Title>
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Select
            label="Client"
            placeholder="Choose a client"
            searchable
            data={(clients.data ?? [])
              .filter((each) => each.is_active)
              .map((each) => ({ value: each.id, label: each.name }))}
            value={clientId}
            onChange={setClientId}
          />
          <Radio.Group label="Line items" value={mode} onChange={(value) => setMode(value as Mode)}>
            <Stack gap={6} mt={6}>
              <Radio value="import" label="Import from time & expenses" />
              <Radio value="free-form" label="Free-form (type the lines)" />
            </Stack>
          </Radio.Group>
        </SimpleGrid>
      </Paper>
      {settings.isError && <Alert color="red">{errorMessage(settings.error)}</Alert>}
      {client && settings.data && mode === 'import' && <ImportForm client={client} projects={ofClient} />}
      {client && settings.data && mode === 'free-form' && <FreeForm client={client} projects={ofClient} />}
    </Stack>
  );
}

function FreeForm({ client, projects }: { client: Client; projects: Project[] }) {
  const settings = useInvoiceSettings();
  const me = useQuery(meQuery);
  const workspace = useQuery(workspaceQuery);
  if (!settings.data) return null;
  return (
    <InvoiceEditor
      client={client}
      settings={settings.data}
      projects={projects}
      timeZone={me.data?.timezone ?? workspace.data?.timezone}
    />
  );
}

/**
 * Import: the client's projects with what each has uninvoiced in the period (hours and amounts, as
 * GET /invoices/uninvoiced previews them), the grouping of time and of expenses, then the draft.
 */
function ImportForm({ client, projects }: { client: Client; projects: Project[] }) {
  const format = useFormat();
  const navigate = useNavigate();
  const { create } = useInvoiceMutations();
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  // null: every project with something to invoice, until the person changes the selection.
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [includeTime, setIncludeTime] = useState(true);
  const [timeGrouping, setTimeGrouping] = useState<TimeSummaryType>('project');
  const [includeExpenses, setIncludeExpenses] = useState(true);
  const [expenseGrouping, setExpenseGrouping] = useState<ExpenseSummaryType>('category');
  const [separateLlm, setSeparateLlm] = useState(true);
  const [feePercent, setFeePercent] = useState<number | string>(100);
  const [error, setError] = useState<string | null>(null);
  const preview = useUninvoiced(client.id, from, to);
  const me = useQuery(meQuery);

  const rows = preview.data?.projects ?? [];
  const currency = preview.data?.currency ?? client.currency;
  const selected = chosen ?? rows.map((row) => row.project_id);
  const picked = rows.filter((row) => selected.includes(row.project_id));
  const hasFixedFee = picked.some((row) => row.fixed_fee !== null);
  const codeOf = new Map(projects.map((project) => [project.id, project.code]));
  const toggle = (projectId: string, on: boolean) =>
    setChosen(on ? [...selected, projectId] : selected.filter((id) => id !== projectId));
  // What the import as chosen leaves out until approved: of the chosen projects, the kinds it includes.
  const awaiting = totalAwaiting(
    picked.map((row) => ({
      ...row.awaiting_approval,
      ...(includeTime ? {} : { hours: 0, time_entry_count: 0, unsubmitted_time_entry_count: 0 }),
      ...(includeExpenses ? {} : { expense_amount: 0, expense_count: 0, unsubmitted_expense_count: 0 }),
    })),
  );
  const awaitingCount = awaiting.time_entry_count + awaiting.expense_count;
  // The server refuses an import that would pull nothing (422); the button says so first.
  const importable = picked.some(
    (row) =>
      (includeTime && row.time_entry_count > 0) ||
      (includeExpenses && row.expense_count > 0) ||
      (row.fixed_fee !== null && row.fixed_fee > 0),
  );
  const blocker = !preview.isSuccess
    ? null
    : rows.length === 0
      ? 'Nothing to import in this period.'
      : picked.length === 0
        ? 'Choose at least one project.'
        : !includeTime && !includeExpenses && !hasFixedFee
          ? 'Include time or expenses.'
          : importable
            ? null
            : awaitingCount > 0
              ? 'Nothing to import yet: the selected work awaits approval.'
              : 'Nothing to import for the selected projects.';

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    if (blocker !== null) return;
    const period = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
    try {
      const invoice = await create.mutateAsync({
        client_id: client.id,
        line_items_import: {
          project_ids: picked.map((row) => row.project_id),
          ...(includeTime ? { time: { summary_type: timeGrouping, ...period } } : {}),
          ...(includeExpenses
            ? { expenses: { summary_type: expenseGrouping, separate_llm_usage: separateLlm, ...period } }
            : {}),
          ...(hasFixedFee ? { fixed_fee: { percent: Number(feePercent) } } : {}),
        },
      });
      await navigate({ to: '/invoices/$invoiceId/edit', params: { invoiceId: invoice.id } });
    } catch (failure) {
      setError(errorMessage(failure, 'Could not create the invoice'));
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Paper withBorder p="md">
          <Stack>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <DateField label="From" value={from} onChange={setFrom} clearable />
              <DateField label="To" value={to} onChange={setTo} clearable />
            </SimpleGrid>
            <Text size="sm" c="dimmed">
              Billable work that is not on an invoice yet
              {from || to ? '' : ', of any date'}. Leave a date empty for no limit.
            </Text>
            {preview.isError && <Alert color="red">{errorMessage(preview.error)}</Alert>}
            {preview.isSuccess && rows.length === 0 && (
              <Text>{client.name} has nothing uninvoiced in this period.</Text>
            )}
            {rows.length > 0 && (
              <Table.ScrollContainer minWidth={560}>
                <Table aria-label="Uninvoiced work">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Project</Table.Th>
                      <Table.Th ta="right">Hours</Table.Th>
                      <Table.Th ta="right">Time</Table.Th>
                      <Table.Th ta="right">Expenses</Table.Th>
                      <Table.Th ta="right">Fixed fee left</Table.Th>
                      <Table.Th ta="right">Awaiting approval</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {rows.map((row) => {
                      const code = codeOf.get(row.project_id);
                      return (
                        <Table.Tr key={row.project_id}>
                          <Table.Td>
                            <Checkbox
                              label={code ? `[${code}] ${row.project_name}` : row.project_name}
                              checked={selected.includes(row.project_id)}
                              onChange={(e) => toggle(row.project_id, e.currentTarget.checked)}
                            />
                          </Table.Td>
                          <Table.Td ta="right">{format.duration(row.hours)}</Table.Td>
                          <Table.Td ta="right">{format.money(row.time_amount, currency)}</Table.Td>
                          <Table.Td ta="right">{format.money(row.expense_amount, currency)}</Table.Td>
                          <Table.Td ta="right">
                            {row.fixed_fee !== null
                              ? format.money(row.fixed_fee, currency)
                              : row.billing_type === 'fixed_fee'
                                ? // The fee was invoiced in another currency: no import can bill it (decision 0068).
                                  'Invoiced in another currency'
                                : '—'}
                          </Table.Td>
                          <Table.Td ta="right" data-testid="awaiting-approval">
                            {awaitingText(row.awaiting_approval, format, currency) ?? '—'}
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                  <Table.Tfoot>
                    <Table.Tr>
                      <Table.Th>Selected</Table.Th>
                      <Table.Td ta="right" fw={700} data-testid="preview-hours">
                        {format.duration(Number(sumAmounts(picked.map((row) => row.hours))))}
                      </Table.Td>
                      <Table.Td ta="right" fw={700} data-testid="preview-time">
                        {format.money(sumAmounts(picked.map((row) => row.time_amount)), currency)}
                      </Table.Td>
                      <Table.Td ta="right" fw={700} data-testid="preview-expenses">
                        {format.money(sumAmounts(picked.map((row) => row.expense_amount)), currency)}
                      </Table.Td>
                      <Table.Td ta="right" fw={700}>
                        {format.money(
                          sumAmounts(
                            picked.flatMap((row) => (row.fixed_fee === null ? [] : [row.fixed_fee])),
                          ),
                          currency,
                        )}
                      </Table.Td>
                      <Table.Td />
                    </Table.Tr>
                  </Table.Tfoot>
                </Table>
              </Table.ScrollContainer>
            )}
            {awaitingCount > 0 && (
              <AwaitingHint
                awaiting={awaiting}
                currency={currency}
                mayApprove={me.data?.role === 'administrator' || me.data?.role === 'manager'}
              />
            )}
          </Stack>
        </Paper>
        <Paper withBorder p="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <Stack gap="xs">
              <Checkbox
                label="Include time"
                checked={includeTime}
                onChange={(e) => setIncludeTime(e.currentTarget.checked)}
              />
              <Select
                label="Group time"
                data={TIME_GROUPING}
                value={timeGrouping}
                disabled={!includeTime}
                allowDeselect={false}
                onChange={(value) => value && setTimeGrouping(value as TimeSummaryType)}
              />
            </Stack>
            <Stack gap="xs">
              <Checkbox
                label="Include expenses"
                checked={includeExpenses}
                onChange={(e) => setIncludeExpenses(e.currentTarget.checked)}
              />
              <Select
                label="Group expenses"
                data={EXPENSE_GROUPING}
                value={expenseGrouping}
                disabled={!includeExpenses}
                allowDeselect={false}
                onChange={(value) => value && setExpenseGrouping(value as ExpenseSummaryType)}
              />
              <Checkbox
                label="LLM usage on lines of its own"
                description="Clients see infrastructure cost apart from the service"
                checked={separateLlm}
                disabled={!includeExpenses}
                onChange={(e) => setSeparateLlm(e.currentTarget.checked)}
              />
            </Stack>
          </SimpleGrid>
          {hasFixedFee && (
            <NumberInput
              mt="md"
              maw={240}
              label="Share of fixed fees to invoice (%)"
              min={1}
              max={100}
              value={feePercent}
              onChange={setFeePercent}
            />
          )}
        </Paper>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          {blocker && (
            <Text size="sm" c="dimmed" id="import-blocker">
              {blocker}
            </Text>
          )}
          <Button
            type="submit"
            loading={create.isPending}
            disabled={blocker !== null || !preview.isSuccess}
            aria-describedby={blocker ? 'import-blocker' : undefined}
          >
            Create draft from this work
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type Awaiting = Uninvoiced['projects'][number]['awaiting_approval'];

/** "3.83 h, €20.00" of a project's work awaiting approval; null when nothing awaits. */
function awaitingText(awaiting: Awaiting, format: Format, currency: string): string | null {
  const parts = [
    awaiting.time_entry_count > 0 ? format.hours(awaiting.hours) : null,
    awaiting.expense_count > 0 ? format.money(awaiting.expense_amount, currency) : null,
  ].filter((part) => part !== null);
  return parts.length === 0 ? null : parts.join(', ');
}

/** The work awaiting approval of several projects together. */
function totalAwaiting(each: Awaiting[]): Awaiting {
  const count = (field: Exclude<keyof Awaiting, 'hours' | 'expense_amount'>) =>
    each.reduce((sum, one) => sum + one[field], 0);
  return {
    hours: Number(sumAmounts(each.map((one) => one.hours))),
    time_entry_count: count('time_entry_count'),
    unsubmitted_time_entry_count: count('unsubmitted_time_entry_count'),
    expense_amount: Number(sumAmounts(each.map((one) => one.expense_amount))),
    expense_count: count('expense_count'),
    unsubmitted_expense_count: count('unsubmitted_expense_count'),
  };
}

/**
 * Why part of the period is left out while Approvals is on: the import's work awaiting approval,
 * with the way to the Approval page for people who approve (the API decides whose timesheets).
 */
function AwaitingHint({
  awaiting,
  currency,
  mayApprove,
}: {
  awaiting: Awaiting;
  currency: string;
  mayApprove: boolean;
}) {
  const format = useFormat();
  const what = [
    awaiting.time_entry_count > 0 ? format.hours(awaiting.hours) : null,
    awaiting.expense_count > 0 ? `${format.money(awaiting.expense_amount, currency)} of expenses` : null,
  ]
    .filter((part) => part !== null)
    .join(' and ');
  const count = awaiting.time_entry_count + awaiting.expense_count;
  const unsubmitted = awaiting.unsubmitted_time_entry_count + awaiting.unsubmitted_expense_count;
  return (
    // No Alert title: Mantine's yellow title is below 4.5:1 on its background; body text is not.
    <Alert color="yellow" data-testid="awaiting-hint">
      <Text size="sm" fw={700}>
        Not imported until approved
      </Text>
      <Text size="sm">
        {what} {count === 1 ? 'awaits' : 'await'} approval
        {mayApprove ? (
          <>
            {' — approve them on the '}
            <Anchor component={Link} to="/time/approval">
              Approval page
            </Anchor>
            .
          </>
        ) : (
          ' — ask your manager or an administrator to approve them.'
        )}
      </Text>
      {unsubmitted > 0 && (
        <Text size="sm" mt={4}>
          {unsubmitted === count
            ? 'None of them is submitted yet'
            : `${unsubmitted} of them ${unsubmitted === 1 ? 'is' : 'are'} not submitted yet`}
          : their timesheets need submitting before anyone can approve them.
        </Text>
      )}
    </Alert>
  );
}
