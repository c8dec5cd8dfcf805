import type { User } from '@keito/sdk';
import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import {
  NOTIFICATION_KINDS,
  type NotificationKind,
} from '../../../../server/src/domains/notifications/kinds.ts';
import { del, get, patch, post } from '../../api.ts';
import { FormError } from '../../components/FormError.tsx';
import { textOrNull } from '../../lib/forms.ts';
import { timezones } from '../../lib/locale.ts';
import { meQuery, workspaceQuery } from '../../queries.ts';
import type { BrowserSession } from '../../types.ts';

/**
 * Profile: your name, phone, time zone and time format (settings/personal-settings), which emails
 * you get, your password, and the browsers you are signed in on.
 */
export function ProfilePage() {
  const me = useQuery(meQuery);
  return (
    <Stack maw={640}>
      <Title order={2}>Profile</Title>
      {me.data && <Details key={me.data.id} me={me.data} />}
      {me.data && <Notifications me={me.data} />}
      <PasswordChange />
      <Sessions />
    </Stack>
  );
}

interface DetailsValues {
  first_name: string;
  last_name: string;
  name: string;
  phone: string;
  timezone: string | null;
  time_format: string | null;
}

const detailsOf = (user: User): DetailsValues => ({
  first_name: user.first_name ?? '',
  last_name: user.last_name ?? '',
  name: user.name,
  phone: user.phone ?? '',
  timezone: user.timezone,
  time_format: user.time_format,
});

const TIME_FORMATS = [
  { value: '12h', label: '12-hour (2:30 PM)' },
  { value: '24h', label: '24-hour (14:30)' },
];

function Details({ me }: { me: User }) {
  const workspace = useQuery(workspaceQuery).data;
  const zones = useMemo(() => timezones(), []);
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: detailsOf(me),
    validate: { name: (value) => (value.trim() ? null : 'Enter your name') },
  });
  // The name others see follows the first and last name as they are typed, until it is edited itself.
  const [nameEdited, setNameEdited] = useState(false);
  const followName = (part: 'first_name' | 'last_name', value: string) => {
    const next = { ...form.getValues(), [part]: value };
    form.setFieldValue(part, value);
    const joined = [next.first_name.trim(), next.last_name.trim()].filter(Boolean).join(' ');
    if (joined && !nameEdited) form.setFieldValue('name', joined);
  };
  const save = useMutation({
    mutationFn: (values: DetailsValues) =>
      patch<User>(`/users/${me.id}`, {
        name: values.name.trim(),
        first_name: textOrNull(values.first_name),
        last_name: textOrNull(values.last_name),
        phone: textOrNull(values.phone),
        timezone: values.timezone,
        time_format: values.time_format,
      }),
    onSuccess: (user) => {
      queryClient.setQueryData(meQuery.queryKey, user);
      form.setValues(detailsOf(user));
      form.resetDirty(detailsOf(user));
    },
  });
  return (
    <Paper withBorder p="md">
      <form onSubmit={form.onSubmit((values) => save.mutate(values))}>
        <Stack>
          <Title order={3} size="h4">
            Your details
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="First name"
              autoComplete="given-name"
              {...form.getInputProps('first_name')}
              onChange={(event) => followName('first_name', event.currentTarget.value)}
            />
            <TextInput
              label="Last name"
              autoComplete="family-name"
              {...form.getInputProps('last_name')}
              onChange={(event) => followName('last_name', event.currentTarget.value)}
            />
          </SimpleGrid>
          <TextInput
            label="Name"
            description="How you appear across the workspace"
            autoComplete="name"
            required
            {...form.getInputProps('name')}
            onChange={(event) => {
              setNameEdited(true);
              form.setFieldValue('name', event.currentTarget.value);
            }}
          />
          <TextInput
            label="Email"
            value={me.email}
            readOnly
            description="Ask an administrator to change it"
          />
          <TextInput label="Phone" type="tel" autoComplete="tel" {...form.getInputProps('phone')} />
          <Title order={4} size="h5">
            Display
          </Title>
          <Select
            label="Timezone"
            description={workspace ? `Empty uses the workspace’s (${workspace.timezone})` : undefined}
            searchable
            clearable
            data={zones}
            {...form.getInputProps('timezone')}
          />
          <Select
            label="Time format"
            description={
              workspace
                ? `Empty uses the workspace’s (${workspace.time_format === '12h' ? '12-hour' : '24-hour'})`
                : undefined
            }
            clearable
            data={TIME_FORMATS}
            {...form.getInputProps('time_format')}
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

const NOTIFICATION_GROUPS: { title: string; kinds: NotificationKind[] }[] = [
  {
    title: 'Activity',
    kinds: [
      'timesheet_submitted',
      'timesheet_approved',
      'timesheet_rejected',
      'project_assignment',
      'budget_alert',
    ],
  },
  { title: 'Reminders', kinds: ['timesheet_reminder', 'daily_reminder', 'weekly_report'] },
  { title: 'News', kinds: ['product_updates'] },
];

/** Each kind of email on or off, saved as it is switched (every email links back here). */
function Notifications({ me }: { me: User }) {
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (change: Partial<Record<NotificationKind, boolean>>) =>
      patch<User>(`/users/${me.id}`, { notification_preferences: change }),
    onSuccess: (user) => queryClient.setQueryData(meQuery.queryKey, user),
  });
  const preferences = me.notification_preferences;
  if (preferences === null) return null;
  return (
    <Paper withBorder p="md" id="notifications">
      <Stack>
        <Title order={3} size="h4">
          Email notifications
        </Title>
        <Text size="sm" c="dimmed">
          Reminders go out at your own time zone’s times; every email has a link to turn its kind off.
        </Text>
        {NOTIFICATION_GROUPS.map((group) => (
          <Stack key={group.title} gap="xs" role="group" aria-label={group.title}>
            <Title order={4} size="h5">
              {group.title}
            </Title>
            {group.kinds.map((kind) => (
              <Switch
                key={kind}
                label={NOTIFICATION_KINDS[kind].label}
                checked={
                  save.isPending && save.variables?.[kind] !== undefined
                    ? save.variables[kind]
                    : preferences[kind]
                }
                disabled={save.isPending}
                onChange={(event) => save.mutate({ [kind]: event.currentTarget.checked })}
              />
            ))}
          </Stack>
        ))}
        <FormError error={save.error} />
      </Stack>
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

/** The browsers signed in as you: sign one of the others out, or "sign out everywhere" (this browser too). */
function Sessions() {
  const sessions = useQuery({
    queryKey: ['browser-sessions'],
    queryFn: () => get<{ sessions: BrowserSession[] }>('/auth/sessions'),
  });
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signOutOne = useMutation({
    mutationFn: (id: string) => del(`/auth/sessions/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['browser-sessions'] }),
  });
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
              <Table.Th />
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
                <Table.Td>
                  {!session.current && (
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      loading={signOutOne.isPending && signOutOne.variables === session.id}
                      onClick={() => signOutOne.mutate(session.id)}
                    >
                      Sign out
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <FormError error={signOutOne.error ?? signOutEverywhere.error} />
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
