import { randomBytes } from 'node:crypto';
import type { Database, Executor } from '../../db/client.ts';
import { enqueue } from '../../jobs/enqueue.ts';
import type { JobPayload } from '../../jobs/registry.ts';
import { NotFoundError } from '../../lib/errors.ts';
import type { Mailer } from '../../lib/mail.ts';
import { addCalendarDays, todayIn, weekOf } from '../../lib/workspace-clock.ts';
import {
  activePeopleOf,
  findUserByUnsubscribeToken,
  mergeNotificationPreferences,
  type UserRow,
  unsubscribeTokenOf,
  usersByIds,
} from '../people/queries.ts';
import { findProject } from '../projects/service.ts';
import * as time from '../time/service.ts';
import { type AccountRow, allAccounts, findAccount } from '../workspaces/service.ts';
import { type MailContent, notificationEmail } from './email.ts';
import { NOTIFICATION_KINDS, type NotificationKind, preferencesOf, wantsMail } from './kinds.ts';
import { claimSends, forgetSendsBefore, type PlannedSend } from './queries.ts';
import { type Due, dueDailyReminder, dueTimesheetMessage, dueWeeklyReport } from './schedule.ts';
import { scheduledMailContent } from './scheduled-mail.ts';

/**
 * Email to people about their work (docs/decisions/0049-notifications.md): every notification goes
 * through `sendNotification`, which asks the person's preferences and adds the unsubscribe footer;
 * scheduled reminders are planned by `queueDueReminders`, which the job queue's scheduler runs every
 * few minutes.
 */

function appUrl(mailer: Mailer, path: string): string | null {
  return mailer.publicUrl === undefined ? null : `${mailer.publicUrl.replace(/\/$/, '')}${path}`;
}

/** Sends one notification to a person if they want its kind; says why not otherwise. */
export async function sendNotification(
  db: Executor,
  mailer: Mailer,
  facts: { account: AccountRow; person: UserRow; kind: NotificationKind; content: MailContent },
): Promise<'sent' | 'not wanted'> {
  const { account, person, kind, content } = facts;
  if (!wantsMail(person, kind)) return 'not wanted';
  let url: string | null = null;
  let oneClickUrl: string | null = null;
  if (mailer.publicUrl !== undefined) {
    const token = await unsubscribeTokenOf(db, account.id, person.id, randomBytes(24).toString('base64url'));
    if (token === undefined) return 'not wanted';
    url = appUrl(mailer, `/unsubscribe/${token}?kind=${kind}`);
    oneClickUrl = appUrl(mailer, `/v1/notifications/unsubscribe/${token}?kind=${kind}`);
  }
  await mailer.send(
    notificationEmail({ name: person.name, email: person.email }, account.name, content, {
      kind,
      url,
      oneClickUrl,
      preferencesUrl: appUrl(mailer, '/profile#notifications'),
    }),
  );
  return 'sent';
}

/** The preference a scheduled email answers to. */
const PREFERENCE_OF: Record<Due['kind'], NotificationKind> = {
  timesheet_reminder: 'timesheet_reminder',
  timesheet_deadline: 'timesheet_reminder',
  daily_reminder: 'daily_reminder',
  weekly_report: 'weekly_report',
};

/**
 * Queues the scheduled emails that are due at `now` in every workspace and were not queued before
 * (each is claimed in `notification_sends` in the transaction that queues it, so a second run, or a
 * restart, sends nothing twice). Returns how many were queued.
 */
export async function queueDueReminders(db: Database, now: Date): Promise<number> {
  let queued = 0;
  for (const account of await allAccounts(db)) queued += await queueDueRemindersOf(db, account, now);
  // A period is never due again once its week is over; older claims only take space.
  await forgetSendsBefore(db, new Date(now.getTime() - 35 * 86_400_000));
  return queued;
}

async function queueDueRemindersOf(db: Database, account: AccountRow, now: Date): Promise<number> {
  const timesheet = account.features.approvals
    ? dueTimesheetMessage(account.timesheetReminders, account, now)
    : null;
  const people = await activePeopleOf(db, account.id);
  const candidates: { person: UserRow; due: Due }[] = [];
  for (const person of people) {
    const timeZone = person.timezone ?? account.timezone;
    const dues = [
      timesheet,
      dueDailyReminder(timeZone, now),
      dueWeeklyReport(timeZone, account.weekStartsOn, now),
    ];
    for (const due of dues) {
      if (due !== null && wantsMail(person, PREFERENCE_OF[due.kind])) candidates.push({ person, due });
    }
  }
  if (candidates.length === 0) return 0;

  // Who has what to submit this week, and who logged time on their day: one read for everyone.
  const today = todayIn(account.timezone, now);
  const week = weekOf(today, account.weekStartsOn);
  const totals = await time.dailyTimeTotals(db, account.id, {
    from: addCalendarDays(week.start < today ? week.start : today, -1),
    to: addCalendarDays(week.end > today ? week.end : today, 1),
  });
  const inWeek = (userId: string) =>
    totals.filter((day) => day.userId === userId && day.spentDate >= week.start && day.spentDate <= week.end);
  const wanted = candidates.filter(({ person, due }) => {
    if (due.kind === 'daily_reminder') {
      return !totals.some((day) => day.userId === person.id && day.spentDate === due.period);
    }
    if (due.kind === 'weekly_report') return true;
    // The timesheet reminder and deadline: only those with time left to submit, or with no time at all this week.
    const days = inWeek(person.id);
    return days.length === 0 || days.some((day) => day.openEntries > 0);
  });
  const planned: PlannedSend[] = wanted.map(({ person, due }) => ({
    accountId: account.id,
    userId: person.id,
    kind: due.kind,
    period: due.period,
  }));
  return db.transaction(async (tx) => {
    const claimed = await claimSends(tx, planned);
    for (const send of claimed) {
      await enqueue(tx, 'send-scheduled-email', {
        accountId: send.accountId,
        userId: send.userId,
        kind: send.kind as Due['kind'],
        period: send.period,
      });
    }
    return claimed.length;
  });
}

/** Runs the send-scheduled-email job: the content is read when it is sent, so it is current. */
export async function sendScheduledEmail(
  db: Database,
  mailer: Mailer,
  payload: JobPayload<'send-scheduled-email'>,
): Promise<'sent' | 'not wanted' | 'mail is off' | 'recipient gone'> {
  if (!mailer.enabled) return 'mail is off';
  const [account, [person]] = await Promise.all([
    findAccount(db, payload.accountId),
    usersByIds(db, payload.accountId, [payload.userId]),
  ]);
  if (person === undefined) return 'recipient gone';
  const content = await scheduledMailContent(db, account, person, payload, (path) => appUrl(mailer, path));
  return sendNotification(db, mailer, {
    account,
    person,
    kind: PREFERENCE_OF[payload.kind],
    content,
  });
}

export interface UnsubscribeState {
  email: string;
  workspace: string;
  kind: NotificationKind;
  label: string;
  subscribed: boolean;
}

async function personOfToken(db: Executor, token: string): Promise<{ person: UserRow; workspace: string }> {
  const person = await findUserByUnsubscribeToken(db, token);
  if (person === undefined) throw new NotFoundError('Unsubscribe link');
  const account = await findAccount(db, person.accountId);
  return { person, workspace: account.name };
}

/** What an unsubscribe link turns off, and whether it is on now. */
export async function previewUnsubscribe(
  db: Executor,
  token: string,
  kind: NotificationKind,
): Promise<UnsubscribeState> {
  const { person, workspace } = await personOfToken(db, token);
  return {
    email: person.email,
    workspace,
    kind,
    label: NOTIFICATION_KINDS[kind].label,
    subscribed: preferencesOf(person.notificationPreferences)[kind],
  };
}

/** Turns one kind of email off for the link's person (the link is their secret; no sign-in). */
export async function unsubscribe(
  db: Executor,
  token: string,
  kind: NotificationKind,
): Promise<UnsubscribeState> {
  const { person, workspace } = await personOfToken(db, token);
  await mergeNotificationPreferences(db, person.accountId, person.id, { [kind]: false });
  return { email: person.email, workspace, kind, label: NOTIFICATION_KINDS[kind].label, subscribed: false };
}

/** Runs the send-project-assignment-email job. */
export async function sendProjectAssignmentEmail(
  db: Database,
  mailer: Mailer,
  payload: JobPayload<'send-project-assignment-email'>,
): Promise<'sent' | 'not wanted' | 'mail is off' | 'recipient gone'> {
  if (!mailer.enabled) return 'mail is off';
  const [account, people, project] = await Promise.all([
    findAccount(db, payload.accountId),
    usersByIds(db, payload.accountId, [payload.userId, payload.byId]),
    findProject(db, payload.accountId, payload.projectId).catch((error: unknown) => {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }),
  ]);
  const person = people.find((user) => user.id === payload.userId);
  if (person === undefined || project === undefined) return 'recipient gone';
  const by = people.find((user) => user.id === payload.byId)?.name ?? 'An administrator';
  const page = appUrl(mailer, `/projects/${project.id}`);
  return sendNotification(db, mailer, {
    account,
    person,
    kind: 'project_assignment',
    content: {
      subject: `You were added to the project ${project.name}`,
      body: [
        `${by} added you to the team of ${project.name} in ${account.name}: you can track time to it now.`,
      ],
      link: page === null ? null : { url: page, label: 'Open the project' },
    },
  });
}
