import { Badge, Button, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { del, get, post } from '../../api.ts';
import { FormError } from '../../components/FormError.tsx';
import { refreshLists } from '../../lib/invalidate.ts';
import { InvitationOutcome } from './InviteDialog.tsx';
import type { Invitation, IssuedInvitation } from './invitations.ts';

const dateFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

/** Invitations not yet accepted, for administrators: resend (a new link) or cancel. */
export function PendingInvitations() {
  const queryClient = useQueryClient();
  const invitations = useQuery({
    queryKey: ['invitations'],
    queryFn: () => get<{ data: Invitation[] }>('/invitations').then((page) => page.data),
  });
  const [resent, setResent] = useState<IssuedInvitation | null>(null);
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['invitations'] });
    await refreshLists(queryClient);
  };
  const resend = useMutation({
    mutationFn: (id: string) => post<IssuedInvitation>(`/invitations/${id}/resend`),
    onSuccess: async (result) => {
      setResent(result);
      await refresh();
    },
  });
  const cancel = useMutation({
    mutationFn: (id: string) => del<{ id: string }>(`/invitations/${id}`),
    onSuccess: refresh,
  });

  if (!invitations.data?.length) return null;
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Title order={3} size="h4">
          Pending invitations
        </Title>
        <FormError error={resend.error ?? cancel.error} />
        <Table.ScrollContainer minWidth={560}>
          <Table aria-label="Pending invitations">
            <Table.Tbody>
              {invitations.data.map((invitation) => (
                <Table.Tr key={invitation.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {invitation.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {invitation.email}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {invitation.is_expired ? (
                      <Badge color="orange" variant="light">
                        Expired
                      </Badge>
                    ) : (
                      <Text size="sm">
                        Link valid until {dateFormat.format(new Date(invitation.expires_at))}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      <Button
                        size="xs"
                        variant="default"
                        aria-label={`Resend invitation to ${invitation.name}`}
                        loading={resend.isPending && resend.variables === invitation.id}
                        onClick={() => resend.mutate(invitation.id)}
                      >
                        Resend
                      </Button>
                      <Button
                        size="xs"
                        variant="light"
                        color="red"
                        aria-label={`Cancel invitation to ${invitation.name}`}
                        loading={cancel.isPending && cancel.variables === invitation.id}
                        onClick={() => cancel.mutate(invitation.id)}
                      >
                        Cancel
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
      <Modal opened={resent !== null} onClose={() => setResent(null)} title="Invitation resent">
        {resent && (
          <Stack>
            <InvitationOutcome invitation={resent} />
            <Group justify="flex-end">
              <Button onClick={() => setResent(null)}>Done</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Paper>
  );
}
