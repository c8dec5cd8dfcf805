import type { FastifyRequest } from 'fastify';
import type { Executor } from '../../db/client.ts';
import { auditEvents } from '../../db/schema/index.ts';
import { newId } from '../../lib/ids.ts';
import type { Actor } from '../access/actor.ts';
import type { AuditAction } from './schemas.ts';

/** Where a request came from, for the audit log: the client's address and browser. */
export interface Origin {
  address: string;
  userAgent: string | null;
}

export function originOf(request: FastifyRequest): Origin {
  return { address: request.ip, userAgent: request.headers['user-agent']?.slice(0, 500) ?? null };
}

export interface AuditEvent {
  accountId: string;
  action: AuditAction;
  /** The signed-in actor; omitted when there is none (sign-in attempts). */
  actor?: Actor;
  targetId?: string;
  details?: Record<string, unknown>;
  origin: Origin;
  now?: Date;
}

/**
 * Records one security event. Callers pass their transaction when the change has one, so the event
 * exists if and only if the change committed.
 */
export async function recordAuditEvent(db: Executor, event: AuditEvent): Promise<void> {
  const occurredAt = event.now ?? new Date();
  await db.insert(auditEvents).values({
    id: newId('aud', occurredAt.getTime()),
    accountId: event.accountId,
    occurredAt,
    action: event.action,
    actorUserId: event.actor?.userId ?? null,
    actorApiKeyId: event.actor?.apiKeyId ?? null,
    targetId: event.targetId ?? null,
    ipAddress: event.origin.address,
    userAgent: event.origin.userAgent,
    details: event.details ?? {},
  });
}
