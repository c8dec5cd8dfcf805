import type { Client, Project, TaskAssignment, TimeEntry } from '@keito/sdk';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { ApiError } from '../../api.ts';
import { startEndInstants } from '../../lib/dates.ts';
import { formatDuration, parseDuration } from '../../lib/duration.ts';
import { useFormat } from '../../lib/format.ts';
import { workspaceQuery } from '../../queries.ts';
import type { Workspace } from '../../types.ts';
import { projectOptions, useEntryMutations, useTaskAssignments } from './data.ts';

interface Props {
  opened: boolean;
  onClose: () => void;
  /** The entry to edit; a new entry when absent. */
  entry?: TimeEntry | null;
  date: string;
  projects: Project[];
  clients: Client[];
}

type EntryMode = Workspace['default_entry_mode'];

interface Values {
  /** New entries: timer (an empty duration starts one) or manual (the hours are required). */
  entry_mode: EntryMode;
  project_id: string;
  task_id: string;
  notes: string;
  spent_date: string;
  mode: 'duration' | 'start_end';
  duration: string;
  start: string;
  end: string;
  is_billable: boolean;
}

export function EntryModal({ opened, onClose, entry, date, projects, clients }: Props) {
  const { create, update } = useEntryMutations();
  const [error, setError] = useState<string | null>(null);
  // The workspace's default entry mode (settings/company-settings); the person can switch below.
  const defaultMode = useQuery(workspaceQuery).data?.default_entry_mode ?? 'timer';
  const format = useFormat();
  const form = useForm<Values>({
    initialValues: blank(date, defaultMode),
    validate: {
      project_id: (value) => (value ? null : 'Choose a project'),
      duration: (value, values) => {
        if (values.mode !== 'duration') return null;
        if (!entry && values.entry_mode === 'manual' && value.trim() === '') return 'Enter the hours';
        return parseDuration(value) === null ? 'Use hours like 1.5 or 1:30' : null;
      },
      start: (value, values) =>
        values.mode === 'start_end' && !/^\d\d:\d\d$/.test(value) ? 'Enter a start time' : null,
      end: (value, values) =>
        values.mode === 'start_end' && !/^\d\d:\d\d$/.test(value) ? 'Enter an end time' : null,
    },
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the modal opens for another entry.
  useEffect(() => {
    if (!opened) return;
    setError(null);
    form.setValues(
      entry
        ? {
            ...blank(entry.spent_date, defaultMode),
            project_id: entry.project_id,
            task_id: entry.task_id ?? '',
            notes: entry.notes ?? '',
            duration: entry.is_running ? '' : formatDuration(entry.hours, 'hours_minutes'),
            is_billable: entry.is_billable,
          }
        : blank(date, defaultMode),
    );
    form.resetDirty();
  }, [opened, entry?.id, date, defaultMode]);

  const tasks = useTaskAssignments(form.values.project_id || null);
  const taskOptions = useMemo(
    () =>
      (tasks.data ?? []).filter((t) => t.is_active).map((t) => ({ value: t.task_id, label: t.task_name })),
    [tasks.data],
  );
  const groupedProjects = useMemo(() => projectOptions(projects, clients), [projects, clients]);
  const startsTimer =
    !entry &&
    form.values.entry_mode === 'timer' &&
    form.values.mode === 'duration' &&
    form.values.duration.trim() === '';

  const submit = form.onSubmit(async (values) => {
    setError(null);
    const body: Record<string, unknown> = {
      task_id: values.task_id || null,
      notes: values.notes.trim() || null,
      is_billable: values.is_billable,
      spent_date: values.spent_date,
    };
    if (values.mode === 'start_end')
      Object.assign(body, startEndInstants(values.spent_date, values.start, values.end));
    else if (!startsTimer && !(entry?.is_running && values.duration.trim() === '')) {
      body.hours = parseDuration(values.duration) ?? 0;
    }
    try {
      if (entry) await update.mutateAsync({ id: entry.id, ...body });
      else
        await create.mutateAsync({
          ...body,
          project_id: values.project_id,
          source: 'web',
          is_running: startsTimer,
        });
      onClose();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'Could not save the entry');
    }
  });

  return (
    <Modal opened={opened} onClose={onClose} title={entry ? 'Edit time entry' : 'New time entry'} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          {!entry && (
            <SegmentedControl
              aria-label="Entry mode"
              data={[
                { value: 'timer', label: 'Timer' },
                { value: 'manual', label: 'Manual' },
              ]}
              {...form.getInputProps('entry_mode')}
            />
          )}
          <Select
            label="Project"
            placeholder="Choose a project"
            searchable
            data={groupedProjects}
            disabled={Boolean(entry)}
            {...form.getInputProps('project_id')}
            onChange={(value) => {
              form.setFieldValue('project_id', value ?? '');
              form.setFieldValue('task_id', '');
              const project = projects.find((p) => p.id === value);
              if (project) form.setFieldValue('is_billable', billableDefault(project, undefined));
            }}
          />
          <Select
            label="Task"
            placeholder={form.values.project_id ? 'Choose a task' : 'Choose a project first'}
            data={taskOptions}
            disabled={!form.values.project_id}
            clearable
            {...form.getInputProps('task_id')}
            onChange={(value) => {
              form.setFieldValue('task_id', value ?? '');
              const project = projects.find((p) => p.id === form.values.project_id);
              const assignment = (tasks.data ?? []).find((t) => t.task_id === value);
              // The task's billable setting on the project wins over the project's, as the API decides.
              if (project && !entry) form.setFieldValue('is_billable', billableDefault(project, assignment));
            }}
          />
          <Textarea label="Notes" autosize minRows={2} {...form.getInputProps('notes')} />
          <Group grow align="flex-start">
            <DateInput
              label="Date"
              valueFormat={format.pickerFormat}
              value={form.values.spent_date}
              onChange={(value) => value && form.setFieldValue('spent_date', String(value).slice(0, 10))}
            />
            <SegmentedControl
              mt={24}
              aria-label="How to enter the time"
              data={[
                { value: 'duration', label: 'Duration' },
                { value: 'start_end', label: 'Start / end' },
              ]}
              {...form.getInputProps('mode')}
            />
          </Group>
          {form.values.mode === 'duration' ? (
            <TextInput
              label="Duration"
              description={
                !entry && form.values.entry_mode === 'timer'
                  ? 'Hours as 1.5 or 1:30; leave empty to start a timer'
                  : 'Hours as 1.5 or 1:30'
              }
              placeholder="0:00"
              inputMode="decimal"
              {...form.getInputProps('duration')}
            />
          ) : (
            <Group grow>
              <TextInput label="Start" type="time" {...form.getInputProps('start')} />
              <TextInput
                label="End"
                type="time"
                description="Before the start means the next day"
                {...form.getInputProps('end')}
              />
            </Group>
          )}
          <Checkbox label="Billable" {...form.getInputProps('is_billable', { type: 'checkbox' })} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              {startsTimer ? 'Start timer' : 'Save entry'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * Whether new time on a project (and task) is billable unless the person says otherwise: never on a
 * non-billable project, else the task's setting on the project, else yes. The server applies the
 * same order when a create leaves is_billable out (domains/time/service.ts defaultBillable).
 */
function billableDefault(project: Project, assignment: TaskAssignment | undefined): boolean {
  if (project.billing_type === 'non_billable') return false;
  return assignment?.is_billable ?? true;
}

function blank(date: string, entryMode: EntryMode): Values {
  return {
    entry_mode: entryMode,
    project_id: '',
    task_id: '',
    notes: '',
    spent_date: date,
    mode: 'duration',
    duration: '',
    start: '',
    end: '',
    is_billable: true,
  };
}
