import { Alert, Button, Group, Loader, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { ApiError, errorMessage, get, post } from '../api.ts';

/** GET /v1/client/invoices/{key}/payment-options (apps/server/src/domains/payments/schemas.ts). */
interface PaymentOptions {
  card: boolean;
  paypal: boolean;
}

/** How often the page asks whether the provider's webhook has recorded the payment, and how long. */
const POLL_MS = 2000;
const POLL_LIMIT = 30;

/**
 * The client page's online payment (invoicing/payments): "Pay with card" (Stripe Checkout) and
 * "Pay with PayPal" for an open invoice with something due. Back from the provider, the page says
 * "payment processing" and asks again until the payment is recorded: a card payment by Stripe's
 * webhook, a PayPal one by capturing the order the client approved.
 */
export function ClientPayment({
  invoiceKey,
  paid,
  onRecheck,
}: {
  invoiceKey: string;
  /** Nothing is due any more. */
  paid: boolean;
  /** Reloads the invoice (its amount due and payments). */
  onRecheck: () => Promise<unknown>;
}) {
  const base = `/client/invoices/${encodeURIComponent(invoiceKey)}`;
  const search = new URLSearchParams(window.location.search);
  const returned = search.get('payment');
  const paypalOrder = returned === 'paypal' ? search.get('token') : null;
  const queryClient = useQueryClient();
  const options = useQuery({
    queryKey: ['client-payment-options', invoiceKey, paid],
    queryFn: () => get<PaymentOptions>(`${base}/payment-options`),
    retry: false,
  });
  // 409: the way to pay went away after the page loaded (the operator removed its platform,
  // decision 0070); asking the options again takes its button away.
  const recheckOptions = (error: unknown) => {
    if (error instanceof ApiError && error.code === 'conflict')
      void queryClient.invalidateQueries({ queryKey: ['client-payment-options', invoiceKey] });
  };
  const start = useMutation({
    mutationFn: (provider: 'stripe' | 'paypal') => post<{ url: string }>(`${base}/checkout/${provider}`),
    onSuccess: ({ url }) => window.location.assign(url),
    onError: recheckOptions,
  });
  const capture = useMutation({
    mutationFn: (orderId: string) =>
      post<{ recorded: number }>(`${base}/checkout/paypal/capture`, { order_id: orderId }),
    onError: recheckOptions,
    onSettled: () => onRecheck(),
  });
  // Capture once per return from PayPal (React may run effects twice in development).
  const captured = useRef(false);
  useEffect(() => {
    if (paypalOrder !== null && !captured.current) {
      captured.current = true;
      capture.mutate(paypalOrder);
    }
  }, [paypalOrder, capture]);
  // Back from Stripe: ask again until the webhook has recorded the payment, for a minute at most.
  const polls = useRef(0);
  useEffect(() => {
    if (returned !== 'processing' || paid) return;
    const timer = window.setInterval(() => {
      polls.current += 1;
      if (polls.current > POLL_LIMIT) window.clearInterval(timer);
      else void onRecheck();
    }, POLL_MS);
    return () => window.clearInterval(timer);
  }, [returned, paid, onRecheck]);
  useEffect(() => {
    if (paid) void queryClient.invalidateQueries({ queryKey: ['client-payment-options', invoiceKey] });
  }, [paid, queryClient, invoiceKey]);

  if (returned !== null && paid) {
    return (
      <Alert color="green" title="Payment received" data-testid="payment-status">
        Thank you: your payment was recorded.
      </Alert>
    );
  }
  if (returned !== null && !capture.isError) {
    return (
      <Alert color="blue" title="Payment processing" data-testid="payment-status" icon={<Loader size="xs" />}>
        Your payment is being confirmed; this page updates by itself.
      </Alert>
    );
  }
  const failure = start.error ?? capture.error;
  // The provider is down (502 payment_provider_unavailable): nothing happened, trying again may work.
  const providerDown = failure instanceof ApiError && failure.code === 'payment_provider_unavailable';
  if (providerDown && capture.isError && paypalOrder !== null) {
    // Back from PayPal with the order approved: capturing it again is the retry, not a new order.
    return (
      <Alert color="yellow" role="alert" title="Payment not confirmed yet">
        <Text size="sm" mb="xs">
          {errorMessage(failure)}
        </Text>
        <Button size="xs" onClick={() => capture.mutate(paypalOrder)} loading={capture.isPending}>
          Try again
        </Button>
      </Alert>
    );
  }
  const available = options.data;
  const offered = available !== undefined && (available.card || available.paypal);
  // A failure is told even when no button is left to offer (the last way to pay went away).
  if (!offered && failure === null) return null;
  return (
    <>
      {failure !== null && (
        <Alert color={providerDown ? 'yellow' : 'red'} role="alert" mb="sm">
          {errorMessage(failure, 'The payment could not be started; try again')}
        </Alert>
      )}
      {offered && (
        <>
          <Group gap="sm">
            {available.card && (
              <Button
                onClick={() => start.mutate('stripe')}
                loading={start.isPending && start.variables === 'stripe'}
              >
                Pay with card
              </Button>
            )}
            {available.paypal && (
              <Button
                variant="default"
                onClick={() => start.mutate('paypal')}
                loading={start.isPending && start.variables === 'paypal'}
              >
                Pay with PayPal
              </Button>
            )}
          </Group>
          <Text size="xs" c="dimmed" mt={4}>
            You pay on the provider's secure page and come back here.
          </Text>
        </>
      )}
    </>
  );
}
