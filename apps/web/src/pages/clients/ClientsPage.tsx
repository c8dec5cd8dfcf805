import type { Client } from '@keito/sdk';
import { Anchor, Badge, Button, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { post } from '../../api.ts';
import { ExportButton, exportFilters } from '../../components/ExportButton.tsx';
import { type Status, StatusFilter } from '../../components/StatusFilter.tsx';
import { refreshLists } from '../../lib/invalidate.ts';
import { listQuery, workspaceQuery } from '../../queries.ts';
import { ClientForm, type ClientInput } from './ClientForm.tsx';

/** Manage → Clients: active or archived clients, and a new client. */
export function ClientsPage() {
  const [status, setStatus] = useState<Status>('active');
  const clients = useQuery(listQuery<Client>(`/clients?is_active=${status === 'active'}`));
  const workspace = useQuery(workspaceQuery);
  const [creating, setCreating] = useState(false);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const create = useMutation({
    mutationFn: (input: ClientInput) => post<Client>('/clients', input),
    onSuccess: async (client) => {
      setCreating(false);
      await refreshLists(queryClient);
      await navigate({ to: '/clients/$clientId', params: { clientId: client.id } });
    },
  });

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Clients</Title>
        <Group gap="xs">
          <ExportButton kind="clients" filters={exportFilters({ is_active: String(status === 'active') })} />
          <Button
            onClick={() => {
              create.reset();
              setCreating(true);
            }}
          >
            New client
          </Button>
        </Group>
      </Group>
      <Group>
        <StatusFilter label="Show clients" value={status} onChange={setStatus} />
      </Group>
      <Paper withBorder p="sm">
        <Table.ScrollContainer minWidth={480}>
          <Table aria-label="Clients" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Currency</Table.Th>
                <Table.Th>Phone</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(clients.data ?? []).map((client) => (
                <Table.Tr key={client.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/clients/${client.id}`}>
                      {client.name}
                    </Anchor>
                    {!client.is_active && (
                      <Badge ml="xs" color="gray" variant="light">
                        Archived
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{client.currency}</Table.Td>
                  <Table.Td>{client.phone ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {clients.data?.length === 0 && (
          <Text c="dimmed" ta="center" p="md">
            {status === 'active' ? 'No clients yet.' : 'No archived clients.'}
          </Text>
        )}
      </Paper>
      <Modal opened={creating} onClose={() => setCreating(false)} title="New client">
        <ClientForm
          defaultCurrency={workspace.data?.currency ?? 'USD'}
          submitLabel="Create client"
          pending={create.isPending}
          error={create.error}
          onSubmit={(input) => create.mutate(input)}
        />
      </Modal>
    </Stack>
  );
}
