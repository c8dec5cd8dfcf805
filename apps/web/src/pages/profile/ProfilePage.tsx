import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  PasswordInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useMemo } from 'react';
import { del, get, patch, post } from '../../api.ts';
import { FormError } from '../../components/FormError.tsx';
import { timezones } from '../../lib/locale.ts';
import { meQuery, workspaceQuery } from '../../queries.ts';
import type { BrowserSession, User } from '../../types.ts';

/** Profile: your name and timezone, your password, and the browsers you are signed in on. */
export function ProfilePage() {
  const me = useQuery(meQuery);
  return (
    <Stack maw={640}>
      <Title order={2}>Profile</Title>
      {me.data && <Details key={me.data.id} me={me.data} />}
      <PasswordChange />
      <Sessions />
    </Stack>
  );
}

function Details({ me }: { me: User }) {
  const workspaceZone = useQuery(workspaceQuery).data?.timezone;
  const zones = useMemo(() => timezones(), []);
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: { name: me.name, timezone: me.timezone },
    validate: { name: (value) => (value.trim() ? null : 'Enter your name') },
  });
  const save = useMutation({
    mutationFn: (values: { name: string; timezone: string | null }) => patch<User>(`/users/${me.id}`, values),
    onSuccess: (user) => {
      queryClient.setQueryData(meQuery.queryKey, user);
      form.resetDirty({ name: user.name, timezone: user.timezone });
    },
  });
  return (
    <Paper withBorder p="md">
      <form onSubmit={form.onSubmit((values) => save.mutate({ ...values, name: values.name.trim() }))}>
        <Stack>
          <Title order={3} size="h4">
            Your details
          </Title>
          <TextInput label="Name" autoComplete="name" required {...form.getInputProps('name')} />
          <TextInput
            label="Email"
            value={me.email}
            readOnly
            description="Ask an administrator to change it"
          />
          <Select
            label="Timezone"
            description={workspaceZone ? `Empty uses the workspace’s (${workspaceZone})` : undefined}
            searchable
            clearable
            data={zones}
            {...form.getInputProps('timezone')}
          />
          <FormError error={save.error} />
          {save.isSuccess && !form.isDirty() && (
            <Text size="sm" c="teal.9" role="status">
              Saved.
            </Text>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              Save details
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function PasswordChange() {
  const form = useForm({
    initialValues: { current_password: '', new_password: '', confirm: '' },
    validate: {
      current_password: (value) => (value ? null : 'Enter your current password'),
      new_password: (value) => (value.length >= 8 ? null : 'At least 8 characters'),
      confirm: (value, values) => (value === values.new_password ? null : 'The passwords do not match'),
    },
  });
  const change = useMutation({
    mutationFn: (values: { current_password: string; new_password: string }) =>
      post<null>('/auth/password', values),
    onSuccess: () => form.reset(),
  });
  return (
    <Paper withBorder p="md">
      <form
        onSubmit={form.onSubmit((values) =>
          change.mutate({ current_password: values.current_password, new_password: values.new_password }),
        )}
      >
        <Stack>
          <Title order={3} size="h4">
            Password
          </Title>
          <PasswordInput
            label="Current password"
            autoComplete="current-password"
            required
            {...form.getInputProps('current_password')}
          />
          <PasswordInput
            label="New password"
            description="At least 8 characters. Your other browsers are signed out."
            autoComplete="new-password"
            required
            {...form.getInputProps('new_password')}
          />
          <PasswordInput
            label="Repeat the new password"
            autoComplete="new-password"
            required
            {...form.getInputProps('confirm')}
          />
          <FormError error={change.error} />
          {change.isSuccess && (
            <Alert color="teal" role="status">
              Your password was changed.
            </Alert>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={change.isPending}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

const when = (iso: string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

/** The browsers signed in as you, and "sign out everywhere" (this browser too). */
function Sessions() {
  const sessions = useQuery({
    queryKey: ['browser-sessions'],
    queryFn: () => get<{ sessions: BrowserSession[] }>('/auth/sessions'),
  });
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signOutEverywhere = useMutation({
    mutationFn: () => del('/auth/sessions'),
    onSuccess: async () => {
      queryClient.clear();
      await navigate({ to: '/sign-in', search: {} });
    },
  });
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={3} size="h4">
          Where you are signed in
        </Title>
        <Text size="sm" c="dimmed">
          A browser left unused is signed out, and every browser signs in again by the date shown.
        </Text>
        <Table data-testid="sessions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Browser</Table.Th>
              <Table.Th>Address</Table.Th>
              <Table.Th>Last used</Table.Th>
              <Table.Th>Signed in until</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(sessions.data?.sessions ?? []).map((session) => (
              <Table.Tr key={session.id} data-testid="session-row">
                <Table.Td>
                  <Text size="sm" lineClamp={1} title={session.user_agent ?? undefined}>
                    {session.user_agent ?? 'Unknown browser'}
                  </Text>
                  {session.current && (
                    <Badge size="sm" variant="light">
                      This browser
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{session.ip_address ?? '—'}</Table.Td>
                <Table.Td>{when(session.last_seen_at)}</Table.Td>
                <Table.Td>{when(session.expires_at)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <FormError error={signOutEverywhere.error} />
        <Group justify="flex-end">
          <Button
            color="red"
            variant="light"
            loading={signOutEverywhere.isPending}
            onClick={() => signOutEverywhere.mutate()}
          >
            Sign out everywhere
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
