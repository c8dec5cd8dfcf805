import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../db/client.ts';
import { accounts, apiKeys, users } from '../db/schema/index.ts';
import { hashApiKey, looksLikeApiKey } from '../domains/api-keys/secret.ts';
import { authenticateSession } from '../domains/auth/sessions.ts';
import { type RateLimits, rateLimitsOf } from '../domains/workspaces/plans.ts';
import { AuthenticationError } from '../lib/errors.ts';
import type { Actor } from './actor.ts';

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
    const { actor, rateLimits } = await authenticate(db, request);
    request.actor = actor;
    request.rateLimits = rateLimits;
  });
}

async function authenticate(
  db: Database,
  request: FastifyRequest,
): Promise<{ actor: Actor; rateLimits: RateLimits | null }> {
  const header = request.headers.authorization;
  if (header === undefined) {
    // Rate limits are per API key; a person clicking in the web app is not what they guard against.
    const sessionActor = await authenticateSession(db, request);
    if (sessionActor !== undefined) return { actor: sessionActor, rateLimits: null };
    throw new AuthenticationError('Missing Authorization header; send "Bearer <API key>"');
  }
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const key = match?.[1];
  if (key === undefined || !looksLikeApiKey(key)) throw new AuthenticationError('Invalid API key');

  const [row] = await db
    .select({
      keyId: apiKeys.id,
      lastUsedAt: apiKeys.lastUsedAt,
      accountId: users.accountId,
      userId: users.id,
      role: users.role,
      userType: users.userType,
      status: users.status,
      managerPermissions: users.managerPermissions,
      plan: accounts.plan,
      rateLimitPerMinute: accounts.rateLimitPerMinute,
      rateLimitPerDay: accounts.rateLimitPerDay,
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .innerJoin(accounts, eq(accounts.id, apiKeys.accountId))
    .where(and(eq(apiKeys.hash, hashApiKey(key)), isNull(apiKeys.revokedAt)))
    .limit(1);
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
    rateLimits: rateLimitsOf(row),
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
