import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { auditEvents } from '../../db/schema/index.ts';
import { decodeCursor, type Page, toPage } from '../../lib/pagination.ts';
import { authorize } from '../access/abilities.ts';
import type { Actor } from '../access/actor.ts';
import type { AuditAction, AuditEventResponse, ListAuditEventsFilters } from './schemas.ts';

type AuditEventRow = typeof auditEvents.$inferSelect;

function present(row: AuditEventRow): AuditEventResponse {
  return {
    id: row.id,
    occurred_at: row.occurredAt.toISOString(),
    action: row.action as AuditAction,
    actor_user_id: row.actorUserId,
    actor_api_key_id: row.actorApiKeyId,
    target_id: row.targetId,
    ip_address: row.ipAddress,
    user_agent: row.userAgent,
    details: row.details,
  };
}

/** The workspace's security events, newest first, for those the permission map lets read them. */
export async function listAuditEvents(
  db: Executor,
  actor: Actor,
  filters: ListAuditEventsFilters,
): Promise<Page<AuditEventResponse>> {
  await authorize(db, actor, (can) => can.viewAuditLog, 'Only administrators can read the audit log');
  const conditions: (SQL | undefined)[] = [eq(auditEvents.accountId, actor.accountId)];
  if (filters.action !== undefined) conditions.push(eq(auditEvents.action, filters.action));
  if (filters.user_id !== undefined) {
    conditions.push(
      or(eq(auditEvents.actorUserId, filters.user_id), eq(auditEvents.targetId, filters.user_id)),
    );
  }
  if (filters.cursor !== undefined) {
    const [id] = decodeCursor(filters.cursor, 1) as [string];
    conditions.push(lt(auditEvents.id, id));
  }
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(desc(auditEvents.id))
    .limit(filters.limit + 1);
  return toPage(rows, filters.limit, present, (row) => [row.id]);
}
