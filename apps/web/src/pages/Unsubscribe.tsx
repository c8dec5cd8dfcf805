import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearch } from '@tanstack/react-router';
import { ApiError, get, post } from '../api.ts';
import { AuthFrame } from './AuthFrame.tsx';

interface UnsubscribeState {
  email: string;
  workspace: string;
  kind: string;
  label: string;
  subscribed: boolean;
}

/**
 * Where an email's unsubscribe link lands. Opening it changes nothing (mail scanners open links);
 * the button does, without signing in.
 */
export function UnsubscribePage() {
  const { token } = useParams({ from: '/unsubscribe/$token' });
  const { kind } = useSearch({ from: '/unsubscribe/$token' });
  const path = `/notifications/unsubscribe/${encodeURIComponent(token)}?kind=${encodeURIComponent(kind ?? '')}`;
  const state = useQuery({
    queryKey: ['unsubscribe', token, kind],
    queryFn: () => get<UnsubscribeState>(path),
    retry: false,
  });
  const unsubscribe = useMutation({ mutationFn: () => post<UnsubscribeState>(path, undefined) });
  const preferences = (
    <Text size="sm">
      Choose every kind of email on your{' '}
      <Anchor component={Link} to="/profile" hash="notifications">
        profile
      </Anchor>{' '}
      (you will be asked to sign in).
    </Text>
  );

  if (state.isError) {
    return (
      <AuthFrame title="This link cannot be used">
        <Stack>
          <Alert color="red" role="alert">
            {state.error instanceof ApiError ? state.error.message : 'Could not read the link; try again.'}
          </Alert>
          {preferences}
        </Stack>
      </AuthFrame>
    );
  }
  if (state.data === undefined) return <AuthFrame title="Unsubscribe">{null}</AuthFrame>;
  const current = unsubscribe.data ?? state.data;
  return (
    <AuthFrame title="Unsubscribe" subtitle={`${current.email} in ${current.workspace}`}>
      <Stack>
        {current.subscribed ? (
          <>
            <Text>Stop the emails for “{current.label}”? Other kinds of email are not affected.</Text>
            {unsubscribe.error && (
              <Alert color="red" role="alert">
                {unsubscribe.error instanceof ApiError
                  ? unsubscribe.error.message
                  : 'Could not unsubscribe; try again.'}
              </Alert>
            )}
            <Button onClick={() => unsubscribe.mutate()} loading={unsubscribe.isPending}>
              Unsubscribe
            </Button>
          </>
        ) : (
          <Alert color="teal" role="status">
            You will no longer get emails for “{current.label}”.
          </Alert>
        )}
        {preferences}
      </Stack>
    </AuthFrame>
  );
}
