import { beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { screenshot } from '../support/browser.ts';
import { useKeito } from '../support/keito.ts';
import { type SignedInAdmin, setUpWorkspace, signIn } from '../support/workspace.ts';

const keito = useKeito();
let admin: SignedInAdmin;

/** A 1x1 PNG: the receipt dropped on the form. */
const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

beforeAll(async () => {
  admin = await setUpWorkspace(keito.server);
  const client = await admin.call('POST', '/clients', { name: 'Acme Corp' });
  await admin.call('POST', '/projects', { name: 'Website Redesign', client_id: client.id });
});

const expensesOf = async () => (await admin.call('GET', '/expenses?limit=200')).data;

async function chooseOption(page: import('playwright-core').Page, label: string, option: string) {
  await page.getByRole('dialog').getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).click();
}

describe('Expenses', () => {
  it('logs an expense with a receipt dropped on the form, lists it with the receipt, and opens it', async () => {
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.getByRole('link', { name: 'Expenses', exact: true }).click();
    await page.getByRole('button', { name: 'New expense' }).click();
    const dialog = page.getByRole('dialog', { name: 'New expense' });
    await chooseOption(page, 'Project', 'Website Redesign');
    await chooseOption(page, 'Category', 'Transportation');
    await dialog.getByLabel('Amount (GBP)').fill('1234.5');
    await dialog.getByLabel('Notes').fill('Taxi to the client');

    // Drag and drop, as from the desktop: a drop event carrying the file.
    await page.evaluate(async (base64) => {
      const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'taxi.png', { type: 'image/png' }));
      const target = document.querySelector('[data-testid="receipt-drop"]');
      target?.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true }));
      target?.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true }));
    }, PNG_BASE64);
    await expect.poll(() => dialog.getByRole('img', { name: 'Receipt preview' }).isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'expense-form');
    await dialog.getByRole('button', { name: 'Save expense' }).click();

    const receiptLink = page.getByRole('link', { name: 'Open receipt taxi.png' });
    await expect.poll(() => receiptLink.isVisible()).toBe(true);
    // The workspace's separators and GBP's two decimals.
    await expect.poll(() => page.getByTestId('total').textContent()).toBe('£1,234.50');
    const [expense] = await expensesOf();
    expect(expense).toMatchObject({ total_cost: 1234.5, notes: 'Taxi to the client', source: 'web' });
    expect(expense.receipt).toMatchObject({ file_name: 'taxi.png', content_type: 'image/png' });

    const [popup] = await Promise.all([context.waitForEvent('page'), receiptLink.click()]);
    await popup.waitForLoadState();
    expect(popup.url()).toContain(`/v1/expenses/${expense.id}/receipt`);
    expect(await popup.evaluate(() => document.contentType)).toBe('image/png');
    await popup.close();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'expenses');
    await context.close();
  });

  it('logs a unit-based expense whose total follows the quantity as it is typed', async () => {
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.goto('/expenses');
    await page.getByRole('button', { name: 'New expense' }).click();
    const dialog = page.getByRole('dialog', { name: 'New expense' });
    await chooseOption(page, 'Project', 'Website Redesign');
    await chooseOption(page, 'Category', 'Mileage');
    const quantity = dialog.getByLabel('Quantity (miles)');
    const total = dialog.getByTestId('unit-total');
    await quantity.pressSequentially('1');
    await expect.poll(() => total.textContent()).toBe('£0.67 × 1 miles = £0.67');
    await quantity.pressSequentially('2');
    await expect.poll(() => total.textContent()).toBe('£0.67 × 12 miles = £8.04');
    await quantity.pressSequentially('5');
    await expect.poll(() => total.textContent()).toBe('£0.67 × 125 miles = £83.75');
    await screenshot(page, 'expense-unit-based');
    await dialog.getByRole('button', { name: 'Save expense' }).click();
    await expect.poll(async () => (await expensesOf()).length).toBe(2);
    const mileage = (await expensesOf()).find(
      (e: { expense_category_id: string }) => e.expense_category_id === 'cat_mileage',
    );
    expect(mileage).toMatchObject({ units: 125, unit_price: 0.67, total_cost: 83.75 });
    await context.close();
  });

  it('shows an agent’s LLM usage with its model, tokens and unit price', async () => {
    const project = (await admin.call('GET', '/projects')).data[0];
    await admin.call('POST', '/expenses', {
      project_id: project.id,
      expense_category_id: 'cat_llm_usage',
      spent_date: new Date().toISOString().slice(0, 10),
      units: 45,
      source: 'agent',
      metadata: { model: 'claude-opus-4-6' },
    });
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.goto('/expenses?view=month');
    await expect
      .poll(() => page.getByText('claude-opus-4-6 · 45 1k tokens · at £0.003').isVisible())
      .toBe(true);
    expect(await page.getByText('Agent', { exact: true }).count()).toBeGreaterThan(0);
    await context.close();
  });
});

describe('Editing expenses', () => {
  it('edits an expense, deletes one after confirming, and shows why a locked one cannot change', async () => {
    const project = (await admin.call('GET', '/projects')).data[0];
    const base = { project_id: project.id, expense_category_id: 'cat_lodging', spent_date: '2026-01-12' };
    const hotel = await admin.call('POST', '/expenses', { ...base, total_cost: 180, notes: 'Hotel' });
    await admin.call('POST', '/expenses', { ...base, total_cost: 42, notes: 'Dinner' });
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.goto('/expenses?date=2026-01-12&view=day');

    await page.getByRole('button', { name: 'Edit Lodging £180.00' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit expense' });
    await dialog.getByLabel('Amount (GBP)').fill('195.5');
    await dialog.getByRole('button', { name: 'Save expense' }).click();
    await expect.poll(async () => (await admin.call('GET', `/expenses/${hotel.id}`)).total_cost).toBe(195.5);

    await page.getByRole('button', { name: 'Edit Lodging £42.00' }).click();
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await dialog.getByRole('button', { name: 'Yes, delete' }).click();
    await expect.poll(() => page.getByText('Dinner').count()).toBe(0);
    expect((await admin.call('GET', '/expenses?from=2026-01-12&to=2026-01-12')).data).toHaveLength(1);

    // Submitted for approval, the expense is closed to its owner (administrators may still change
    // entries of the lock period, so the submission is what locks it here).
    const submitted = await admin.call('POST', '/timesheets/submit', {
      from: '2026-01-12',
      to: '2026-01-12',
    });
    await page.reload();
    await page.getByRole('button', { name: 'View Lodging £195.50' }).click();
    const locked = page.getByRole('dialog', { name: 'Edit expense' });
    await expect.poll(() => locked.getByText('This expense is locked').isVisible()).toBe(true);
    expect(await locked.getByText('It is submitted for approval, so it cannot be changed.').isVisible()).toBe(
      true,
    );
    expect(await locked.getByRole('button', { name: 'Save expense' }).count()).toBe(0);
    expect(await locked.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'expense-locked');
    await admin.call('POST', `/timesheets/${submitted.id}/reject`, { reason: 'Back to editable' });
    await context.close();
  });
});

describe('Manage → Expense categories', () => {
  it('creates a unit-based category, marks the built-in ones, archives and restores', async () => {
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.getByRole('link', { name: 'Expense categories' }).click();
    await expect
      .poll(() =>
        page
          .getByRole('cell', { name: /LLM Usage/ })
          .first()
          .isVisible(),
      )
      .toBe(true);
    expect(await page.getByText('Built-in').count()).toBeGreaterThan(0);
    expect(await page.getByRole('cell', { name: '£0.003 per 1k tokens' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'New category' }).click();
    const dialog = page.getByRole('dialog', { name: 'New category' });
    await dialog.getByLabel('Category name').fill('Per diem');
    await dialog.getByText('Unit-based').click();
    await dialog.getByLabel('Unit name').fill('day');
    await dialog.getByLabel('Unit price (GBP)').fill('45');
    await dialog.getByRole('button', { name: 'Save category' }).click();
    await expect.poll(() => page.getByRole('cell', { name: '£45.00 per day' }).isVisible()).toBe(true);
    const categories = (await admin.call('GET', '/expense-categories')).data;
    expect(categories.find((c: { name: string }) => c.name === 'Per diem')).toMatchObject({
      is_unit_based: true,
      unit_name: 'day',
      unit_price: 45,
    });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'expense-categories');

    await page.getByRole('button', { name: 'Archive Per diem' }).click();
    await expect.poll(() => page.getByRole('cell', { name: 'Per diem' }).count()).toBe(0);
    await page.locator('label', { hasText: /^Archived$/ }).click();
    await page.getByRole('button', { name: 'Restore Per diem' }).click();
    await expect.poll(() => page.getByText('No archived categories.').isVisible()).toBe(true);
    await context.close();
  });

  it('leaves Expenses out of the navigation when the workspace turned them off', async () => {
    await admin.call('PATCH', '/workspace', {
      features: { expenses: false, invoicing: true, approvals: true },
    });
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await expect.poll(() => page.getByRole('link', { name: 'Time', exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Expenses', exact: true }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Expense categories' }).count()).toBe(0);
    await admin.call('PATCH', '/workspace', {
      features: { expenses: true, invoicing: true, approvals: true },
    });
    await context.close();
  });
});
