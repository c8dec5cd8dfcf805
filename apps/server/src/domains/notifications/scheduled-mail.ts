import Big from 'big.js';
import type { Executor } from '../../db/client.ts';
import type { JobPayload } from '../../jobs/registry.ts';
import { sumAmounts } from '../../lib/money.ts';
import { addCalendarDays } from '../../lib/workspace-clock.ts';
import type { UserRow } from '../people/queries.ts';
import * as time from '../time/service.ts';
import type { AccountRow } from '../workspaces/service.ts';
import type { MailContent } from './email.ts';

/** What a scheduled email says, from the person's time as it is when the email is sent. */
export async function scheduledMailContent(
  db: Executor,
  account: AccountRow,
  person: UserRow,
  payload: JobPayload<'send-scheduled-email'>,
  appUrl: (path: string) => string | null,
): Promise<MailContent> {
  const timePage = appUrl('/time');
  const openTime = timePage === null ? null : { url: timePage, label: 'Open your time in Keito' };
  if (payload.kind === 'daily_reminder') {
    return {
      subject: `Don't forget to log your time for ${payload.period}`,
      body: [`You have not logged any time for today (${payload.period}) in ${account.name} yet.`],
      link: openTime,
    };
  }
  const week = { from: payload.period, to: addCalendarDays(payload.period, 6) };
  const days = await time.dailyTimeTotals(db, account.id, { ...week, userIds: [person.id] });
  const hours = sumAmounts(days.map((day) => new Big(day.hours)));
  const billable = sumAmounts(days.map((day) => new Big(day.billableHours)));
  const open = days.reduce((count, day) => count + day.openEntries, 0);
  const period = `${week.from} to ${week.to}`;
  switch (payload.kind) {
    case 'timesheet_reminder':
    case 'timesheet_deadline': {
      const deadline = payload.kind === 'timesheet_deadline';
      const state =
        days.length === 0
          ? 'You have not logged any time for this week yet.'
          : `You have ${hours.toFixed()} hours this week, ${open} ${open === 1 ? 'entry' : 'entries'} not submitted yet.`;
      return {
        subject: deadline
          ? `Deadline: submit your timesheet for ${period}`
          : `Reminder: submit your timesheet for ${period}`,
        body: [
          state,
          deadline
            ? 'The deadline for this week is now: log what is missing and submit the week.'
            : 'Please log what is missing and submit the week before the deadline.',
        ],
        link: openTime,
      };
    }
    case 'weekly_report': {
      const byDay = [...days]
        .sort((a, b) => (a.spentDate < b.spentDate ? -1 : 1))
        .map((day) => `${day.spentDate}: ${new Big(day.hours).toFixed()} h`);
      return {
        subject: `Your week in ${account.name}: ${hours.toFixed()} hours (${period})`,
        body: [
          `From ${week.from} to ${week.to} you tracked ${hours.toFixed()} hours: ${billable.toFixed()} billable and ${hours.minus(billable).toFixed()} non-billable.`,
          ...(byDay.length > 0 ? [byDay.join(', ')] : []),
        ],
        link: openTime,
      };
    }
  }
}
