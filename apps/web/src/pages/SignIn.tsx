import { Alert, Button, Divider, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { ApiError, get, post } from '../api.ts';
import type { Session } from '../types.ts';
import { AuthFrame } from './AuthFrame.tsx';

/** Why single sign-on sent the person back here (the server's `sso_error`), in words. */
const SSO_REFUSALS: Record<string, string> = {
  not_configured:
    'No workspace on this server signs in with SSO for this email. Check the address, or sign in with your password.',
  several_workspaces:
    'This email belongs to several workspaces that use single sign-on; ask your administrator which to use.',
  invalid_state: 'The sign-in expired or was started in another browser. Try again.',
  provider_error:
    'Your identity provider did not complete the sign-in (it was cancelled or is unavailable). Try again.',
  invalid_token:
    "Your identity provider's answer could not be verified, so you were not signed in. Ask your administrator to check the single sign-on settings.",
  unverified_email:
    'Your identity provider has not verified your email address, so it cannot be matched to a Keito account.',
  unknown_email:
    'Your identity provider signed you in with an email that has no account in this workspace. Ask an administrator to invite you.',
  archived: 'Your account in this workspace is archived. Ask an administrator to restore it.',
};

export function SignInPage() {
  const search = useSearch({ from: '/sign-in' });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const sso = useQuery({
    queryKey: ['sso-availability'],
    queryFn: () => get<{ available: boolean }>('/auth/sso'),
  });
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
      // Same-site only: the route's search validation dropped any other (sign-in-search.ts).
      await navigate({ href: search.redirect ?? '/' });
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'Could not sign in; try again');
    }
  });

  // A full navigation, not fetch: the server redirects the browser on to the identity provider.
  // Without a deep link the server lands the person on `/`, like the password path above.
  const signInWithSso = () => {
    if (form.validateField('email').hasError) return;
    const query = new URLSearchParams({
      email: form.values.email,
      ...(search.redirect === undefined ? {} : { redirect: search.redirect }),
    });
    window.location.assign(`/v1/auth/sso/start?${query}`);
  };

  return (
    <AuthFrame title="Sign in" subtitle="Track time with your team and your agents.">
      <form onSubmit={submit} noValidate>
        <Stack>
          {search.sso_error && (
            <Alert color="red" role="alert" title="Single sign-on refused">
              {SSO_REFUSALS[search.sso_error] ?? 'Single sign-on did not sign you in. Try again.'}
            </Alert>
          )}
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
          {sso.data?.available && (
            <>
              <Divider label="or" labelPosition="center" />
              <Button variant="default" onClick={signInWithSso}>
                Sign in with SSO
              </Button>
            </>
          )}
        </Stack>
      </form>
    </AuthFrame>
  );
}
