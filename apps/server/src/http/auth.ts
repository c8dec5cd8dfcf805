import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../db/client.ts';
import { apiKeys } from '../db/schema/index.ts';
import { hashApiKey, looksLikeApiKey } from '../domains/api-keys/secret.ts';
import { authenticateSession } from '../domains/auth/sessions.ts';
import { AuthenticationError } from '../lib/errors.ts';
import type { Actor } from './actor.ts';
import { findApiKeyAndCount, type WindowState } from './rate-limit.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
}

const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Authenticates every request of the plugin it is registered in: `Authorization: Bearer keito_sk_...`,
 * and an optional `Keito-Account-Id` that must name the key's workspace. Without an Authorization
 * header, the web app's session cookie (domains/auth/sessions.ts) is accepted instead.
 */
export function registerApiKeyAuth(app: FastifyInstance, db: Database): void {
  app.decorateRequest('actor', null as unknown as Actor);
  app.addHook('onRequest', async (request) => {
    const { actor, rateLimitWindows } = await authenticate(db, request);
    request.actor = actor;
    request.rateLimitWindows = rateLimitWindows;
  });
}

async function authenticate(
  db: Database,
  request: FastifyRequest,
): Promise<{ actor: Actor; rateLimitWindows: WindowState[] | null }> {
  const header = request.headers.authorization;
  if (header === undefined) {
    // Rate limits are per API key; a person clicking in the web app is not what they guard against.
    const sessionActor = await authenticateSession(db, request);
    if (sessionActor !== undefined) return { actor: sessionActor, rateLimitWindows: null };
    throw new AuthenticationError('Missing Authorization header; send "Bearer <API key>"');
  }
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const key = match?.[1];
  if (key === undefined || !looksLikeApiKey(key)) throw new AuthenticationError('Invalid API key');

  // The lookup also counts the request against the key's rate limits: one round trip for both.
  const row = await findApiKeyAndCount(db, hashApiKey(key));
  if (row === undefined) throw new AuthenticationError('Invalid API key');
  if (row.status === 'archived')
    throw new AuthenticationError('The user this API key belongs to is archived');

  const accountHeader = request.headers['keito-account-id'];
  if (typeof accountHeader === 'string' && accountHeader !== '' && accountHeader !== row.accountId) {
    throw new AuthenticationError("Keito-Account-Id does not match the API key's workspace");
  }

  await recordKeyUse(db, row.keyId, row.lastUsedAt);
  return {
    actor: {
      accountId: row.accountId,
      userId: row.userId,
      role: row.role,
      userType: row.userType,
      managerPermissions: row.managerPermissions,
      apiKeyId: row.keyId,
    },
    rateLimitWindows: row.windows,
  };
}

/** last_used_at is kept to the minute, so a busy agent costs one write a minute, not one a request. */
async function recordKeyUse(db: Database, keyId: string, lastUsedAt: Date | null): Promise<void> {
  const now = new Date();
  if (lastUsedAt !== null && now.getTime() - lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
  const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  await db
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(and(eq(apiKeys.id, keyId), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, staleBefore))));
}
