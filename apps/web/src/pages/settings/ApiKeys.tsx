import type { ApiKey, User } from '@keito/sdk';
import {
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, del, post } from '../../api.ts';
import { useFormat } from '../../lib/format.ts';
import { listQuery, meQuery } from '../../queries.ts';

/** Settings → API keys: create (the key is shown once), list and revoke; administrators add keys for agents. */
export function ApiKeysPage() {
  const format = useFormat();
  const me = useQuery(meQuery);
  const isAdmin = me.data?.role === 'administrator';
  const keys = useQuery(listQuery<ApiKey>('/api-keys'));
  const agents = useQuery({ ...listQuery<User>('/users?user_type=agent&is_active=true'), enabled: isAdmin });
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [owner, setOwner] = useState<string | null>(null);
  const [created, setCreated] = useState<(ApiKey & { key: string }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['list', '/api-keys'] });
  const create = useMutation({
    mutationFn: () => post<ApiKey & { key: string }>('/api-keys', { name, user_id: owner ?? undefined }),
    onSuccess: (key) => {
      setCreated(key);
      setName('');
      setOwner(null);
      void refresh();
    },
    onError: (failure) =>
      setError(failure instanceof ApiError ? failure.message : 'Could not create the key'),
  });
  const revoke = useMutation({ mutationFn: (id: string) => del(`/api-keys/${id}`), onSuccess: refresh });
  const userName = new Map((agents.data ?? []).map((user) => [user.id, user.name]));
  if (me.data) userName.set(me.data.id, 'You');

  return (
    <Stack>
      <Title order={2}>API keys</Title>
      <Text c="dimmed">
        Keys let scripts, the CLI and agents act as you (or as an agent user). A key is shown only once.
      </Text>
      <Paper withBorder p="md">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            setError(null);
            if (name.trim()) create.mutate();
          }}
        >
          <Group align="flex-end" wrap="wrap">
            <TextInput
              label="Key name"
              placeholder="e.g. CI pipeline"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              required
            />
            {isAdmin && (
              <Select
                label="For"
                placeholder="Yourself"
                clearable
                data={(agents.data ?? []).map((agent) => ({
                  value: agent.id,
                  label: `${agent.name} (agent)`,
                }))}
                value={owner}
                onChange={setOwner}
              />
            )}
            <Button type="submit" loading={create.isPending}>
              Create key
            </Button>
          </Group>
          {error && (
            <Alert color="red" mt="sm" role="alert">
              {error}
            </Alert>
          )}
        </form>
      </Paper>
      <Paper withBorder p="sm">
        <Table aria-label="API keys">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Key</Table.Th>
              <Table.Th>Belongs to</Table.Th>
              <Table.Th>Last used</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(keys.data ?? []).map((key) => (
              <Table.Tr key={key.id}>
                <Table.Td>{key.name}</Table.Td>
                <Table.Td>
                  <Code>{key.prefix}…</Code>
                </Table.Td>
                <Table.Td>{userName.get(key.user_id) ?? key.user_id}</Table.Td>
                <Table.Td>{key.last_used_at ? format.dateTime(key.last_used_at) : 'Never'}</Table.Td>
                <Table.Td ta="right">
                  <Button
                    size="xs"
                    color="red"
                    variant="light"
                    aria-label={`Revoke ${key.name}`}
                    onClick={() =>
                      window.confirm(`Revoke “${key.name}”? Anything using it stops working.`) &&
                      revoke.mutate(key.id)
                    }
                  >
                    Revoke
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {keys.data?.length === 0 && (
          <Text c="dimmed" ta="center" p="md">
            No keys yet.
          </Text>
        )}
      </Paper>
      <Modal opened={created !== null} onClose={() => setCreated(null)} title="Your new API key">
        <Stack>
          <Text>Copy it now: it is not shown again.</Text>
          <Code block data-testid="new-api-key">
            {created?.key}
          </Code>
          <CopyButton value={created?.key ?? ''}>
            {({ copied, copy }) => <Button onClick={copy}>{copied ? 'Copied' : 'Copy key'}</Button>}
          </CopyButton>
        </Stack>
      </Modal>
    </Stack>
  );
}
