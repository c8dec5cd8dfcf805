import { invitationLink, startMailbox, type TestMailbox } from '@keito/testkit/mailbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listJobs, type QueuedJob } from '../src/jobs/inspect.ts';
import { todayIn } from '../src/lib/workspace-clock.ts';
import {
  addUser,
  assign,
  newProject,
  newWorkspace,
  startTestServer,
  type TestServer,
  type Workspace,
} from './harness.ts';

let server: TestServer;
let mailbox: TestMailbox;
let acme: Workspace;

beforeAll(async () => {
  mailbox = await startMailbox();
  server = await startTestServer({ mail: { smtpUrl: mailbox.url, from: 'Keito <invites@keito.test>' } });
  acme = await newWorkspace(server, 'Acme');
});

afterAll(() => mailbox.close());

/** What a browser on the web app sends to the public routes, keeping the session cookie it is given. */
async function publicCall(base: string, method: string, path: string, body?: unknown, cookie?: string) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      'x-keito-client': 'web',
      ...(cookie ? { cookie } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text === '' ? null : JSON.parse(text),
    cookie: (response.headers.get('set-cookie') ?? '').split(';')[0] || undefined,
  };
}

/** Polls the queue until a job matches: the worker runs jobs after the request that queued them. */
async function waitForJob(on: TestServer, match: (job: QueuedJob) => boolean): Promise<QueuedJob[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const jobs = (await listJobs(on.db)).filter(match);
    if (jobs.length > 0) return jobs;
    if (Date.now() > deadline) throw new Error('no such job within 15 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const tokenOf = (link: string) => link.split('/invitations/')[1] ?? '';

const grace = {
  name: 'Grace Hopper',
  email: 'Grace@acme.test',
  role: 'manager',
  billable_rate: 150,
  cost_rate: 80,
  weekly_capacity: 30,
  employment_type: 'contractor',
};

describe('inviting by email', () => {
  it('emails each person a link that sets a password, signs them in and makes them active', async () => {
    const created = await acme.admin.ok('POST', '/v1/invitations', {
      invitations: [grace, { name: 'Alan Turing', email: 'alan@acme.test' }],
    });
    expect(created.data).toHaveLength(2);
    expect(created.data[0]).toMatchObject({
      name: 'Grace Hopper',
      role: 'manager',
      email_sent: true,
      accept_url: null,
      is_expired: false,
    });
    const days = (Date.parse(created.data[0].expires_at) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(13.9);
    const pending = await acme.admin.ok('GET', `/v1/users/${created.data[0].user_id}`);
    expect(pending).toMatchObject({
      status: 'pending',
      employment_type: 'contractor',
      billable_rate: 150,
      cost_rate: 80,
      weekly_capacity: 30,
    });

    const mail = await mailbox.waitFor('grace@acme.test');
    expect(mail.raw).toContain('From: Keito <invites@keito.test>');
    expect(mail.raw).toContain('Subject: Join Acme on Keito');
    const link = invitationLink(mail);
    expect(link.startsWith(`${server.baseUrl}/invitations/`)).toBe(true);
    await mailbox.waitFor('alan@acme.test');

    const shown = await publicCall(server.baseUrl, 'GET', `/v1/auth/invitations/${tokenOf(link)}`);
    expect(shown.body).toMatchObject({
      name: 'Grace Hopper',
      email: 'Grace@acme.test',
      role: 'manager',
      workspace_name: 'Acme',
    });

    const accepted = await publicCall(
      server.baseUrl,
      'POST',
      `/v1/auth/invitations/${tokenOf(link)}/accept`,
      {
        password: 'grace-secret-1',
      },
    );
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ authenticated: true, user_id: created.data[0].user_id });
    const me = await publicCall(server.baseUrl, 'GET', '/v1/users/me', undefined, accepted.cookie);
    expect(me.body).toMatchObject({ name: 'Grace Hopper', status: 'active' });

    const signedIn = await publicCall(server.baseUrl, 'POST', '/v1/auth/sign-in', {
      email: 'grace@acme.test',
      password: 'grace-secret-1',
    });
    expect(signedIn.status).toBe(200);

    const list = await acme.admin.ok('GET', '/v1/invitations');
    expect(list.data.map((item: { name: string }) => item.name)).toEqual(['Alan Turing']);
  });

  it("gives the link's last day in the invitee's time zone, else in the workspace's", async () => {
    // Kiritimati (UTC+14) and Pago Pago (UTC-11) are 25 hours apart: never on the same date, so
    // at least one of them would read a wrong day if the date were taken in UTC.
    const far = await newWorkspace(server, 'Faraway');
    await far.admin.ok('PATCH', '/v1/workspace', { timezone: 'Pacific/Pago_Pago' });
    const created = await far.admin.ok('POST', '/v1/invitations', {
      invitations: [
        { name: 'Kiri East', email: 'kiri@faraway.test', timezone: 'Pacific/Kiritimati' },
        { name: 'Pago West', email: 'pago@faraway.test' },
      ],
    });
    const lastDays = await Promise.all(
      [
        ['kiri@faraway.test', 'Pacific/Kiritimati'],
        ['pago@faraway.test', 'Pacific/Pago_Pago'],
      ].map(async ([email = '', zone = ''], index) => {
        const mail = await mailbox.waitFor(email);
        const text = mail.raw.replace(/=\r?\n/g, '');
        const lastDay = todayIn(zone, new Date(created.data[index].expires_at));
        expect(text).toContain(`The link works until ${lastDay}.`);
        return lastDay;
      }),
    );
    expect(lastDays[0]).not.toBe(lastDays[1]);
  });

  it('refuses a link that was already used', async () => {
    const [invitation] = (
      await acme.admin.ok('POST', '/v1/invitations', {
        invitations: [{ name: 'Used', email: 'used@acme.test' }],
      })
    ).data;
    const token = tokenOf(invitationLink(await mailbox.waitFor('used@acme.test')));
    const first = await publicCall(server.baseUrl, 'POST', `/v1/auth/invitations/${token}/accept`, {
      password: 'first-password',
    });
    expect(first.status).toBe(200);
    const again = await publicCall(server.baseUrl, 'POST', `/v1/auth/invitations/${token}/accept`, {
      password: 'second-password',
    });
    expect(again.status).toBe(404);
    expect((await publicCall(server.baseUrl, 'GET', `/v1/auth/invitations/${token}`)).status).toBe(404);
    // The first password stands.
    const signIn = await publicCall(server.baseUrl, 'POST', '/v1/auth/sign-in', {
      email: 'used@acme.test',
      password: 'second-password',
    });
    expect(signIn.status).toBe(401);
    expect(invitation.user_id).toBeTruthy();
  });

  it('refuses an expired link and leaves the person pending', async () => {
    const [invitation] = (
      await acme.admin.ok('POST', '/v1/invitations', {
        invitations: [{ name: 'Late', email: 'late@acme.test' }],
      })
    ).data;
    const token = tokenOf(invitationLink(await mailbox.waitFor('late@acme.test')));
    await server.pool.query(
      `UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE user_id = $1`,
      [invitation.user_id],
    );
    const accepted = await publicCall(server.baseUrl, 'POST', `/v1/auth/invitations/${token}/accept`, {
      password: 'too-late-now',
    });
    expect(accepted.status).toBe(422);
    expect(accepted.body.error.message).toMatch(/expired/);
    expect((await acme.admin.ok('GET', `/v1/users/${invitation.user_id}`)).status).toBe('pending');
    const listed = await acme.admin.ok('GET', '/v1/invitations');
    expect(listed.data.find((item: { id: string }) => item.id === invitation.id).is_expired).toBe(true);
  });

  it('resending replaces the link: the old one stops working, the new one works', async () => {
    const [invitation] = (
      await acme.admin.ok('POST', '/v1/invitations', {
        invitations: [{ name: 'Ada', email: 'ada@acme.test' }],
      })
    ).data;
    const oldToken = tokenOf(invitationLink(await mailbox.waitFor('ada@acme.test')));
    const resent = await acme.admin.ok('POST', `/v1/invitations/${invitation.id}/resend`);
    expect(resent).toMatchObject({ id: invitation.id, email_sent: true });
    const newToken = tokenOf(invitationLink(await mailbox.waitFor('ada@acme.test')));
    expect(newToken).not.toBe(oldToken);
    expect((await publicCall(server.baseUrl, 'GET', `/v1/auth/invitations/${oldToken}`)).status).toBe(404);
    const accepted = await publicCall(server.baseUrl, 'POST', `/v1/auth/invitations/${newToken}/accept`, {
      password: 'ada-lovelace-1',
    });
    expect(accepted.status).toBe(200);
  });

  it('resend invites a person who was added without an invitation', async () => {
    const user = await acme.admin.ok('POST', '/v1/users', { name: 'Added', email: 'added@acme.test' });
    await acme.admin.ok('POST', `/v1/invitations/${user.id}/resend`);
    expect(invitationLink(await mailbox.waitFor('added@acme.test'))).toContain('/invitations/');
  });

  it('cancelling removes a person with no history and archives one with tracked time', async () => {
    const { data } = await acme.admin.ok('POST', '/v1/invitations', {
      invitations: [
        { name: 'Never Joined', email: 'never@acme.test' },
        { name: 'Has Time', email: 'hastime@acme.test' },
      ],
    });
    const [never, hasTime] = data;
    const token = tokenOf(invitationLink(await mailbox.waitFor('never@acme.test')));
    const project = await newProject(acme, { name: 'Cancel test' });
    await assign(acme, project.projectId, hasTime.user_id);
    await acme.admin.ok('POST', '/v1/time-entries', {
      user_id: hasTime.user_id,
      project_id: project.projectId,
      task_id: project.taskId,
      spent_date: '2025-03-03',
      hours: 2,
    });

    expect(await acme.admin.ok('DELETE', `/v1/invitations/${never.id}`)).toEqual({
      id: never.id,
      user: 'removed',
    });
    expect((await acme.admin.get(`/v1/users/${never.user_id}`)).status).toBe(404);
    expect((await publicCall(server.baseUrl, 'GET', `/v1/auth/invitations/${token}`)).status).toBe(404);

    expect(await acme.admin.ok('DELETE', `/v1/invitations/${hasTime.id}`)).toEqual({
      id: hasTime.id,
      user: 'archived',
    });
    expect((await acme.admin.ok('GET', `/v1/users/${hasTime.user_id}`)).status).toBe('archived');
    // Archiving is a security event; removing a person who never joined leaves nobody to audit.
    const audit = await acme.admin.ok('GET', `/v1/audit-events?action=user.archived`);
    expect(audit.data.map((event: { target_id: string }) => event.target_id)).toEqual([hasTime.user_id]);
  });

  it('refuses the whole batch when one email is taken, naming the row', async () => {
    const response = await acme.admin.post('/v1/invitations', {
      invitations: [
        { name: 'Fresh', email: 'fresh@acme.test' },
        { name: 'Grace again', email: 'GRACE@acme.test' },
      ],
    });
    expect(response.status).toBe(409);
    expect(response.body.error.field).toBe('invitations.1.email');
    const users = await acme.admin.ok('GET', '/v1/users?limit=200');
    expect(users.data.some((user: { email: string }) => user.email === 'fresh@acme.test')).toBe(false);
  });

  it('only administrators invite, list, resend and cancel', async () => {
    const manager = await addUser(server, acme, { name: 'Mona Manager', role: 'manager' });
    const [invitation] = (await acme.admin.ok('GET', '/v1/invitations')).data;
    expect((await manager.api.post('/v1/invitations', { invitations: [grace] })).status).toBe(403);
    expect((await manager.api.get('/v1/invitations')).status).toBe(403);
    expect((await manager.api.post(`/v1/invitations/${invitation.id}/resend`, {})).status).toBe(403);
    expect((await manager.api.delete(`/v1/invitations/${invitation.id}`)).status).toBe(403);
  });

  it('another workspace cannot resend or cancel this one’s invitations', async () => {
    const other = await newWorkspace(server, 'Other');
    const [invitation] = (await acme.admin.ok('GET', '/v1/invitations')).data;
    expect((await other.admin.post(`/v1/invitations/${invitation.id}/resend`, {})).status).toBe(404);
    expect((await other.admin.delete(`/v1/invitations/${invitation.id}`)).status).toBe(404);
  });
});

describe('without SMTP', () => {
  it('hands the administrator the link to copy, pointing at the origin they used', async () => {
    const plain = await startTestServer();
    const workspace = await newWorkspace(plain, 'Plain');
    const { data } = await workspace.admin.ok('POST', '/v1/invitations', {
      invitations: [{ name: 'Copy Me', email: 'copy@plain.test' }],
    });
    expect(data[0]).toMatchObject({ email_sent: false });
    expect(data[0].accept_url).toMatch(new RegExp(`^${plain.baseUrl}/invitations/[A-Za-z0-9_-]{40,}$`));
    const resent = await workspace.admin.ok('POST', `/v1/invitations/${data[0].id}/resend`);
    expect(resent.accept_url).not.toBe(data[0].accept_url);
    const accepted = await publicCall(
      plain.baseUrl,
      'POST',
      `/v1/auth/invitations/${tokenOf(resent.accept_url)}/accept`,
      {
        password: 'copied-link-1',
      },
    );
    expect(accepted.status).toBe(200);
  });

  it('keeps the invitation when the SMTP server is unreachable: the email waits in the queue, its failure recorded', async () => {
    const broken = await startTestServer({
      mail: {
        smtpUrl: 'smtp://127.0.0.1:1',
        from: 'Keito <x@y.test>',
        publicUrl: 'https://time.example.com',
      },
    });
    const workspace = await newWorkspace(broken, 'Broken');
    const { data } = await workspace.admin.ok('POST', '/v1/invitations', {
      invitations: [{ name: 'Still Invited', email: 'still@broken.test' }],
    });
    // Sending happens after the response now (decision 0011): the answer says the email is queued.
    expect(data[0]).toMatchObject({ email_sent: true, accept_url: null });
    expect((await workspace.admin.ok('GET', '/v1/invitations')).data).toHaveLength(1);
    const [job] = await waitForJob(broken, (candidate) => candidate.lastError !== null);
    expect(job).toMatchObject({
      task: 'send-invitation-email',
      key: `invitation-email:${data[0].user_id}`,
      state: 'retrying',
      attempts: 1,
    });
    expect(job?.lastError).toMatch(/ECONNREFUSED/);
  });
});
