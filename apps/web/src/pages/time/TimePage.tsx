import type { TimeEntry } from '@keito/sdk';
import {
  Alert,
  Button,
  Collapse,
  Group,
  Paper,
  Progress,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { lazy, Suspense, useMemo, useState } from 'react';
import { ApiError, getAll } from '../../api.ts';
import { ExportButton, exportFilters } from '../../components/ExportButton.tsx';
import { addDays, today, weekDates } from '../../lib/dates.ts';
import { useFormat } from '../../lib/format.ts';
import { meQuery, workspaceQuery } from '../../queries.ts';
import { DayView, type EntryActions } from './DayView.tsx';
import { useClients, useEntries, useEntryMutations, useProjects, useUsers } from './data.ts';
import { ApprovalBadge, SourceBadge } from './SourceBadge.tsx';
import { SubmitWeek, useRejections } from './SubmitWeek.tsx';
import { WeekView } from './WeekView.tsx';

// Loaded when first needed: the date pickers and forms would otherwise weigh on the first screen.
const EntryModal = lazy(() => import('./EntryModal.tsx').then((m) => ({ default: m.EntryModal })));
const EntryDetail = lazy(() => import('./EntryDetail.tsx').then((m) => ({ default: m.EntryDetail })));
const DateJump = lazy(() => import('./DateJump.tsx'));

const SOURCES = [
  { value: '', label: 'All' },
  { value: 'web', label: 'Web' },
  { value: 'cli', label: 'CLI' },
  { value: 'api', label: 'API' },
  { value: 'agent', label: 'Agent' },
];

export function TimePage() {
  const search = useSearch({ from: '/app/time' });
  const navigate = useNavigate({ from: '/time' });
  const me = useQuery(meQuery);
  const workspace = useQuery(workspaceQuery);
  // The person's own zone overrides the workspace's for their view (personal settings).
  const timeZone = me.data?.timezone ?? workspace.data?.timezone;
  const date = search.date ?? today(timeZone);
  const view = search.view ?? 'day';
  const weekStart = workspace.data?.week_starts_on ?? 'monday';
  const days = weekDates(date, weekStart);
  const isLead = me.data?.role === 'administrator' || me.data?.role === 'manager';

  const [source, setSource] = useState('');
  const [memberId, setMemberId] = useState<string | null>(null);
  const [clientId, setClientId] = useState<string | null>(null);
  const [projectId, setProjectId] = useState<string | null>(null);
  const [billable, setBillable] = useState<string | null>(null);
  const [approval, setApproval] = useState<string | null>(null);
  const [taskId, setTaskId] = useState<string | null>(null);
  // A lead's date range replaces the day or week with a list of the entries in it.
  const [rangeFrom, setRangeFrom] = useState('');
  const [rangeTo, setRangeTo] = useState('');
  const ranged = isLead && rangeFrom !== '' && rangeTo !== '' && rangeFrom <= rangeTo;
  // On a phone the filters fold away behind a button; on wider screens they stay open.
  const wide = useMediaQuery('(min-width: 48em)', true);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const userId = memberId ?? me.data?.id ?? '';
  const viewingSelf = userId === me.data?.id;

  const projects = useProjects();
  const clients = useClients();
  const users = useUsers(isLead);
  const entriesQuery = useEntries({
    from: ranged ? rangeFrom : (days[0] ?? date),
    to: ranged ? rangeTo : (days[6] ?? date),
    userId,
    taskId: taskId ?? undefined,
    source,
    projectId: projectId ?? undefined,
    clientId: clientId ?? undefined,
    billable: billable ?? undefined,
  });
  const weekEntries = useMemo(
    () => (entriesQuery.data ?? []).filter((entry) => !approval || entry.approval_status === approval),
    [entriesQuery.data, approval],
  );
  const dayEntries = weekEntries.filter((entry) => entry.spent_date === date);
  // The export covers what the page shows: the range (or the day or week), the person and the filters.
  const exported = exportFilters({
    from: ranged ? rangeFrom : view === 'day' ? date : days[0],
    to: ranged ? rangeTo : view === 'day' ? date : days[6],
    user_id: userId,
    task_id: taskId,
    source,
    project_id: projectId,
    client_id: clientId,
    is_billable: billable,
    approval_status: approval,
  });
  const { create, update, remove } = useEntryMutations();

  const [editing, setEditing] = useState<TimeEntry | null | undefined>(undefined);
  const [detail, setDetail] = useState<TimeEntry | null>(null);
  const format = useFormat();

  const projectById = new Map((projects.data ?? []).map((project) => [project.id, project]));
  const clientById = new Map((clients.data ?? []).map((client) => [client.id, client]));
  const describe = (projectId: string, taskId: string | null, taskName?: string) => {
    const project = projectById.get(projectId);
    return {
      project: project?.name ?? 'Project',
      client: (project && clientById.get(project.client_id)?.name) ?? '',
      task: taskName ?? (taskId ? (taskNames.get(taskId) ?? 'Task') : 'No task'),
    };
  };
  const taskNames = useTaskNames();
  const approvalsOn = workspace.data?.features.approvals === true;
  // A rejection stays on the page while its entries are still rejected, until they are resubmitted.
  const rejections = useRejections(days, userId, approvalsOn).filter((timesheet) =>
    (entriesQuery.data ?? []).some(
      (entry) =>
        entry.approval_status === 'rejected' &&
        entry.spent_date >= timesheet.from &&
        entry.spent_date <= timesheet.to,
    ),
  );

  const run = async (action: () => Promise<unknown>, done?: string) => {
    try {
      await action();
      if (done) notifications.show({ message: done });
    } catch (failure) {
      notifications.show({
        color: 'red',
        message: failure instanceof ApiError ? failure.message : 'That failed',
      });
    }
  };

  const actions: EntryActions = {
    open: setDetail,
    edit: setEditing,
    copy: (entry) =>
      run(
        () =>
          create.mutateAsync({
            project_id: entry.project_id,
            task_id: entry.task_id,
            notes: entry.notes,
            hours: entry.hours,
            spent_date: date,
            is_billable: entry.is_billable,
            source: 'web',
          }),
        'Entry copied',
      ),
    restart: (entry) =>
      run(() =>
        create.mutateAsync({
          project_id: entry.project_id,
          task_id: entry.task_id,
          notes: entry.notes,
          spent_date: today(timeZone),
          is_running: true,
          source: 'web',
        }),
      ),
    stop: async (entry) => {
      try {
        await update.mutateAsync({ id: entry.id, is_running: false });
      } catch (failure) {
        // A workspace that requires notes refuses to stop a timer without them: open the entry so
        // the notes can be written, then the timer stopped.
        if (failure instanceof ApiError && failure.field === 'notes') {
          setEditing(entry);
          notifications.show({
            color: 'yellow',
            message: `${failure.message}: add them, then stop the timer`,
          });
        } else {
          notifications.show({
            color: 'red',
            message: failure instanceof ApiError ? failure.message : 'That failed',
          });
        }
      }
    },
    remove: (entry) => {
      if (window.confirm('Delete this time entry?'))
        void run(() => remove.mutateAsync(entry.id), 'Entry deleted');
    },
  };

  const capacity = me.data?.weekly_capacity ?? workspace.data?.default_weekly_capacity ?? 0;
  const weekTotal = weekEntries.reduce((total, entry) => total + entry.hours, 0);
  const dayTotal = dayEntries.reduce((total, entry) => total + entry.hours, 0);
  const go = (next: { date?: string; view?: 'day' | 'week' }) =>
    navigate({ search: (current) => ({ ...current, ...next }) });
  const step = view === 'week' ? 7 : 1;

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Title order={2}>Time</Title>
        <Group gap="xs" wrap="wrap">
          <SegmentedControl
            aria-label="View"
            value={view}
            onChange={(value) => go({ view: value as 'day' | 'week' })}
            data={[
              { value: 'day', label: 'Day' },
              { value: 'week', label: 'Week' },
            ]}
          />
          <Button
            variant="default"
            aria-label={view === 'week' ? 'Previous week' : 'Previous day'}
            onClick={() => go({ date: addDays(date, -step) })}
          >
            ‹
          </Button>
          <Suspense
            fallback={
              <Button variant="default" w={170}>
                {date}
              </Button>
            }
          >
            <DateJump date={date} weekStart={weekStart} onChange={(value) => go({ date: value })} />
          </Suspense>
          <Button
            variant="default"
            aria-label={view === 'week' ? 'Next week' : 'Next day'}
            onClick={() => go({ date: addDays(date, step) })}
          >
            ›
          </Button>
          {/* Until both zones are known, "today" would be the browser's. */}
          <Button
            variant="subtle"
            disabled={!me.data || !workspace.data}
            onClick={() => go({ date: today(timeZone) })}
          >
            Today
          </Button>
          <ExportButton kind="time-entries" filters={exported} />
        </Group>
      </Group>

      <Group justify="space-between" wrap="wrap" gap="sm" align="flex-end">
        <SegmentedControl aria-label="Source" value={source} onChange={setSource} data={SOURCES} size="sm" />
        <Group gap="xs">
          {isLead && !wide && (
            <Button
              variant="default"
              onClick={() => setFiltersOpen((open) => !open)}
              aria-expanded={filtersOpen}
            >
              Filters
            </Button>
          )}
          {approvalsOn && (viewingSelf || isLead) && (
            <SubmitWeek days={days} userId={userId} onBehalfOf={viewingSelf ? undefined : userId} />
          )}
          <Button onClick={() => setEditing(null)} disabled={!viewingSelf}>
            New entry
          </Button>
        </Group>
      </Group>

      {isLead && (
        <Collapse expanded={wide || filtersOpen}>
          <Paper withBorder p="sm">
            <Group gap="sm" wrap="wrap">
              <Select
                label="Team member"
                size="xs"
                searchable
                data={(users.data ?? []).map((user) => ({ value: user.id, label: user.name }))}
                value={userId || null}
                onChange={(value) => setMemberId(value)}
                allowDeselect={false}
              />
              <Select
                label="Client"
                size="xs"
                clearable
                data={(clients.data ?? []).map((client) => ({ value: client.id, label: client.name }))}
                value={clientId}
                onChange={setClientId}
              />
              <Select
                label="Project"
                size="xs"
                clearable
                data={(projects.data ?? []).map((project) => ({ value: project.id, label: project.name }))}
                value={projectId}
                onChange={setProjectId}
              />
              <Select
                label="Task"
                size="xs"
                clearable
                searchable
                data={[...taskNames].map(([id, name]) => ({ value: id, label: name }))}
                value={taskId}
                onChange={setTaskId}
              />
              <TextInput
                label="From"
                type="date"
                size="xs"
                value={rangeFrom}
                onChange={(event) => setRangeFrom(event.currentTarget.value)}
              />
              <TextInput
                label="To"
                type="date"
                size="xs"
                value={rangeTo}
                error={rangeFrom && rangeTo && rangeTo < rangeFrom ? 'Before From' : undefined}
                onChange={(event) => setRangeTo(event.currentTarget.value)}
              />
              <Select
                label="Billable"
                size="xs"
                clearable
                data={[
                  { value: 'true', label: 'Billable' },
                  { value: 'false', label: 'Non-billable' },
                ]}
                value={billable}
                onChange={setBillable}
              />
              <Select
                label="Approval"
                size="xs"
                clearable
                data={['unsubmitted', 'submitted', 'approved', 'rejected']}
                value={approval}
                onChange={setApproval}
              />
            </Group>
          </Paper>
        </Collapse>
      )}

      {rejections.map((timesheet) => (
        <Alert key={timesheet.id} color="red" title="Sent back for changes" data-testid="rejection">
          {timesheet.decided_by ? `${timesheet.decided_by.name}: ` : ''}
          {timesheet.reason}
        </Alert>
      ))}

      <Paper withBorder p="sm">
        <Group justify="space-between" wrap="wrap">
          <Text fw={600}>
            {ranged
              ? `${format.date(rangeFrom)} – ${format.date(rangeTo)}`
              : view === 'day'
                ? format.longDay(date)
                : `Week of ${format.longDay(days[0] ?? date)}`}
          </Text>
          <Group gap="lg">
            {view === 'day' && (
              <Text>
                Day: <b data-testid="daily-total">{format.duration(dayTotal)}</b>
              </Text>
            )}
            <Text>
              {ranged ? 'Range' : 'Week'}: <b data-testid="weekly-total">{format.duration(weekTotal)}</b> of{' '}
              {format.duration(capacity)}
            </Text>
          </Group>
        </Group>
        <Progress
          mt="xs"
          value={capacity > 0 ? Math.min(100, (weekTotal / capacity) * 100) : 0}
          aria-label="Weekly total against capacity"
          color={weekTotal > capacity ? 'orange' : 'indigo'}
        />
      </Paper>

      {ranged ? (
        <RangeList
          entries={weekEntries}
          describe={(entry) => describe(entry.project_id, entry.task_id)}
          onOpen={setDetail}
        />
      ) : view === 'day' ? (
        <DayView
          entries={dayEntries}
          describe={(entry) => describe(entry.project_id, entry.task_id)}
          actions={actions}
          editable={viewingSelf || isLead}
          fetchedAt={entriesQuery.dataUpdatedAt}
        />
      ) : (
        <WeekView
          days={days}
          entries={weekEntries}
          projects={projects.data ?? []}
          clients={clients.data ?? []}
          describe={describe}
          editable={viewingSelf}
          userId={userId}
        />
      )}

      <Suspense fallback={null}>
        {editing !== undefined && (
          <EntryModal
            opened
            onClose={() => setEditing(undefined)}
            entry={editing}
            date={date}
            projects={projects.data ?? []}
            clients={clients.data ?? []}
          />
        )}
        {detail !== null && (
          <EntryDetail
            entry={detail}
            projectName={(id) => projectById.get(id)?.name ?? id}
            onClose={() => setDetail(null)}
          />
        )}
      </Suspense>
    </Stack>
  );
}

/** A lead's date range: every entry in it, oldest first, with its state and total. */
function RangeList({
  entries,
  describe,
  onOpen,
}: {
  entries: TimeEntry[];
  describe: (entry: TimeEntry) => { project: string; client: string; task: string };
  onOpen: (entry: TimeEntry) => void;
}) {
  const format = useFormat();
  const sorted = [...entries].sort((a, b) => a.spent_date.localeCompare(b.spent_date));
  return (
    <Paper withBorder p="sm">
      <Table.ScrollContainer minWidth={600}>
        <Table aria-label="Entries in the date range" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Date</Table.Th>
              <Table.Th scope="col">Project / task</Table.Th>
              <Table.Th scope="col">Notes</Table.Th>
              <Table.Th scope="col">State</Table.Th>
              <Table.Th scope="col" ta="right">
                Hours
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((entry) => {
              const labels = describe(entry);
              return (
                <Table.Tr key={entry.id} onClick={() => onOpen(entry)} style={{ cursor: 'pointer' }}>
                  <Table.Td>{format.date(entry.spent_date)}</Table.Td>
                  <Table.Td>
                    {labels.project} · {labels.task} <SourceBadge source={entry.source} />
                  </Table.Td>
                  <Table.Td>{entry.notes ?? ''}</Table.Td>
                  <Table.Td>
                    <ApprovalBadge status={entry.approval_status} />
                  </Table.Td>
                  <Table.Td ta="right">{format.duration(entry.hours)}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th scope="row" colSpan={4}>
                Total
              </Table.Th>
              <Table.Td ta="right" fw={700} data-testid="range-total">
                {format.duration(entries.reduce((sum, entry) => sum + entry.hours, 0))}
              </Table.Td>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

/** Task names for the rows, from the company task list (members may read it). */
function useTaskNames(): Map<string, string> {
  const tasks = useQuery({
    queryKey: ['list', '/tasks'],
    queryFn: () => getAll<{ id: string; name: string }>('/tasks'),
  });
  return useMemo(() => new Map((tasks.data ?? []).map((task) => [task.id, task.name])), [tasks.data]);
}
