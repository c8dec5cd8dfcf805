import type { Client } from '@keito/sdk';
import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { del, errorMessage, get, patch } from '../../api.ts';
import { refreshLists } from '../../lib/invalidate.ts';
import { workspaceQuery } from '../../queries.ts';
import { ClientForm, type ClientInput } from './ClientForm.tsx';
import { Contacts } from './Contacts.tsx';

/** One client: its details, contacts, archive/restore, and delete (the server refuses while it has projects). */
export function ClientPage() {
  const { clientId } = useParams({ from: '/app/clients/$clientId' });
  const path = `/clients/${clientId}`;
  const client = useQuery({ queryKey: ['client', clientId], queryFn: () => get<Client>(path) });
  const workspace = useQuery(workspaceQuery);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const updated = async (next: Client) => {
    queryClient.setQueryData(['client', clientId], next);
    await refreshLists(queryClient);
  };
  const save = useMutation({
    mutationFn: (input: ClientInput) => patch<Client>(path, input),
    onSuccess: updated,
  });
  const setActive = useMutation({
    mutationFn: (isActive: boolean) => patch<Client>(path, { is_active: isActive }),
    onSuccess: updated,
  });
  const remove = useMutation({
    mutationFn: () => del(path),
    onSuccess: async () => {
      await refreshLists(queryClient);
      await navigate({ to: '/clients' });
    },
  });

  if (client.isError) return <Alert color="red">{errorMessage(client.error)}</Alert>;
  if (!client.data) return <Text c="dimmed">Loading…</Text>;
  const current = client.data;
  return (
    <Stack>
      <Anchor component={Link} to="/clients" size="sm">
        ← All clients
      </Anchor>
      <Group gap="sm">
        <Title order={2}>{current.name}</Title>
        {!current.is_active && (
          <Badge color="gray" variant="light">
            Archived
          </Badge>
        )}
      </Group>
      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="sm">
          Details
        </Title>
        <ClientForm
          key={current.updated_at}
          client={current}
          defaultCurrency={workspace.data?.currency ?? 'USD'}
          submitLabel="Save client"
          pending={save.isPending}
          error={save.error}
          onSubmit={(input) => save.mutate(input)}
        />
      </Paper>
      <Contacts clientId={clientId} />
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Group>
            <Button
              variant="default"
              loading={setActive.isPending}
              onClick={() => setActive.mutate(!current.is_active)}
            >
              {current.is_active ? 'Archive client' : 'Restore client'}
            </Button>
            <Button
              color="red"
              variant="light"
              loading={remove.isPending}
              onClick={() =>
                window.confirm(`Delete ${current.name}? This cannot be undone.`) && remove.mutate()
              }
            >
              Delete client
            </Button>
          </Group>
          <Text size="sm" c="dimmed">
            Archived clients are hidden from lists and pickers and keep their history. A client can be deleted
            only while it has no projects.
          </Text>
          {remove.error && (
            <Alert color="red" role="alert">
              {errorMessage(remove.error)}
            </Alert>
          )}
          {setActive.error && (
            <Alert color="red" role="alert">
              {errorMessage(setActive.error)}
            </Alert>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}
