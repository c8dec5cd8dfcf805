import { z } from 'zod';
import { pageQuery } from '../../http/schemas.ts';

export const auditActionSchema = z.enum([
  'sign_in.succeeded',
  'sign_in.failed',
  'password.changed',
  'api_key.created',
  'api_key.revoked',
  'user.role_changed',
  'user.permissions_changed',
  'user.archived',
  'user.restored',
  'sso.configuration_changed',
  'sign_in.sso_succeeded',
  'sign_in.sso_refused',
]);

export const auditEventSchema = z.object({
  id: z.string(),
  occurred_at: z.iso.datetime(),
  action: auditActionSchema,
  actor_user_id: z.string().nullable(),
  actor_api_key_id: z.string().nullable(),
  target_id: z.string().nullable(),
  ip_address: z.string().nullable(),
  user_agent: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

export const listAuditEventsQuery = pageQuery.extend({
  action: auditActionSchema.optional(),
  /** Events done by, or to, this user. */
  user_id: z.string().optional(),
});

export type AuditAction = z.infer<typeof auditActionSchema>;
export type AuditEventResponse = z.infer<typeof auditEventSchema>;
export type ListAuditEventsFilters = z.infer<typeof listAuditEventsQuery>;
