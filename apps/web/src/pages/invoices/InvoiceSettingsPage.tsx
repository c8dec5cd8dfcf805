import {
  Alert,
  Button,
  Checkbox,
  ColorInput,
  FileButton,
  Group,
  Image,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
// The server's own numbering (pure): the example is the number the server will give.
import { formatInvoiceNumber } from '../../../../server/src/domains/invoicing/numbering.ts';
import { del, errorMessage, patch, put } from '../../api.ts';
import { FormError } from '../../components/FormError.tsx';
import { today } from '../../lib/dates.ts';
import { numberOrNull } from '../../lib/forms.ts';
import { workspaceQuery } from '../../queries.ts';
import type { EmailTemplate, InvoiceSettings, PaymentTerm } from '../../types.ts';
import { percentInput } from './amounts.ts';
import { invoiceSettingsQuery, PAYMENT_TERMS, useInvoiceSettings } from './data.ts';

type TemplateName = keyof InvoiceSettings['templates'];

const TEMPLATES: { name: TemplateName; title: string; description: string }[] = [
  { name: 'send', title: 'Invoice sent', description: 'The email that sends an invoice' },
  { name: 'reminder', title: 'Payment reminder', description: 'For overdue invoices, sent by hand' },
  { name: 'thank_you', title: 'Thank you', description: 'After a payment is received' },
];

interface Values {
  number_pattern: string;
  next_number: number | string;
  default_payment_term: PaymentTerm;
  default_payment_term_days: number | string;
  tax_label: string;
  tax: string;
  tax2_label: string;
  tax2: string;
  accent_color: string;
  show_project_codes: boolean;
  item_categories: string[];
  templates: Record<TemplateName, EmailTemplate>;
  thank_you_on_payment: boolean;
}

const toValues = (settings: InvoiceSettings): Values => ({
  number_pattern: settings.number_pattern,
  next_number: settings.next_number,
  default_payment_term: settings.default_payment_term,
  default_payment_term_days: settings.default_payment_term_days ?? '',
  tax_label: settings.tax_label,
  tax: settings.tax === null ? '' : String(settings.tax),
  tax2_label: settings.tax2_label,
  tax2: settings.tax2 === null ? '' : String(settings.tax2),
  accent_color: settings.accent_color,
  show_project_codes: settings.show_project_codes,
  item_categories: settings.item_categories,
  templates: settings.templates,
  thank_you_on_payment: settings.thank_you_on_payment,
});

const rate = (text: string) => {
  const value = percentInput(text);
  return value === null || value === undefined ? null : Number(value);
};

const toBody = (values: Values) => ({
  number_pattern: values.number_pattern.trim(),
  next_number: numberOrNull(values.next_number) ?? 1,
  default_payment_term: values.default_payment_term,
  default_payment_term_days:
    values.default_payment_term === 'custom' ? numberOrNull(values.default_payment_term_days) : null,
  tax_label: values.tax_label.trim(),
  tax: rate(values.tax),
  tax2_label: values.tax2_label.trim(),
  tax2: rate(values.tax2),
  accent_color: values.accent_color,
  show_project_codes: values.show_project_codes,
  item_categories: values.item_categories,
  templates: values.templates,
  thank_you_on_payment: values.thank_you_on_payment,
});

/** Settings → Invoices: numbering, terms, taxes, appearance, email templates and item categories. */
export function InvoiceSettingsPage() {
  const settings = useInvoiceSettings();
  return (
    <Stack maw={760}>
      <Title order={2}>Invoice settings</Title>
      {settings.isError && <Alert color="red">{errorMessage(settings.error)}</Alert>}
      {settings.data ? (
        <SettingsForm settings={settings.data} />
      ) : (
        !settings.isError && <Text c="dimmed">Loading…</Text>
      )}
    </Stack>
  );
}

function SettingsForm({ settings }: { settings: InvoiceSettings }) {
  const queryClient = useQueryClient();
  const workspace = useQuery(workspaceQuery);
  const form = useForm<Values>({
    initialValues: toValues(settings),
    validate: {
      tax: (value) => (percentInput(value) === undefined ? 'A percentage from 0 to 100' : null),
      tax2: (value) => (percentInput(value) === undefined ? 'A percentage from 0 to 100' : null),
      item_categories: (value) => (value.length === 0 ? 'Keep at least one category' : null),
    },
  });
  const saved = (next: InvoiceSettings) => queryClient.setQueryData(invoiceSettingsQuery.queryKey, next);
  const save = useMutation({
    mutationFn: (values: Values) => patch<InvoiceSettings>('/invoice-settings', toBody(values)),
    onSuccess: (next) => {
      saved(next);
      form.resetDirty(toValues(next));
    },
  });
  const uploadLogo = useMutation({
    mutationFn: (file: File) => put<InvoiceSettings>('/invoice-settings/logo', file),
    onSuccess: saved,
  });
  const removeLogo = useMutation({
    mutationFn: () => del<InvoiceSettings>('/invoice-settings/logo'),
    onSuccess: saved,
  });
  const values = form.getValues();

  return (
    <form onSubmit={form.onSubmit((next) => save.mutate(next))}>
      <Stack>
        <Paper withBorder p="md">
          <Stack>
            <Title order={3} size="h4">
              Numbering
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label="Number pattern"
                description="{YYYY}, {YY} and {MM} for the date; {####} for the sequence, padded"
                {...form.getInputProps('number_pattern')}
              />
              <NumberInput
                label="Next number"
                description="Set it when moving from another system"
                min={1}
                allowDecimal={false}
                {...form.getInputProps('next_number')}
              />
            </SimpleGrid>
            <Text size="sm" data-testid="number-example">
              The next invoice sent today gets the number{' '}
              <strong>
                {formatInvoiceNumber(
                  values.number_pattern,
                  numberOrNull(values.next_number) ?? 1,
                  today(workspace.data?.timezone),
                )}
              </strong>
              .
            </Text>
          </Stack>
        </Paper>

        <Paper withBorder p="md">
          <Stack>
            <Title order={3} size="h4">
              Payment terms and taxes
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label="Default payment terms"
                allowDeselect={false}
                data={PAYMENT_TERMS}
                {...form.getInputProps('default_payment_term')}
              />
              {values.default_payment_term === 'custom' && (
                <NumberInput
                  label="Days until due"
                  min={0}
                  max={3650}
                  allowDecimal={false}
                  {...form.getInputProps('default_payment_term_days')}
                />
              )}
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label="Tax label" {...form.getInputProps('tax_label')} />
              <TextInput
                label="Tax rate (%)"
                description="Empty for none"
                inputMode="decimal"
                {...form.getInputProps('tax')}
              />
              <TextInput label="Second tax label" {...form.getInputProps('tax2_label')} />
              <TextInput
                label="Second tax rate (%)"
                description="Empty for none"
                inputMode="decimal"
                {...form.getInputProps('tax2')}
              />
            </SimpleGrid>
          </Stack>
        </Paper>

        <Paper withBorder p="md">
          <Stack>
            <Title order={3} size="h4">
              Appearance
            </Title>
            <Group align="flex-end">
              {settings.logo_url ? (
                // The URL stays the same when the logo changes: the settings' time tells the image apart.
                <Image
                  src={`${settings.logo_url}?v=${encodeURIComponent(settings.updated_at)}`}
                  alt="Invoice logo"
                  h={64}
                  w="auto"
                  fit="contain"
                />
              ) : (
                <Text size="sm" c="dimmed">
                  No logo yet.
                </Text>
              )}
              <FileButton
                accept="image/png,image/jpeg,image/gif"
                onChange={(file) => file && uploadLogo.mutate(file)}
              >
                {(props) => (
                  <Button variant="default" loading={uploadLogo.isPending} {...props}>
                    {settings.logo_url ? 'Replace logo' : 'Upload logo'}
                  </Button>
                )}
              </FileButton>
              {settings.logo_url && (
                <Button
                  variant="subtle"
                  color="red"
                  loading={removeLogo.isPending}
                  onClick={() => removeLogo.mutate()}
                >
                  Remove logo
                </Button>
              )}
            </Group>
            <Text size="xs" c="dimmed">
              PNG, JPEG or GIF, at most 2 MB.
            </Text>
            <FormError error={uploadLogo.error ?? removeLogo.error} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <ColorInput
                label="Accent colour"
                format="hex"
                eyeDropperButtonProps={{ 'aria-label': 'Pick the colour from the screen' }}
                {...form.getInputProps('accent_color')}
              />
            </SimpleGrid>
            <Checkbox
              label="Show project codes"
              description="Project codes beside project names on line items"
              {...form.getInputProps('show_project_codes', { type: 'checkbox' })}
            />
            <TagsInput
              label="Item categories"
              description="The types a line can have; press Enter after each"
              {...form.getInputProps('item_categories')}
            />
          </Stack>
        </Paper>

        <Paper withBorder p="md">
          <Stack>
            <Title order={3} size="h4">
              Email templates
            </Title>
            <Text size="sm" c="dimmed">
              {
                '{number}, {company}, {client}, {amount}, {due_date} and {link} are replaced with the invoice’s details.'
              }
            </Text>
            {TEMPLATES.map((template) => (
              <Stack key={template.name} gap="xs">
                <Title order={4} size="h5">
                  {template.title}
                </Title>
                <Text size="sm" c="dimmed">
                  {template.description}
                </Text>
                <TextInput
                  label={`${template.title} subject`}
                  {...form.getInputProps(`templates.${template.name}.subject`)}
                />
                <Textarea
                  label={`${template.title} body`}
                  autosize
                  minRows={3}
                  {...form.getInputProps(`templates.${template.name}.body`)}
                />
                <Textarea
                  label={`${template.title} footer`}
                  description="Bank details, payment instructions, company registration"
                  autosize
                  minRows={1}
                  {...form.getInputProps(`templates.${template.name}.footer`)}
                />
              </Stack>
            ))}
            <Checkbox
              label="Send the thank-you message when a payment settles an invoice"
              {...form.getInputProps('thank_you_on_payment', { type: 'checkbox' })}
            />
          </Stack>
        </Paper>
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
      </Stack>
    </form>
  );
}
