import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The providers' local fakes, shared with the server's tests (no network: Keito talks to them).
import { startFakePayPal } from '../../apps/server/test/fakes/paypal.ts';
import { startFakeStripe } from '../../apps/server/test/fakes/stripe.ts';
import { seriousViolations } from '../support/axe.ts';
import { screenshot } from '../support/browser.ts';
import { useKeito } from '../support/keito.ts';
import { type SignedInAdmin, setUpWorkspace, signIn } from '../support/workspace.ts';

// Started before the server, whose environment points at them.
const stripe = await startFakeStripe();
const paypal = await startFakePayPal();
const providers = { STRIPE_API_BASE: stripe.baseUrl, PAYPAL_API_BASE: paypal.baseUrl };
// The operator's PayPal platform app: administrators may connect with a payee alone.
const paypalPlatform = {
  PAYPAL_PLATFORM_CLIENT_ID: paypal.platform.clientId,
  PAYPAL_PLATFORM_CLIENT_SECRET: paypal.platform.clientSecret,
  PAYPAL_PLATFORM_WEBHOOK_ID: paypal.platform.webhookId,
  PAYPAL_PLATFORM_MODE: 'sandbox',
};
const keito = useKeito({ env: { ...providers, ...paypalPlatform } });
let admin: SignedInAdmin;

beforeAll(async () => {
  admin = await setUpWorkspace(keito.server);
});
afterAll(() => Promise.all([stripe.close(), paypal.close()]));

async function openInvoice(clientName: string, currency: string, amount: number) {
  const client = await admin.call('POST', '/clients', { name: clientName, currency });
  const draft = await admin.call('POST', '/invoices', {
    client_id: client.id,
    line_items: [{ description: 'November retainer', quantity: 1, unit_price: amount }],
  });
  return admin.call('POST', `/invoices/${draft.id}/mark-sent`, {});
}

/** The merchant's own PayPal REST app connected, its webhooks sent to the workspace's address. */
async function connectPayPalApp() {
  const gateways = await admin.call('PUT', '/payment-gateways/paypal', {
    client_id: paypal.merchant.clientId,
    client_secret: paypal.merchant.clientSecret,
    webhook_id: paypal.merchant.webhookId,
    mode: 'sandbox',
  });
  paypal.sendWebhooksTo(gateways.paypal.webhook_url);
}

/** The client on the invoice's page clicks Pay with PayPal and arrives on PayPal's approval page. */
async function atPayPal(invoice: { client_key: string }) {
  const { page } = await keito.browser.newPage();
  await page.goto(`/client/invoices/${invoice.client_key}`);
  await page.getByRole('button', { name: 'Pay with PayPal' }).click();
  await expect.poll(() => page.getByRole('heading', { name: 'Fake PayPal' }).isVisible()).toBe(true);
  return page;
}

describe('paying an invoice online', () => {
  it('by card: client page → Stripe checkout → back → paid, with the payment in the history', async () => {
    // The administrator connects Stripe in Settings → Payment gateways.
    const settings = await keito.browser.newPage();
    await signIn(settings.page, admin.email, admin.password);
    await settings.page.goto('/settings/payment-gateways');
    await settings.page.getByLabel('Secret key').fill('sk_test_e2e');
    await settings.page.getByLabel('Webhook signing secret').fill('whsec_e2e');
    await settings.page.getByRole('button', { name: 'Save Stripe keys' }).click();
    await expect
      .poll(() => settings.page.getByRole('button', { name: 'Disconnect Stripe' }).isVisible())
      .toBe(true);
    expect(await seriousViolations(settings.page)).toEqual([]);
    await screenshot(settings.page, 'online-payment-0-gateways');
    const gateways = await admin.call('GET', '/payment-gateways');
    expect(JSON.stringify(gateways)).not.toContain('sk_test_e2e');
    stripe.sendWebhooksTo(gateways.stripe.webhook_url, 'whsec_e2e');
    const invoice = await openInvoice('Initech', 'EUR', 1250);

    const { page } = await keito.browser.newPage();
    await page.goto(`/client/invoices/${invoice.client_key}`);
    await expect.poll(() => page.getByTestId('amount-due').textContent()).toBe('€1,250.00');
    await screenshot(page, 'online-payment-1-client-page');
    await page.getByRole('button', { name: 'Pay with card' }).click();

    await expect
      .poll(() => page.getByRole('heading', { name: 'Fake Stripe Checkout' }).isVisible())
      .toBe(true);
    expect(await page.locator('#amount').textContent()).toBe('125000 EUR (minor units)');
    await screenshot(page, 'online-payment-2-stripe-checkout');
    await page.getByRole('button', { name: 'Pay' }).click();

    await expect.poll(() => page.getByTestId('payment-status').textContent()).toContain('Payment received');
    expect(page.url()).toContain('payment=processing');
    await expect.poll(() => page.getByTestId('amount-due').textContent()).toBe('€0.00');
    const history = page.getByRole('table').filter({ hasText: 'Balance' });
    expect(await history.getByRole('cell', { name: '€1,250.00' }).isVisible()).toBe(true);
    await screenshot(page, 'online-payment-3-paid');

    const paid = await admin.call('GET', `/invoices/${invoice.id}`);
    expect(paid).toMatchObject({ state: 'paid', due_amount: 0 });
    const payments = await admin.call('GET', `/invoices/${invoice.id}/payments`);
    expect(payments.data).toMatchObject([
      { amount: 1250, provider: 'stripe', transaction_id: expect.stringMatching(/^pi_/) },
    ]);
  });

  it('with PayPal: approve at PayPal → back → captured and paid', async () => {
    await connectPayPalApp();
    const invoice = await openInvoice('Umbrella', 'JPY', 48000);

    const page = await atPayPal(invoice);
    expect(await page.getByText('48000 JPY').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Pay Now' }).click();

    await expect.poll(() => page.getByTestId('payment-status').textContent()).toContain('Payment received');
    await expect.poll(() => page.getByTestId('amount-due').textContent()).toBe('¥0');
    await screenshot(page, 'online-payment-4-paypal-paid');
    const payments = await admin.call('GET', `/invoices/${invoice.id}/payments`);
    expect(payments.data).toMatchObject([{ amount: 48000, provider: 'paypal' }]);
  });

  it('through the PayPal platform: the administrator gives the payee email, the client pays into it', async () => {
    const settings = await keito.browser.newPage();
    await signIn(settings.page, admin.email, admin.password);
    await settings.page.goto('/settings/payment-gateways');
    await settings.page.getByLabel('PayPal email or merchant ID').fill(paypal.platform.payee.email);
    await settings.page.getByRole('button', { name: 'Connect PayPal', exact: true }).click();
    await expect
      .poll(() => settings.page.getByText(`Payments go to ${paypal.platform.payee.email}`).isVisible())
      .toBe(true);
    expect(await seriousViolations(settings.page)).toEqual([]);
    await screenshot(settings.page, 'online-payment-5-paypal-platform');
    expect((await admin.call('GET', '/payment-gateways')).paypal).toMatchObject({ via: 'platform' });
    paypal.sendWebhooksTo(`${keito.server.origin}/webhooks/paypal/platform`);
    const invoice = await openInvoice('Globex', 'USD', 320);

    const page = await atPayPal(invoice);
    const orderId = new URL(page.url()).searchParams.get('token') as string;
    expect(paypal.orders.get(orderId)?.purchase_units[0].payee).toEqual({
      email_address: paypal.platform.payee.email,
    });
    await page.getByRole('button', { name: 'Pay Now' }).click();
    await expect.poll(() => page.getByTestId('payment-status').textContent()).toContain('Payment received');
    const payments = await admin.call('GET', `/invoices/${invoice.id}/payments`);
    expect(payments.data).toMatchObject([{ amount: 320, provider: 'paypal' }]);
  });

  it('with PayPal: a capture that fails on the way back is tried again from the page, and records once', async () => {
    await connectPayPalApp();
    const invoice = await openInvoice('Soylent', 'USD', 640);

    const page = await atPayPal(invoice);
    // The client approves at PayPal; PayPal then fails Keito's capture once.
    paypal.failCaptures = 1;
    await page.getByRole('button', { name: 'Pay Now' }).click();

    const notConfirmed = page.getByRole('alert').filter({ hasText: 'Payment not confirmed yet' });
    await expect
      .poll(() => notConfirmed.textContent())
      .toContain('The payment provider (PayPal) is not answering; try again in a moment');
    expect(paypal.failCaptures).toBe(0);
    expect(await page.getByTestId('amount-due').textContent()).toBe('$640.00');
    expect((await admin.call('GET', `/invoices/${invoice.id}/payments`)).data).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'online-payment-7-paypal-capture-failed');

    await notConfirmed.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => page.getByTestId('payment-status').textContent()).toContain('Payment received');
    await expect.poll(() => page.getByTestId('amount-due').textContent()).toBe('$0.00');
    await screenshot(page, 'online-payment-8-paypal-tried-again');
    const payments = await admin.call('GET', `/invoices/${invoice.id}/payments`);
    expect(payments.data).toMatchObject([{ amount: 640, provider: 'paypal' }]);
    // Reloading the page it came back to captures the same order again: PayPal's answer records nothing more.
    await page.reload();
    await expect.poll(() => page.getByTestId('payment-status').textContent()).toContain('Payment received');
    expect((await admin.call('GET', `/invoices/${invoice.id}/payments`)).data).toHaveLength(1);
  });

  it('tells the client kindly when the provider is not answering, and records nothing', async () => {
    const gateways = await admin.call('PUT', '/payment-gateways/stripe', {
      secret_key: 'sk_test_e2e',
      webhook_secret: 'whsec_e2e',
    });
    stripe.sendWebhooksTo(gateways.stripe.webhook_url, 'whsec_e2e');
    const invoice = await openInvoice('Hooli', 'USD', 90);
    const { page } = await keito.browser.newPage();
    await page.goto(`/client/invoices/${invoice.client_key}`);
    stripe.outage = 'error';
    try {
      await page.getByRole('button', { name: 'Pay with card' }).click();
      await expect
        .poll(() => page.getByRole('alert').textContent())
        .toContain('The payment provider (Stripe) is not answering; try again in a moment');
    } finally {
      stripe.outage = undefined;
    }
    await screenshot(page, 'online-payment-6-provider-down');
    expect(page.url()).toContain(`/client/invoices/${invoice.client_key}`);
    expect((await admin.call('GET', `/invoices/${invoice.id}/payments`)).data).toEqual([]);
    // Stripe is back: the same button takes the client to the checkout.
    await page.getByRole('button', { name: 'Pay with card' }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Fake Stripe Checkout' }).isVisible())
      .toBe(true);
  });

  it('offers no PayPal while the operator has removed the platform app, and says so in the settings', async () => {
    await admin.call('PUT', '/payment-gateways/paypal', { payee_email: paypal.platform.payee.email });
    const invoice = await openInvoice('Initrode', 'USD', 210);
    const before = await keito.browser.newPage();
    await before.page.goto(`/client/invoices/${invoice.client_key}`);
    await expect
      .poll(() => before.page.getByRole('button', { name: 'Pay with PayPal' }).isVisible())
      .toBe(true);
    const orders = paypal.orders.size;

    // The operator restarts Keito without PAYPAL_PLATFORM_*.
    await keito.server.restart(providers);
    try {
      // The page opened before still has the button: its click is refused and takes it away.
      await before.page.getByRole('button', { name: 'Pay with PayPal' }).click();
      await expect
        .poll(() => before.page.getByRole('alert').textContent())
        .toContain('Paying with PayPal is not available for this invoice at the moment; nothing was paid');
      await expect.poll(() => before.page.getByRole('button', { name: 'Pay with PayPal' }).count()).toBe(0);
      expect(paypal.orders.size).toBe(orders);

      // A client opening the page now is offered the card alone (Stripe has the workspace's own keys).
      const { page } = await keito.browser.newPage();
      await page.goto(`/client/invoices/${invoice.client_key}`);
      await expect.poll(() => page.getByRole('button', { name: 'Pay with card' }).isVisible()).toBe(true);
      expect(await page.getByRole('button', { name: 'Pay with PayPal' }).count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'online-payment-9-client-page-without-platform');

      const settings = await keito.browser.newPage();
      await signIn(settings.page, admin.email, admin.password);
      await settings.page.goto('/settings/payment-gateways');
      const section = settings.page.getByRole('region', { name: 'PayPal' });
      await expect.poll(() => section.getByText('Not available to clients').isVisible()).toBe(true);
      expect(await section.getByText('Needs the server operator').isVisible()).toBe(true);
      expect(await seriousViolations(settings.page)).toEqual([]);
      await screenshot(settings.page, 'online-payment-10-gateways-without-platform');
      // The invoice's own page tells the administrator why the client is not offered PayPal.
      await settings.page.goto(`/invoices/${invoice.id}`);
      const notice = settings.page.getByRole('alert').filter({ hasText: 'Not offered to the client' });
      await expect
        .poll(() => notice.textContent())
        .toContain('does not offer PayPal (the PayPal platform app)');
      expect(await notice.textContent()).not.toContain('card');
      expect(await seriousViolations(settings.page)).toEqual([]);
      await screenshot(settings.page, 'online-payment-11-invoice-without-platform');
      expect((await admin.call('GET', `/invoices/${invoice.id}/payments`)).data).toEqual([]);
    } finally {
      await keito.server.restart({ ...providers, ...paypalPlatform });
    }
    // The platform is configured again: PayPal is offered again.
    const after = await keito.browser.newPage();
    await after.page.goto(`/client/invoices/${invoice.client_key}`);
    await expect
      .poll(() => after.page.getByRole('button', { name: 'Pay with PayPal' }).isVisible())
      .toBe(true);
  });
});
