import { createHash } from 'node:crypto';
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/client.ts';
import { idempotencyKeys } from '../db/schema/index.ts';
import { ConflictError, IdempotencyKeyReusedError, ValidationError } from '../lib/errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when this request owns an Idempotency-Key record that its response must complete. */
    idempotencyKey: string | null;
  }
}

const HEADER = 'idempotency-key';
/** Keys are kept at least this long (IETF draft: clients retry within hours, not days). */
const RETENTION = '24 hours';
/** A key whose first request has not answered in this long is taken to be from a crashed process. */
const ABANDONED_AFTER = '60 seconds';
const PURGE_EVERY_N_KEYS = 500;

/**
 * Idempotency-Key on POST and PATCH (draft-ietf-httpapi-idempotency-key-header): the first request
 * with a key runs and its response is stored; the same key with the same request replays that
 * response without writing again; with a different request it is 422; while the first is still
 * running it is 409. Keys are scoped to the workspace and the key's user.
 */
export function registerIdempotency(app: FastifyInstance, db: Database): void {
  let keysSincePurge = 0;
  app.decorateRequest('idempotencyKey', null);

  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST' && request.method !== 'PATCH') return;
    const key = request.headers[HEADER];
    if (key === undefined) return;
    if (typeof key !== 'string' || key.length === 0 || key.length > 255) {
      throw new ValidationError('Idempotency-Key must be 1 to 255 characters', 'Idempotency-Key');
    }
    const scope = { accountId: request.actor.accountId, userId: request.actor.userId, key };
    const fingerprint = fingerprintOf(request);
    const ours = and(
      eq(idempotencyKeys.accountId, scope.accountId),
      eq(idempotencyKeys.userId, scope.userId),
      eq(idempotencyKeys.key, key),
    );

    await db
      .delete(idempotencyKeys)
      .where(and(ours, lt(idempotencyKeys.createdAt, sql`now() - ${RETENTION}::interval`)));
    const [claimed] = await db
      .insert(idempotencyKeys)
      .values({ ...scope, fingerprint })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (claimed !== undefined) {
      request.idempotencyKey = key;
      if (++keysSincePurge >= PURGE_EVERY_N_KEYS) {
        keysSincePurge = 0;
        await db
          .delete(idempotencyKeys)
          .where(lt(idempotencyKeys.createdAt, sql`now() - ${RETENTION}::interval`));
      }
      return;
    }

    const [existing] = await db.select().from(idempotencyKeys).where(ours).limit(1);
    if (existing === undefined)
      throw new ConflictError('The Idempotency-Key is being released; retry', HEADER);
    if (existing.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError();
    if (existing.responseStatus !== null) return replay(reply, existing);

    const [takenOver] = await db
      .update(idempotencyKeys)
      .set({ createdAt: new Date() })
      .where(
        and(
          ours,
          isNull(idempotencyKeys.completedAt),
          lt(idempotencyKeys.createdAt, sql`now() - ${ABANDONED_AFTER}::interval`),
        ),
      )
      .returning({ key: idempotencyKeys.key });
    if (takenOver !== undefined) {
      request.idempotencyKey = key;
      return;
    }
    throw new ConflictError('A request with this Idempotency-Key is still in progress; retry shortly');
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const key = request.idempotencyKey;
    if (key === null) return payload;
    request.idempotencyKey = null;
    const ours = and(
      eq(idempotencyKeys.accountId, request.actor.accountId),
      eq(idempotencyKeys.userId, request.actor.userId),
      eq(idempotencyKeys.key, key),
    );
    if (reply.statusCode >= 500) {
      // Nothing was written, or the write was rolled back: let a retry run the request again.
      await db.delete(idempotencyKeys).where(ours);
      return payload;
    }
    await db
      .update(idempotencyKeys)
      .set({
        responseStatus: reply.statusCode,
        responseBody: typeof payload === 'string' ? payload : payload == null ? '' : String(payload),
        responseContentType: String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8'),
        completedAt: new Date(),
      })
      .where(ours);
    return payload;
  });
}

function fingerprintOf(request: FastifyRequest): string {
  return createHash('sha256')
    .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
    .digest('hex');
}

function replay(
  reply: FastifyReply,
  stored: { responseStatus: number | null; responseBody: string | null; responseContentType: string | null },
) {
  return reply
    .status(stored.responseStatus ?? 200)
    .header('content-type', stored.responseContentType ?? 'application/json; charset=utf-8')
    .header('idempotent-replayed', 'true')
    .send(stored.responseBody ?? '');
}
