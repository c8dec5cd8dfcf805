import { invitationLink, startMailbox, type TestMailbox } from '@keito/testkit/mailbox';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { screenshot } from '../support/browser.ts';
import { http, useKeito } from '../support/keito.ts';
import { type SignedInAdmin, setUpWorkspace, signIn } from '../support/workspace.ts';

const mailbox: TestMailbox = await startMailbox();
const keito = useKeito({ env: { SMTP_URL: mailbox.url, SMTP_FROM: 'Northwind <billing@northwind.test>' } });
let admin: SignedInAdmin;
let client: { id: string };
let project: { id: string };

// Work of two past days, billed at the project's £150 an hour: 3.5 h + 2.25 h = 5.75 h = £862.50.
const DAYS = ['2026-03-02', '2026-03-03'];

beforeAll(async () => {
  admin = await setUpWorkspace(keito.server);
  // Only approved entries are importable while Approvals is on; this file is about invoices.
  await admin.call('PATCH', '/workspace', {
    features: { expenses: true, invoicing: true, approvals: false },
  });
  const me = await admin.call('GET', '/users/me');
  client = await admin.call('POST', '/clients', { name: 'Acme Corp', address: '1 High Street, London' });
  await admin.call('POST', `/clients/${client.id}/contacts`, {
    first_name: 'Carol',
    email: 'carol@acme.test',
  });
  project = await admin.call('POST', '/projects', {
    name: 'Website Redesign',
    code: 'WEB',
    client_id: client.id,
    bill_by: 'project',
    hourly_rate: 150,
  });
  await admin
    .call('POST', `/projects/${project.id}/user-assignments`, { user_id: me.id })
    .catch(() => undefined);
  for (const [date, hours, notes] of [
    [DAYS[0], 3.5, 'Homepage'],
    [DAYS[1], 2.25, 'Navigation'],
  ] as const) {
    await admin.call('POST', '/time-entries', { project_id: project.id, spent_date: date, hours, notes });
  }
});

afterAll(() => mailbox.close());

async function chooseOption(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** A 1x1 PNG: the logo. */
const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

/** The figures of an invoice as the API answers them, written as the app writes GBP. */
function gbp(amount: number): string {
  const [whole = '0', fraction = '00'] = amount.toFixed(2).split('.');
  return `£${whole.replace(/\B(?=(\d{3})+$)/g, ',')}.${fraction}`;
}

describe('Invoices', () => {
  it('starts empty, then creates an invoice from imported time and edits its lines with totals equal to the API’s', async () => {
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await nav(page).getByRole('link', { name: 'Invoices' }).first().click();
    await expect.poll(() => page.getByText('No invoices yet.').isVisible()).toBe(true);
    // Off the link just clicked: a hovered active link is a shade lighter than axe's threshold.
    await page.mouse.move(640, 400);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'invoices-empty');

    await page.getByRole('link', { name: 'New invoice' }).click();
    // The list has a Client filter too: wait for the new invoice's own.
    await page.getByRole('heading', { name: 'New invoice' }).waitFor();
    await chooseOption(page, 'Client', 'Acme Corp');
    // The preview: what an import would pull, from GET /invoices/uninvoiced.
    const preview = page.getByRole('table', { name: 'Uninvoiced work' });
    await expect.poll(() => page.getByTestId('preview-hours').textContent()).toBe('5.75');
    expect(await page.getByTestId('preview-time').textContent()).toBe('£862.50');
    expect(await preview.getByRole('checkbox', { name: '[WEB] Website Redesign' }).isChecked()).toBe(true);
    await chooseOption(page, 'Group time', 'Detailed (one line per entry)');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'invoice-new-import');
    await page.getByRole('button', { name: 'Create draft from this work' }).click();

    // The editor, on the draft the import made: one line per entry.
    await page.waitForURL(/\/invoices\/[^/]+\/edit$/);
    const invoiceId = page.url().split('/').at(-2) ?? '';
    await expect.poll(() => page.getByRole('group', { name: /^Line \d$/ }).count()).toBe(2);
    await expect.poll(() => page.getByTestId('subtotal').textContent()).toBe('£862.50');
    const imported = await admin.call('GET', `/invoices/${invoiceId}`);
    expect(imported).toMatchObject({ state: 'draft', number: null, subtotal: 862.5 });

    // A free line at 138.66 with 19 % VAT on it alone: the figure the issue says peers get wrong.
    await page.getByRole('button', { name: 'Add line' }).click();
    const added = page.getByRole('group', { name: 'Line 3' });
    await added.getByLabel('Description').fill('Hosting, March');
    await added.getByLabel('Unit price (GBP)').fill('138.66');
    await page.getByLabel('Tax (%)').fill('19');
    await page.getByLabel('Discount (%)').fill('10');
    for (const position of [1, 2]) {
      await page
        .getByRole('group', { name: `Line ${position}` })
        .getByRole('checkbox', { name: 'Tax', exact: true })
        .uncheck();
    }
    await added.getByRole('checkbox', { name: 'Tax', exact: true }).check();
    await expect.poll(() => page.getByTestId('line-amount-3').textContent()).toBe('£138.66');
    // Keyboard: the new line moves to the top with its own button.
    await page.getByRole('button', { name: 'Move line 3 up' }).click();
    await page.getByRole('button', { name: 'Move line 2 up' }).click();
    expect(await page.getByRole('group', { name: 'Line 1' }).getByLabel('Description').inputValue()).toBe(
      'Hosting, March',
    );
    await page.getByRole('group', { name: 'Line 2' }).getByLabel('Description').fill('Homepage build');
    const shown = {
      subtotal: await page.getByTestId('subtotal').textContent(),
      discount: await page.getByTestId('discount').textContent(),
      tax: await page.getByTestId('tax').textContent(),
      total: await page.getByTestId('total').textContent(),
    };
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'invoice-editor');
    await page.getByRole('button', { name: 'Save invoice' }).click();
    await page.waitForURL(new RegExp(`/invoices/${invoiceId}$`));

    // What the editor showed as the lines were typed is what the server computed and stored.
    const saved = await admin.call('GET', `/invoices/${invoiceId}`);
    expect(saved.line_items.map((line: { description: string }) => line.description)).toEqual([
      'Hosting, March',
      'Homepage build',
      expect.any(String),
    ]);
    expect(saved.line_items[0]).toMatchObject({
      quantity: 1,
      unit_price: 138.66,
      taxed: true,
      amount: 138.66,
    });
    expect(saved.line_items[1].time_entry_count).toBe(1);
    expect(saved).toMatchObject({ subtotal: 1001.16, discount: 10, tax: 19 });
    expect(shown).toEqual({
      subtotal: gbp(saved.subtotal),
      discount: `-${gbp(saved.discount_amount)}`,
      tax: gbp(saved.tax_amount),
      total: gbp(saved.amount),
    });
    // 10 % of 1,001.16 is 100.12; 19 % of (138.66 - 13.87) = 23.71; 1,001.16 - 100.12 + 23.71.
    expect(shown).toEqual({ subtotal: '£1,001.16', discount: '-£100.12', tax: '£23.71', total: '£924.75' });
    await expect.poll(() => page.getByTestId('total').textContent()).toBe('£924.75');
    expect(await page.getByTestId('amount-due').textContent()).toBe('£924.75');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'invoice-draft');
    await context.close();
  });

  it('creates a free-form invoice in the client’s currency, yen having no decimals', async () => {
    await admin.call('POST', '/clients', { name: 'Tanaka KK', currency: 'JPY' });
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.goto('/invoices/new');
    await chooseOption(page, 'Client', 'Tanaka KK');
    await page.getByRole('radio', { name: 'Free-form (type the lines)' }).check();
    await page.getByRole('button', { name: 'Add line' }).click();
    const line = page.getByRole('group', { name: 'Line 1' });
    // The new line takes the focus on its description.
    await page.keyboard.type('Translation, hours');
    await line.getByLabel('Quantity').fill('1.5');
    await line.getByLabel('Unit price (JPY)').fill('1001');
    await page.getByLabel('Tax (%)').fill('10');
    await line.getByRole('checkbox', { name: 'Tax', exact: true }).check();
    // 1.5 x 1001 = 1501.5, half-up to ¥1,502; 10 % of it is 150.2, ¥150.
    await expect.poll(() => page.getByTestId('line-amount-1').textContent()).toBe('¥1,502');
    expect(await page.getByTestId('tax').textContent()).toBe('¥150');
    expect(await page.getByTestId('total').textContent()).toBe('¥1,652');
    await line.getByLabel('Quantity').fill('1.5x');
    await expect.poll(() => page.getByTestId('total').textContent()).toBe('—');
    expect(await line.getByText('Not a number').isVisible()).toBe(true);
    await line.getByLabel('Quantity').fill('1.5');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'invoice-new-free-form');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.waitForURL(/\/invoices\/inv_[^/]+$/);
    const saved = await admin.call('GET', `/invoices/${page.url().split('/').at(-1)}`);
    expect(saved).toMatchObject({
      currency: 'JPY',
      state: 'draft',
      subtotal: 1502,
      tax_amount: 150,
      amount: 1652,
      line_items: [{ description: 'Translation, hours', quantity: 1.5, unit_price: 1001, taxed: true }],
    });
    await expect.poll(() => page.getByTestId('amount-due').textContent()).toBe('¥1,652');
    await context.close();
  });

  it('marks the invoice sent, records a partial then the final payment, and it is paid', async () => {
    const invoice = (await admin.call('GET', '/invoices')).data.find(
      (each: { currency: string }) => each.currency === 'GBP',
    );
    const { page, context } = await keito.browser.newPage();
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await signIn(page, admin.email, admin.password);
    await page.goto(`/invoices/${invoice.id}`);
    await page.getByRole('button', { name: 'Mark as sent' }).click();
    await expect.poll(() => page.getByText('Open', { exact: true }).isVisible()).toBe(true);
    const opened = await admin.call('GET', `/invoices/${invoice.id}`);
    expect(opened.number).toMatch(/^INV-\d{4}-0001$/);
    await expect.poll(() => page.getByRole('heading', { name: opened.number }).isVisible()).toBe(true);

    // The PDF link downloads the invoice's PDF with the page's session.
    const pdfHref = await page.getByRole('link', { name: 'Download PDF' }).getAttribute('href');
    const pdf = await page.request.get(pdfHref ?? '');
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    await page.getByRole('button', { name: 'Copy client link' }).click();
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toBe(`${keito.server.origin}/client/invoices/${opened.client_key}`);

    await page.getByRole('button', { name: 'Record payment' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record payment' });
    expect(await dialog.getByLabel('Amount (GBP)').inputValue()).toBe('924.75');
    await dialog.getByLabel('Amount (GBP)').fill('400');
    await dialog.getByLabel('Transaction ID').fill('BACS-1');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'invoice-record-payment');
    await dialog.getByRole('button', { name: 'Save payment' }).click();
    await expect.poll(() => page.getByTestId('amount-due').textContent()).toBe('£524.75');

    await page.getByRole('button', { name: 'Record payment' }).click();
    expect(await dialog.getByLabel('Amount (GBP)').inputValue()).toBe('524.75');
    await dialog.getByRole('button', { name: 'Save payment' }).click();
    await expect.poll(() => page.getByTestId('amount-due').textContent()).toBe('£0.00');
    await expect.poll(() => page.getByText('Paid', { exact: true }).first().isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Record payment' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Edit' }).count()).toBe(0);

    // The history, with what was still due after each payment.
    const rows = page.getByRole('table', { name: 'Payments' }).getByRole('row');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.nth(1).textContent()).toContain('£400.00');
    expect(await rows.nth(1).textContent()).toContain('£524.75');
    expect(await rows.nth(2).textContent()).toContain('£0.00');
    expect(await admin.call('GET', `/invoices/${invoice.id}`)).toMatchObject({
      state: 'paid',
      paid_amount: 924.75,
      due_amount: 0,
    });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'invoice-paid');
    await context.close();
  });

  it('sends a draft with the message prefilled from the template, and deletes another draft', async () => {
    const draft = await admin.call('POST', '/invoices', {
      client_id: client.id,
      line_items: [{ description: 'Workshop', quantity: 1, unit_price: 1200 }],
    });
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.goto(`/invoices/${draft.id}`);
    await page.getByRole('button', { name: 'Send invoice' }).click();
    const dialog = page.getByRole('dialog', { name: 'Send invoice' });
    // The client's contacts, and Settings → Invoices' template with its placeholders.
    await expect.poll(() => dialog.getByLabel('To').inputValue()).toBe('carol@acme.test');
    const settings = await admin.call('GET', '/invoice-settings');
    await expect.poll(() => dialog.getByLabel('Subject').inputValue()).toBe(settings.templates.send.subject);
    expect(await dialog.getByLabel('Message').inputValue()).toBe(settings.templates.send.body);
    await dialog.getByLabel('Subject').fill('Invoice {number}: the March workshop');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'invoice-send');
    await dialog.getByRole('button', { name: 'Send', exact: true }).click();

    // Sending opens the draft with its number; the email goes out through the job queue, PDF attached.
    await expect.poll(() => page.getByRole('heading', { name: 'INV-2026-0002' }).isVisible()).toBe(true);
    const mail = await mailbox.waitFor('carol@acme.test');
    expect(mail.raw).toContain('Subject: Invoice INV-2026-0002: the March workshop');
    expect(mail.raw).toMatch(/Content-Type: application\/pdf/i);
    expect(await admin.call('GET', `/invoices/${draft.id}`)).toMatchObject({ state: 'open', amount: 1200 });
    expect(await page.getByRole('button', { name: 'Send again' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Send reminder' }).isVisible()).toBe(true);

    // A draft can be deleted, and its lines go with it.
    const other = await admin.call('POST', '/invoices', {
      client_id: client.id,
      line_items: [{ description: 'Not needed', quantity: 1, unit_price: 10 }],
    });
    await page.goto(`/invoices/${other.id}`);
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    await page.waitForURL(/\/invoices$/);
    expect((await http(keito.server, 'GET', `/v1/invoices/${other.id}`)).status).not.toBe(200);
    await context.close();
  });

  it('lists invoices with state chips, an overdue badge, totals and the aging by client', async () => {
    // Issued in January on 30-day terms and opened: overdue today.
    const late = await admin.call('POST', '/invoices', {
      client_id: client.id,
      issue_date: '2026-01-05',
      payment_term: 'net_30',
      line_items: [{ description: 'Audit', quantity: 2, unit_price: 250 }],
    });
    const opened = await admin.call('POST', `/invoices/${late.id}/mark-sent`);
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.goto('/invoices');
    const table = page.getByRole('table', { name: 'Invoices' });
    await expect.poll(() => table.getByRole('row').count()).toBe(5);
    expect(await table.getByText(/^Overdue \d+ days$/).count()).toBe(1);
    // £924.75 paid, £1,200.00 sent and not yet due, £500.00 overdue.
    expect(await page.getByTestId('invoiced-GBP').textContent()).toBe('£2,624.75');
    expect(await page.getByTestId('due-GBP').textContent()).toBe('£1,700.00');
    // Never added across currencies: the yen draft has a line of its own.
    expect(await page.getByTestId('invoiced-JPY').textContent()).toBe('¥1,652');
    const aging = page.getByRole('table', { name: 'Outstanding by client' });
    expect(await aging.getByRole('row', { name: /Acme Corp/ }).textContent()).toContain('£1,700.00');
    expect(await page.getByTestId('aging-total').textContent()).toBe('£1,700.00');
    expect(await page.getByTestId('aging-days_over_90').textContent()).toBe('£500.00');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'invoices');

    await page.locator('label', { hasText: /^Paid$/ }).click();
    await expect.poll(() => table.getByRole('row').count()).toBe(2);
    await page.locator('label', { hasText: /^Overdue$/ }).click();
    await expect.poll(() => table.getByRole('row').count()).toBe(2);
    expect(await table.getByRole('link').textContent()).toBe(opened.number);
    await page.locator('label', { hasText: /^Draft$/ }).click();
    await expect.poll(() => table.getByRole('row').count()).toBe(2);
    expect(await table.textContent()).toContain('Tanaka KK');
    await page.locator('label', { hasText: /^Closed$/ }).click();
    await expect.poll(() => page.getByText('No invoices match these filters.').isVisible()).toBe(true);

    // Written off: closed, it leaves the receivables; reopened, it is back.
    await page.goto(`/invoices/${late.id}`);
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Reopen' }).isVisible()).toBe(true);
    expect((await admin.call('GET', '/invoices/aging')).totals[0].total).toBe(1200);
    await page.getByRole('button', { name: 'Reopen' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Send reminder' }).isVisible()).toBe(true);
    expect(await admin.call('GET', `/invoices/${late.id}`)).toMatchObject({ state: 'open', due_amount: 500 });
    await context.close();
  });

  it('saves the invoice settings', async () => {
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.goto('/settings/invoices');
    await page.getByLabel('Number pattern').fill('AC-{YY}{MM}-{###}');
    await page.getByLabel('Next number').fill('42');
    // The example is the server's own numbering of today, in the workspace's zone (Europe/London).
    const [year = '', month = ''] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' })
      .format(new Date())
      .split('-');
    await expect
      .poll(() => page.getByTestId('number-example').textContent())
      .toBe(`The next invoice sent today gets the number AC-${year.slice(2)}${month}-042.`);
    await page.getByLabel('Tax label', { exact: true }).fill('VAT');
    await page.getByLabel('Tax rate (%)', { exact: true }).fill('20');
    await page.getByLabel('Invoice sent subject').fill('Invoice {number} from {company}, due {due_date}');
    const categories = page.getByRole('combobox', { name: 'Item categories' });
    await categories.fill('Licence');
    await categories.press('Enter');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'invoice-settings');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Saved.');

    // The logo goes up as the file's bytes and shows at once.
    await page.locator('input[type="file"]').setInputFiles({
      name: 'logo.png',
      mimeType: 'image/png',
      buffer: Buffer.from(PNG_BASE64, 'base64'),
    });
    await expect.poll(() => page.getByRole('img', { name: 'Invoice logo' }).isVisible()).toBe(true);
    expect(
      await page
        .getByRole('img', { name: 'Invoice logo' })
        .evaluate((img: HTMLImageElement) => img.naturalWidth),
    ).toBe(1);
    expect((await admin.call('GET', '/invoice-settings')).logo_url).toBe('/v1/invoice-settings/logo');
    expect(await admin.call('GET', '/invoice-settings')).toMatchObject({
      number_pattern: 'AC-{YY}{MM}-{###}',
      next_number: 42,
      tax_label: 'VAT',
      tax: 20,
      item_categories: ['Service', 'Product', 'Expense', 'Licence'],
      templates: { send: { subject: 'Invoice {number} from {company}, due {due_date}' } },
    });
    await context.close();
  });

  it('shows members no Invoices', async () => {
    // Mary accepts the invitation she was mailed, and signs in.
    await admin.call('POST', '/invitations', {
      invitations: [{ name: 'Mary Member', email: 'mary@northwind.test' }],
    });
    const token = invitationLink(await mailbox.waitFor('mary@northwind.test'))
      .split('/')
      .pop();
    await http(keito.server, 'POST', `/v1/auth/invitations/${token}/accept`, {
      body: { password: 'correct horse battery' },
    });
    const { page, context } = await keito.browser.newPage();
    await signIn(page, 'mary@northwind.test', 'correct horse battery');
    await expect.poll(() => nav(page).getByRole('link', { name: 'Projects' }).isVisible()).toBe(true);
    expect(await nav(page).getByRole('link', { name: 'Invoices' }).count()).toBe(0);
    await context.close();
  });

  it('hides Invoices while the Invoicing feature is off', async () => {
    await admin.call('PATCH', '/workspace', {
      features: { expenses: true, invoicing: false, approvals: false },
    });
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await expect.poll(() => nav(page).getByRole('link', { name: 'Projects' }).isVisible()).toBe(true);
    expect(await nav(page).getByRole('link', { name: 'Invoices' }).count()).toBe(0);
    await admin.call('PATCH', '/workspace', {
      features: { expenses: true, invoicing: true, approvals: false },
    });
    await context.close();
  });
});
