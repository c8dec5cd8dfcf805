import Big from 'big.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../src/lib/money.ts';
import { newWorkspace, startTestServer, type Workspace } from './harness.ts';

let workspace: Workspace;

beforeAll(async () => {
  workspace = await newWorkspace(await startTestServer(), 'Acme');
});

describe("the workspace's number formatting (settings/company-settings)", () => {
  it('starts with a period for decimals and a comma for thousands', async () => {
    const settings = await workspace.admin.ok('GET', '/v1/workspace');
    expect(settings).toMatchObject({ decimal_separator: '.', thousands_separator: ',' });
  });

  it('changes both separators, and money is formatted with what is stored', async () => {
    const updated = await workspace.admin.ok('PATCH', '/v1/workspace', {
      decimal_separator: ',',
      thousands_separator: ' ',
    });
    expect(updated).toMatchObject({ decimal_separator: ',', thousands_separator: ' ' });
    const stored = await workspace.admin.ok('GET', '/v1/workspace');
    const format = {
      decimalSeparator: stored.decimal_separator,
      thousandsSeparator: stored.thousands_separator,
    };
    expect(formatMoney(new Big('1234567.5'), 'EUR', format)).toBe('€1 234 567,50');
  });

  it('refuses the same character for both, naming the field that was sent, and keeps the old values', async () => {
    await workspace.admin.ok('PATCH', '/v1/workspace', { decimal_separator: ',', thousands_separator: '.' });
    const clash = await workspace.admin.patch('/v1/workspace', { thousands_separator: ',' });
    expect(clash.status).toBe(422);
    expect(clash.body.error).toMatchObject({ code: 'unprocessable', field: 'thousands_separator' });
    const other = await workspace.admin.patch('/v1/workspace', { decimal_separator: '.' });
    expect(other.body.error).toMatchObject({ code: 'unprocessable', field: 'decimal_separator' });
    const unknown = await workspace.admin.patch('/v1/workspace', { thousands_separator: "'" });
    expect(unknown.status).toBe(400);
    expect(await workspace.admin.ok('GET', '/v1/workspace')).toMatchObject({
      decimal_separator: ',',
      thousands_separator: '.',
    });
  });
});
