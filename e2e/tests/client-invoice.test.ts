import { beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { screenshot } from '../support/browser.ts';
import { http, useKeito } from '../support/keito.ts';
import { type SignedInAdmin, setUpWorkspace } from '../support/workspace.ts';

const keito = useKeito();
let admin: SignedInAdmin;

beforeAll(async () => {
  admin = await setUpWorkspace(keito.server);
});

describe('the client invoice page', () => {
  it('opens from its link without a session and shows the amount due, the payments and the PDF', async () => {
    await admin.call('PATCH', '/workspace', { address: '12 Canal Street\nManchester M1 3HE' });
    const client = await admin.call('POST', '/clients', {
      name: 'Globex Corporation',
      currency: 'GBP',
      address: '1 Market Square\nCambridge CB2 3QJ',
    });
    await admin.call('PATCH', '/invoice-settings', { tax_label: 'VAT', tax: 20, accent_color: '#0b7285' });
    const draft = await admin.call('POST', '/invoices', {
      client_id: client.id,
      subject: 'November work',
      purchase_order: 'PO-77',
      line_items: [
        { description: 'Sarah Chen — Backend development', quantity: 12, unit_price: 150, taxed: true },
        { description: 'review-bot-01 — Code review (Agent)', quantity: 6, unit_price: 75, taxed: true },
        {
          kind: 'Expense',
          description: 'LLM Usage — claude-opus-4-6 tokens',
          quantity: 180,
          unit_price: 0.003,
        },
      ],
    });
    const invoice = await admin.call('POST', `/invoices/${draft.id}/mark-sent`, {});
    await admin.call('POST', `/invoices/${draft.id}/payments`, {
      amount: 1000,
      paid_date: invoice.issue_date,
    });

    // A fresh browser context: no cookie, as the client who follows the emailed link.
    const { page, context } = await keito.browser.newPage();
    await page.goto(`/client/invoices/${invoice.client_key}`);
    await expect
      .poll(() => page.getByRole('heading', { name: `Invoice ${invoice.number}` }).isVisible())
      .toBe(true);
    // 2,250.54 + 20 % VAT on the two service lines (450.00) = 2,700.54; 1,000.00 paid.
    await expect.poll(() => page.getByTestId('amount-due').textContent()).toBe('£1,700.54');
    expect(await page.getByText('Globex Corporation').isVisible()).toBe(true);
    expect(await page.getByText('£0.003').isVisible()).toBe(true);
    const payments = page.getByRole('table').filter({ hasText: 'Balance' });
    expect(await payments.getByRole('cell', { name: '£1,000.00' }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Download PDF' }).getAttribute('href')).toBe(
      `/v1/client/invoices/${invoice.client_key}/pdf`,
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'client-invoice');

    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => page.getByTestId('amount-due').isVisible()).toBe(true);
    await screenshot(page, 'client-invoice-phone');
    await context.close();

    const viewed = await admin.call('GET', `/invoices/${draft.id}`);
    expect(viewed.viewed_at).not.toBeNull();
    const pdf = await http(keito.server, 'GET', `/v1/client/invoices/${invoice.client_key}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
  });

  it('says the link does not work when the key was replaced', async () => {
    const client = await admin.call('POST', '/clients', { name: 'Initech', currency: 'GBP' });
    const draft = await admin.call('POST', '/invoices', {
      client_id: client.id,
      line_items: [{ description: 'Support', quantity: 1, unit_price: 90 }],
    });
    const { client_key: oldKey } = await admin.call('POST', `/invoices/${draft.id}/mark-sent`, {});
    await admin.call('POST', `/invoices/${draft.id}/regenerate-key`, {});

    const { page, context } = await keito.browser.newPage();
    await page.goto(`/client/invoices/${oldKey}`);
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('This invoice link does not work');
    await context.close();
  });
});
