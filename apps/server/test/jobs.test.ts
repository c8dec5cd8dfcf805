import { invitationLink, startMailbox, type TestMailbox } from '@keito/testkit/mailbox';
import { afterAll, describe, expect, it } from 'vitest';
import { enqueue } from '../src/jobs/enqueue.ts';
import { listJobs, type QueuedJob } from '../src/jobs/inspect.ts';
import type { JobLog } from '../src/jobs/log.ts';
import { newWorkspace, startTestServer, type TestServer } from './harness.ts';
import { freePort, runCommand } from './process.ts';

/**
 * The job queue end to end: the real worker on the test database, invitations sent through a real
 * SMTP server that is down, then comes back; the `keito-server jobs` command run as a process.
 */

const mailboxes: TestMailbox[] = [];
afterAll(() => Promise.all(mailboxes.map((mailbox) => mailbox.close())));

async function mailboxOn(port?: number): Promise<TestMailbox> {
  const mailbox = await startMailbox({ port });
  mailboxes.push(mailbox);
  return mailbox;
}

interface LogLine {
  level: string;
  fields: Record<string, unknown>;
  message: string;
}

/** A log sink in the shape of pino's methods, keeping what the worker writes. */
function recordingLog(lines: LogLine[]): JobLog {
  const at = (level: string) => (fields: Record<string, unknown>, message: string) => {
    lines.push({ level, fields, message });
  };
  return { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}

/** A server whose SMTP_URL points at a port where nothing listens yet. */
async function serverWithMailDown(lines: LogLine[] = []) {
  const smtpPort = await freePort();
  const server = await startTestServer({
    mail: {
      smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
      from: 'Keito <invites@keito.test>',
      publicUrl: 'https://time.example.com',
    },
    jobLog: recordingLog(lines),
  });
  return { server, smtpPort, workspace: await newWorkspace(server, 'Queue') };
}

async function waitForJob(server: TestServer, match: (job: QueuedJob) => boolean): Promise<QueuedJob> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const found = (await listJobs(server.db)).find(match);
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('no such job within 15 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function waitForEmptyQueue(server: TestServer): Promise<void> {
  const deadline = Date.now() + 15_000;
  while ((await listJobs(server.db)).length > 0) {
    if (Date.now() > deadline) throw new Error('jobs still queued after 15 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** `keito-server jobs ...` as an operator runs it, against the test server's database. */
function jobsCommand(server: TestServer, args: string[]) {
  return runCommand(['jobs', ...args], { DATABASE_URL: server.pool.options.connectionString });
}

describe('jobs are enqueued in the transaction of their write', () => {
  it('a job enqueued in a transaction that rolls back does not exist', async () => {
    const server = await startTestServer();
    await expect(
      server.db.transaction(async (tx) => {
        await enqueue(tx, 'send-invitation-email', { token: 'never', linkOrigin: 'http://x.test' });
        throw new Error('the write fails after the job was added');
      }),
    ).rejects.toThrow('the write fails');
    expect(await listJobs(server.db)).toEqual([]);
  });

  it('a refused invitation batch queues no email and sends none; an accepted one does', async () => {
    const mailbox = await mailboxOn();
    const server = await startTestServer({ mail: { smtpUrl: mailbox.url, from: 'Keito <a@b.test>' } });
    const workspace = await newWorkspace(server, 'Rollback');
    await workspace.admin.ok('POST', '/v1/users', { name: 'Taken', email: 'taken@rollback.test' });

    const refused = await workspace.admin.post('/v1/invitations', {
      invitations: [
        { name: 'Fresh', email: 'fresh@rollback.test' },
        { name: 'Taken again', email: 'taken@rollback.test' },
      ],
    });
    expect(refused.status).toBe(409);
    expect(await listJobs(server.db)).toEqual([]);

    await workspace.admin.ok('POST', '/v1/invitations', {
      invitations: [{ name: 'Later', email: 'later@rollback.test' }],
    });
    await mailbox.waitFor('later@rollback.test');
    await expect(mailbox.waitFor('fresh@rollback.test', 1_000)).rejects.toThrow(/no mail/);
  });
});

describe('a mail server that is down', () => {
  it('fails the attempt, logs it and retries with backoff; the mail arrives once the server is back', async () => {
    const lines: LogLine[] = [];
    const { server, smtpPort, workspace } = await serverWithMailDown(lines);
    const [invited] = (
      await workspace.admin.ok('POST', '/v1/invitations', {
        invitations: [{ name: 'Patient', email: 'patient@queue.test' }],
      })
    ).data;
    expect(invited).toMatchObject({ email_sent: true, accept_url: null });

    const failed = await waitForJob(server, (job) => job.lastError !== null);
    expect(failed).toMatchObject({ task: 'send-invitation-email', state: 'retrying', attempts: 1 });
    expect(failed.lastError).toMatch(/ECONNREFUSED/);
    // graphile-worker's backoff: the second attempt comes exp(1) ≈ 2.7 s after the first failed.
    expect(Date.parse(failed.runAt)).toBeGreaterThan(Date.now() + 1_000);

    const logged = lines.find((line) => line.level === 'error' && line.message.includes('Failed task'));
    expect(logged?.message).toMatch(/send-invitation-email.*attempt 1 of 25.*ECONNREFUSED/s);
    expect(logged?.fields).toMatchObject({ component: 'jobs', jobId: failed.id });
    // The payload holds the link's token; it must not reach the logs.
    const [token] = (
      await server.pool.query(`SELECT payload->>'token' AS token FROM graphile_worker._private_jobs`)
    ).rows;
    expect(JSON.stringify(lines)).not.toContain(token.token);

    // The process takes a few seconds to start: the retry may have failed again by then.
    const listed = await jobsCommand(server, []);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/send-invitation-email\s+invitation-email:usr_\S+\s+retrying\s+\d+\/25/);
    expect(listed.stdout).toContain('ECONNREFUSED');
    expect(listed.stdout).not.toContain(token.token);

    const mailbox = await mailboxOn(smtpPort);
    const link = invitationLink(await mailbox.waitFor('patient@queue.test'));
    expect(link).toMatch(/^https:\/\/time\.example\.com\/invitations\//);
    await waitForEmptyQueue(server);
    expect(
      lines.some(
        (line) => line.level === 'info' && /Completed task .*send-invitation-email/.test(line.message),
      ),
    ).toBe(true);
  });

  it('a job out of attempts stays failed, listed by keito-server jobs, until an operator retries it', async () => {
    const { server, smtpPort, workspace } = await serverWithMailDown();
    await workspace.admin.ok('POST', '/v1/invitations', {
      invitations: [{ name: 'Stuck', email: 'stuck@queue.test' }],
    });
    const first = await waitForJob(server, (job) => job.lastError !== null);
    // Arrange: as if this had been the job's last attempt.
    await server.pool.query(
      'UPDATE graphile_worker._private_jobs SET max_attempts = attempts WHERE id = $1',
      [first.id],
    );

    const listed = await jobsCommand(server, ['--json']);
    expect(listed.code).toBe(0);
    const [job] = JSON.parse(listed.stdout);
    expect(job).toMatchObject({ id: first.id, state: 'failed', attempts: 1, maxAttempts: 1 });
    expect(job.lastError).toMatch(/ECONNREFUSED/);
    expect(job).not.toHaveProperty('payload');

    const mailbox = await mailboxOn(smtpPort);
    await expect(mailbox.waitFor('stuck@queue.test', 1_000)).rejects.toThrow(/no mail/);
    const retried = await jobsCommand(server, ['retry', first.id]);
    expect(retried).toMatchObject({ code: 0, stdout: `Job ${first.id} will run again now.\n` });
    expect(invitationLink(await mailbox.waitFor('stuck@queue.test'))).toContain('/invitations/');
    await waitForEmptyQueue(server);

    const unknown = await jobsCommand(server, ['retry', first.id]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no job/);
  }, 120_000); // two keito-server processes start in this test: slow on a loaded machine, not a timing check

  it('resending replaces the waiting email, and a cancelled invitation is not mailed', async () => {
    const { server, smtpPort, workspace } = await serverWithMailDown();
    const { data } = await workspace.admin.ok('POST', '/v1/invitations', {
      invitations: [
        { name: 'Resent', email: 'resent@queue.test' },
        { name: 'Cancelled', email: 'cancelled@queue.test' },
      ],
    });
    const [resent, cancelled] = data;
    await waitForJob(
      server,
      (job) => job.key === `invitation-email:${resent.user_id}` && job.lastError !== null,
    );
    await workspace.admin.ok('POST', `/v1/invitations/${resent.id}/resend`);
    await workspace.admin.ok('DELETE', `/v1/invitations/${cancelled.id}`);
    const keys = (await listJobs(server.db)).map((job) => job.key).sort();
    expect(keys).toEqual(
      [`invitation-email:${cancelled.user_id}`, `invitation-email:${resent.user_id}`].sort(),
    );

    const mailbox = await mailboxOn(smtpPort);
    const link = invitationLink(await mailbox.waitFor('resent@queue.test'));
    // The link mailed is the resent one, and it works.
    const token = link.split('/invitations/')[1];
    expect((await fetch(`${server.baseUrl}/v1/auth/invitations/${token}`)).status).toBe(200);
    await waitForEmptyQueue(server);
    await expect(mailbox.waitFor('resent@queue.test', 500)).rejects.toThrow(/no mail/);
    await expect(mailbox.waitFor('cancelled@queue.test', 500)).rejects.toThrow(/no mail/);
  });
});
