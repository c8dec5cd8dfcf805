import type { Client, Project, TimeEntry } from '@keito/sdk';
import {
  Button,
  Group,
  Paper,
  ScrollArea,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type KeyboardEvent, useMemo, useRef, useState } from 'react';
import { ApiError } from '../../api.ts';
import { parseDuration } from '../../lib/duration.ts';
import { useFormat } from '../../lib/format.ts';
import { projectOptions, useEntryMutations, useTaskAssignments } from './data.ts';
import { ApprovalBadge, dayApprovalStatus, SourceBadge } from './SourceBadge.tsx';

interface Row {
  key: string;
  projectId: string;
  taskId: string | null;
}

interface Props {
  days: string[];
  entries: TimeEntry[];
  projects: Project[];
  clients: Client[];
  describe: (projectId: string, taskId: string | null) => { project: string; client: string; task: string };
  editable: boolean;
  userId: string;
}

/** The cell whose notes are shown under the grid: the one last clicked into. */
interface FocusedCell {
  row: Row;
  day: string;
  label: string;
}

const rowKey = (projectId: string, taskId: string | null) => `${projectId}|${taskId ?? ''}`;

/**
 * The week as a grid: a row per project and task, a column per day from the workspace's week start.
 * Typing into a cell sets that day's time (it creates, changes or, with 0, deletes the one entry
 * behind it); Enter and Tab move to the next cell. Cells behind several entries or a locked entry are
 * read-only here and edited in the day view.
 */
export function WeekView({ days, entries, projects, clients, describe, editable, userId }: Props) {
  const format = useFormat();
  const [addedRows, setAddedRows] = useState<Row[]>([]);
  const [focused, setFocused] = useState<FocusedCell | null>(null);
  const rows = useMemo(() => {
    const seen = new Map<string, Row>();
    for (const entry of entries) {
      const key = rowKey(entry.project_id, entry.task_id);
      if (!seen.has(key)) seen.set(key, { key, projectId: entry.project_id, taskId: entry.task_id });
    }
    for (const row of addedRows) if (!seen.has(row.key)) seen.set(row.key, row);
    return [...seen.values()];
  }, [entries, addedRows]);

  const cellEntries = (row: Row, day: string) =>
    entries.filter((e) => rowKey(e.project_id, e.task_id) === row.key && e.spent_date === day);
  const sum = (list: TimeEntry[]) => list.reduce((total, entry) => total + entry.hours, 0);
  const dayTotal = (day: string) => sum(entries.filter((entry) => entry.spent_date === day));

  return (
    <Paper withBorder p="sm">
      <ScrollArea type="auto">
        <Table striped withColumnBorders miw={760} aria-label="Week timesheet">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Project / task</Table.Th>
              {days.map((day) => (
                <Table.Th key={day} scope="col" ta="right">
                  <Stack gap={2} align="flex-end">
                    {format.shortDay(day)}
                    <ApprovalBadge
                      status={dayApprovalStatus(
                        entries
                          .filter((entry) => entry.spent_date === day)
                          .map((entry) => entry.approval_status),
                      )}
                    />
                  </Stack>
                </Table.Th>
              ))}
              <Table.Th scope="col" ta="right">
                Total
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row, rowIndex) => {
              const labels = describe(row.projectId, row.taskId);
              return (
                <Table.Tr key={row.key}>
                  <Table.Th scope="row" fw={500}>
                    <Text size="sm" fw={600}>
                      {labels.project}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {labels.client} · {labels.task}
                    </Text>
                  </Table.Th>
                  {days.map((day, dayIndex) => (
                    <Table.Td key={day} p={4}>
                      <WeekCell
                        row={row}
                        day={day}
                        rowIndex={rowIndex}
                        dayIndex={dayIndex}
                        label={`${labels.project}, ${labels.task}, ${format.shortDay(day)}`}
                        entries={cellEntries(row, day)}
                        editable={editable}
                        userId={userId}
                        onFocus={() =>
                          setFocused({
                            row,
                            day,
                            label: `${labels.project}, ${labels.task}, ${format.shortDay(day)}`,
                          })
                        }
                      />
                    </Table.Td>
                  ))}
                  <Table.Td ta="right" fw={600} data-testid="row-total">
                    {format.duration(sum(entries.filter((e) => rowKey(e.project_id, e.task_id) === row.key)))}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th scope="row">Total</Table.Th>
              {days.map((day) => (
                <Table.Td key={day} ta="right" fw={600} data-testid="day-total">
                  {format.duration(dayTotal(day))}
                </Table.Td>
              ))}
              <Table.Td ta="right" fw={800} data-testid="week-total">
                {format.duration(sum(entries))}
              </Table.Td>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </ScrollArea>
      {focused && (
        <CellNotes
          key={`${focused.row.key}|${focused.day}`}
          label={focused.label}
          entries={cellEntries(focused.row, focused.day)}
          editable={editable}
        />
      )}
      {editable && (
        <AddRow
          projects={projects}
          clients={clients}
          onAdd={(projectId, taskId) =>
            setAddedRows((current) => [...current, { key: rowKey(projectId, taskId), projectId, taskId }])
          }
        />
      )}
    </Paper>
  );
}

function WeekCell({
  row,
  day,
  rowIndex,
  dayIndex,
  label,
  entries,
  editable,
  userId,
  onFocus,
}: {
  row: Row;
  day: string;
  rowIndex: number;
  dayIndex: number;
  label: string;
  entries: TimeEntry[];
  editable: boolean;
  userId: string;
  onFocus: () => void;
}) {
  const format = useFormat();
  const { create, update, remove } = useEntryMutations();
  const total = entries.reduce((sum, entry) => sum + entry.hours, 0);
  const shown = total === 0 ? '' : format.duration(total);
  const [draft, setDraftState] = useState<string | null>(null);
  // Enter commits and moves focus, which blurs and would commit again: the ref makes it once.
  const pending = useRef<string | null>(null);
  const setDraft = (value: string | null) => {
    pending.current = value;
    setDraftState(value);
  };
  const single = entries.length === 1 ? entries[0] : undefined;
  const locked = entries.some((entry) => entry.is_locked);
  const readOnly = !editable || entries.length > 1 || locked || entries.some((entry) => entry.is_running);
  // Agent and CLI time stands out in the grid as in the day view (time-tracking/agent-cli-entries).
  const sources = [...new Set(entries.map((entry) => entry.source))].filter(
    (source) => source === 'agent' || source === 'cli',
  );

  const commit = async () => {
    const typed = pending.current;
    if (typed === null) return;
    const hours = parseDuration(typed);
    setDraft(null);
    if (hours === null) {
      notifications.show({ color: 'red', message: `“${typed}” is not a duration; use 1.5 or 1:30` });
      return;
    }
    if (Math.abs(hours - total) < 0.0001) return;
    try {
      if (single && hours === 0) await remove.mutateAsync(single.id);
      else if (single) await update.mutateAsync({ id: single.id, hours });
      else if (hours > 0)
        await create.mutateAsync({
          project_id: row.projectId,
          task_id: row.taskId,
          spent_date: day,
          hours,
          source: 'web',
          user_id: userId,
        });
    } catch (failure) {
      notifications.show({
        color: 'red',
        message: failure instanceof ApiError ? failure.message : 'Not saved',
      });
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void commit();
      // week-view.md: "Press Enter or Tab to move to the next cell": the next day, then the next row.
      const next =
        document.getElementById(`cell-${rowIndex}-${dayIndex + 1}`) ??
        document.getElementById(`cell-${rowIndex + 1}-0`);
      (next ?? event.currentTarget).focus();
    }
    if (event.key === 'Escape') setDraft(null);
  };

  return (
    <Stack gap={2} align="stretch" data-testid="week-cell" data-locked={locked || undefined}>
      <TextInput
        id={`cell-${rowIndex}-${dayIndex}`}
        size="xs"
        aria-label={locked ? `${label} (locked)` : label}
        value={draft ?? shown}
        readOnly={readOnly}
        title={cellTitle(entries, locked)}
        placeholder="—"
        leftSection={locked ? <LockGlyph /> : undefined}
        styles={{
          input: {
            textAlign: 'right',
            fontFamily: 'monospace',
            background: locked ? 'var(--mantine-color-gray-1)' : undefined,
          },
        }}
        onChange={(event) => setDraft(event.currentTarget.value)}
        onFocus={(event) => {
          event.currentTarget.select();
          onFocus();
        }}
        onBlur={() => void commit()}
        onKeyDown={onKeyDown}
      />
      {sources.length > 0 && (
        <Group gap={2} justify="flex-end">
          {sources.map((source) => (
            <SourceBadge key={source} source={source} />
          ))}
        </Group>
      )}
    </Stack>
  );
}

function cellTitle(entries: TimeEntry[], locked: boolean): string | undefined {
  if (locked)
    return `Locked (${entries.find((entry) => entry.is_locked)?.approval_status ?? 'locked'}): read-only`;
  if (entries.length > 1) return 'Several entries: edit them in the day view';
  return undefined;
}

function LockGlyph() {
  return (
    <svg
      width="12"
      height="12"
      viewBox="0 0 24 24"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
    >
      <rect x="5" y="11" width="14" height="10" rx="2" />
      <path d="M8 11V7a4 4 0 0 1 8 0v4" />
    </svg>
  );
}

/**
 * Notes for the cell last clicked into (week-view.md: notes are "added when clicking into a cell"):
 * they belong to the one entry behind the cell, so a cell with none, several or a locked one shows
 * why it cannot take them here.
 */
function CellNotes({ label, entries, editable }: { label: string; entries: TimeEntry[]; editable: boolean }) {
  const { update } = useEntryMutations();
  const single = entries.length === 1 ? entries[0] : undefined;
  const [notes, setNotes] = useState(single?.notes ?? '');
  const writable = editable && single !== undefined && !single.is_locked;
  const hint =
    entries.length === 0
      ? 'Type the hours first, then the notes'
      : entries.length > 1
        ? 'Several entries: write their notes in the day view'
        : single?.is_locked
          ? 'Locked: read-only'
          : 'Saved when you leave the field';
  const save = async () => {
    if (!single || (single.notes ?? '') === notes) return;
    try {
      await update.mutateAsync({ id: single.id, notes: notes.trim() || null });
      notifications.show({ message: 'Notes saved' });
    } catch (failure) {
      notifications.show({
        color: 'red',
        message: failure instanceof ApiError ? failure.message : 'Not saved',
      });
    }
  };
  return (
    <Textarea
      mt="sm"
      label={`Notes: ${label}`}
      description={hint}
      autosize
      minRows={1}
      value={notes}
      readOnly={!writable}
      onChange={(event) => setNotes(event.currentTarget.value)}
      onBlur={() => void save()}
    />
  );
}

function AddRow({
  projects,
  clients,
  onAdd,
}: {
  projects: Project[];
  clients: Client[];
  onAdd: (projectId: string, taskId: string | null) => void;
}) {
  const [projectId, setProjectId] = useState<string | null>(null);
  const [taskId, setTaskId] = useState<string | null>(null);
  const tasks = useTaskAssignments(projectId);
  return (
    <Group mt="sm" align="flex-end">
      <Select
        label="Project"
        placeholder="Add a row"
        size="xs"
        searchable
        data={projectOptions(projects, clients)}
        value={projectId}
        onChange={(value) => {
          setProjectId(value);
          setTaskId(null);
        }}
      />
      <Select
        label="Task"
        size="xs"
        data={(tasks.data ?? []).map((t) => ({ value: t.task_id, label: t.task_name }))}
        value={taskId}
        onChange={setTaskId}
        disabled={projectId === null}
      />
      <Button
        size="xs"
        variant="light"
        disabled={projectId === null}
        onClick={() => {
          if (projectId) onAdd(projectId, taskId);
          setProjectId(null);
          setTaskId(null);
        }}
      >
        Add row
      </Button>
    </Group>
  );
}
