import type { Role } from '@keito/sdk';
import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { ApiError, get, post } from '../api.ts';
import type { Session } from '../types.ts';
import { AuthFrame } from './AuthFrame.tsx';

interface InvitationPreview {
  name: string;
  email: string;
  role: Role;
  workspace_name: string;
  invited_by_name: string | null;
  expires_at: string;
}

const ROLE_LABEL = { member: 'a member', manager: 'a manager', administrator: 'an administrator' } as const;

/** Where an invitation email's link lands: set a password, then straight to the Time page, signed in. */
export function AcceptInvitationPage() {
  const { token } = useParams({ from: '/invitations/$token' });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const invitation = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => get<InvitationPreview>(`/auth/invitations/${encodeURIComponent(token)}`),
    retry: false,
  });
  const form = useForm({
    initialValues: { password: '', confirm: '' },
    validate: {
      password: (value) => (value.length >= 8 ? null : 'Use at least 8 characters'),
      confirm: (value, values) => (value === values.password ? null : 'The passwords do not match'),
    },
  });

  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      const session = await post<Session>(`/auth/invitations/${encodeURIComponent(token)}/accept`, {
        password: values.password,
      });
      queryClient.clear();
      queryClient.setQueryData(['session'], session);
      await navigate({ to: '/time' });
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'Could not join; try again');
    }
  });

  if (invitation.isError) {
    return (
      <AuthFrame title="This invitation cannot be used">
        <Stack>
          <Alert color="red" role="alert">
            {invitation.error instanceof ApiError
              ? invitation.error.message
              : 'The invitation could not be loaded; try again'}
          </Alert>
          <Text>
            Already joined?{' '}
            <Anchor component={Link} to="/sign-in">
              Sign in
            </Anchor>
          </Text>
        </Stack>
      </AuthFrame>
    );
  }
  const preview = invitation.data;
  return (
    <AuthFrame
      title={preview ? `Join ${preview.workspace_name}` : 'Join your team'}
      subtitle={
        preview
          ? `${preview.invited_by_name ?? 'Your administrator'} invited you as ${ROLE_LABEL[preview.role]}. Choose a password to finish.`
          : undefined
      }
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {error && (
            <Alert color="red" role="alert" title="Could not join">
              {error}
            </Alert>
          )}
          <TextInput label="Name" value={preview?.name ?? ''} readOnly />
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            value={preview?.email ?? ''}
            readOnly
          />
          <PasswordInput
            label="Password"
            description="At least 8 characters"
            autoComplete="new-password"
            required
            data-autofocus
            {...form.getInputProps('password')}
          />
          <PasswordInput
            label="Repeat the password"
            autoComplete="new-password"
            required
            {...form.getInputProps('confirm')}
          />
          <Button type="submit" loading={form.submitting} disabled={!preview}>
            Join {preview?.workspace_name ?? ''}
          </Button>
        </Stack>
      </form>
    </AuthFrame>
  );
}
