import { escapeHtml, type MailMessage } from '../../lib/mail.ts';

export type TimesheetEvent = 'submitted' | 'approved' | 'rejected' | 'withdrawn';

export interface TimesheetMailFacts {
  event: TimesheetEvent;
  to: { name: string; email: string };
  /** The person whose timesheet it is. */
  owner: { name: string };
  /** Who submitted or decided. */
  by: { name: string } | null;
  workspaceName: string;
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

/** One email about a timesheet, with a plain-text part and an HTML part saying the same. */
export function timesheetEmail(facts: TimesheetMailFacts): MailMessage {
  const { subject, body } = lines(facts);
  const greeting = `Hello ${facts.to.name},`;
  const signature = `${facts.workspaceName} on Keito`;
  return {
    to: facts.to.email,
    subject,
    text: [greeting, '', ...body, ...(facts.link !== null ? ['', facts.link] : []), '', signature].join('\n'),
    html: [
      `<p>${escapeHtml(greeting)}</p>`,
      ...body.map((line) => `<p>${escapeHtml(line)}</p>`),
      ...(facts.link !== null ? [`<p><a href="${escapeHtml(facts.link)}">Open in Keito</a></p>`] : []),
      `<p>${escapeHtml(signature)}</p>`,
    ].join('\n'),
  };
}
