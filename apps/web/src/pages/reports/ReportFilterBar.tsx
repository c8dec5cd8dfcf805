import type { ApprovalStatus, ExpenseCategory, Source, Task, User } from '@keito/sdk';
import { Button, Group, MultiSelect, Paper, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type KeyboardEvent, useEffect, useState } from 'react';
import { useFormat } from '../../lib/format.ts';
import { listQuery } from '../../queries.ts';
import { DateField } from '../invoices/DateField.tsx';
import { useClients, useProjects } from '../time/data.ts';
import { APPROVAL_LABELS, SOURCE_LABELS } from '../time/SourceBadge.tsx';
import {
  DEFAULT_PERIOD,
  type FilterKey,
  listValue,
  PERIOD_LABELS,
  useReportFilters,
  useUpdateReportSearch,
} from './search.ts';

/** The filters the time report offers (every one its API takes). */
export const TIME_FILTERS: readonly FilterKey[] = [
  'period',
  'client_id',
  'project_id',
  'task_id',
  'user_id',
  'role',
  'is_billable',
  'invoiced',
  'approval_status',
  'source',
  'agent_id',
  'session_id',
  'model',
];
/** The expense report's: categories instead of tasks. */
export const EXPENSE_FILTERS: readonly FilterKey[] = TIME_FILTERS.map((key) =>
  key === 'task_id' ? 'category_id' : key,
);

/** Filters shown behind "More filters": the period, clients, projects and people are always in view. */
const SECONDARY: readonly FilterKey[] = [
  'task_id',
  'category_id',
  'role',
  'is_billable',
  'invoiced',
  'approval_status',
  'source',
  'agent_id',
  'session_id',
  'model',
];

const options = <T,>(items: T[] | undefined, value: (item: T) => string, label: (item: T) => string) =>
  (items ?? []).map((item) => ({ value: value(item), label: label(item) }));

/**
 * The filter bar of every report: a change writes the URL (a new history entry, so Back undoes it),
 * which the report reads back through `useReportFilters`. Text filters commit on Enter or when
 * focus leaves them, so typing an agent id is one history entry, not one per letter.
 * `range` is the period the server resolved (a preset taken in the workspace's time zone and week
 * start), shown under the period and used to start a custom range from it.
 */
export function ReportFilterBar({
  filters,
  range,
}: {
  filters: readonly FilterKey[];
  range?: { from: string | null; to: string | null };
}) {
  const format = useFormat();
  const { search } = useReportFilters(filters);
  const shows = (key: FilterKey) => filters.includes(key);
  const secondarySet = SECONDARY.filter((key) => shows(key) && search[key] !== undefined).length;
  const [more, setMore] = useState(secondarySet > 0);

  // Lists a person may not read (a member and the team, say) leave their filter out.
  const clients = useClients();
  const projects = useProjects();
  const tasks = useQuery({ ...listQuery<Task>('/tasks'), enabled: shows('task_id') });
  const categories = useQuery({
    ...listQuery<ExpenseCategory>('/expense-categories'),
    enabled: shows('category_id'),
  });
  const people = useQuery({ ...listQuery<User>('/users'), enabled: shows('user_id') || shows('role') });
  const roles = [...new Set((people.data ?? []).flatMap((person) => person.business_roles))].sort();

  const update = useUpdateReportSearch();

  const period = search.period ?? (search.from || search.to ? 'custom' : DEFAULT_PERIOD);
  const multi = (key: FilterKey, label: string, data: { value: string; label: string }[]) => (
    <MultiSelect
      key={key}
      label={label}
      placeholder={listValue(search[key]).length === 0 ? 'All' : undefined}
      searchable
      clearable
      // The clear button is an icon: its name says which filter it clears.
      clearButtonProps={{ 'aria-label': `Clear ${label.toLowerCase()}` }}
      data={data}
      value={listValue(search[key])}
      onChange={(values) => update({ [key]: values.join(',') || undefined })}
      comboboxProps={{ withinPortal: true }}
    />
  );
  const yesNo = (key: 'is_billable' | 'invoiced', label: string, yes: string, no: string) => (
    <Select
      key={key}
      label={label}
      data={[
        { value: 'all', label: 'All' },
        { value: 'true', label: yes },
        { value: 'false', label: no },
      ]}
      value={search[key] ?? 'all'}
      onChange={(value) => update({ [key]: value === 'all' ? undefined : (value ?? undefined) })}
      allowDeselect={false}
    />
  );

  const secondary = [
    shows('task_id') &&
      tasks.isSuccess &&
      multi(
        'task_id',
        'Tasks',
        options(
          tasks.data,
          (t) => t.id,
          (t) => t.name,
        ),
      ),
    shows('category_id') &&
      categories.isSuccess &&
      multi(
        'category_id',
        'Categories',
        options(
          categories.data,
          (c) => c.id,
          (c) => c.name,
        ),
      ),
    shows('role') &&
      roles.length > 0 &&
      multi(
        'role',
        'Roles',
        roles.map((role) => ({ value: role, label: role })),
      ),
    shows('is_billable') && yesNo('is_billable', 'Billable', 'Billable', 'Non-billable'),
    shows('invoiced') && yesNo('invoiced', 'Invoiced', 'Invoiced', 'Uninvoiced'),
    shows('approval_status') &&
      multi(
        'approval_status',
        'Approval status',
        (Object.entries(APPROVAL_LABELS) as [ApprovalStatus, string][]).map(([value, label]) => ({
          value,
          label,
        })),
      ),
    shows('source') &&
      multi(
        'source',
        'Source',
        (Object.entries(SOURCE_LABELS) as [Source, string][]).map(([value, label]) => ({ value, label })),
      ),
    ...(['agent_id', 'session_id', 'model'] as const)
      .filter(shows)
      .map((key) => (
        <MetadataField
          key={key}
          label={{ agent_id: 'Agent id', session_id: 'Session id', model: 'Model' }[key]}
          value={search[key] ?? ''}
          onCommit={(value) => update({ [key]: value || undefined })}
        />
      )),
  ].filter(Boolean);

  const active = Object.keys(search).filter(
    (key) => filters.includes(key as FilterKey) || key === 'from' || key === 'to',
  );

  return (
    <Paper withBorder p="sm" component="section" aria-label="Filters">
      <Stack gap="xs">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="xs">
          <Stack gap={2}>
            <Select
              label="Period"
              allowDeselect={false}
              data={Object.entries(PERIOD_LABELS).map(([value, label]) => ({ value, label }))}
              value={period}
              onChange={(value) =>
                value === 'custom'
                  ? update({
                      period: 'custom',
                      from: search.from ?? range?.from ?? undefined,
                      to: search.to ?? range?.to ?? undefined,
                    })
                  : update({ period: value ?? undefined, from: undefined, to: undefined })
              }
            />
            {period !== 'custom' && range?.from && range.to && (
              <Text size="xs" c="dimmed" data-testid="report-range">
                {format.date(range.from)} – {format.date(range.to)}
              </Text>
            )}
          </Stack>
          {period === 'custom' && (
            <>
              <DateField
                label="From"
                value={search.from ?? null}
                onChange={(from) => update({ period: 'custom', from: from ?? undefined })}
                clearable
              />
              <DateField
                label="To"
                value={search.to ?? null}
                onChange={(to) => update({ period: 'custom', to: to ?? undefined })}
                clearable
              />
            </>
          )}
          {shows('client_id') &&
            clients.isSuccess &&
            multi(
              'client_id',
              'Clients',
              options(
                clients.data,
                (c) => c.id,
                (c) => c.name,
              ),
            )}
          {shows('project_id') &&
            projects.isSuccess &&
            multi(
              'project_id',
              'Projects',
              options(
                projects.data,
                (p) => p.id,
                (p) => (p.code ? `[${p.code}] ${p.name}` : p.name),
              ),
            )}
          {shows('user_id') &&
            people.isSuccess &&
            (people.data?.length ?? 0) > 1 &&
            multi(
              'user_id',
              'People',
              options(
                people.data,
                (u) => u.id,
                (u) => u.name,
              ),
            )}
        </SimpleGrid>
        {more && secondary.length > 0 && (
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="xs">
            {secondary}
          </SimpleGrid>
        )}
        <Group gap="xs">
          {secondary.length > 0 && (
            <Button variant="subtle" size="compact-sm" onClick={() => setMore(!more)} aria-expanded={more}>
              {more ? 'Fewer filters' : `More filters${secondarySet > 0 ? ` (${secondarySet})` : ''}`}
            </Button>
          )}
          {active.length > 0 && (
            <Button
              variant="subtle"
              size="compact-sm"
              color="dark"
              onClick={() =>
                update(Object.fromEntries([...filters, 'from', 'to'].map((key) => [key, undefined])))
              }
            >
              Clear filters
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

/** A metadata value (agent id, session id, model), matched exactly; written to the URL when done. */
function MetadataField({
  label,
  value,
  onCommit,
}: {
  label: string;
  value: string;
  onCommit: (value: string) => void;
}) {
  const [draft, setDraft] = useState(value);
  // Back, Forward or a saved report change the URL under the field: show what it now says.
  useEffect(() => setDraft(value), [value]);
  const commit = () => {
    if (draft.trim() !== value) onCommit(draft.trim());
  };
  return (
    <TextInput
      label={label}
      placeholder="Any"
      value={draft}
      onChange={(event) => setDraft(event.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(event: KeyboardEvent<HTMLInputElement>) => {
        if (event.key === 'Enter') commit();
      }}
    />
  );
}
