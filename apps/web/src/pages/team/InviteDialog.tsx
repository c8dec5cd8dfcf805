import type { Role } from '@keito/sdk';
import {
  Button,
  Code,
  CopyButton,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { post } from '../../api.ts';
import { FormError } from '../../components/FormError.tsx';
import { numberOrBlank, numberOrNull } from '../../lib/forms.ts';
import { refreshLists } from '../../lib/invalidate.ts';
import type { Invitee, IssuedInvitation } from './invitations.ts';

const ROLES = [
  { value: 'member', label: 'Member' },
  { value: 'manager', label: 'Manager' },
  { value: 'administrator', label: 'Administrator' },
];

const blankRow = (capacity: number | undefined) => ({
  name: '',
  email: '',
  role: 'member' as Role,
  employment_type: 'employee',
  billable_rate: '' as number | string,
  weekly_capacity: numberOrBlank(capacity),
});

/** Invite one or several people at once; afterwards, who was emailed and which links to pass on by hand. */
export function InviteDialog({
  currency,
  defaultCapacity,
  onDone,
}: {
  currency: string | undefined;
  defaultCapacity: number | undefined;
  onDone: () => void;
}) {
  const queryClient = useQueryClient();
  const [sent, setSent] = useState<IssuedInvitation[] | null>(null);
  const form = useForm({
    initialValues: { rows: [blankRow(defaultCapacity)] },
    validate: {
      rows: {
        name: (value) => (value.trim() ? null : 'Enter a name'),
        email: (value) => (/^\S+@\S+\.\S+$/.test(value.trim()) ? null : 'Enter a valid email'),
      },
    },
  });
  const send = useMutation({
    mutationFn: (invitations: Invitee[]) =>
      post<{ data: IssuedInvitation[] }>('/invitations', { invitations }),
    onSuccess: async (result) => {
      setSent(result.data);
      await refreshLists(queryClient);
      await queryClient.invalidateQueries({ queryKey: ['invitations'] });
    },
  });

  if (sent !== null) return <SentList sent={sent} onDone={onDone} />;

  const money = currency ? ` (${currency})` : '';
  const rows = form.getValues().rows;
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) =>
        send.mutate(
          values.rows.map((row) => ({
            name: row.name.trim(),
            email: row.email.trim(),
            role: row.role,
            employment_type: row.employment_type === 'contractor' ? 'contractor' : 'employee',
            billable_rate: numberOrNull(row.billable_rate),
            weekly_capacity: numberOrNull(row.weekly_capacity),
          })),
        ),
      )}
    >
      <Stack>
        {rows.map((_, index) => (
          <Paper
            // Rows have no identity of their own; they are only ever added at the end or removed.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            key={index}
            withBorder
            p="sm"
            component="fieldset"
            aria-label={`Person ${index + 1}`}
          >
            <Stack gap="xs">
              <Group grow align="flex-start">
                <TextInput
                  label="Name"
                  required
                  data-autofocus={index === 0 ? true : undefined}
                  {...form.getInputProps(`rows.${index}.name`)}
                />
                <TextInput
                  label="Email"
                  type="email"
                  required
                  {...form.getInputProps(`rows.${index}.email`)}
                />
              </Group>
              <Group grow align="flex-start">
                <Select
                  label="Role"
                  allowDeselect={false}
                  data={ROLES}
                  {...form.getInputProps(`rows.${index}.role`)}
                />
                <Select
                  label="Employment type"
                  allowDeselect={false}
                  data={[
                    { value: 'employee', label: 'Employee' },
                    { value: 'contractor', label: 'Contractor' },
                  ]}
                  {...form.getInputProps(`rows.${index}.employment_type`)}
                />
              </Group>
              <Group grow align="flex-end">
                <NumberInput
                  label={`Billable rate${money}`}
                  min={0}
                  decimalScale={2}
                  {...form.getInputProps(`rows.${index}.billable_rate`)}
                />
                <NumberInput
                  label="Weekly capacity (hours)"
                  min={0}
                  max={168}
                  decimalScale={2}
                  {...form.getInputProps(`rows.${index}.weekly_capacity`)}
                />
              </Group>
              {rows.length > 1 && (
                <Group justify="flex-end">
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    onClick={() => form.removeListItem('rows', index)}
                  >
                    Remove person {index + 1}
                  </Button>
                </Group>
              )}
            </Stack>
          </Paper>
        ))}
        <FormError error={send.error} />
        <Group justify="space-between">
          <Button variant="default" onClick={() => form.insertListItem('rows', blankRow(defaultCapacity))}>
            Add another person
          </Button>
          <Button type="submit" loading={send.isPending}>
            {rows.length > 1 ? `Send ${rows.length} invitations` : 'Send invitation'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function SentList({ sent, onDone }: { sent: IssuedInvitation[]; onDone: () => void }) {
  return (
    <Stack>
      {sent.map((invitation) => (
        <InvitationOutcome key={invitation.id} invitation={invitation} />
      ))}
      <Group justify="flex-end">
        <Button onClick={onDone}>Done</Button>
      </Group>
    </Stack>
  );
}

/** "Emailed to …" (the server queued the email), or the link to copy when the server sends no email. */
export function InvitationOutcome({ invitation }: { invitation: IssuedInvitation }) {
  if (invitation.email_sent) {
    return (
      <Text role="status">
        Invitation emailed to <strong>{invitation.name}</strong> ({invitation.email}).
      </Text>
    );
  }
  return (
    <Stack gap="xs">
      <Text>
        Send <strong>{invitation.name}</strong> ({invitation.email}) this link to join:
      </Text>
      <Code block aria-label={`Invitation link for ${invitation.name}`}>
        {invitation.accept_url}
      </Code>
      <Group>
        <CopyButton value={invitation.accept_url ?? ''}>
          {({ copied, copy }) => (
            <Button size="xs" variant="light" onClick={copy} aria-label={`Copy link for ${invitation.name}`}>
              {copied ? 'Copied' : 'Copy link'}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}
