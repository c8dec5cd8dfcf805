import type { MailContent } from '../notifications/email.ts';

export type TimesheetEvent = 'submitted' | 'approved' | 'rejected' | 'withdrawn';

export interface TimesheetMailFacts {
  event: TimesheetEvent;
  /** The person whose timesheet it is. */
  owner: { name: string };
  /** Who submitted or decided. */
  by: { name: string } | null;
  from: string;
  toDate: string;
  totals: { total_hours: number; billable_hours: number; expense_total: number };
  currency: string;
  reason: string | null;
  /** The approval queue or the time page in the web app, when the server knows its address. */
  link: string | null;
}

function lines(facts: TimesheetMailFacts): { subject: string; body: string[] } {
  const period = `${facts.from} to ${facts.toDate}`;
  const by = facts.by?.name ?? 'An administrator';
  const totals =
    `${facts.totals.total_hours} hours (${facts.totals.billable_hours} billable)` +
    ` and ${facts.totals.expense_total} ${facts.currency} of expenses`;
  switch (facts.event) {
    case 'submitted':
      return {
        subject: `Timesheet to review: ${facts.owner.name}, ${period}`,
        body: [
          `${facts.owner.name} submitted a timesheet for ${period}: ${totals}.`,
          ...(facts.by !== null && facts.by.name !== facts.owner.name
            ? [`${facts.by.name} submitted it on their behalf.`]
            : []),
          'It waits for your approval.',
        ],
      };
    case 'approved':
      return {
        subject: `Your timesheet for ${period} was approved`,
        body: [
          `${by} approved your timesheet for ${period}: ${totals}.`,
          ...(facts.reason !== null ? [`Note: ${facts.reason}`] : []),
        ],
      };
    case 'rejected':
      return {
        subject: `Your timesheet for ${period} was rejected`,
        body: [
          `${by} rejected your timesheet for ${period}.`,
          `Reason: ${facts.reason ?? '(none given)'}`,
          'Its entries are editable again: correct them and submit the period again.',
        ],
      };
    case 'withdrawn':
      return {
        subject: `The approval of your timesheet for ${period} was withdrawn`,
        body: [`${by} withdrew the approval of your timesheet for ${period}. It is back in review.`],
      };
  }
}

/** What an email about a timesheet says (domains/notifications/email.ts wraps it with the footer). */
export function timesheetMailContent(facts: TimesheetMailFacts): MailContent {
  const { subject, body } = lines(facts);
  return {
    subject,
    body,
    link: facts.link === null ? null : { url: facts.link, label: 'Open in Keito' },
  };
}
