import type { BillBy, BillingType, BudgetBy, Client, Project } from '@keito/sdk';
import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  NumberInput,
  Radio,
  Select,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { FormError } from '../../components/FormError.tsx';
import { numberOrBlank, numberOrNull, textOrNull } from '../../lib/forms.ts';

/** The body of POST /projects and PATCH /projects/:id. */
export interface ProjectInput {
  client_id: string;
  name: string;
  code: string | null;
  starts_on: string | null;
  ends_on: string | null;
  notes: string | null;
  billing_type: BillingType;
  bill_by: BillBy;
  hourly_rate: number | null;
  fixed_fee: number | null;
  budget_by: BudgetBy;
  budget_hours: number | null;
  budget_amount: number | null;
  budget_resets_monthly: boolean;
  budget_alert_percent: number;
  budget_includes_expenses: boolean;
  show_budget_to_all: boolean;
}

const BILL_BY: { value: BillBy; label: string }[] = [
  { value: 'project', label: 'Project rate' },
  { value: 'tasks', label: 'Task rates' },
  { value: 'people', label: 'Per-person rates' },
];

const BUDGET_BY: { value: BudgetBy; label: string }[] = [
  { value: 'none', label: 'No budget' },
  { value: 'total_hours', label: 'Total hours' },
  { value: 'total_fees', label: 'Total fees' },
  { value: 'task', label: 'Hours per task' },
  { value: 'person', label: 'Hours per person' },
];

interface Props {
  project?: Project;
  clients: Client[];
  currency: string | undefined;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (input: ProjectInput) => void;
}

/** Every field of projects/creating-projects and projects/budgets; fields that do not apply are hidden. */
export function ProjectForm({ project, clients, currency, submitLabel, pending, error, onSubmit }: Props) {
  const form = useForm({
    initialValues: {
      client_id: project?.client_id ?? '',
      name: project?.name ?? '',
      code: project?.code ?? '',
      starts_on: project?.starts_on ?? '',
      ends_on: project?.ends_on ?? '',
      notes: project?.notes ?? '',
      billing_type: project?.billing_type ?? ('time_and_materials' as BillingType),
      bill_by: project && project.bill_by !== 'none' ? project.bill_by : ('project' as BillBy),
      hourly_rate: numberOrBlank(project?.hourly_rate),
      fixed_fee: numberOrBlank(project?.fixed_fee),
      budget_by: project?.budget_by ?? ('none' as BudgetBy),
      budget_hours: numberOrBlank(project?.budget_hours),
      budget_amount: numberOrBlank(project?.budget_amount),
      budget_resets_monthly: project?.budget_resets_monthly ?? false,
      budget_alert_percent: numberOrBlank(project?.budget_alert_percent ?? 80),
      budget_includes_expenses: project?.budget_includes_expenses ?? false,
      show_budget_to_all: project?.show_budget_to_all ?? false,
    },
    validate: {
      client_id: (value) => (value ? null : 'Choose a client'),
      name: (value) => (value.trim() ? null : 'Enter the project’s name'),
      ends_on: (value, values) =>
        value && values.starts_on && value < values.starts_on ? 'The end date is before the start' : null,
      budget_alert_percent: (value, values) => {
        if (values.budget_by === 'none') return null;
        const percent = numberOrNull(value);
        return percent !== null && Number.isInteger(percent) && percent >= 1 && percent <= 1000
          ? null
          : 'A whole percentage from 1 to 1000';
      },
    },
  });
  const values = form.values;
  const billable = values.billing_type !== 'non_billable';
  const hasBudget = values.budget_by !== 'none';
  const money = currency ? ` (${currency})` : '';
  const clientOptions = clients
    .filter((client) => client.is_active || client.id === values.client_id)
    .map((client) => ({ value: client.id, label: client.name }));

  const submit = form.onSubmit((v) =>
    onSubmit({
      client_id: v.client_id,
      name: v.name.trim(),
      code: textOrNull(v.code),
      starts_on: v.starts_on || null,
      ends_on: v.ends_on || null,
      notes: textOrNull(v.notes),
      billing_type: v.billing_type,
      bill_by: v.billing_type === 'non_billable' ? 'none' : v.bill_by,
      // Figures that no longer apply are cleared, so a later change of type does not revive them.
      hourly_rate: billable && v.bill_by === 'project' ? numberOrNull(v.hourly_rate) : null,
      fixed_fee: v.billing_type === 'fixed_fee' ? numberOrNull(v.fixed_fee) : null,
      budget_by: v.budget_by,
      budget_hours: v.budget_by === 'total_hours' ? numberOrNull(v.budget_hours) : null,
      budget_amount: v.budget_by === 'total_fees' ? numberOrNull(v.budget_amount) : null,
      budget_resets_monthly: hasBudget && v.budget_resets_monthly,
      budget_alert_percent: numberOrNull(v.budget_alert_percent) ?? 80,
      budget_includes_expenses: v.budget_by === 'total_fees' && v.budget_includes_expenses,
      show_budget_to_all: hasBudget && v.show_budget_to_all,
    }),
  );

  return (
    <form onSubmit={submit}>
      <Stack>
        <Group grow align="flex-start">
          <TextInput label="Project name" required data-autofocus {...form.getInputProps('name')} />
          <Select
            label="Client"
            required
            searchable
            allowDeselect={false}
            data={clientOptions}
            nothingFoundMessage="No such client"
            {...form.getInputProps('client_id')}
          />
        </Group>
        <Group grow align="flex-start">
          <TextInput label="Project code" placeholder="e.g. ACME-WEB" {...form.getInputProps('code')} />
          <TextInput label="Start date" type="date" {...form.getInputProps('starts_on')} />
          <TextInput label="End date" type="date" {...form.getInputProps('ends_on')} />
        </Group>
        <Textarea label="Notes" autosize minRows={2} {...form.getInputProps('notes')} />

        <Fieldset legend="Billing">
          <Stack>
            <Radio.Group label="Project type" {...form.getInputProps('billing_type')}>
              <Group mt="xs">
                <Radio value="time_and_materials" label="Time & materials" />
                <Radio value="fixed_fee" label="Fixed fee" />
                <Radio value="non_billable" label="Non-billable" />
              </Group>
            </Radio.Group>
            {billable && (
              <Group grow align="flex-start">
                <Select
                  label="Bill by"
                  allowDeselect={false}
                  data={BILL_BY}
                  {...form.getInputProps('bill_by')}
                />
                {values.bill_by === 'project' ? (
                  <NumberInput
                    label={`Hourly rate${money}`}
                    min={0}
                    decimalScale={2}
                    {...form.getInputProps('hourly_rate')}
                  />
                ) : (
                  <div />
                )}
              </Group>
            )}
            {values.billing_type === 'fixed_fee' && (
              <NumberInput
                label={`Fixed fee${money}`}
                description="The total invoiceable amount"
                min={0}
                decimalScale={2}
                {...form.getInputProps('fixed_fee')}
              />
            )}
          </Stack>
        </Fieldset>

        <Fieldset legend="Budget">
          <Stack>
            <Group grow align="flex-start">
              <Select
                label="Budget type"
                allowDeselect={false}
                data={BUDGET_BY}
                {...form.getInputProps('budget_by')}
              />
              {values.budget_by === 'total_hours' && (
                <NumberInput
                  label="Budget hours"
                  min={0}
                  decimalScale={2}
                  {...form.getInputProps('budget_hours')}
                />
              )}
              {values.budget_by === 'total_fees' && (
                <NumberInput
                  label={`Budget amount${money}`}
                  min={0}
                  decimalScale={2}
                  {...form.getInputProps('budget_amount')}
                />
              )}
              {values.budget_by !== 'total_hours' && values.budget_by !== 'total_fees' && <div />}
            </Group>
            {hasBudget && (
              <>
                <NumberInput
                  label="Alert at (% of budget)"
                  description="Project managers and administrators are told when spending crosses it"
                  min={1}
                  max={1000}
                  allowDecimal={false}
                  suffix="%"
                  maw={260}
                  {...form.getInputProps('budget_alert_percent')}
                />
                <Checkbox
                  label="Budget resets every month"
                  {...form.getInputProps('budget_resets_monthly', { type: 'checkbox' })}
                />
                {values.budget_by === 'total_fees' && (
                  <Checkbox
                    label="Budget includes billable expenses"
                    {...form.getInputProps('budget_includes_expenses', { type: 'checkbox' })}
                  />
                )}
                <Checkbox
                  label="Show the budget to everyone on the project"
                  {...form.getInputProps('show_budget_to_all', { type: 'checkbox' })}
                />
              </>
            )}
          </Stack>
        </Fieldset>
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
