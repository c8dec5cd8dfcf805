import { ActionIcon, Button, Group, Modal, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { del, patch, post } from '../../api.ts';
import { FormError } from '../../components/FormError.tsx';
import { EditIcon, TrashIcon } from '../../components/Icons.tsx';
import { textOrNull } from '../../lib/forms.ts';
import { listQuery } from '../../queries.ts';
import type { Contact } from '../../types.ts';

const fullName = (contact: Contact) => [contact.first_name, contact.last_name].filter(Boolean).join(' ');

/** The people at a client: who invoices go to and who to call. */
export function Contacts({ clientId }: { clientId: string }) {
  const path = `/clients/${clientId}/contacts`;
  const contacts = useQuery(listQuery<Contact>(path));
  const queryClient = useQueryClient();
  // undefined: closed; null: a new contact; otherwise the contact being edited.
  const [editing, setEditing] = useState<Contact | null | undefined>(undefined);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['list', path] });
  const save = useMutation({
    mutationFn: (input: ContactInput) =>
      editing ? patch<Contact>(`${path}/${editing.id}`, input) : post<Contact>(path, input),
    onSuccess: async () => {
      setEditing(undefined);
      await refresh();
    },
  });
  const remove = useMutation({ mutationFn: (id: string) => del(`${path}/${id}`), onSuccess: refresh });
  const open = (contact: Contact | null) => {
    save.reset();
    setEditing(contact);
  };

  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4">
          Contacts
        </Title>
        <Button variant="light" onClick={() => open(null)}>
          Add contact
        </Button>
      </Group>
      <Table.ScrollContainer minWidth={560}>
        <Table aria-label="Contacts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Title</Table.Th>
              <Table.Th>Email</Table.Th>
              <Table.Th>Phone</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(contacts.data ?? []).map((contact) => (
              <Table.Tr key={contact.id}>
                <Table.Td>{fullName(contact)}</Table.Td>
                <Table.Td>{contact.title ?? '—'}</Table.Td>
                <Table.Td>{contact.email ?? '—'}</Table.Td>
                <Table.Td>
                  {[contact.phone_office, contact.phone_mobile].filter(Boolean).join(' · ') || '—'}
                </Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <ActionIcon
                      variant="subtle"
                      aria-label={`Edit ${fullName(contact)}`}
                      onClick={() => open(contact)}
                    >
                      <EditIcon />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Remove ${fullName(contact)}`}
                      onClick={() =>
                        window.confirm(`Remove ${fullName(contact)} from this client’s contacts?`) &&
                        remove.mutate(contact.id)
                      }
                    >
                      <TrashIcon />
                    </ActionIcon>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {contacts.data?.length === 0 && (
        <Text c="dimmed" ta="center" p="sm">
          No contacts yet.
        </Text>
      )}
      <Modal
        opened={editing !== undefined}
        onClose={() => setEditing(undefined)}
        title={editing ? 'Edit contact' : 'New contact'}
      >
        {editing !== undefined && (
          <ContactForm
            contact={editing}
            pending={save.isPending}
            error={save.error}
            onSubmit={(input) => save.mutate(input)}
          />
        )}
      </Modal>
    </Paper>
  );
}

interface ContactInput {
  first_name: string;
  last_name: string | null;
  title: string | null;
  email: string | null;
  phone_office: string | null;
  phone_mobile: string | null;
  fax: string | null;
}

function ContactForm({
  contact,
  pending,
  error,
  onSubmit,
}: {
  contact: Contact | null;
  pending: boolean;
  error: unknown;
  onSubmit: (input: ContactInput) => void;
}) {
  const form = useForm({
    initialValues: {
      first_name: contact?.first_name ?? '',
      last_name: contact?.last_name ?? '',
      title: contact?.title ?? '',
      email: contact?.email ?? '',
      phone_office: contact?.phone_office ?? '',
      phone_mobile: contact?.phone_mobile ?? '',
      fax: contact?.fax ?? '',
    },
    validate: {
      first_name: (value) => (value.trim() ? null : 'Enter a first name'),
      email: (value) => (value.trim() === '' || /^\S+@\S+$/.test(value) ? null : 'Enter a valid email'),
    },
  });
  return (
    <form
      onSubmit={form.onSubmit((values) =>
        onSubmit({
          first_name: values.first_name.trim(),
          last_name: textOrNull(values.last_name),
          title: textOrNull(values.title),
          email: textOrNull(values.email),
          phone_office: textOrNull(values.phone_office),
          phone_mobile: textOrNull(values.phone_mobile),
          fax: textOrNull(values.fax),
        }),
      )}
    >
      <Stack>
        <Group grow align="flex-start">
          <TextInput label="First name" required data-autofocus {...form.getInputProps('first_name')} />
          <TextInput label="Last name" {...form.getInputProps('last_name')} />
        </Group>
        <TextInput label="Title" {...form.getInputProps('title')} />
        <TextInput label="Email" type="email" {...form.getInputProps('email')} />
        <Group grow align="flex-start">
          <TextInput label="Office phone" type="tel" {...form.getInputProps('phone_office')} />
          <TextInput label="Mobile phone" type="tel" {...form.getInputProps('phone_mobile')} />
        </Group>
        <TextInput label="Fax" type="tel" {...form.getInputProps('fax')} />
        <FormError error={error} />
        <Group justify="flex-end">
          <Button type="submit" loading={pending}>
            Save contact
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
