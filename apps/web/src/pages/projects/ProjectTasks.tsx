import type { Project, Task, TaskAssignment } from '@keito/sdk';
import { Button, Checkbox, Group, Paper, Select, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { del, patch, post } from '../../api.ts';
import { FormError } from '../../components/FormError.tsx';
import { listQuery } from '../../queries.ts';
import { BudgetHoursCell, RateCell, RemoveCell } from './AssignmentCells.tsx';

interface AssignmentChange {
  id: string;
  is_billable?: boolean;
  hourly_rate?: number | null;
  budget_hours?: number | null;
}

/** The tasks people can track to on this project, each billable or not, with its own rate and hours budget. */
export function ProjectTasks({ project, canManage }: { project: Project; canManage: boolean }) {
  const path = `/projects/${project.id}/task-assignments`;
  const assignments = useQuery(listQuery<TaskAssignment>(path));
  const tasks = useQuery({ ...listQuery<Task>('/tasks?is_active=true'), enabled: canManage });
  const queryClient = useQueryClient();
  const [taskId, setTaskId] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['list', path] });
  const add = useMutation({
    mutationFn: (id: string) => post(path, { task_id: id }),
    onSuccess: async () => {
      setTaskId(null);
      await refresh();
    },
  });
  const update = useMutation({
    mutationFn: ({ id, ...body }: AssignmentChange) => patch(`${path}/${id}`, body),
    onSuccess: refresh,
  });
  const remove = useMutation({ mutationFn: (id: string) => del(`${path}/${id}`), onSuccess: refresh });
  const assigned = new Set((assignments.data ?? []).map((assignment) => assignment.task_id));
  const available = (tasks.data ?? []).filter((task) => !assigned.has(task.id));
  const defaultRate = new Map((tasks.data ?? []).map((task) => [task.id, task.default_hourly_rate]));
  // People who do not manage the project see its budgets only when the project shares them.
  const budgetsByTask = project.budget_by === 'task' && (canManage || project.show_budget_to_all);
  const billsByTask = project.bill_by === 'tasks';

  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="sm">
        Tasks
      </Title>
      <Table.ScrollContainer minWidth={480}>
        <Table aria-label="Project tasks">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Task</Table.Th>
              <Table.Th>Billable</Table.Th>
              {billsByTask && <Table.Th>Hourly rate</Table.Th>}
              {budgetsByTask && <Table.Th>Budget hours</Table.Th>}
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(assignments.data ?? []).map((assignment) => (
              <Table.Tr key={assignment.id}>
                <Table.Td>{assignment.task_name}</Table.Td>
                <Table.Td>
                  <Checkbox
                    aria-label={`${assignment.task_name} is billable`}
                    checked={assignment.is_billable}
                    disabled={!canManage}
                    onChange={(event) =>
                      update.mutate({ id: assignment.id, is_billable: event.currentTarget.checked })
                    }
                  />
                </Table.Td>
                {billsByTask && (
                  <RateCell
                    name={assignment.task_name}
                    canManage={canManage}
                    rate={assignment.hourly_rate}
                    defaultRate={defaultRate.get(assignment.task_id)}
                    onSave={(rate) => update.mutate({ id: assignment.id, hourly_rate: rate })}
                  />
                )}
                {budgetsByTask && (
                  <BudgetHoursCell
                    name={assignment.task_name}
                    canManage={canManage}
                    hours={assignment.budget_hours}
                    onSave={(hours) => update.mutate({ id: assignment.id, budget_hours: hours })}
                  />
                )}
                <RemoveCell
                  name={assignment.task_name}
                  canManage={canManage}
                  onRemove={() => remove.mutate(assignment.id)}
                />
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {assignments.data?.length === 0 && (
        <Text c="dimmed" ta="center" p="sm">
          No tasks on this project yet.
        </Text>
      )}
      {canManage && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (taskId) add.mutate(taskId);
          }}
        >
          <Group align="flex-end" mt="sm">
            <Select
              label="Add a task"
              placeholder={available.length ? 'Choose a task' : 'Every task is on the project'}
              searchable
              data={available.map((task) => ({ value: task.id, label: task.name }))}
              value={taskId}
              onChange={setTaskId}
            />
            <Button type="submit" variant="light" disabled={!taskId} loading={add.isPending}>
              Add task
            </Button>
          </Group>
        </form>
      )}
      <FormError error={add.error ?? update.error ?? remove.error} />
    </Paper>
  );
}
