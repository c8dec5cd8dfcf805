import {
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Paper,
  PasswordInput,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { del, errorMessage, post, put } from '../../api.ts';
import { GATEWAYS_KEY, type Gateways, gatewaysQuery } from './gateways-data.ts';

/** What the Stripe Connect callback's `?stripe=` says when it did not connect (decision 0057). */
const CONNECT_OUTCOMES: Record<string, string> = {
  denied: 'Stripe was not connected: the authorisation was declined.',
  invalid: 'This Stripe link has expired or was used already; start again from "Connect Stripe".',
  session:
    'Stripe was not connected: the link came back to a browser that did not start it. Sign in as the administrator who clicked "Connect Stripe" and start again there.',
  unavailable: 'Stripe is not answering; try "Connect Stripe" again in a moment.',
  failed: 'Stripe could not be connected; start again from "Connect Stripe".',
  taken:
    'That Stripe account is already connected to another Keito workspace. Disconnect it there, or connect another Stripe account.',
};

/** The URL to paste into the provider's dashboard, with a copy button. */
function WebhookUrl({ url }: { url: string }) {
  return (
    <Group gap="xs" wrap="nowrap">
      <Code style={{ overflowWrap: 'anywhere' }}>{url}</Code>
      <CopyButton value={url}>
        {({ copied, copy }) => (
          <Button size="compact-xs" variant="default" onClick={copy}>
            {copied ? 'Copied' : 'Copy'}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}

function Status({ connected, platformMissing }: { connected: boolean; platformMissing: boolean }) {
  if (platformMissing) {
    return (
      <Badge color="orange" variant="light">
        Not available to clients
      </Badge>
    );
  }
  return (
    <Text size="sm" fw={700} c={connected ? undefined : 'gray.7'}>
      {connected ? 'Connected' : 'Not connected'}
    </Text>
  );
}

/**
 * Connected through the server's platform, which the server no longer configures (decision 0070):
 * clients are not offered this way to pay, and only the operator, or the workspace's own
 * credentials, can change that.
 */
function PlatformMissing({ platform, variables, own }: { platform: string; variables: string; own: string }) {
  return (
    <Alert color="orange" title="Needs the server operator" mb="sm">
      This gateway is connected through the server's {platform}, which the server no longer has ({variables}{' '}
      are not set). Clients are not offered this way to pay until the server's operator configures it again,
      or you {own} below.
    </Alert>
  );
}

/**
 * Settings → Payment gateways (invoicing/invoice-settings, administrators): connect Stripe and
 * PayPal so clients can pay invoices online from the client page. Secrets are write-only: the page
 * never shows them back, only whether a gateway is connected.
 */
export function PaymentGatewaysPage() {
  const queryClient = useQueryClient();
  const gateways = useQuery(gatewaysQuery);
  const saved = (value: Gateways) => queryClient.setQueryData(GATEWAYS_KEY, value);
  const [stripe, setStripe] = useState({ secret_key: '', webhook_secret: '' });
  const [paypal, setPaypal] = useState({ client_id: '', client_secret: '', webhook_id: '', mode: 'live' });
  const connectStripe = useMutation({
    mutationFn: () => put<Gateways>('/payment-gateways/stripe', stripe),
    onSuccess: (value) => {
      saved(value);
      setStripe({ secret_key: '', webhook_secret: '' });
    },
  });
  const connectPaypal = useMutation({
    mutationFn: () => put<Gateways>('/payment-gateways/paypal', paypal),
    onSuccess: (value) => {
      saved(value);
      setPaypal({ client_id: '', client_secret: '', webhook_id: '', mode: 'live' });
    },
  });
  // With the server's PayPal platform app, the account to pay is all an administrator gives.
  const [payee, setPayee] = useState('');
  const connectPayee = useMutation({
    mutationFn: () =>
      put<Gateways>(
        '/payment-gateways/paypal',
        payee.includes('@') ? { payee_email: payee.trim() } : { payee_merchant_id: payee.trim() },
      ),
    onSuccess: (value) => {
      saved(value);
      setPayee('');
    },
  });
  // Stripe Connect (when the server runs a platform): off to Stripe's authorize page and back here.
  const startConnect = useMutation({
    mutationFn: () => post<{ url: string }>('/payment-gateways/stripe/connect'),
    onSuccess: ({ url }) => window.location.assign(url),
  });
  const connectOutcome = new URLSearchParams(window.location.search).get('stripe');
  const disconnect = useMutation({
    mutationFn: (provider: 'stripe' | 'paypal') => del(`/payment-gateways/${provider}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: GATEWAYS_KEY }),
  });
  const submit = (action: () => void) => (event: FormEvent) => {
    event.preventDefault();
    action();
  };

  if (gateways.isError) {
    return (
      <Alert color="red" role="alert">
        {errorMessage(gateways.error, 'The payment gateways could not be loaded')}
      </Alert>
    );
  }
  const data = gateways.data;
  return (
    <Stack maw={720}>
      <Title order={2}>Payment gateways</Title>
      <Text c="dimmed">
        Clients pay open invoices by card or PayPal from the invoice link; each payment is recorded on the
        invoice by itself. Keys are stored encrypted and never shown again.
      </Text>
      {connectOutcome !== null && connectOutcome !== 'connected' && (
        <Alert color="red" role="alert">
          {CONNECT_OUTCOMES[connectOutcome] ?? CONNECT_OUTCOMES.failed}
        </Alert>
      )}
      {disconnect.isError && (
        <Alert color="red" role="alert">
          {errorMessage(disconnect.error)}
        </Alert>
      )}

      <Paper withBorder p="md" component="section" aria-labelledby="stripe-title">
        <Group justify="space-between" mb="sm">
          <Title order={3} size="h4" id="stripe-title">
            Stripe (cards)
          </Title>
          {data && (
            <Status connected={data.stripe.connected} platformMissing={data.stripe.platform_missing} />
          )}
        </Group>
        {data?.stripe.platform_missing && (
          <PlatformMissing
            platform="Stripe Connect platform"
            variables="STRIPE_CONNECT_*"
            own="save your own Stripe keys"
          />
        )}
        {data && (
          <Stack gap={4} mb="sm">
            <Text size="sm">
              In Stripe, add a webhook endpoint at this URL for checkout and refund events:
            </Text>
            <WebhookUrl url={data.stripe.webhook_url} />
          </Stack>
        )}
        {data?.stripe.connect_available && (
          <Stack gap="xs" mb="md">
            <Group>
              <Button onClick={() => startConnect.mutate()} loading={startConnect.isPending}>
                {data.stripe.via === 'connect' ? 'Reconnect Stripe' : 'Connect Stripe'}
              </Button>
              <Text size="sm" c="dimmed">
                Authorise Keito in Stripe: no keys to copy. Or enter your own keys below.
              </Text>
            </Group>
            {startConnect.isError && (
              <Alert color="red" role="alert">
                {errorMessage(startConnect.error)}
              </Alert>
            )}
          </Stack>
        )}
        <form onSubmit={submit(() => connectStripe.mutate())}>
          <Stack gap="sm">
            <PasswordInput
              label="Secret key"
              placeholder="sk_live_…"
              required
              value={stripe.secret_key}
              onChange={(event) => setStripe({ ...stripe, secret_key: event.currentTarget.value })}
            />
            <PasswordInput
              label="Webhook signing secret"
              placeholder="whsec_…"
              required
              value={stripe.webhook_secret}
              onChange={(event) => setStripe({ ...stripe, webhook_secret: event.currentTarget.value })}
            />
            {connectStripe.isError && (
              <Alert color="red" role="alert">
                {errorMessage(connectStripe.error)}
              </Alert>
            )}
            <Group>
              <Button
                type="submit"
                loading={connectStripe.isPending}
                variant={data?.stripe.connect_available ? 'default' : 'filled'}
              >
                {data?.stripe.connected ? 'Replace Stripe keys' : 'Save Stripe keys'}
              </Button>
              {data?.stripe.connected && (
                <Button variant="default" color="red" onClick={() => disconnect.mutate('stripe')}>
                  Disconnect Stripe
                </Button>
              )}
            </Group>
          </Stack>
        </form>
      </Paper>

      <Paper withBorder p="md" component="section" aria-labelledby="paypal-title">
        <Group justify="space-between" mb="sm">
          <Title order={3} size="h4" id="paypal-title">
            PayPal
          </Title>
          {data && (
            <Group gap="xs">
              {data.paypal.mode !== null && <Badge variant="outline">{data.paypal.mode}</Badge>}
              <Status connected={data.paypal.connected} platformMissing={data.paypal.platform_missing} />
            </Group>
          )}
        </Group>
        {data?.paypal.platform_missing && (
          <PlatformMissing
            platform="PayPal platform app"
            variables="PAYPAL_PLATFORM_*"
            own="connect your own PayPal REST app"
          />
        )}
        {data?.paypal.via === 'platform' && (
          <Text size="sm" mb="sm">
            Payments go to <b>{data.paypal.payee}</b>.
          </Text>
        )}
        {data?.paypal.platform_available && (
          <form onSubmit={submit(() => connectPayee.mutate())}>
            <Stack gap="sm" mb="md">
              <TextInput
                label="PayPal email or merchant ID"
                description="The PayPal account your clients pay into"
                required
                value={payee}
                onChange={(event) => setPayee(event.currentTarget.value)}
              />
              {connectPayee.isError && (
                <Alert color="red" role="alert">
                  {errorMessage(connectPayee.error)}
                </Alert>
              )}
              <Group>
                <Button type="submit" loading={connectPayee.isPending}>
                  {data.paypal.via === 'platform' ? 'Change PayPal account' : 'Connect PayPal'}
                </Button>
              </Group>
              <Text size="sm" c="dimmed">
                Or connect your own PayPal REST app below.
              </Text>
            </Stack>
          </form>
        )}
        {data && (
          <Stack gap={4} mb="sm">
            <Text size="sm">
              In your PayPal REST app, add a webhook at this URL for Payment capture completed and refunded,
              and enter its webhook ID below:
            </Text>
            <WebhookUrl url={data.paypal.webhook_url} />
          </Stack>
        )}
        <form onSubmit={submit(() => connectPaypal.mutate())}>
          <Stack gap="sm">
            <SegmentedControl
              aria-label="PayPal mode"
              value={paypal.mode}
              onChange={(mode) => setPaypal({ ...paypal, mode })}
              data={[
                { value: 'live', label: 'Live' },
                { value: 'sandbox', label: 'Sandbox' },
              ]}
            />
            <TextInput
              label="Client ID"
              required
              value={paypal.client_id}
              onChange={(event) => setPaypal({ ...paypal, client_id: event.currentTarget.value })}
            />
            <PasswordInput
              label="Client secret"
              required
              value={paypal.client_secret}
              onChange={(event) => setPaypal({ ...paypal, client_secret: event.currentTarget.value })}
            />
            <TextInput
              label="Webhook ID"
              required
              value={paypal.webhook_id}
              onChange={(event) => setPaypal({ ...paypal, webhook_id: event.currentTarget.value })}
            />
            {connectPaypal.isError && (
              <Alert color="red" role="alert">
                {errorMessage(connectPaypal.error)}
              </Alert>
            )}
            <Group>
              <Button
                type="submit"
                loading={connectPaypal.isPending}
                variant={data?.paypal.platform_available ? 'default' : 'filled'}
              >
                {data?.paypal.via === 'app'
                  ? 'Replace PayPal credentials'
                  : data?.paypal.platform_available
                    ? 'Connect my PayPal app'
                    : 'Connect PayPal'}
              </Button>
              {data?.paypal.connected && (
                <Button variant="default" color="red" onClick={() => disconnect.mutate('paypal')}>
                  Disconnect PayPal
                </Button>
              )}
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
