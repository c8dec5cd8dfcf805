import type { Client, Project, UserAssignment } from '@keito/sdk';
import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { del, errorMessage, get, patch, post } from '../../api.ts';
import { FormError } from '../../components/FormError.tsx';
import { useFormat } from '../../lib/format.ts';
import { refreshLists } from '../../lib/invalidate.ts';
import { listQuery, meQuery, workspaceQuery } from '../../queries.ts';
import { BudgetProgressPanel } from './BudgetProgress.tsx';
import { ProjectForm, type ProjectInput } from './ProjectForm.tsx';
import { ProjectTasks } from './ProjectTasks.tsx';
import { ProjectTeam } from './ProjectTeam.tsx';

/** One project: its fields and budget, its tasks and team, archive/restore and delete. */
export function ProjectPage() {
  const { projectId } = useParams({ from: '/app/projects/$projectId' });
  const path = `/projects/${projectId}`;
  const project = useQuery({ queryKey: ['project', projectId], queryFn: () => get<Project>(path) });
  const clients = useQuery(listQuery<Client>('/clients'));
  const team = useQuery(listQuery<UserAssignment>(`${path}/user-assignments`));
  const me = useQuery(meQuery).data;
  const currency = useQuery(workspaceQuery).data?.currency;
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const format = useFormat();
  const updated = async (next: Project) => {
    queryClient.setQueryData(['project', projectId], next);
    await refreshLists(queryClient);
  };
  const save = useMutation({
    mutationFn: (input: ProjectInput) => patch<Project>(path, input),
    onSuccess: updated,
  });
  const setActive = useMutation({
    mutationFn: (isActive: boolean) => post<Project>(`${path}/${isActive ? 'restore' : 'archive'}`),
    onSuccess: updated,
  });
  const remove = useMutation({
    mutationFn: () => del(path),
    onSuccess: async () => {
      await refreshLists(queryClient);
      await navigate({ to: '/projects' });
    },
  });

  if (project.isError) return <Alert color="red">{errorMessage(project.error)}</Alert>;
  if (!project.data || !clients.data) return <Text c="dimmed">Loading…</Text>;
  const current = project.data;
  const managesIt = (team.data ?? []).some(
    (assignment) => assignment.user_id === me?.id && assignment.is_project_manager,
  );
  const canManage = me?.role === 'administrator' || (me?.role === 'manager' && managesIt);
  const client = clients.data.find((candidate) => candidate.id === current.client_id);

  return (
    <Stack>
      <Anchor component={Link} to="/projects" size="sm">
        ← All projects
      </Anchor>
      <Group gap="sm">
        <Title order={2}>{current.name}</Title>
        {!current.is_active && (
          <Badge color="gray" variant="light">
            Archived
          </Badge>
        )}
      </Group>
      {client && <Text c="dimmed">{client.name}</Text>}
      {current.budget_progress && <BudgetProgressPanel progress={current.budget_progress} format={format} />}
      {canManage && (
        <Paper withBorder p="md">
          <Title order={3} size="h4" mb="sm">
            Details
          </Title>
          <ProjectForm
            key={current.id}
            project={current}
            clients={clients.data}
            currency={currency}
            submitLabel="Save project"
            pending={save.isPending}
            error={save.error}
            onSubmit={(input) => save.mutate(input)}
          />
        </Paper>
      )}
      <ProjectTasks project={current} canManage={canManage} />
      <ProjectTeam project={current} canManage={canManage} />
      {canManage && (
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Group>
              <Button
                variant="default"
                loading={setActive.isPending}
                onClick={() => setActive.mutate(!current.is_active)}
              >
                {current.is_active ? 'Archive project' : 'Restore project'}
              </Button>
              <Button
                color="red"
                variant="light"
                loading={remove.isPending}
                onClick={() =>
                  window.confirm(`Delete ${current.name}? This cannot be undone.`) && remove.mutate()
                }
              >
                Delete project
              </Button>
            </Group>
            <Text size="sm" c="dimmed">
              Archived projects leave time entry pickers and keep their history; they can be restored at any
              time. Only a project nobody has tracked to can be deleted.
            </Text>
            <FormError error={setActive.error ?? remove.error} />
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
