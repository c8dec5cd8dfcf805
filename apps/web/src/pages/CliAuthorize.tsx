import { Alert, Button, Code, Group, Stack, Text } from '@mantine/core';
import { useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { ApiError, get, post } from '../api.ts';
import { AuthFrame } from './AuthFrame.tsx';

/** Only the CLI's own loopback listener may receive a key: http://127.0.0.1:<port>/callback. */
const LOOPBACK_CALLBACK = /^http:\/\/127\.0\.0\.1:(\d{1,5})\/callback$/;

function loopbackCallback(redirectUri: string | undefined): string | null {
  const match = redirectUri === undefined ? null : LOOPBACK_CALLBACK.exec(redirectUri);
  const port = Number(match?.[1]);
  return match && port >= 1024 && port <= 65535 ? (redirectUri as string) : null;
}

/**
 * Hands the answer to the CLI's loopback listener. A form POST keeps the key out of the browser's
 * history and address bar, which a redirect with the key in its query would not.
 */
function submitToCli(callback: string, fields: Record<string, string>): void {
  const form = document.createElement('form');
  form.method = 'POST';
  form.action = callback;
  for (const [name, value] of Object.entries(fields)) {
    const input = document.createElement('input');
    input.type = 'hidden';
    input.name = name;
    input.value = value;
    form.append(input);
  }
  document.body.append(form);
  form.submit();
}

/**
 * What `keito auth login` opens: /cli/authorize?redirect_uri=http://127.0.0.1:<port>/callback
 * &state=<nonce>&client_name=<Keito CLI on host>&cli_version=<version>. Approving creates an API key
 * named after the client and posts key, account_id and state to the loopback callback; denying
 * posts error=access_denied and state.
 */
export function CliAuthorizePage() {
  const search = useSearch({ from: '/cli/authorize' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const callback = loopbackCallback(search.redirect_uri);
  const state = search.state ?? '';
  const clientName = (search.client_name || 'Keito CLI').slice(0, 200);

  const approve = async () => {
    if (callback === null) return;
    setBusy(true);
    try {
      const [key, workspace] = await Promise.all([
        post<{ key: string }>('/api-keys', { name: clientName }),
        get<{ id: string }>('/workspace'),
      ]);
      submitToCli(callback, { key: key.key, account_id: workspace.id, state });
    } catch (failure) {
      setBusy(false);
      setError(failure instanceof ApiError ? failure.message : 'Could not create a key');
    }
  };

  if (callback === null || state === '') {
    return (
      <AuthFrame title="Authorise the Keito CLI">
        <Alert color="red" role="alert">
          This link is incomplete. Run <Code>keito auth login</Code> again.
        </Alert>
      </AuthFrame>
    );
  }
  return (
    <AuthFrame title="Authorise the Keito CLI" subtitle="A command-line session is asking to act as you.">
      <Stack>
        <Text>
          Asking: <b data-testid="cli-client">{clientName}</b>
          {search.cli_version ? ` (version ${search.cli_version})` : ''}
        </Text>
        <Text size="sm" c="dimmed">
          Approving creates an API key named “{clientName}”. You can revoke it any time in Settings → API
          keys.
        </Text>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => submitToCli(callback, { error: 'access_denied', state })}>
            Deny
          </Button>
          <Button onClick={approve} loading={busy}>
            Approve
          </Button>
        </Group>
      </Stack>
    </AuthFrame>
  );
}
