import type { Project, User, UserAssignment } from '@keito/sdk';
import { Badge, Button, Checkbox, Group, Paper, Select, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { del, patch, post } from '../../api.ts';
import { FormError } from '../../components/FormError.tsx';
import { listQuery } from '../../queries.ts';
import { BudgetHoursCell, RateCell, RemoveCell } from './AssignmentCells.tsx';

interface AssignmentChange {
  id: string;
  is_project_manager?: boolean;
  hourly_rate?: number | null;
  budget_hours?: number | null;
}

/** The people and agents who track to this project, their rate and hours budget on it, and who manages it. */
export function ProjectTeam({ project, canManage }: { project: Project; canManage: boolean }) {
  const path = `/projects/${project.id}/user-assignments`;
  const assignments = useQuery(listQuery<UserAssignment>(path));
  const users = useQuery({ ...listQuery<User>('/users?is_active=true'), enabled: canManage });
  const queryClient = useQueryClient();
  const [userId, setUserId] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['list', path] });
  const add = useMutation({
    mutationFn: (id: string) => post(path, { user_id: id }),
    onSuccess: async () => {
      setUserId(null);
      await refresh();
    },
  });
  const update = useMutation({
    mutationFn: ({ id, ...body }: AssignmentChange) => patch(`${path}/${id}`, body),
    onSuccess: refresh,
  });
  const remove = useMutation({ mutationFn: (id: string) => del(`${path}/${id}`), onSuccess: refresh });
  const assigned = new Set((assignments.data ?? []).map((assignment) => assignment.user_id));
  const available = (users.data ?? []).filter((user) => !assigned.has(user.id));
  const defaultRate = new Map((users.data ?? []).map((user) => [user.id, user.billable_rate]));
  // People who do not manage the project see its budgets only when the project shares them.
  const budgetsByPerson = project.budget_by === 'person' && (canManage || project.show_budget_to_all);
  const billsByPerson = project.bill_by === 'people';

  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="sm">
        Team
      </Title>
      <Table.ScrollContainer minWidth={520}>
        <Table aria-label="Project team">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Project manager</Table.Th>
              {billsByPerson && <Table.Th>Hourly rate</Table.Th>}
              {budgetsByPerson && <Table.Th>Budget hours</Table.Th>}
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(assignments.data ?? []).map((assignment) => (
              <Table.Tr key={assignment.id}>
                <Table.Td>
                  {assignment.user_name}
                  {assignment.user_type === 'agent' && (
                    <Badge ml="xs" color="violet" variant="light">
                      Agent
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Checkbox
                    aria-label={`${assignment.user_name} manages the project`}
                    checked={assignment.is_project_manager}
                    disabled={!canManage}
                    onChange={(event) =>
                      update.mutate({ id: assignment.id, is_project_manager: event.currentTarget.checked })
                    }
                  />
                </Table.Td>
                {billsByPerson && (
                  <RateCell
                    name={assignment.user_name}
                    canManage={canManage}
                    rate={assignment.hourly_rate}
                    defaultRate={defaultRate.get(assignment.user_id)}
                    onSave={(rate) => update.mutate({ id: assignment.id, hourly_rate: rate })}
                  />
                )}
                {budgetsByPerson && (
                  <BudgetHoursCell
                    name={assignment.user_name}
                    canManage={canManage}
                    hours={assignment.budget_hours}
                    onSave={(hours) => update.mutate({ id: assignment.id, budget_hours: hours })}
                  />
                )}
                <RemoveCell
                  name={assignment.user_name}
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
          Nobody is on this project yet.
        </Text>
      )}
      {canManage && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (userId) add.mutate(userId);
          }}
        >
          <Group align="flex-end" mt="sm">
            <Select
              label="Add a person or agent"
              placeholder={available.length ? 'Choose someone' : 'Everyone is on the project'}
              searchable
              data={available.map((user) => ({
                value: user.id,
                label: user.user_type === 'agent' ? `${user.name} (agent)` : user.name,
              }))}
              value={userId}
              onChange={setUserId}
            />
            <Button type="submit" variant="light" disabled={!userId} loading={add.isPending}>
              Add to team
            </Button>
          </Group>
        </form>
      )}
      <FormError error={add.error ?? update.error ?? remove.error} />
    </Paper>
  );
}
