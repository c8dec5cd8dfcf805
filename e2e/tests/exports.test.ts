import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { screenshot } from '../support/browser.ts';
import { useKeito } from '../support/keito.ts';
import { type SignedInAdmin, setUpWorkspace, signIn } from '../support/workspace.ts';

const keito = useKeito();
let admin: SignedInAdmin;
let projectId: string;
let clientId: string;

/** Today in the workspace's zone (Europe/London), the day the Time page opens on. */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

beforeAll(async () => {
  admin = await setUpWorkspace(keito.server);
  const client = await admin.call('POST', '/clients', { name: 'Acme Corp' });
  clientId = client.id;
  projectId = (
    await admin.call('POST', '/projects', {
      name: 'Website Redesign',
      client_id: client.id,
      hourly_rate: 120,
    })
  ).id;
  for (const [hours, notes] of [
    [1.5, 'Homepage layout'],
    [0.25, '=HYPERLINK("http://evil.test")'],
  ] as const) {
    await admin.call('POST', '/time-entries', { project_id: projectId, spent_date: today(), hours, notes });
  }
});

describe('Export', () => {
  it('downloads the Time page’s entries as CSV, with the page’s filters, and formulas neutralised', async () => {
    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await expect.poll(() => page.getByText('Homepage layout').isVisible()).toBe(true);

    const csvLink = page.getByRole('link', { name: 'Export CSV' });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'time-export');
    const [download] = await Promise.all([page.waitForEvent('download'), csvLink.click()]);
    expect(download.suggestedFilename()).toBe('time-entries.csv');
    const path = await download.path();
    const rows: Record<string, string>[] = parse(await readFile(path, 'utf8'), { bom: true, columns: true });

    const listed = (await admin.call('GET', `/time-entries?from=${today()}&to=${today()}`)).data;
    expect(rows.map((row) => row['Entry ID'])).toEqual(listed.map((entry: { id: string }) => entry.id));
    expect(
      rows.map((row) => [row.Client, row.Project, row.Notes, row.Hours, row['Billable Amount']]),
    ).toEqual([
      ['Acme Corp', 'Website Redesign', `'=HYPERLINK("http://evil.test")`, '0.25', '30.00'],
      ['Acme Corp', 'Website Redesign', 'Homepage layout', '1.5', '180.00'],
    ]);
    await context.close();
  });

  it('downloads the Invoices page’s invoices as CSV, with the page’s filters and the API’s figures', async () => {
    const open = await admin.call('POST', '/invoices', {
      client_id: clientId,
      subject: '@Quarterly retainer',
      line_items: [{ description: 'Retainer', quantity: 1, unit_price: 1234.5 }],
    });
    await admin.call('POST', `/invoices/${open.id}/mark-sent`);
    await admin.call('POST', `/invoices/${open.id}/payments`, { amount: 200 });
    await admin.call('POST', '/invoices', {
      client_id: clientId,
      line_items: [{ description: 'Draft', quantity: 1, unit_price: 10 }],
    });

    const { page, context } = await keito.browser.newPage();
    await signIn(page, admin.email, admin.password);
    await page.goto('/invoices');
    await page.getByRole('radiogroup', { name: 'State' }).getByText('Open', { exact: true }).click();
    const csvLink = page.getByRole('link', { name: 'Export CSV' });
    await expect.poll(() => csvLink.getAttribute('href')).toBe('/v1/exports/invoices.csv?state=open');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'invoices-export');
    const [download] = await Promise.all([page.waitForEvent('download'), csvLink.click()]);
    expect(download.suggestedFilename()).toBe('invoices.csv');
    const rows: Record<string, string>[] = parse(await readFile(await download.path(), 'utf8'), {
      bom: true,
      columns: true,
    });

    const listed = (await admin.call('GET', '/invoices?state=open')).data;
    expect(rows.map((row) => row['Invoice ID'])).toEqual(listed.map((invoice: { id: string }) => invoice.id));
    expect(
      rows.map((row) => [row.Client, row.Subject, row.State, row['Total Amount'], row.Paid, row.Balance]),
    ).toEqual([['Acme Corp', `'@Quarterly retainer`, 'Open', '1234.50', '200.00', '1034.50']]);
    await context.close();
  });
});
