import type { Client, Project } from '@keito/sdk';
import { Anchor, Button, Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { ExportButton } from '../../components/ExportButton.tsx';
import { type Status, StatusFilter } from '../../components/StatusFilter.tsx';
import { useFormat } from '../../lib/format.ts';
import { listQuery, meQuery } from '../../queries.ts';
import { BudgetBar, BudgetStatusBadge, budgetFigure } from './BudgetProgress.tsx';
import { BILLING_TYPE_LABEL, budgetSummary } from './labels.ts';

/** Manage → Projects: active or archived, optionally one client's. */
export function ProjectsPage() {
  const [status, setStatus] = useState<Status>('active');
  const [clientId, setClientId] = useState<string | null>(null);
  const params = new URLSearchParams({ is_active: String(status === 'active') });
  if (clientId) params.set('client_id', clientId);
  const projects = useQuery(listQuery<Project>(`/projects?${params}`));
  const clients = useQuery(listQuery<Client>('/clients'));
  const role = useQuery(meQuery).data?.role;
  const clientName = new Map((clients.data ?? []).map((client) => [client.id, client.name]));
  // A project's money is in its client's currency.
  const clientCurrency = new Map((clients.data ?? []).map((client) => [client.id, client.currency]));
  const format = useFormat();

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Projects</Title>
        <Group gap="xs">
          <ExportButton kind="projects" filters={params} />
          {role !== 'member' && (
            <Button component={Link} to="/projects/new">
              New project
            </Button>
          )}
        </Group>
      </Group>
      <Group align="flex-end">
        <StatusFilter label="Show projects" value={status} onChange={setStatus} />
        <Select
          label="Client"
          placeholder="All clients"
          clearable
          searchable
          data={(clients.data ?? []).map((client) => ({ value: client.id, label: client.name }))}
          value={clientId}
          onChange={setClientId}
        />
      </Group>
      <Paper withBorder p="sm">
        <Table.ScrollContainer minWidth={640}>
          <Table aria-label="Projects">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Project</Table.Th>
                <Table.Th>Client</Table.Th>
                <Table.Th>Code</Table.Th>
                <Table.Th>Type</Table.Th>
                <Table.Th>Budget</Table.Th>
                <Table.Th>Spent</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(projects.data ?? []).map((project) => (
                <Table.Tr key={project.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/projects/${project.id}`}>
                      {project.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{clientName.get(project.client_id) ?? '—'}</Table.Td>
                  <Table.Td>{project.code ?? '—'}</Table.Td>
                  <Table.Td>{BILLING_TYPE_LABEL[project.billing_type]}</Table.Td>
                  <Table.Td>
                    {budgetSummary(project, format, clientCurrency.get(project.client_id) ?? 'USD')}
                  </Table.Td>
                  <Table.Td miw={180}>
                    {project.budget_progress ? (
                      <Stack gap={4}>
                        <Group gap="xs" justify="space-between" wrap="nowrap">
                          <Text size="sm">
                            {budgetFigure(
                              project.budget_progress.spent,
                              project.budget_progress.unit,
                              format,
                            )}
                            {project.budget_progress.percent_used === null
                              ? ''
                              : ` · ${format.number(project.budget_progress.percent_used, 0)} %`}
                          </Text>
                          <BudgetStatusBadge status={project.budget_progress.status} />
                        </Group>
                        <BudgetBar usage={project.budget_progress} label={`Budget used on ${project.name}`} />
                      </Stack>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {projects.data?.length === 0 && (
          <Text c="dimmed" ta="center" p="md">
            {status === 'active' ? 'No projects here yet.' : 'No archived projects.'}
          </Text>
        )}
      </Paper>
    </Stack>
  );
}
