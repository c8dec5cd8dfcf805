import { describe, expect, it } from 'vitest';
import { hashPassword } from '../src/domains/auth/password.ts';
import { addUser, browserOn, newWorkspace, startTestServer } from './harness.ts';

const server = await startTestServer();
const acme = await newWorkspace(server, 'Acme');
const other = await newWorkspace(server, 'Other');

interface AuditEvent {
  action: string;
  actor_user_id: string | null;
  actor_api_key_id: string | null;
  target_id: string | null;
  ip_address: string | null;
  user_agent: string | null;
  details: Record<string, unknown>;
}

const events = async (query = '') =>
  (await acme.admin.ok<{ data: AuditEvent[] }>('GET', `/v1/audit-events${query}`)).data;

describe('the audit log', () => {
  it('records role and permission changes, archiving and restoring, with who and from where', async () => {
    const bo = await addUser(server, acme, { name: 'Bo', role: 'member' });
    await acme.admin.ok('PATCH', `/v1/users/${bo.id}`, { role: 'manager' });
    await acme.admin.ok('PATCH', `/v1/users/${bo.id}`, { manager_permissions: { send_invoices: true } });
    await acme.admin.ok('PATCH', `/v1/users/${bo.id}`, { is_active: false });
    await acme.admin.ok('PATCH', `/v1/users/${bo.id}`, { is_active: true });
    // A change that is not a security event leaves no trace.
    await acme.admin.ok('PATCH', `/v1/users/${bo.id}`, { name: 'Bo Renamed' });

    const about = await events(`?user_id=${bo.id}`);
    expect(about.map((event) => event.action)).toEqual([
      'user.restored',
      'user.archived',
      'user.permissions_changed',
      'user.role_changed',
    ]);
    expect(about.at(-1)).toMatchObject({
      actor_user_id: acme.adminId,
      actor_api_key_id: expect.stringMatching(/^key_/),
      target_id: bo.id,
      ip_address: '127.0.0.1',
      details: { from: 'member', to: 'manager' },
    });
    expect(about[2]?.details.to).toMatchObject({ send_invoices: true });
  });

  it('records API keys created and revoked', async () => {
    const created = await acme.admin.ok('POST', '/v1/api-keys', { name: 'deploy bot' });
    expect((await acme.admin.request('DELETE', `/v1/api-keys/${created.id}`)).status).toBe(204);
    const [revoked, issued] = await events();
    expect(issued).toMatchObject({
      action: 'api_key.created',
      target_id: created.id,
      details: { name: 'deploy bot' },
    });
    expect(revoked).toMatchObject({
      action: 'api_key.revoked',
      target_id: created.id,
      actor_user_id: acme.adminId,
    });
  });

  it('records sign-ins and failed sign-ins with the browser, and password changes', async () => {
    const cy = await addUser(server, acme, { name: 'Cy', role: 'member', email: 'cy@acme.test' });
    const passwordHash = await hashPassword('cy password 1');
    await server.pool.query("UPDATE users SET password_hash = $1, status = 'active' WHERE id = $2", [
      passwordHash,
      cy.id,
    ]);
    const browser = browserOn(server.baseUrl);
    const signIn = (password: string) =>
      browser.request(
        'POST',
        '/v1/auth/sign-in',
        { email: 'cy@acme.test', password },
        { 'user-agent': 'Test Browser 1.0' },
      );
    expect((await signIn('wrong')).status).toBe(401);
    expect((await signIn('cy password 1')).status).toBe(200);
    expect(
      (
        await browser.request('POST', '/v1/auth/password', {
          current_password: 'cy password 1',
          new_password: 'cy password 2',
        })
      ).status,
    ).toBe(204);

    const [changed, succeeded, failed] = await events(`?user_id=${cy.id}`);
    expect(failed).toMatchObject({
      action: 'sign_in.failed',
      target_id: cy.id,
      user_agent: 'Test Browser 1.0',
    });
    expect(succeeded).toMatchObject({
      action: 'sign_in.succeeded',
      target_id: cy.id,
      ip_address: '127.0.0.1',
    });
    expect(changed).toMatchObject({
      action: 'password.changed',
      actor_user_id: cy.id,
      actor_api_key_id: null,
    });
    expect((await events('?action=sign_in.failed')).map((event) => event.target_id)).toEqual([cy.id]);
  });

  it('is for administrators only, and only of their own workspace', async () => {
    const manager = await addUser(server, acme, { name: 'Di', role: 'manager' });
    const member = await addUser(server, acme, { name: 'Ed', role: 'member' });
    expect((await manager.api.get('/v1/audit-events')).status).toBe(403);
    expect((await member.api.get('/v1/audit-events')).status).toBe(403);
    const theirs = await other.admin.ok<{ data: AuditEvent[] }>('GET', '/v1/audit-events');
    expect(theirs.data).toEqual([]);
  });
});
