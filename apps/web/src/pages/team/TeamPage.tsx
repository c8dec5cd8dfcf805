import type { User } from '@keito/sdk';
import { Badge, Button, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { patch, post } from '../../api.ts';
import { ExportButton, exportFilters } from '../../components/ExportButton.tsx';
import { FormError } from '../../components/FormError.tsx';
import { type Status, StatusFilter } from '../../components/StatusFilter.tsx';
import { type Format, useFormat } from '../../lib/format.ts';
import { refreshLists } from '../../lib/invalidate.ts';
import { listQuery, meQuery, workspaceQuery } from '../../queries.ts';
import { InviteDialog } from './InviteDialog.tsx';
import { PendingInvitations } from './PendingInvitations.tsx';
import { Teammates } from './Teammates.tsx';
import { UserForm, type UserInput } from './UserForm.tsx';

const ROLE_LABEL = { member: 'Member', manager: 'Manager', administrator: 'Administrator' } as const;

type Editing = { user: User } | { userType: 'human' | 'agent' };

/** Team: the people and agent users of the workspace; administrators add, edit and archive them. */
export function TeamPage() {
  const [status, setStatus] = useState<Status>('active');
  const users = useQuery(listQuery<User>(`/users?is_active=${status === 'active'}`));
  const me = useQuery(meQuery).data;
  const workspace = useQuery(workspaceQuery).data;
  const format = useFormat();
  const currency = workspace?.currency ?? 'USD';
  const isAdmin = me?.role === 'administrator';
  // Seven columns do not fit a phone: each member becomes a card there.
  const phone = useMediaQuery('(max-width: 48em)');
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [teammatesOf, setTeammatesOf] = useState<User | null>(null);
  const [inviting, setInviting] = useState(false);
  const save = useMutation({
    mutationFn: (input: UserInput) =>
      editing && 'user' in editing
        ? patch<User>(`/users/${editing.user.id}`, input)
        : post<User>('/users', input),
    onSuccess: async () => {
      setEditing(null);
      await refreshLists(queryClient);
      await queryClient.invalidateQueries({ queryKey: ['me'] });
    },
  });
  const setActive = useMutation({
    mutationFn: ({ id, isActive }: { id: string; isActive: boolean }) =>
      patch<User>(`/users/${id}`, { is_active: isActive }),
    onSuccess: () => refreshLists(queryClient),
  });
  const open = (next: Editing) => {
    save.reset();
    setEditing(next);
  };
  const actions = (user: User) => (
    <Group gap="xs" justify="flex-end" wrap="nowrap">
      {user.role === 'manager' && user.is_active && (
        <Button
          size="xs"
          variant="subtle"
          aria-label={`Teammates of ${user.name}`}
          onClick={() => setTeammatesOf(user)}
        >
          Teammates
        </Button>
      )}
      <Button size="xs" variant="default" aria-label={`Edit ${user.name}`} onClick={() => open({ user })}>
        Edit
      </Button>
      {user.id !== me?.id && (
        <Button
          size="xs"
          variant="light"
          aria-label={`${user.is_active ? 'Archive' : 'Reactivate'} ${user.name}`}
          onClick={() => setActive.mutate({ id: user.id, isActive: !user.is_active })}
        >
          {user.is_active ? 'Archive' : 'Reactivate'}
        </Button>
      )}
    </Group>
  );
  const editingType =
    editing === null ? 'human' : 'user' in editing ? editing.user.user_type : editing.userType;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Team</Title>
        <Group gap="xs">
          <ExportButton kind="team" filters={exportFilters({ is_active: String(status === 'active') })} />
          {isAdmin && (
            <>
              <Button onClick={() => setInviting(true)}>Invite people</Button>
              <Button variant="default" onClick={() => open({ userType: 'human' })}>
                Add person
              </Button>
              <Button variant="light" color="violet" onClick={() => open({ userType: 'agent' })}>
                Add agent
              </Button>
            </>
          )}
        </Group>
      </Group>
      {isAdmin && <PendingInvitations />}
      <Group>
        <StatusFilter label="Show team members" value={status} onChange={setStatus} />
      </Group>
      <FormError error={setActive.error} />
      {phone ? (
        <Stack gap="xs">
          {(users.data ?? []).map((user) => (
            <Paper key={user.id} withBorder p="sm">
              <UserName user={user} />
              <Text size="sm" mt={4}>
                {particulars(user, format, currency, isAdmin)}
              </Text>
              {isAdmin && <Group mt="xs">{actions(user)}</Group>}
            </Paper>
          ))}
        </Stack>
      ) : (
        <Paper withBorder p="sm">
          <Table.ScrollContainer minWidth={isAdmin ? 900 : 640}>
            <Table aria-label="Team">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Type</Table.Th>
                  <Table.Th>Capacity</Table.Th>
                  <Table.Th>Billable rate</Table.Th>
                  {isAdmin && <Table.Th>Cost rate</Table.Th>}
                  {isAdmin && <Table.Th />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(users.data ?? []).map((user) => (
                  <Table.Tr key={user.id}>
                    <Table.Td>
                      <UserName user={user} />
                    </Table.Td>
                    <Table.Td>{ROLE_LABEL[user.role]}</Table.Td>
                    <Table.Td>{user.employment_type === 'contractor' ? 'Contractor' : 'Employee'}</Table.Td>
                    <Table.Td>
                      {user.weekly_capacity === null ? '—' : `${user.weekly_capacity} h/week`}
                    </Table.Td>
                    <Table.Td>{format.money(user.billable_rate, currency)}</Table.Td>
                    {isAdmin && <Table.Td>{format.money(user.cost_rate, currency)}</Table.Td>}
                    {isAdmin && <Table.Td>{actions(user)}</Table.Td>}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {users.data?.length === 0 && (
        <Text c="dimmed" ta="center" p="md">
          {status === 'active' ? 'Nobody here yet.' : 'Nobody is archived.'}
        </Text>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={
          editing && 'user' in editing
            ? `Edit ${editing.user.name}`
            : editingType === 'agent'
              ? 'Add an agent'
              : 'Add a person'
        }
        size="lg"
      >
        {editing !== null && (
          <UserForm
            user={'user' in editing ? editing.user : undefined}
            userType={editingType}
            currency={workspace?.currency}
            defaultCapacity={workspace?.default_weekly_capacity}
            pending={save.isPending}
            error={save.error}
            onSubmit={(input) => save.mutate(input)}
          />
        )}
      </Modal>
      <Modal opened={inviting} onClose={() => setInviting(false)} title="Invite people" size="xl">
        {inviting && (
          <InviteDialog
            currency={workspace?.currency}
            defaultCapacity={workspace?.default_weekly_capacity}
            onDone={() => setInviting(false)}
          />
        )}
      </Modal>
      <Modal
        opened={teammatesOf !== null}
        onClose={() => setTeammatesOf(null)}
        title={`${teammatesOf?.name ?? ''}’s teammates`}
      >
        {teammatesOf && <Teammates manager={teammatesOf} onDone={() => setTeammatesOf(null)} />}
      </Modal>
    </Stack>
  );
}

function UserName({ user }: { user: User }) {
  return (
    <>
      <Group gap={6} wrap="nowrap">
        <Text size="sm" fw={500}>
          {user.name}
        </Text>
        {user.user_type === 'agent' && (
          <Badge color="violet" variant="light">
            Agent
          </Badge>
        )}
        {user.status === 'pending' && (
          <Badge color="gray" variant="outline">
            Invited
          </Badge>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {[user.user_type === 'agent' ? null : user.email, ...user.business_roles].filter(Boolean).join(' · ')}
      </Text>
    </>
  );
}

/** "Manager · Contractor · 35 h/week": a member's particulars on one line, for the phone layout. */
function particulars(user: User, format: Format, currency: string, isAdmin: boolean): string {
  return [
    ROLE_LABEL[user.role],
    user.employment_type === 'contractor' ? 'Contractor' : 'Employee',
    user.weekly_capacity === null ? null : `${user.weekly_capacity} h/week`,
    user.billable_rate === null ? null : `${format.money(user.billable_rate, currency)}/h`,
    isAdmin && user.cost_rate !== null ? `cost ${format.money(user.cost_rate, currency)}/h` : null,
  ]
    .filter(Boolean)
    .join(' · ');
}
