import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { ApiError, post } from '../api.ts';
import type { Session } from '../types.ts';
import { AuthFrame } from './AuthFrame.tsx';

export function SignInPage() {
  const search = useSearch({ from: '/sign-in' });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (value) => (/^\S+@\S+$/.test(value) ? null : 'Enter your email address'),
      password: (value) => (value.length > 0 ? null : 'Enter your password'),
    },
  });

  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      const session = await post<Session>('/auth/sign-in', values);
      queryClient.clear();
      queryClient.setQueryData(['session'], session);
      // Only same-site paths: an open redirect would let a link send people elsewhere after sign-in.
      const target =
        search.redirect?.startsWith('/') && !search.redirect.startsWith('//') ? search.redirect : '/time';
      await navigate({ href: target });
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'Could not sign in; try again');
    }
  });

  return (
    <AuthFrame title="Sign in" subtitle="Track time with your team and your agents.">
      <form onSubmit={submit} noValidate>
        <Stack>
          {error && (
            <Alert color="red" role="alert" title="Sign-in failed">
              {error}
            </Alert>
          )}
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            required
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={form.submitting}>
            Sign in
          </Button>
        </Stack>
      </form>
    </AuthFrame>
  );
}
