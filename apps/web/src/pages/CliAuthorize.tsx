import { Alert, Button, Code, Group, Stack, Text } from '@mantine/core';
import { useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { ApiError, post } from '../api.ts';
import { AuthFrame } from './AuthFrame.tsx';

/**
 * What `keito auth login` opens: /cli/authorize?port=<loopback port>&state=<nonce>&device=<name>.
 * Approving creates an API key named after the device and hands it to the CLI's loopback server at
 * http://127.0.0.1:<port>/callback?key=...&state=...; denying sends ?error=access_denied&state=....
 * Only 127.0.0.1 is ever a target, so the page cannot be used to send a key elsewhere.
 */
export function CliAuthorizePage() {
  const search = useSearch({ from: '/cli/authorize' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const port = Number(search.port);
  const valid =
    Number.isInteger(port) &&
    port >= 1024 &&
    port <= 65535 &&
    typeof search.state === 'string' &&
    search.state !== '';
  const device = search.device || 'an unnamed device';
  const callback = (params: Record<string, string>) =>
    `http://127.0.0.1:${port}/callback?${new URLSearchParams({ ...params, state: search.state ?? '' })}`;

  const approve = async () => {
    setBusy(true);
    try {
      const key = await post<{ key: string }>('/api-keys', { name: `CLI on ${device}`.slice(0, 200) });
      window.location.assign(callback({ key: key.key }));
    } catch (failure) {
      setBusy(false);
      setError(failure instanceof ApiError ? failure.message : 'Could not create a key');
    }
  };

  if (!valid) {
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
          Device: <b data-testid="cli-device">{device}</b>
        </Text>
        <Text size="sm" c="dimmed">
          Approving creates an API key named “CLI on {device}”. You can revoke it any time in Settings → API
          keys.
        </Text>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button
            variant="default"
            onClick={() => window.location.assign(callback({ error: 'access_denied' }))}
          >
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
