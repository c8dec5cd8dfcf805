import type { Task } from '@keito/sdk';
import {
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { patch, post } from '../../api.ts';
import { FormError } from '../../components/FormError.tsx';
import { type Status, StatusFilter } from '../../components/StatusFilter.tsx';
import { useFormat } from '../../lib/format.ts';
import { numberOrBlank, numberOrNull } from '../../lib/forms.ts';
import { refreshLists } from '../../lib/invalidate.ts';
import { listQuery, workspaceQuery } from '../../queries.ts';

interface TaskInput {
  name: string;
  billable_by_default: boolean;
  default_hourly_rate: number | null;
  is_default: boolean;
}

/** Manage → Tasks: the company's tasks, which projects pick from (default ones join every new project). */
export function TasksPage() {
  const [status, setStatus] = useState<Status>('active');
  const tasks = useQuery(listQuery<Task>(`/tasks?is_active=${status === 'active'}`));
  const currency = useQuery(workspaceQuery).data?.currency;
  const format = useFormat();
  const queryClient = useQueryClient();
  // undefined: closed; null: a new task; otherwise the task being edited.
  const [editing, setEditing] = useState<Task | null | undefined>(undefined);
  const save = useMutation({
    mutationFn: (input: TaskInput) =>
      editing ? patch<Task>(`/tasks/${editing.id}`, input) : post<Task>('/tasks', input),
    onSuccess: async () => {
      setEditing(undefined);
      await refreshLists(queryClient);
    },
  });
  const setActive = useMutation({
    mutationFn: ({ id, isActive }: { id: string; isActive: boolean }) =>
      patch<Task>(`/tasks/${id}`, { is_active: isActive }),
    onSuccess: () => refreshLists(queryClient),
  });
  const open = (task: Task | null) => {
    save.reset();
    setEditing(task);
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Tasks</Title>
        <Button onClick={() => open(null)}>New task</Button>
      </Group>
      <Group>
        <StatusFilter label="Show tasks" value={status} onChange={setStatus} />
      </Group>
      <FormError error={setActive.error} />
      <Paper withBorder p="sm">
        <Table.ScrollContainer minWidth={560}>
          <Table aria-label="Tasks">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Billable by default</Table.Th>
                <Table.Th>Default rate</Table.Th>
                <Table.Th>New projects</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(tasks.data ?? []).map((task) => (
                <Table.Tr key={task.id}>
                  <Table.Td>{task.name}</Table.Td>
                  <Table.Td>{task.billable_by_default ? 'Billable' : 'Non-billable'}</Table.Td>
                  <Table.Td>{format.money(task.default_hourly_rate, currency ?? 'USD')}</Table.Td>
                  <Table.Td>
                    {task.is_default && (
                      <Badge variant="light" color="indigo">
                        Added by default
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      <Button
                        size="xs"
                        variant="default"
                        aria-label={`Edit ${task.name}`}
                        onClick={() => open(task)}
                      >
                        Edit
                      </Button>
                      <Button
                        size="xs"
                        variant="light"
                        aria-label={`${task.is_active ? 'Archive' : 'Restore'} ${task.name}`}
                        onClick={() => setActive.mutate({ id: task.id, isActive: !task.is_active })}
                      >
                        {task.is_active ? 'Archive' : 'Restore'}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {tasks.data?.length === 0 && (
          <Text c="dimmed" ta="center" p="md">
            {status === 'active' ? 'No tasks yet.' : 'No archived tasks.'}
          </Text>
        )}
      </Paper>
      <Modal
        opened={editing !== undefined}
        onClose={() => setEditing(undefined)}
        title={editing ? 'Edit task' : 'New task'}
      >
        {editing !== undefined && (
          <TaskForm
            task={editing}
            currency={currency}
            pending={save.isPending}
            error={save.error}
            onSubmit={(input) => save.mutate(input)}
          />
        )}
      </Modal>
    </Stack>
  );
}

function TaskForm({
  task,
  currency,
  pending,
  error,
  onSubmit,
}: {
  task: Task | null;
  currency: string | undefined;
  pending: boolean;
  error: unknown;
  onSubmit: (input: TaskInput) => void;
}) {
  const form = useForm({
    initialValues: {
      name: task?.name ?? '',
      billable_by_default: task?.billable_by_default ?? true,
      default_hourly_rate: numberOrBlank(task?.default_hourly_rate),
      is_default: task?.is_default ?? false,
    },
    validate: { name: (value) => (value.trim() ? null : 'Enter the task’s name') },
  });
  return (
    <form
      onSubmit={form.onSubmit((values) =>
        onSubmit({
          name: values.name.trim(),
          billable_by_default: values.billable_by_default,
          default_hourly_rate: numberOrNull(values.default_hourly_rate),
          is_default: values.is_default,
        }),
      )}
    >
      <Stack>
        <TextInput label="Task name" required data-autofocus {...form.getInputProps('name')} />
        <NumberInput
          label={`Default hourly rate${currency ? ` (${currency})` : ''}`}
          description="Used when a project bills by task and sets no rate of its own"
          min={0}
          decimalScale={2}
          {...form.getInputProps('default_hourly_rate')}
        />
        <Checkbox
          label="Billable by default"
          {...form.getInputProps('billable_by_default', { type: 'checkbox' })}
        />
        <Checkbox
          label="Add to new projects automatically"
          {...form.getInputProps('is_default', { type: 'checkbox' })}
        />
        <FormError error={error} />
        <Group justify="flex-end">
          <Button type="submit" loading={pending}>
            Save task
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
