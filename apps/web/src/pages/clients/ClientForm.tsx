import type { Client } from '@keito/sdk';
import { Button, Group, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMemo } from 'react';
import { FormError } from '../../components/FormError.tsx';
import { textOrNull } from '../../lib/forms.ts';
import { CURRENCIES } from '../../lib/locale.ts';

export interface ClientInput {
  name: string;
  address: string | null;
  phone: string | null;
  currency: string;
}

interface Props {
  client?: Client;
  /** The workspace currency, for a new client. */
  defaultCurrency: string;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (input: ClientInput) => void;
}

/** A client's own fields: name, address, phone and the currency it is invoiced in. */
export function ClientForm({ client, defaultCurrency, submitLabel, pending, error, onSubmit }: Props) {
  const form = useForm({
    initialValues: {
      name: client?.name ?? '',
      address: client?.address ?? '',
      phone: client?.phone ?? '',
      currency: client?.currency ?? defaultCurrency,
    },
    validate: { name: (value) => (value.trim() ? null : 'Enter the client’s name') },
  });
  const currencies = useMemo(
    () => [...new Set([...CURRENCIES, form.values.currency])].filter(Boolean).sort(),
    [form.values.currency],
  );
  return (
    <form
      onSubmit={form.onSubmit((values) =>
        onSubmit({
          name: values.name.trim(),
          address: textOrNull(values.address),
          phone: textOrNull(values.phone),
          currency: values.currency,
        }),
      )}
    >
      <Stack>
        <TextInput label="Client name" required data-autofocus {...form.getInputProps('name')} />
        <Textarea label="Address" autosize minRows={3} {...form.getInputProps('address')} />
        <Group grow align="flex-start">
          <TextInput label="Phone" type="tel" autoComplete="off" {...form.getInputProps('phone')} />
          <Select
            label="Currency"
            description="Invoices to this client use it"
            searchable
            allowDeselect={false}
            data={currencies}
            {...form.getInputProps('currency')}
          />
        </Group>
        <FormError error={error} />
        <Group justify="flex-end">
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
