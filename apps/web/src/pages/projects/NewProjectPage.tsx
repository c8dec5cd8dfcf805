import type { Client, Project } from '@keito/sdk';
import { Anchor, Paper, Stack, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { post } from '../../api.ts';
import { refreshLists } from '../../lib/invalidate.ts';
import { listQuery, workspaceQuery } from '../../queries.ts';
import { ProjectForm, type ProjectInput } from './ProjectForm.tsx';

export function NewProjectPage() {
  const clients = useQuery(listQuery<Client>('/clients?is_active=true'));
  const currency = useQuery(workspaceQuery).data?.currency;
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const create = useMutation({
    mutationFn: (input: ProjectInput) => post<Project>('/projects', input),
    onSuccess: async (project) => {
      await refreshLists(queryClient);
      await navigate({ to: '/projects/$projectId', params: { projectId: project.id } });
    },
  });
  return (
    <Stack>
      <Anchor component={Link} to="/projects" size="sm">
        ← All projects
      </Anchor>
      <Title order={2}>New project</Title>
      <Paper withBorder p="md">
        {clients.data && (
          <ProjectForm
            clients={clients.data}
            currency={currency}
            submitLabel="Create project"
            pending={create.isPending}
            error={create.error}
            onSubmit={(input) => create.mutate(input)}
          />
        )}
      </Paper>
    </Stack>
  );
}
