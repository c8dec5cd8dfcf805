import { type ReceivedMail, startMailbox, type TestMailbox } from '@keito/testkit/mailbox';
import { parseCrontab } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBudgets } from '../src/domains/reports/budget-alerts.ts';
import { enqueue } from '../src/jobs/enqueue.ts';
import { listJobs } from '../src/jobs/inspect.ts';
import { CRONTAB } from '../src/jobs/queue.ts';
import { tasks } from '../src/jobs/tasks/index.ts';
import { addCalendarDays, monthOf, todayIn } from '../src/lib/workspace-clock.ts';
import {
  addUser,
  assign,
  type Member,
  newWorkspace,
  startTestServer,
  type TestServer,
  type Workspace,
} from './harness.ts';

/**
 * Budget alerts end to end: the check runs as a job on the real queue, crossings are recorded, and
 * the emails arrive at a real SMTP server, once per crossing per budget period.
 */

let server: TestServer;
let mailbox: TestMailbox;
let workspace: Workspace;
let manager: Member;
let member: Member;
let clientId: string;
const ADMIN = 'admin@alerts.test';
const MANAGER = 'alert.manager@example.test';

const today = todayIn('UTC', new Date());
const lastMonthDay = addCalendarDays(monthOf(today).start, -1);

beforeAll(async () => {
  mailbox = await startMailbox();
  server = await startTestServer({
    mail: { smtpUrl: mailbox.url, from: 'Keito <budgets@keito.test>', publicUrl: 'https://time.example.com' },
  });
  workspace = await newWorkspace(server, 'Alerts');
  [manager, member] = await Promise.all([
    addUser(server, workspace, { name: 'Alert Manager', role: 'manager' }),
    addUser(server, workspace, { name: 'Alert Member' }),
  ]);
  clientId = (await workspace.admin.ok('POST', '/v1/clients', { name: 'Alert Client', currency: 'GBP' })).id;
});

afterAll(() => mailbox.close());

function textOf(mail: ReceivedMail): string {
  return mail.raw
    .replace(/=\r?\n/g, '')
    .replace(/=3D/gi, '=')
    .replace(/=C2=A3/gi, '£')
    .replace(/\r?\n[ \t]+/g, ' ');
}

async function waitForEmptyQueue(): Promise<void> {
  const deadline = Date.now() + 15_000;
  while ((await listJobs(server.db)).length > 0) {
    if (Date.now() > deadline) throw new Error('jobs still queued after 15 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Runs the check as the crontab does, through the queue, for this workspace, and lets its mail go out. */
async function checkThroughQueue(): Promise<void> {
  await enqueue(server.db, 'check-budgets', { accountId: workspace.accountId });
  await waitForEmptyQueue();
}

async function alertRows(projectId: string) {
  const { rows } = await server.pool.query(
    // Levels sort in the enum's order: warning before over.
    'SELECT period, level FROM budget_alerts WHERE project_id = $1 ORDER BY period, level',
    [projectId],
  );
  return rows;
}

async function budgetedProject(name: string, body: Record<string, unknown>) {
  const project = await workspace.admin.ok('POST', '/v1/projects', {
    name,
    client_id: clientId,
    hourly_rate: 100,
    ...body,
  });
  await assign(workspace, project.id, manager.id, { is_project_manager: true });
  await assign(workspace, project.id, member.id);
  // Being added to the project is mailed too; taken here so that the alerts are the mails that follow.
  await mailbox.waitFor(MANAGER, 15_000, (mail) =>
    textOf(mail).includes(`You were added to the project ${name}`),
  );
  return project.id as string;
}

const log = (projectId: string, hours: number, spentDate = today) =>
  member.api.ok('POST', '/v1/time-entries', {
    project_id: projectId,
    spent_date: spentDate,
    hours,
    notes: 'work',
  });

describe('budget alerts', () => {
  it('are checked every ten minutes by a periodic job the worker knows', () => {
    const item = parseCrontab(CRONTAB).find((entry) => entry.task === 'check-budgets');
    expect(Object.keys(tasks)).toContain(item?.task);
    expect(
      [0, 10, 50].map((minute) => item?.match({ min: minute, hour: 3, date: 1, month: 1, dow: 2 })),
    ).toEqual([true, true, true]);
    expect(item?.match({ min: 5, hour: 3, date: 1, month: 1, dow: 2 })).toBe(false);
  });

  it('mail the project managers and administrators when the threshold and then 100 % are crossed, once each', async () => {
    const projectId = await budgetedProject('Fee budget', {
      budget_by: 'total_fees',
      budget_amount: 1000,
      budget_alert_percent: 80,
    });
    await log(projectId, 7);
    await checkThroughQueue();
    expect(await alertRows(projectId)).toEqual([]);

    await log(projectId, 1.5);
    await checkThroughQueue();
    const adminMail = textOf(await mailbox.waitFor(ADMIN));
    expect(adminMail).toContain('Subject: Budget alert: Fee budget has used 85.0% of its budget');
    expect(adminMail).toContain('Spent £850.00 of £1,000.00.');
    expect(adminMail).toContain(`https://time.example.com/projects/${projectId}`);
    // The manager may not see billable rates: the percentage, not the amounts.
    const managerMail = textOf(await mailbox.waitFor(MANAGER));
    expect(managerMail).toContain('has reached the alert threshold of its budget (85.0%)');
    expect(managerMail).not.toContain('£');
    expect(await alertRows(projectId)).toEqual([{ period: 'life', level: 'warning' }]);

    // Checked again with nothing new: no second warning. The next mail each gets is the one for 100 %.
    await checkThroughQueue();
    await log(projectId, 2);
    await checkThroughQueue();
    expect(textOf(await mailbox.waitFor(ADMIN))).toContain('Subject: Over budget: Fee budget');
    expect(textOf(await mailbox.waitFor(MANAGER))).toContain('has spent its whole budget (105.0%)');
    expect(await alertRows(projectId)).toEqual([
      { period: 'life', level: 'warning' },
      { period: 'life', level: 'over' },
    ]);
  });

  it('re-arm a monthly budget each month, counting the month in the workspace zone', async () => {
    const projectId = await budgetedProject('Monthly hours', {
      budget_by: 'total_hours',
      budget_hours: 2,
      budget_resets_monthly: true,
    });
    await log(projectId, 2.5, lastMonthDay);
    await log(projectId, 2);

    expect(await checkBudgets(server.db, workspace.accountId, new Date())).toBe(1);
    await waitForEmptyQueue();
    const thisMonth = textOf(await mailbox.waitFor(ADMIN));
    expect(thisMonth).toContain('Subject: Over budget: Monthly hours');
    expect(thisMonth).toContain(`budget for ${today.slice(0, 7)} (100.0%)`);
    expect(thisMonth).toContain('Spent 2 hours of 2 hours.');

    // Last month is another period: its crossing is mailed too, once.
    const lastMonth = new Date(`${lastMonthDay}T12:00:00Z`);
    expect(await checkBudgets(server.db, workspace.accountId, lastMonth)).toBe(1);
    expect(await checkBudgets(server.db, workspace.accountId, lastMonth)).toBe(0);
    expect(await checkBudgets(server.db, workspace.accountId, new Date())).toBe(0);
    await waitForEmptyQueue();
    expect(textOf(await mailbox.waitFor(ADMIN))).toContain(`budget for ${lastMonthDay.slice(0, 7)} (125.0%)`);
    expect(await alertRows(projectId)).toEqual([
      { period: lastMonthDay.slice(0, 7), level: 'warning' },
      { period: lastMonthDay.slice(0, 7), level: 'over' },
      { period: today.slice(0, 7), level: 'warning' },
      { period: today.slice(0, 7), level: 'over' },
    ]);
  });

  it('alert again when a budget raised after an alert is crossed again', async () => {
    const projectId = await budgetedProject('Raised budget', { budget_by: 'total_hours', budget_hours: 4 });
    await log(projectId, 4);
    expect(await checkBudgets(server.db, workspace.accountId, new Date())).toBe(1);
    await waitForEmptyQueue();
    await workspace.admin.ok('PATCH', `/v1/projects/${projectId}`, { budget_hours: 8 });
    expect(await checkBudgets(server.db, workspace.accountId, new Date())).toBe(0);
    await log(projectId, 3);
    expect(await checkBudgets(server.db, workspace.accountId, new Date())).toBe(1);
    await waitForEmptyQueue();
    expect(textOf(await mailbox.waitFor(ADMIN))).toContain('Subject: Over budget: Raised budget');
    expect(textOf(await mailbox.waitFor(ADMIN))).toContain('has used 87.5% of its budget');
  });
});
