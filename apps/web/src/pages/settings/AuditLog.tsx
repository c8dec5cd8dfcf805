import type { User } from '@keito/sdk';
import { Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { get, type Page } from '../../api.ts';
import { listQuery } from '../../queries.ts';
import type { AuditEvent } from '../../types.ts';

const ACTIONS: Record<AuditEvent['action'], string> = {
  'sign_in.succeeded': 'Signed in',
  'sign_in.failed': 'Failed sign-in',
  'password.changed': 'Password changed',
  'api_key.created': 'API key created',
  'api_key.revoked': 'API key revoked',
  'user.role_changed': 'Role changed',
  'user.permissions_changed': 'Permissions changed',
  'user.archived': 'Person archived',
  'user.restored': 'Person restored',
  'sso.configuration_changed': 'SSO configuration changed',
  'sign_in.sso_succeeded': 'Signed in with SSO',
  'sign_in.sso_refused': 'SSO sign-in refused',
};

const when = (iso: string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));

/** Settings → Security log: the workspace's security events, newest first (administrators). */
export function AuditLogPage() {
  const [action, setAction] = useState<string | null>(null);
  const events = useQuery({
    queryKey: ['audit-events', action],
    queryFn: () => get<Page<AuditEvent>>(`/audit-events?limit=200${action ? `&action=${action}` : ''}`),
  });
  const people = useQuery(listQuery<User>('/users'));
  const nameOf = new Map((people.data ?? []).map((user) => [user.id, user.name]));
  const person = (id: string | null) => (id === null ? '—' : (nameOf.get(id) ?? id));
  return (
    <Stack>
      <Title order={2}>Security log</Title>
      <Text c="dimmed">
        Sign-ins (with passwords and SSO), password changes, SSO settings, API keys, role and permission
        changes and archived people: who, when and from where.
      </Text>
      <Select
        label="Event"
        placeholder="All events"
        clearable
        maw={280}
        data={Object.entries(ACTIONS).map(([value, label]) => ({ value, label }))}
        value={action}
        onChange={setAction}
      />
      <Table.ScrollContainer minWidth={720}>
        <Table data-testid="audit-events">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Event</Table.Th>
              <Table.Th>By</Table.Th>
              <Table.Th>Concerning</Table.Th>
              <Table.Th>From</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(events.data?.data ?? []).map((event) => (
              <Table.Tr key={event.id} data-testid="audit-event">
                <Table.Td>{when(event.occurred_at)}</Table.Td>
                <Table.Td>
                  {ACTIONS[event.action]}
                  {typeof event.details.reason === 'string' && (
                    <Text size="xs" c="dimmed">
                      {event.details.reason.replaceAll('_', ' ')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {person(event.actor_user_id)}
                  {event.actor_api_key_id && (
                    <Text size="xs" c="dimmed">
                      with an API key
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{person(event.target_id)}</Table.Td>
                <Table.Td>
                  {event.ip_address ?? '—'}
                  {event.user_agent && (
                    <Text size="xs" c="dimmed" lineClamp={1} title={event.user_agent}>
                      {event.user_agent}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {events.data?.has_more && <Text size="sm">Showing the latest 200 events.</Text>}
    </Stack>
  );
}
