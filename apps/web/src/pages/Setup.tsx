import { Alert, Button, Group, PasswordInput, Select, Stack, Stepper, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { ApiError, post } from '../api.ts';
import { CURRENCIES, detectCurrency, detectTimezone, timezones } from '../lib/locale.ts';
import type { Session } from '../types.ts';
import { AuthFrame } from './AuthFrame.tsx';

const STEP_FIELDS: (keyof SetupValues)[][] = [
  ['company_name'],
  ['timezone', 'currency'],
  ['name', 'email', 'password'],
];

interface SetupValues {
  company_name: string;
  timezone: string;
  currency: string;
  name: string;
  email: string;
  password: string;
}

/** The onboarding wizard of a new server: company, preferences (detected, adjustable), first administrator. */
export function SetupPage() {
  const [step, setStep] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const zones = useMemo(() => timezones(), []);
  const currencies = useMemo(() => {
    const detected = detectCurrency();
    return CURRENCIES.includes(detected) ? CURRENCIES : [detected, ...CURRENCIES];
  }, []);
  const form = useForm<SetupValues>({
    initialValues: {
      company_name: '',
      timezone: detectTimezone(),
      currency: detectCurrency(),
      name: '',
      email: '',
      password: '',
    },
    validate: {
      company_name: (value) => (value.trim() ? null : 'Enter your company name'),
      timezone: (value) => (value ? null : 'Choose a timezone'),
      currency: (value) => (/^[A-Z]{3}$/.test(value) ? null : 'Choose a currency'),
      name: (value) => (value.trim() ? null : 'Enter your name'),
      email: (value) => (/^\S+@\S+\.\S+$/.test(value) ? null : 'Enter a valid email address'),
      password: (value) => (value.length >= 8 ? null : 'Use at least 8 characters'),
    },
  });

  const next = () => {
    const fields = STEP_FIELDS[step] ?? [];
    const invalid = fields.filter((field) => form.validateField(field).hasError);
    if (invalid.length === 0) setStep((current) => current + 1);
  };

  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      const session = await post<Session>('/auth/setup', values);
      queryClient.clear();
      queryClient.setQueryData(['session'], session);
      await navigate({ to: '/time' });
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'Could not create the workspace; try again');
    }
  });

  return (
    <AuthFrame title="Set up Keito" subtitle="Three short steps, and you land on your time sheet.">
      <form
        onSubmit={(event) => {
          if (step < 2) {
            event.preventDefault();
            next();
            return;
          }
          submit(event);
        }}
        noValidate
      >
        <Stepper active={step} onStepClick={(index) => index < step && setStep(index)} size="sm" mb="lg">
          <Stepper.Step label="Company" />
          <Stepper.Step label="Preferences" />
          <Stepper.Step label="Your account" />
        </Stepper>
        <Stack>
          {error && (
            <Alert color="red" role="alert" title="Setup failed">
              {error}
            </Alert>
          )}
          {step === 0 && (
            <TextInput
              label="Company name"
              description="Shown on invoices and to your team"
              required
              data-autofocus
              autoFocus
              {...form.getInputProps('company_name')}
            />
          )}
          {step === 1 && (
            <>
              <Text size="sm" c="gray.7">
                Detected from your browser; change them now or later in Settings.
              </Text>
              <Select
                label="Timezone"
                searchable
                data={zones}
                allowDeselect={false}
                {...form.getInputProps('timezone')}
              />
              <Select
                label="Currency"
                searchable
                data={currencies}
                allowDeselect={false}
                {...form.getInputProps('currency')}
              />
            </>
          )}
          {step === 2 && (
            <>
              <TextInput label="Your name" autoComplete="name" required {...form.getInputProps('name')} />
              <TextInput
                label="Email"
                type="email"
                autoComplete="email"
                required
                {...form.getInputProps('email')}
              />
              <PasswordInput
                label="Password"
                description="At least 8 characters"
                autoComplete="new-password"
                required
                {...form.getInputProps('password')}
              />
            </>
          )}
          <Group justify="space-between" mt="sm">
            <Button variant="default" onClick={() => setStep((current) => current - 1)} disabled={step === 0}>
              Back
            </Button>
            <Button type="submit" loading={form.submitting}>
              {step < 2 ? 'Continue' : 'Create workspace'}
            </Button>
          </Group>
        </Stack>
      </form>
    </AuthFrame>
  );
}
