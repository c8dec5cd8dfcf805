import { beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { screenshot } from '../support/browser.ts';
import { useKeito } from '../support/keito.ts';
import { type SignedInAdmin, setUpWorkspace, signIn } from '../support/workspace.ts';

const keito = useKeito();
let admin: SignedInAdmin;

beforeAll(async () => {
  admin = await setUpWorkspace(keito.server);
});

describe('Manage → Clients', () => {
  it('creates a client with address, phone and currency, edits it and manages its contacts', async () => {
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.getByRole('link', { name: 'Clients' }).click();
    await page.getByRole('button', { name: 'New client' }).click();
    const dialog = page.getByRole('dialog', { name: 'New client' });
    await dialog.getByLabel('Client name').fill('Acme Corp');
    await dialog.getByLabel('Address').fill('1 Market Street\nLondon');
    await dialog.getByLabel('Phone').fill('+44 20 7946 0000');
    await dialog.getByRole('combobox', { name: 'Currency' }).fill('EUR');
    await page.getByRole('option', { name: 'EUR', exact: true }).click();
    await dialog.getByRole('button', { name: 'Create client' }).click();
    await page.waitForURL(/\/clients\/cli_/);
    await expect.poll(() => page.getByRole('heading', { name: 'Acme Corp' }).isVisible()).toBe(true);

    const [client] = (await admin.call('GET', '/clients')).data;
    expect(client).toMatchObject({
      name: 'Acme Corp',
      address: '1 Market Street\nLondon',
      phone: '+44 20 7946 0000',
      currency: 'EUR',
    });

    await page.getByLabel('Client name').fill('Acme Corporation');
    await page.getByRole('button', { name: 'Save client' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Acme Corporation' }).isVisible()).toBe(true);

    await page.getByRole('button', { name: 'Add contact' }).click();
    const contactDialog = page.getByRole('dialog', { name: 'New contact' });
    await contactDialog.getByLabel('First name').fill('Grace');
    await contactDialog.getByLabel('Last name').fill('Hopper');
    await contactDialog.getByLabel('Title').fill('CTO');
    await contactDialog.getByLabel('Email').fill('grace@acme.test');
    await contactDialog.getByLabel('Office phone').fill('020 1234');
    await contactDialog.getByLabel('Mobile phone').fill('07700 900000');
    await contactDialog.getByRole('button', { name: 'Save contact' }).click();
    await expect
      .poll(() => page.getByRole('cell', { name: 'Grace Hopper', exact: true }).isVisible())
      .toBe(true);

    await page.getByRole('button', { name: 'Edit Grace Hopper' }).click();
    await page.getByRole('dialog', { name: 'Edit contact' }).getByLabel('Title').fill('CEO');
    await page.getByRole('button', { name: 'Save contact' }).click();
    await expect.poll(() => page.getByRole('cell', { name: 'CEO', exact: true }).isVisible()).toBe(true);
    const contacts = (await admin.call('GET', `/clients/${client.id}/contacts`)).data;
    expect(contacts).toEqual([
      expect.objectContaining({
        first_name: 'Grace',
        last_name: 'Hopper',
        title: 'CEO',
        email: 'grace@acme.test',
        phone_office: '020 1234',
        phone_mobile: '07700 900000',
      }),
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'client-detail');

    page.once('dialog', (confirm) => void confirm.accept());
    await page.getByRole('button', { name: 'Remove Grace Hopper' }).click();
    await expect.poll(() => page.getByText('No contacts yet.').isVisible()).toBe(true);
    expect((await admin.call('GET', `/clients/${client.id}/contacts`)).data).toEqual([]);
    await context.close();
  });

  it('archives and restores a client, and refuses to delete one with projects', async () => {
    const client = await admin.call('POST', '/clients', { name: 'Globex' });
    await admin.call('POST', '/clients', { name: 'Umbrella' });
    await admin.call('POST', '/projects', { name: 'Globex site', client_id: client.id });
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.goto(`/clients/${client.id}`);

    page.once('dialog', (confirm) => void confirm.accept());
    await page.getByRole('button', { name: 'Delete client' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('This client has projects; archive it instead of deleting it');

    await page.getByRole('button', { name: 'Archive client' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Restore client' }).isVisible()).toBe(true);
    expect((await admin.call('GET', `/clients/${client.id}`)).is_active).toBe(false);

    await page.getByRole('link', { name: 'All clients' }).click();
    await page.waitForURL(/\/clients$/);
    await expect.poll(() => page.getByRole('link', { name: 'Umbrella' }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Globex' }).count()).toBe(0);
    await page.locator('label', { hasText: /^Archived$/ }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Globex' }).isVisible()).toBe(true);
    await screenshot(page, 'clients-archived');
    await page.getByRole('link', { name: 'Globex' }).click();
    await page.getByRole('button', { name: 'Restore client' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Archive client' }).isVisible()).toBe(true);
    expect((await admin.call('GET', `/clients/${client.id}`)).is_active).toBe(true);

    const empty = await admin.call('POST', '/clients', { name: 'Initech' });
    await page.goto(`/clients/${empty.id}`);
    page.once('dialog', (confirm) => void confirm.accept());
    await page.getByRole('button', { name: 'Delete client' }).click();
    await page.waitForURL(/\/clients$/);
    await expect.poll(() => page.getByRole('link', { name: 'Globex' }).isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'clients');
    await expect.poll(() => page.getByRole('link', { name: 'Initech' }).count()).toBe(0);
    await context.close();
  });
});
