import type { Role, User } from '@keito/sdk';
import { Button, Group, NumberInput, Select, Stack, TagsInput, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { FormError } from '../../components/FormError.tsx';
import { numberOrBlank, numberOrNull } from '../../lib/forms.ts';

export interface UserInput {
  name: string;
  email?: string;
  user_type?: 'human' | 'agent';
  role: Role;
  employment_type: 'employee' | 'contractor';
  business_roles: string[];
  billable_rate: number | null;
  cost_rate?: number | null;
  weekly_capacity: number | null;
}

const ROLES = [
  { value: 'member', label: 'Member' },
  { value: 'manager', label: 'Manager' },
  { value: 'administrator', label: 'Administrator' },
];

interface Props {
  /** The user being edited; a new one of `userType` when absent. */
  user?: User;
  userType: 'human' | 'agent';
  currency: string | undefined;
  defaultCapacity: number | undefined;
  pending: boolean;
  error: unknown;
  onSubmit: (input: UserInput) => void;
}

/** A person's or an agent's profile as administrators set it: role, rates, capacity, business roles. */
export function UserForm({ user, userType, currency, defaultCapacity, pending, error, onSubmit }: Props) {
  const isAgent = userType === 'agent';
  const form = useForm({
    initialValues: {
      name: user?.name ?? '',
      email: user?.email ?? '',
      role: user?.role ?? ('member' as Role),
      employment_type: user?.employment_type ?? 'employee',
      business_roles: user?.business_roles ?? [],
      billable_rate: numberOrBlank(user?.billable_rate),
      cost_rate: numberOrBlank(user?.cost_rate),
      weekly_capacity: numberOrBlank(user ? user.weekly_capacity : isAgent ? null : defaultCapacity),
    },
    validate: {
      name: (value) => (value.trim() ? null : 'Enter a name'),
      email: (value) => (isAgent || /^\S+@\S+\.\S+$/.test(value.trim()) ? null : 'Enter a valid email'),
    },
  });
  const money = currency ? ` (${currency})` : '';
  return (
    <form
      onSubmit={form.onSubmit((values) =>
        onSubmit({
          name: values.name.trim(),
          // Agents get <name>@agents.keito.ai from the server; their address is not edited here.
          ...(isAgent ? {} : { email: values.email.trim() }),
          ...(user ? {} : { user_type: userType }),
          role: values.role,
          employment_type: values.employment_type === 'contractor' ? 'contractor' : 'employee',
          business_roles: values.business_roles,
          billable_rate: numberOrNull(values.billable_rate),
          cost_rate: numberOrNull(values.cost_rate),
          weekly_capacity: numberOrNull(values.weekly_capacity),
        }),
      )}
    >
      <Stack>
        <TextInput
          label={isAgent ? 'Agent name' : 'Name'}
          placeholder={isAgent ? 'e.g. review-bot-01' : undefined}
          required
          data-autofocus
          {...form.getInputProps('name')}
        />
        {!isAgent && <TextInput label="Email" type="email" required {...form.getInputProps('email')} />}
        <Group grow align="flex-start">
          <Select label="Role" allowDeselect={false} data={ROLES} {...form.getInputProps('role')} />
          <Select
            label="Employment type"
            allowDeselect={false}
            data={[
              { value: 'employee', label: 'Employee' },
              { value: 'contractor', label: 'Contractor' },
            ]}
            {...form.getInputProps('employment_type')}
          />
        </Group>
        <Group grow align="flex-start">
          <NumberInput
            label={`Billable rate${money}`}
            description="Per hour, unless a project sets its own"
            min={0}
            decimalScale={2}
            {...form.getInputProps('billable_rate')}
          />
          <NumberInput
            label={`Cost rate${money}`}
            description="What an hour costs you; administrators only"
            min={0}
            decimalScale={2}
            {...form.getInputProps('cost_rate')}
          />
        </Group>
        <NumberInput
          label="Weekly capacity (hours)"
          min={0}
          max={168}
          decimalScale={2}
          maw={240}
          {...form.getInputProps('weekly_capacity')}
        />
        <TagsInput
          label="Business roles"
          description="Press Enter after each, e.g. Designer, Code review"
          {...form.getInputProps('business_roles')}
        />
        <FormError error={error} />
        <Group justify="flex-end">
          <Button type="submit" loading={pending}>
            {user ? 'Save' : isAgent ? 'Add agent' : 'Add person'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
