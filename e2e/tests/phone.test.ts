import { beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser.ts';
import { useKeito } from '../support/keito.ts';
import { type SignedInAdmin, setUpWorkspace, signIn } from '../support/workspace.ts';

const keito = useKeito();
let admin: SignedInAdmin;
let projectId: string;
let clientId: string;
let invoiceId: string;

beforeAll(async () => {
  admin = await setUpWorkspace(keito.server);
  const client = await admin.call('POST', '/clients', {
    name: 'Acme Corp',
    address: '1 High Street, London',
  });
  clientId = client.id;
  const project = await admin.call('POST', '/projects', { name: 'Website Redesign', client_id: client.id });
  projectId = project.id;
  await admin.call('POST', '/tasks', { name: 'Development', is_default: true });
  await admin.call('POST', '/users', { name: 'review-bot', user_type: 'agent' });
  const invoice = await admin.call('POST', '/invoices', {
    client_id: client.id,
    line_items: [{ description: 'Discovery workshop, two days on site', quantity: 2, unit_price: 1250 }],
  });
  invoiceId = invoice.id;
});

/** Every main screen on a phone: its heading shows and nothing scrolls sideways. */
const screens = [
  { path: () => '/projects', heading: 'Projects', shot: 'projects-phone' },
  { path: () => `/projects/${projectId}`, heading: 'Website Redesign', shot: 'project-detail-phone' },
  { path: () => '/clients', heading: 'Clients', shot: 'clients-phone' },
  { path: () => `/clients/${clientId}`, heading: 'Acme Corp', shot: 'client-detail-phone' },
  { path: () => '/tasks', heading: 'Tasks', shot: 'tasks-phone' },
  { path: () => '/expenses', heading: 'Expenses', shot: 'expenses-phone' },
  { path: () => '/expense-categories', heading: 'Expense categories', shot: 'expense-categories-phone' },
  { path: () => '/invoices', heading: 'Invoices', shot: 'invoices-phone' },
  { path: () => '/invoices/new', heading: 'New invoice', shot: 'invoice-new-phone' },
  { path: () => `/invoices/${invoiceId}`, heading: 'Draft', shot: 'invoice-phone' },
  { path: () => `/invoices/${invoiceId}/edit`, heading: 'Edit Draft', shot: 'invoice-edit-phone' },
  { path: () => '/settings/invoices', heading: 'Invoice settings', shot: 'invoice-settings-phone' },
  { path: () => '/settings/api-keys', heading: 'API keys', shot: 'api-keys-phone' },
  { path: () => '/settings/workspace', heading: 'Workspace', shot: 'workspace-phone' },
  { path: () => '/profile', heading: 'Profile', shot: 'profile-phone' },
];

describe('on a phone-sized screen', () => {
  it.each(screens)('$shot fits the width', async (screen) => {
    const { page, context } = await keito.browser.newPage({ phone: true });
    await signIn(page, admin.email, admin.password);
    await page.goto(screen.path());
    await expect
      .poll(() => page.getByRole('heading', { name: screen.heading, exact: true }).first().isVisible())
      .toBe(true);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, screen.shot);
    await context.close();
  });
});
