import { z } from 'zod';

/**
 * Every kind of background job and the payload it carries. A job is enqueued with a payload of its
 * kind's type and the task parses it again when it runs, so a payload written by an older version of
 * the server fails loudly (and visibly, in `keito-server jobs`) instead of half-working.
 */
export const jobPayloads = {
  /** The email with an invitation link (invitations/service.ts queues it and sends it). */
  'send-invitation-email': z.object({
    /** The raw link token: only its hash is in `invitations`, so the job is the one place that has it. */
    token: z.string(),
    /** PUBLIC_URL, or the origin the administrator used, resolved when the invitation was written. */
    linkOrigin: z.string(),
  }),
  /**
   * Email about a timesheet (domains/approvals/notifications.ts). Without `recipientId` the job
   * works out who is told and queues one job per person, so a failed delivery is retried for that
   * person alone and nobody gets the same mail twice.
   */
  'send-timesheet-email': z.object({
    accountId: z.string(),
    timesheetId: z.string(),
    event: z.enum(['submitted', 'approved', 'rejected', 'withdrawn']),
    /** Who submitted or decided. */
    byId: z.string(),
    recipientId: z.string().optional(),
  }),
  /**
   * An invoice email (domains/invoicing/delivery.ts). The template (the sender's subject and body,
   * or the settings') is filled when the job runs, from the invoice as it is then: the PDF attached
   * and the text then show the same figures, and the link carries the current client key.
   */
  'send-invoice-email': z.object({
    accountId: z.string(),
    invoiceId: z.string(),
    message: z.enum(['invoice', 'reminder', 'thank_you']),
    to: z.array(z.string()),
    cc: z.array(z.string()),
    template: z.object({ subject: z.string(), body: z.string(), footer: z.string() }),
    attachPdf: z.boolean(),
    /** Where the client page is: PUBLIC_URL or the sender's origin; null for PUBLIC_URL when the job runs. */
    linkOrigin: z.string().nullable(),
  }),
} as const;

export type JobName = keyof typeof jobPayloads;
export type JobPayload<Name extends JobName> = z.infer<(typeof jobPayloads)[Name]>;
