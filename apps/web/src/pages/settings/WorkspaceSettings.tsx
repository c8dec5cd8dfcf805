import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { errorMessage, patch } from '../../api.ts';
import { FormError } from '../../components/FormError.tsx';
import { numberOrNull, textOrNull } from '../../lib/forms.ts';
import { CURRENCIES, timezones } from '../../lib/locale.ts';
import { meQuery, workspaceQuery } from '../../queries.ts';
import type {
  TimeDisplay,
  TimeFormat,
  TimesheetReminders,
  Weekday,
  Workspace,
  WorkspaceFeatures,
} from '../../types.ts';

const WEEKDAYS: { value: Weekday; label: string }[] = [
  { value: 'sunday', label: 'Sunday' },
  { value: 'monday', label: 'Monday' },
  { value: 'tuesday', label: 'Tuesday' },
  { value: 'wednesday', label: 'Wednesday' },
  { value: 'thursday', label: 'Thursday' },
  { value: 'friday', label: 'Friday' },
  { value: 'saturday', label: 'Saturday' },
];

const TIME_FORMATS: { value: TimeFormat; label: string }[] = [
  { value: '12h', label: '12-hour (2:30 PM)' },
  { value: '24h', label: '24-hour (14:30)' },
];

const DECIMAL_SEPARATORS = [
  { value: '.', label: 'Period (1,234.50)' },
  { value: ',', label: 'Comma (1.234,50)' },
];
const THOUSANDS_SEPARATORS = [
  { value: ',', label: 'Comma (1,234)' },
  { value: '.', label: 'Period (1.234)' },
  { value: ' ', label: 'Space (1 234)' },
];
const TIME_DISPLAYS: { value: TimeDisplay; label: string }[] = [
  { value: 'decimal', label: 'Decimal (2.50)' },
  { value: 'hours_minutes', label: 'Hours:minutes (2:30)' },
];

const ENTRY_MODES: { value: Workspace['default_entry_mode']; label: string }[] = [
  { value: 'timer', label: 'Timer (start and stop)' },
  { value: 'manual', label: 'Manual (type the duration)' },
];

const DATE_FORMATS = [
  { value: 'YYYY-MM-DD', label: 'YYYY-MM-DD (2026-03-31)' },
  { value: 'DD/MM/YYYY', label: 'DD/MM/YYYY (31/03/2026)' },
  { value: 'MM/DD/YYYY', label: 'MM/DD/YYYY (03/31/2026)' },
  { value: 'DD.MM.YYYY', label: 'DD.MM.YYYY (31.03.2026)' },
];

// The server accepts exactly these (0 is "no rounding").
const ROUNDING = [
  { value: '0', label: 'None (exact duration)' },
  { value: '5', label: '5 minutes' },
  { value: '6', label: '6 minutes (1/10 hour)' },
  { value: '10', label: '10 minutes' },
  { value: '15', label: '15 minutes (1/4 hour)' },
  { value: '30', label: '30 minutes (1/2 hour)' },
];

const FEATURES: { key: keyof WorkspaceFeatures; label: string; description: string }[] = [
  { key: 'expenses', label: 'Expenses', description: 'Turn off if your team does not track expenses' },
  { key: 'invoicing', label: 'Invoicing', description: 'Turn off if you invoice with other software' },
  { key: 'approvals', label: 'Approvals', description: 'Turn off if timesheets need no approval' },
];

interface Values {
  name: string;
  address: string;
  phone: string;
  timezone: string;
  currency: string;
  week_starts_on: Weekday;
  time_format: TimeFormat;
  date_format: string;
  time_display: TimeDisplay;
  decimal_separator: Workspace['decimal_separator'];
  thousands_separator: Workspace['thousands_separator'];
  default_entry_mode: Workspace['default_entry_mode'];
  require_notes: boolean;
  lock_entries_after_days: number | string;
  rounding_minutes: string;
  default_weekly_capacity: number | string;
  features: WorkspaceFeatures;
  timesheet_reminders: TimesheetReminders;
}

const toValues = (workspace: Workspace): Values => ({
  name: workspace.name,
  address: workspace.address ?? '',
  phone: workspace.phone ?? '',
  timezone: workspace.timezone,
  currency: workspace.currency,
  week_starts_on: workspace.week_starts_on,
  time_format: workspace.time_format,
  date_format: workspace.date_format,
  time_display: workspace.time_display,
  decimal_separator: workspace.decimal_separator,
  thousands_separator: workspace.thousands_separator,
  default_entry_mode: workspace.default_entry_mode,
  require_notes: workspace.require_notes,
  lock_entries_after_days: workspace.lock_entries_after_days,
  rounding_minutes: String(workspace.rounding_minutes),
  default_weekly_capacity: workspace.default_weekly_capacity,
  features: workspace.features,
  timesheet_reminders: workspace.timesheet_reminders,
});

const toBody = (values: Values) => ({
  name: values.name.trim(),
  address: textOrNull(values.address),
  phone: textOrNull(values.phone),
  timezone: values.timezone,
  currency: values.currency,
  week_starts_on: values.week_starts_on,
  time_format: values.time_format,
  date_format: values.date_format,
  time_display: values.time_display,
  decimal_separator: values.decimal_separator,
  thousands_separator: values.thousands_separator,
  default_entry_mode: values.default_entry_mode,
  require_notes: values.require_notes,
  lock_entries_after_days: numberOrNull(values.lock_entries_after_days) ?? 0,
  rounding_minutes: Number(values.rounding_minutes),
  default_weekly_capacity: numberOrNull(values.default_weekly_capacity) ?? 0,
  features: values.features,
  timesheet_reminders: values.timesheet_reminders,
});

/** Settings → Workspace: the company profile and the rules every entry follows. Administrators edit; others read. */
export function WorkspaceSettingsPage() {
  const workspace = useQuery(workspaceQuery);
  const isAdmin = useQuery(meQuery).data?.role === 'administrator';
  return (
    <Stack maw={720}>
      <Title order={2}>Workspace</Title>
      {workspace.isError && <Alert color="red">{errorMessage(workspace.error)}</Alert>}
      {workspace.data ? (
        <SettingsForm key={workspace.data.id} workspace={workspace.data} editable={isAdmin} />
      ) : (
        !workspace.isError && <Text c="dimmed">Loading…</Text>
      )}
    </Stack>
  );
}

function SettingsForm({ workspace, editable }: { workspace: Workspace; editable: boolean }) {
  const zones = useMemo(() => timezones(), []);
  const currencies = useMemo(
    () => [...new Set([...CURRENCIES, workspace.currency])].sort(),
    [workspace.currency],
  );
  const dateFormats = DATE_FORMATS.some((format) => format.value === workspace.date_format)
    ? DATE_FORMATS
    : [...DATE_FORMATS, { value: workspace.date_format, label: workspace.date_format }];
  const queryClient = useQueryClient();
  const form = useForm<Values>({
    initialValues: toValues(workspace),
    validate: {
      name: (value) => (value.trim() ? null : 'Enter the company name'),
      thousands_separator: (value, values) =>
        value === values.decimal_separator ? 'Must differ from the decimal separator' : null,
      lock_entries_after_days: (value) =>
        numberOrNull(value) === null || Number.isInteger(numberOrNull(value)) ? null : 'Whole days only',
    },
  });
  const save = useMutation({
    mutationFn: (values: Values) => patch<Workspace>('/workspace', toBody(values)),
    onSuccess: (saved) => {
      // The Time page and the header read the workspace from this cache: they follow at once.
      queryClient.setQueryData(workspaceQuery.queryKey, saved);
      form.resetDirty(toValues(saved));
    },
  });

  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))}>
      <Stack>
        {!editable && (
          <Alert color="blue" role="note">
            Only administrators can change these settings.
          </Alert>
        )}
        <Fieldset variant="unstyled" disabled={!editable}>
          <Stack>
            <Paper withBorder p="md">
              <Stack>
                <Title order={3} size="h4">
                  Company
                </Title>
                <TextInput
                  label="Company name"
                  description="Shown in the app and on invoices"
                  required
                  {...form.getInputProps('name')}
                />
                <Textarea
                  label="Address"
                  description="Appears on invoices"
                  autosize
                  minRows={2}
                  {...form.getInputProps('address')}
                />
                <TextInput label="Phone" type="tel" {...form.getInputProps('phone')} />
              </Stack>
            </Paper>

            <Paper withBorder p="md">
              <Stack>
                <Title order={3} size="h4">
                  Time and date
                </Title>
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <Select
                    label="Timezone"
                    searchable
                    allowDeselect={false}
                    data={zones}
                    {...form.getInputProps('timezone')}
                  />
                  <Select
                    label="Currency"
                    searchable
                    allowDeselect={false}
                    data={currencies}
                    {...form.getInputProps('currency')}
                  />
                  <Select
                    label="Week starts on"
                    allowDeselect={false}
                    data={WEEKDAYS}
                    {...form.getInputProps('week_starts_on')}
                  />
                  <Select
                    label="Time format"
                    allowDeselect={false}
                    data={TIME_FORMATS}
                    {...form.getInputProps('time_format')}
                  />
                  <Select
                    label="Date format"
                    allowDeselect={false}
                    data={dateFormats}
                    {...form.getInputProps('date_format')}
                  />
                  <Select
                    label="Time display"
                    allowDeselect={false}
                    data={TIME_DISPLAYS}
                    {...form.getInputProps('time_display')}
                  />
                  <Select
                    label="Decimal separator"
                    allowDeselect={false}
                    data={DECIMAL_SEPARATORS}
                    {...form.getInputProps('decimal_separator')}
                  />
                  <Select
                    label="Thousands separator"
                    allowDeselect={false}
                    data={THOUSANDS_SEPARATORS}
                    {...form.getInputProps('thousands_separator')}
                  />
                </SimpleGrid>
              </Stack>
            </Paper>

            <Paper withBorder p="md">
              <Stack>
                <Title order={3} size="h4">
                  Time tracking
                </Title>
                <Checkbox
                  label="Require notes"
                  description="Every time entry needs a note"
                  {...form.getInputProps('require_notes', { type: 'checkbox' })}
                />
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <Select
                    label="Default entry mode"
                    description="What a new entry opens on; anyone can switch in the form"
                    allowDeselect={false}
                    data={ENTRY_MODES}
                    {...form.getInputProps('default_entry_mode')}
                  />
                  <NumberInput
                    label="Lock entries after (days)"
                    description="Older entries cannot be edited; 0 turns locking off"
                    min={0}
                    max={3650}
                    allowDecimal={false}
                    {...form.getInputProps('lock_entries_after_days')}
                  />
                  <Select
                    label="Rounding"
                    description="Entries are rounded to the nearest step when saved"
                    allowDeselect={false}
                    data={ROUNDING}
                    {...form.getInputProps('rounding_minutes')}
                  />
                  <NumberInput
                    label="Default weekly capacity (hours)"
                    description="People without their own capacity use this"
                    min={0}
                    max={168}
                    decimalScale={2}
                    {...form.getInputProps('default_weekly_capacity')}
                  />
                </SimpleGrid>
              </Stack>
            </Paper>

            <Paper withBorder p="md">
              <Stack>
                <Title order={3} size="h4">
                  Features
                </Title>
                <Text size="sm" c="dimmed">
                  A feature turned off is hidden from everyone in the workspace.
                </Text>
                {FEATURES.map((feature) => (
                  <Checkbox
                    key={feature.key}
                    label={feature.label}
                    description={feature.description}
                    {...form.getInputProps(`features.${feature.key}`, { type: 'checkbox' })}
                  />
                ))}
              </Stack>
            </Paper>

            <Paper withBorder p="md">
              <Stack>
                <Title order={3} size="h4">
                  Timesheet reminders
                </Title>
                <Text size="sm" c="dimmed">
                  With Approvals on, people who have time left to submit (or none logged) get a reminder and
                  then a deadline message, at these times in the workspace’s time zone. Each person can turn
                  them off in their profile.
                </Text>
                <Checkbox
                  label="Send timesheet reminders"
                  {...form.getInputProps('timesheet_reminders.enabled', { type: 'checkbox' })}
                />
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <Select
                    label="Reminder day"
                    data={WEEKDAYS}
                    allowDeselect={false}
                    disabled={!form.getValues().timesheet_reminders.enabled}
                    {...form.getInputProps('timesheet_reminders.reminder_day')}
                  />
                  <TextInput
                    label="Reminder time"
                    type="time"
                    disabled={!form.getValues().timesheet_reminders.enabled}
                    {...form.getInputProps('timesheet_reminders.reminder_time')}
                  />
                  <Select
                    label="Deadline day"
                    data={WEEKDAYS}
                    allowDeselect={false}
                    disabled={!form.getValues().timesheet_reminders.enabled}
                    {...form.getInputProps('timesheet_reminders.deadline_day')}
                  />
                  <TextInput
                    label="Deadline time"
                    type="time"
                    disabled={!form.getValues().timesheet_reminders.enabled}
                    {...form.getInputProps('timesheet_reminders.deadline_time')}
                  />
                </SimpleGrid>
              </Stack>
            </Paper>
          </Stack>
        </Fieldset>
        {editable && (
          <>
            <FormError error={save.error} />
            {save.isSuccess && !form.isDirty() && (
              <Text size="sm" c="teal.9" role="status">
                Saved.
              </Text>
            )}
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending}>
                Save settings
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </form>
  );
}
