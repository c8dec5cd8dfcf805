import type { Expense, ExpenseCategory } from '@keito/sdk';
import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { lazy, Suspense, useState } from 'react';
import { ExportButton, exportFilters } from '../../components/ExportButton.tsx';
import { PaperclipIcon } from '../../components/Icons.tsx';
import { addDays, today, weekDates } from '../../lib/dates.ts';
import { useFormat } from '../../lib/format.ts';
import { formatAmount, formatUnitPrice, sumAmounts } from '../../lib/money.ts';
import { meQuery, workspaceQuery } from '../../queries.ts';
import type { Workspace } from '../../types.ts';
import { useClients, useProjects, useUsers } from '../time/data.ts';
import { LockedBadge, SourceBadge } from '../time/SourceBadge.tsx';
import { useCategories, useExpenses } from './data.ts';

// Loaded when first needed: the date picker and the form would otherwise weigh on the list.
const ExpenseModal = lazy(() => import('./ExpenseModal.tsx').then((m) => ({ default: m.ExpenseModal })));

export type ExpenseView = 'day' | 'week' | 'month';

const APPROVAL_LABELS: Record<Expense['approval_status'], string> = {
  unsubmitted: 'Not submitted',
  submitted: 'Submitted',
  approved: 'Approved',
  rejected: 'Rejected',
};

/** The first and last day of the day, week or month around `date`. */
function range(view: ExpenseView, date: string, workspace: Workspace | undefined): [string, string] {
  if (view === 'day') return [date, date];
  if (view === 'week') {
    const days = weekDates(date, workspace?.week_starts_on ?? 'monday');
    return [days[0] ?? date, days[6] ?? date];
  }
  const first = `${date.slice(0, 8)}01`;
  const next = new Date(`${first}T00:00:00Z`);
  next.setUTCMonth(next.getUTCMonth() + 1);
  return [first, addDays(next.toISOString().slice(0, 10), -1)];
}

function step(view: ExpenseView, date: string, direction: 1 | -1): string {
  if (view === 'day') return addDays(date, direction);
  if (view === 'week') return addDays(date, 7 * direction);
  const moved = new Date(`${date.slice(0, 8)}01T00:00:00Z`);
  moved.setUTCMonth(moved.getUTCMonth() + direction);
  return moved.toISOString().slice(0, 10);
}

/** An LLM usage expense: the model, the tokens and the price per unit its metadata and units say. */
function llmDetails(expense: Expense, category: ExpenseCategory | undefined, workspace: Workspace) {
  const model = typeof expense.metadata?.model === 'string' ? expense.metadata.model : null;
  const parts = [
    model,
    expense.units === null ? null : `${expense.units} ${category?.unit_name ?? 'units'}`,
    expense.unit_price === null ? null : `at ${formatUnitPrice(expense.unit_price, workspace)}`,
  ];
  return parts.filter((part) => part !== null).join(' · ');
}

export function ExpensesPage() {
  const search = useSearch({ from: '/app/expenses' });
  const navigate = useNavigate({ from: '/expenses' });
  const me = useQuery(meQuery);
  const workspace = useQuery(workspaceQuery);
  const format = useFormat();
  const timeZone = me.data?.timezone ?? workspace.data?.timezone;
  const date = search.date ?? today(timeZone);
  const view = search.view ?? 'week';
  const [from, to] = range(view, date, workspace.data);
  const isLead = me.data?.role === 'administrator' || me.data?.role === 'manager';

  const [projectId, setProjectId] = useState<string | null>(null);
  const [clientId, setClientId] = useState<string | null>(null);
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [billable, setBillable] = useState<string | null>(null);
  const [approvalStatus, setApprovalStatus] = useState<string | null>(null);
  const [source, setSource] = useState<string | null>(null);
  const [userId, setUserId] = useState<string | null>(null);
  // undefined: closed; null: a new expense; otherwise the expense being edited.
  const [editing, setEditing] = useState<Expense | null | undefined>(undefined);

  const expenses = useExpenses({
    from,
    to,
    projectId,
    clientId,
    categoryId,
    billable,
    approvalStatus,
    source,
    userId: isLead ? userId : null,
  });
  const projects = useProjects();
  const clients = useClients();
  const categories = useCategories();
  const users = useUsers(isLead);

  const projectName = new Map((projects.data ?? []).map((p) => [p.id, p.name]));
  const categoryOf = new Map((categories.data ?? []).map((c) => [c.id, c]));
  const userName = new Map((users.data ?? []).map((u) => [u.id, u.name]));
  const rows = expenses.data ?? [];
  const days = [...new Set(rows.map((expense) => expense.spent_date))].sort().reverse();
  const settings = workspace.data;
  const money = (value: number | string) => (settings ? formatAmount(value, settings) : String(value));
  const total = (list: Expense[]) => sumAmounts(list.map((expense) => expense.total_cost));

  const go = (next: { date?: string; view?: ExpenseView }) =>
    navigate({ search: (previous) => ({ ...previous, ...next }) });

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Expenses</Title>
        <Group gap="xs">
          <ExportButton
            kind="expenses"
            filters={exportFilters({
              from,
              to,
              project_id: projectId,
              client_id: clientId,
              category_id: categoryId,
              is_billable: billable,
              approval_status: approvalStatus,
              source,
              user_id: isLead ? userId : null,
            })}
          />
          <Button onClick={() => setEditing(null)}>New expense</Button>
        </Group>
      </Group>
      <Group justify="space-between" wrap="wrap">
        <Group gap="xs">
          <ActionIcon
            variant="default"
            aria-label="Previous"
            onClick={() => go({ date: step(view, date, -1) })}
          >
            ‹
          </ActionIcon>
          <ActionIcon variant="default" aria-label="Next" onClick={() => go({ date: step(view, date, 1) })}>
            ›
          </ActionIcon>
          <Text fw={500}>
            {from === to ? format.longDay(from) : `${format.longDay(from)} – ${format.longDay(to)}`}
          </Text>
        </Group>
        <SegmentedControl
          aria-label="Period"
          value={view}
          onChange={(value) => go({ view: value as ExpenseView })}
          data={[
            { value: 'day', label: 'Day' },
            { value: 'week', label: 'Week' },
            { value: 'month', label: 'Month' },
          ]}
        />
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
        <Select
          label="Project"
          clearable
          searchable
          placeholder="All"
          value={projectId}
          onChange={setProjectId}
          data={(projects.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
        />
        <Select
          label="Client"
          clearable
          searchable
          placeholder="All"
          value={clientId}
          onChange={setClientId}
          data={(clients.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
        />
        <Select
          label="Category"
          clearable
          placeholder="All"
          value={categoryId}
          onChange={setCategoryId}
          data={(categories.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
        />
        <Select
          label="Billable"
          clearable
          placeholder="All"
          value={billable}
          onChange={setBillable}
          data={[
            { value: 'true', label: 'Billable' },
            { value: 'false', label: 'Non-billable' },
          ]}
        />
        <Select
          label="Approval"
          clearable
          placeholder="All"
          value={approvalStatus}
          onChange={setApprovalStatus}
          data={Object.entries(APPROVAL_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <Select
          label="Source"
          clearable
          placeholder="All"
          value={source}
          onChange={setSource}
          data={[
            { value: 'web', label: 'Web' },
            { value: 'cli', label: 'CLI' },
            { value: 'api', label: 'API' },
            { value: 'agent', label: 'Agent' },
          ]}
        />
        {isLead && (
          <Select
            label="Team member"
            clearable
            searchable
            placeholder="Everyone I see"
            value={userId}
            onChange={setUserId}
            data={(users.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          />
        )}
      </SimpleGrid>
      <SimpleGrid cols={3} spacing="xs" aria-label="Totals">
        <Paper withBorder p="xs">
          <Text size="xs" c="dimmed">
            Total
          </Text>
          <Text fw={700} data-testid="total">
            {money(total(rows))}
          </Text>
        </Paper>
        <Paper withBorder p="xs">
          <Text size="xs" c="dimmed">
            Billable
          </Text>
          <Text fw={700}>{money(total(rows.filter((e) => e.billable)))}</Text>
        </Paper>
        <Paper withBorder p="xs">
          <Text size="xs" c="dimmed">
            Non-billable
          </Text>
          <Text fw={700}>{money(total(rows.filter((e) => !e.billable)))}</Text>
        </Paper>
      </SimpleGrid>
      {expenses.isSuccess && rows.length === 0 && <Text c="dimmed">No expenses in this period.</Text>}
      {days.map((day) => {
        const ofDay = rows.filter((expense) => expense.spent_date === day);
        return (
          <Paper withBorder p="sm" key={day}>
            <Group justify="space-between" mb="xs">
              <Title order={3} size="h5">
                {format.longDay(day)}
              </Title>
              <Text fw={600}>{money(total(ofDay))}</Text>
            </Group>
            <Table.ScrollContainer minWidth={520}>
              <Table aria-label={`Expenses on ${format.longDay(day)}`}>
                <Table.Tbody>
                  {ofDay.map((expense) => {
                    const category = categoryOf.get(expense.expense_category_id);
                    const isLlm = expense.expense_category_id === 'cat_llm_usage';
                    return (
                      <Table.Tr key={expense.id}>
                        <Table.Td>
                          <Stack gap={2}>
                            <Group gap={6}>
                              <Text fw={500}>{category?.name ?? expense.expense_category_id}</Text>
                              <SourceBadge source={expense.source} />
                              {expense.approval_status !== 'unsubmitted' && (
                                <Badge size="sm" variant="light">
                                  {APPROVAL_LABELS[expense.approval_status]}
                                </Badge>
                              )}
                              {expense.is_locked && <LockedBadge />}
                            </Group>
                            <Text size="sm" c="dimmed">
                              {projectName.get(expense.project_id) ?? ''}
                              {isLead && userName.has(expense.user_id)
                                ? ` · ${userName.get(expense.user_id)}`
                                : ''}
                              {expense.notes ? ` · ${expense.notes}` : ''}
                            </Text>
                            {isLlm && settings && (
                              <Text size="sm">{llmDetails(expense, category, settings)}</Text>
                            )}
                          </Stack>
                        </Table.Td>
                        <Table.Td w={40}>
                          {expense.receipt && (
                            <Anchor
                              href={expense.receipt.url}
                              target="_blank"
                              rel="noopener"
                              aria-label={`Open receipt ${expense.receipt.file_name}`}
                              title="Open receipt"
                            >
                              <PaperclipIcon />
                            </Anchor>
                          )}
                        </Table.Td>
                        <Table.Td ta="right">
                          <Text fw={500}>{money(expense.total_cost)}</Text>
                          {!expense.billable && (
                            <Text size="xs" c="dimmed">
                              Non-billable
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td w={80}>
                          <Button
                            variant="subtle"
                            size="xs"
                            onClick={() => setEditing(expense)}
                            aria-label={`${expense.is_locked ? 'View' : 'Edit'} ${category?.name ?? 'expense'} ${money(expense.total_cost)}`}
                          >
                            {expense.is_locked ? 'View' : 'Edit'}
                          </Button>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        );
      })}
      {editing !== undefined && settings && (
        <Suspense>
          <ExpenseModal
            opened
            onClose={() => setEditing(undefined)}
            expense={editing}
            date={date}
            projects={projects.data ?? []}
            clients={clients.data ?? []}
            categories={categories.data ?? []}
            workspace={settings}
          />
        </Suspense>
      )}
    </Stack>
  );
}
