import { z } from 'zod';
import { emailAddress } from '../../http/schemas.ts';
import { passwordSchema } from '../auth/schemas.ts';
import { createUserBody, roleSchema } from '../people/schemas.ts';

/** One person to invite: the fields of a new person (people/schemas), with the email required. */
export const inviteeSchema = createUserBody
  .pick({
    name: true,
    role: true,
    employment_type: true,
    business_roles: true,
    billable_rate: true,
    cost_rate: true,
    weekly_capacity: true,
    timezone: true,
  })
  .extend({ email: emailAddress });

export const createInvitationsBody = z.object({
  invitations: z.array(inviteeSchema).min(1).max(100),
});

/**
 * A pending person's invitation. One live link a person, so the invitation is addressed by the
 * invited user's id: resending replaces the link but keeps the id.
 */
export const invitationSchema = z.object({
  id: z.string(),
  user_id: z.string(),
  name: z.string(),
  email: z.string(),
  role: roleSchema,
  invited_by_id: z.string().nullable(),
  created_at: z.string(),
  expires_at: z.string(),
  is_expired: z.boolean(),
});

/** An invitation just (re)issued, and whether an email goes out with its link. */
export const issuedInvitationSchema = invitationSchema.extend({
  /**
   * The email is on its way: it was queued with the invitation, and a background job sends it,
   * retrying while the mail server refuses (operators see failures in `keito-server jobs`). False
   * when the server sends no email (no SMTP_URL).
   */
  email_sent: z.boolean(),
  /** The link to send by hand: only when no email goes out. */
  accept_url: z.string().nullable(),
});

export const issuedInvitationsResponse = z.object({ data: z.array(issuedInvitationSchema) });
export const invitationListResponse = z.object({ data: z.array(invitationSchema) });

export const cancelledInvitationSchema = z.object({
  id: z.string(),
  /** `removed` when the person had nothing recorded against them, otherwise `archived`. */
  user: z.enum(['removed', 'archived']),
});

export const tokenParams = z.object({ token: z.string().min(1).max(200) });

/** What the accept page shows before the person sets a password. */
export const invitationPreviewSchema = z.object({
  name: z.string(),
  email: z.string(),
  role: roleSchema,
  workspace_name: z.string(),
  invited_by_name: z.string().nullable(),
  expires_at: z.string(),
});

export const acceptInvitationBody = z.object({ password: passwordSchema });

export type InviteeInput = z.infer<typeof inviteeSchema>;
export type InvitationResponse = z.infer<typeof invitationSchema>;
export type IssuedInvitation = z.infer<typeof issuedInvitationSchema>;
