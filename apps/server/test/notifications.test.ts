import { type ReceivedMail, startMailbox } from '@keito/testkit/mailbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueDueReminders } from '../src/domains/notifications/service.ts';
import {
  addUser,
  assign,
  type Member,
  newProject,
  newWorkspace,
  startTestServer,
  type TestServer,
  type Workspace,
} from './harness.ts';

/**
 * Scheduled emails end to end: the scheduler's decision at pinned instants (the job queue's
 * crontab calls the same function with the real time), the real queue, a real SMTP server.
 * The workspace is in New York; one person works from Tokyo.
 */

const mailbox = await startMailbox();
afterAll(() => mailbox.close());

let server: TestServer;
let workspace: Workspace;
let projectId: string;
const people: Record<'logged' | 'submitted' | 'idle' | 'optedOut' | 'tokyo', Member & { email: string }> =
  {} as never;

/** The instant of a wall-clock time in a zone, written as the UTC instant it is. */
const at = (iso: string) => new Date(iso);

function textOf(mail: ReceivedMail): string {
  return mail.raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(Number.parseInt(hex, 16)));
}

async function noMailTo(address: string): Promise<void> {
  await expect(mailbox.waitFor(address, 1500)).rejects.toThrow(/no mail/);
}

beforeAll(async () => {
  server = await startTestServer({
    mail: { smtpUrl: mailbox.url, from: 'Keito <time@keito.test>', publicUrl: 'https://time.example.com' },
  });
  workspace = await newWorkspace(server, 'Remindco');
  await workspace.admin.ok('PATCH', '/v1/workspace', {
    timezone: 'America/New_York',
    timesheet_reminders: {
      enabled: true,
      reminder_day: 'friday',
      reminder_time: '09:00',
      deadline_time: '17:00',
    },
  });
  ({ projectId } = await newProject(workspace));
  for (const [key, name] of [
    ['logged', 'Logged Lee'],
    ['submitted', 'Submitted Sam'],
    ['idle', 'Idle Ida'],
    ['optedOut', 'Optout Otto'],
    ['tokyo', 'Tokyo Toshi'],
  ] as const) {
    const member = await addUser(server, workspace, { name });
    await assign(workspace, projectId, member.id);
    people[key] = { ...member, email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.test` };
    // The project assignment email.
    await mailbox.waitFor(people[key].email);
  }
  // Scheduled emails are for people who have joined, as accepting the invitation makes them.
  await server.pool.query(`UPDATE users SET status = 'active' WHERE account_id = $1`, [workspace.accountId]);
  await addUser(server, workspace, { name: 'Reminder Bot', user_type: 'agent' });

  const log = (member: Member, date: string) =>
    member.api.ok('POST', '/v1/time-entries', {
      project_id: projectId,
      spent_date: date,
      hours: 2,
      notes: 'Work',
    });
  await log(people.logged, '2026-11-02');
  await log(people.submitted, '2026-11-03');
  await people.submitted.api.ok('POST', '/v1/timesheets/submit', { from: '2026-11-02', to: '2026-11-08' });
  await log(people.optedOut, '2026-11-04');
  await people.optedOut.api.ok('PATCH', `/v1/users/${people.optedOut.id}`, {
    notification_preferences: { timesheet_reminder: false },
  });
  await people.tokyo.api.ok('PATCH', `/v1/users/${people.tokyo.id}`, {
    timezone: 'Asia/Tokyo',
    notification_preferences: { timesheet_reminder: false },
  });
  await log(people.tokyo, '2026-11-02');
});

describe('timesheet reminder and deadline, at the workspace time', () => {
  it('nothing before Friday 09:00 in New York', async () => {
    expect(await queueDueReminders(server.db, at('2026-11-06T13:59:00Z'))).toBe(0);
  });

  it('at 09:00 the reminder goes to those with time to submit or none at all, once', async () => {
    // Logged Lee, Idle Ida and the administrator, who has logged nothing either.
    expect(await queueDueReminders(server.db, at('2026-11-06T14:00:00Z'))).toBe(3);
    await mailbox.waitFor('admin@remindco.test');
    const reminder = textOf(await mailbox.waitFor(people.logged.email));
    expect(reminder).toContain('Subject: Reminder: submit your timesheet for 2026-11-02 to 2026-11-08');
    expect(reminder).toContain('You have 2 hours this week, 1 entry not submitted yet.');
    expect(reminder).toContain('Content-Type: text/plain');
    expect(reminder).toMatch(
      /List-Unsubscribe:\s+<https:\/\/time\.example\.com\/v1\/notifications\/unsubscribe\//,
    );
    expect(textOf(await mailbox.waitFor(people.idle.email))).toContain(
      'You have not logged any time for this week yet.',
    );
    // Run again (the next tick, or a restarted server): the claims are in the database.
    expect(await queueDueReminders(server.db, at('2026-11-06T14:05:00Z'))).toBe(0);
    expect(await queueDueReminders(server.db, at('2026-11-06T21:59:00Z'))).toBe(0);
    await noMailTo(people.submitted.email);
    await noMailTo(people.optedOut.email);
  });

  it('at 17:00 the deadline goes to whoever still has time to submit', async () => {
    await people.idle.api.ok('POST', '/v1/time-entries', {
      project_id: projectId,
      spent_date: '2026-11-05',
      hours: 1,
      notes: 'Late',
    });
    await people.idle.api.ok('POST', '/v1/timesheets/submit', { from: '2026-11-02', to: '2026-11-08' });
    expect(await queueDueReminders(server.db, at('2026-11-06T22:00:00Z'))).toBe(2);
    expect(textOf(await mailbox.waitFor(people.logged.email))).toContain(
      'Subject: Deadline: submit your timesheet for 2026-11-02 to 2026-11-08',
    );
    await mailbox.waitFor('admin@remindco.test');
    await noMailTo(people.idle.email);
  });
});

describe('personal reminders, at the person’s own time', () => {
  it('the daily reminder at 16:30 in Tokyo on a working day without time logged', async () => {
    await people.tokyo.api.ok('PATCH', `/v1/users/${people.tokyo.id}`, {
      notification_preferences: { daily_reminder: true },
    });
    // Thursday 5 November, 16:29 and 16:30 in Tokyo (UTC+9).
    expect(await queueDueReminders(server.db, at('2026-11-05T07:29:00Z'))).toBe(0);
    expect(await queueDueReminders(server.db, at('2026-11-05T07:30:00Z'))).toBe(1);
    const daily = textOf(await mailbox.waitFor(people.tokyo.email));
    expect(daily).toContain("Subject: Don't forget to log your time for 2026-11-05");
    // Monday 2 November has time logged: no nudge.
    expect(await queueDueReminders(server.db, at('2026-11-02T08:00:00Z'))).toBe(0);
  });

  it('the weekly report of last week on Monday 08:00 in Tokyo', async () => {
    await people.tokyo.api.ok('PATCH', `/v1/users/${people.tokyo.id}`, {
      notification_preferences: { daily_reminder: false, weekly_report: true },
    });
    // Sunday 23:00 UTC is Monday 08:00 in Tokyo (and still Sunday in New York).
    expect(await queueDueReminders(server.db, at('2026-11-08T22:59:00Z'))).toBe(0);
    expect(await queueDueReminders(server.db, at('2026-11-08T23:00:00Z'))).toBe(1);
    const report = textOf(await mailbox.waitFor(people.tokyo.email));
    expect(report).toContain('Subject: Your week in Remindco: 2 hours (2026-11-02 to 2026-11-08)');
    expect(report).toContain('2026-11-02: 2 h');
  });
});

describe('unsubscribing', () => {
  it('one click turns the kind off without signing in, and the next week brings no reminder', async () => {
    expect(await queueDueReminders(server.db, at('2026-11-13T14:00:00Z'))).toBeGreaterThan(0);
    const mail = textOf(await mailbox.waitFor(people.logged.email));
    const link =
      /https:\/\/time\.example\.com\/v1\/notifications\/unsubscribe\/([\w-]+)\?kind=timesheet_reminder/.exec(
        mail,
      );
    expect(link).not.toBeNull();
    expect(mail).toContain(`https://time.example.com/unsubscribe/${link?.[1]}?kind=timesheet_reminder`);
    const path = `/v1/notifications/unsubscribe/${link?.[1]}?kind=timesheet_reminder`;

    const before = await fetch(`${server.baseUrl}${path}`);
    expect(await before.json()).toMatchObject({ email: people.logged.email, subscribed: true });
    // What a mail client's one-click button sends (RFC 8058).
    const click = await fetch(`${server.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(click.status).toBe(200);
    expect(await click.json()).toMatchObject({ subscribed: false });
    const me = await people.logged.api.ok('GET', `/v1/users/${people.logged.id}`);
    expect(me.notification_preferences).toMatchObject({
      timesheet_reminder: false,
      timesheet_approved: true,
    });

    expect(await queueDueReminders(server.db, at('2026-11-20T14:00:00Z'))).toBeGreaterThanOrEqual(0);
    await noMailTo(people.logged.email);
  });

  it('an unknown token is a 404, and nobody else sees a person’s preferences', async () => {
    const unknown = await fetch(`${server.baseUrl}/v1/notifications/unsubscribe/nope?kind=weekly_report`, {
      method: 'POST',
    });
    expect(unknown.status).toBe(404);
    const seenByAdmin = await workspace.admin.ok('GET', `/v1/users/${people.logged.id}`);
    expect(seenByAdmin.notification_preferences).toBeNull();
    const changed = await workspace.admin.request('PATCH', `/v1/users/${people.logged.id}`, {
      notification_preferences: { weekly_report: true },
    });
    expect(changed.status).toBe(403);
  });
});
