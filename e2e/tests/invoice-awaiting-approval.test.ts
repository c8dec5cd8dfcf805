import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { screenshot } from '../support/browser.ts';
import { useKeito } from '../support/keito.ts';
import { type SignedInAdmin, setUpWorkspace, signIn } from '../support/workspace.ts';

// New invoice while Approvals is on (its default): work that is not approved yet is shown as such,
// and an import that would pull nothing is not offered (docs/decisions/0067-empty-imports.md).
const keito = useKeito();
let admin: SignedInAdmin;
let client: { id: string };
let project: { id: string };
let sheet: { id: string };

beforeAll(async () => {
  admin = await setUpWorkspace(keito.server);
  await admin.call('PATCH', '/workspace', { features: { expenses: true, invoicing: true, approvals: true } });
  const me = await admin.call('GET', '/users/me');
  client = await admin.call('POST', '/clients', { name: 'Acme Corp' });
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
  // A submitted week of 1.33 h + 2 h, and an expense of the next week not submitted yet.
  for (const [date, hours] of [
    ['2026-11-02', 1.33],
    ['2026-11-03', 2],
  ] as const) {
    await admin.call('POST', '/time-entries', { project_id: project.id, spent_date: date, hours });
  }
  sheet = await admin.call('POST', '/timesheets/submit', { from: '2026-11-02', to: '2026-11-08' });
  await admin.call('POST', '/expenses', {
    project_id: project.id,
    expense_category_id: 'cat_meals',
    spent_date: '2026-11-10',
    total_cost: 20,
  });
});

async function openNewInvoice(page: Page) {
  await page.goto('/invoices/new');
  await page.getByRole('heading', { name: 'New invoice' }).waitFor();
  await page.getByRole('combobox', { name: 'Client' }).click();
  await page.getByRole('option', { name: 'Acme Corp', exact: true }).click();
}

describe('New invoice with work awaiting approval', () => {
  it('shows what awaits approval, offers no empty import, and shows the refusal if it comes anyway', async () => {
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await openNewInvoice(page);

    // The project is listed though nothing of it is importable yet, with what waits.
    const preview = page.getByRole('table', { name: 'Uninvoiced work' });
    await expect.poll(() => page.getByTestId('awaiting-approval').textContent()).toBe('3.33 h, £20.00');
    expect(await preview.getByRole('checkbox', { name: '[WEB] Website Redesign' }).isChecked()).toBe(true);
    expect(await page.getByTestId('preview-hours').textContent()).toBe('0.00');
    const hint = page.getByTestId('awaiting-hint');
    expect(await hint.textContent()).toContain(
      '3.33 h and £20.00 of expenses await approval — approve them on the Approval page.',
    );
    expect(await hint.textContent()).toContain('1 of them is not submitted yet');
    const create = page.getByRole('button', { name: 'Create draft from this work' });
    expect(await create.isDisabled()).toBe(true);
    expect(await create.getAttribute('aria-describedby')).toBe('import-blocker');
    expect(await page.locator('#import-blocker').textContent()).toBe(
      'Nothing to import yet: the selected work awaits approval.',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'invoice-new-awaiting-approval');

    // Without expenses, only the time waits.
    await page.getByRole('checkbox', { name: 'Include expenses' }).uncheck();
    await expect.poll(() => hint.textContent()).toContain('3.33 h await approval');
    expect(await hint.textContent()).not.toContain('not submitted');

    // The link goes to Approval from the keyboard.
    await hint.getByRole('link', { name: 'Approval page' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/time\/approval$/);

    // Approved, the time is importable; if another invoice takes it before the click, the server's
    // refusal is shown and no draft is made.
    await admin.call('POST', `/timesheets/${sheet.id}/approve`);
    await openNewInvoice(page);
    await expect.poll(() => page.getByTestId('preview-hours').textContent()).toBe('3.33');
    expect(await page.getByTestId('awaiting-approval').textContent()).toBe('£20.00');
    expect(await create.isEnabled()).toBe(true);
    const taken = await admin.call('POST', '/invoices', {
      client_id: client.id,
      line_items_import: { project_ids: [project.id], time: { summary_type: 'project' } },
    });
    await create.click();
    const alert = page.getByRole('alert').filter({ hasText: 'Nothing to invoice' });
    await expect
      .poll(() => alert.textContent())
      .toBe('Nothing to invoice for Acme Corp: 1 expense (£20.00) awaits approval, not submitted yet');
    expect(new URL(page.url()).pathname).toBe('/invoices/new');
    const invoices = await admin.call('GET', '/invoices');
    expect(invoices.data.map((invoice: { id: string }) => invoice.id)).toEqual([taken.id]);
    await context.close();
  });
});
