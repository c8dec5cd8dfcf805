import type { Database } from '../../db/client.ts';
import { enqueue } from '../../jobs/enqueue.ts';
import type { JobPayload } from '../../jobs/registry.ts';
import type { Mailer } from '../../lib/mail.ts';
import { abilitiesOf } from '../access/abilities.ts';
import { actorOfUser } from '../access/actor.ts';
import * as expenses from '../expenses/service.ts';
import type { NotificationKind } from '../notifications/kinds.ts';
import { sendNotification } from '../notifications/service.ts';
import { approverCandidatesOf, usersByIds } from '../people/queries.ts';
import * as time from '../time/service.ts';
import { findAccount } from '../workspaces/service.ts';
import { type TimesheetEvent, timesheetMailContent } from './email.ts';
import { findTimesheet, type TimesheetRow } from './queries.ts';
import { totalsOf } from './summary.ts';

/**
 * Who hears about a timesheet (time-tracking/approving-time): a submission goes to the people who
 * may approve it (the permission map decides, from the person's managers and the administrators),
 * a decision to the person whose timesheet it is.
 */
async function recipientsOf(db: Database, timesheet: TimesheetRow, event: string): Promise<string[]> {
  if (event !== 'submitted') return [timesheet.userId];
  const candidates = await approverCandidatesOf(db, timesheet.accountId, timesheet.userId);
  return candidates
    .filter(({ user, teammateIds }) =>
      abilitiesOf(actorOfUser(user), { teammateIds }).approveTimesheetsOf(timesheet.userId),
    )
    .map(({ user }) => user.id);
}

/**
 * Runs the send-timesheet-email job: without a recipient, queues one job per person to tell (all
 * in one transaction, so a retry cannot queue anyone twice); with one, sends that person's email.
 */
export async function sendTimesheetEmail(
  db: Database,
  mailer: Mailer,
  payload: JobPayload<'send-timesheet-email'>,
): Promise<'sent' | 'not wanted' | 'queued' | 'mail is off' | 'timesheet gone' | 'recipient gone'> {
  if (!mailer.enabled) return 'mail is off';
  const timesheet = await findTimesheet(db, payload.accountId, payload.timesheetId);
  if (timesheet === undefined) return 'timesheet gone';
  if (payload.recipientId === undefined) {
    const recipients = await recipientsOf(db, timesheet, payload.event);
    await db.transaction(async (tx) => {
      for (const recipientId of recipients) {
        await enqueue(tx, 'send-timesheet-email', { ...payload, recipientId });
      }
    });
    return 'queued';
  }

  const [account, people, entries, spent] = await Promise.all([
    findAccount(db, payload.accountId),
    usersByIds(db, payload.accountId, [payload.recipientId, timesheet.userId, payload.byId]),
    time.timeEntriesOfTimesheets(db, payload.accountId, [timesheet.id]),
    expenses.expensesOfTimesheets(db, payload.accountId, [timesheet.id]),
  ]);
  const byId = new Map(people.map((user) => [user.id, user]));
  const recipient = byId.get(payload.recipientId);
  const owner = byId.get(timesheet.userId);
  if (recipient === undefined || owner === undefined) return 'recipient gone';
  const page = payload.event === 'submitted' ? '/time/approval' : '/time';
  return sendNotification(db, mailer, {
    account,
    person: recipient,
    kind: PREFERENCE_OF[payload.event],
    content: timesheetMailContent({
      event: payload.event,
      owner: { name: owner.name },
      by: byId.get(payload.byId) ?? null,
      from: timesheet.periodFrom,
      toDate: timesheet.periodTo,
      totals: totalsOf(entries, spent, account.currency),
      currency: account.currency,
      reason: timesheet.reason,
      link: mailer.publicUrl === undefined ? null : `${mailer.publicUrl.replace(/\/$/, '')}${page}`,
    }),
  });
}

/** The preference each timesheet email answers to (a withdrawn approval is news about an approval). */
const PREFERENCE_OF: Record<TimesheetEvent, NotificationKind> = {
  submitted: 'timesheet_submitted',
  approved: 'timesheet_approved',
  rejected: 'timesheet_rejected',
  withdrawn: 'timesheet_approved',
};
