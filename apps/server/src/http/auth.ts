import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../db/client.ts';
import { apiKeys } from '../db/schema/index.ts';
import type { Actor } from '../domains/access/actor.ts';
import { hashApiKey, looksLikeApiKey } from '../domains/api-keys/secret.ts';
import { coalesce } from '../lib/coalesce.ts';
import { AuthenticationError } from '../lib/errors.ts';
import { type ApiKeyOwner, findApiKeyAndCount, type WindowState } from './rate-limit.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
}

/**
 * The web app's session check (domains/auth/sessions.ts), handed in by app.ts: the HTTP layer does
 * not import domain logic (docs/decisions/0016-domain-boundaries.md).
 */
export type SessionAuthenticator = (db: Database, request: FastifyRequest) => Promise<Actor | undefined>;

const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Authenticates every request of the plugin it is registered in: `Authorization: Bearer keito_sk_...`,
 * and an optional `Keito-Account-Id` that must name the key's workspace. Without an Authorization
 * header, the web app's session cookie (domains/auth/sessions.ts) is accepted instead.
 * `countApiKeyRequest` is the app's one (app.ts), so /v1 and /api/v2 requests of a key count together.
 */
export function registerApiKeyAuth(
  app: FastifyInstance,
  { db, countApiKeyRequest, authenticateSession }: AuthDeps,
): void {
  app.decorateRequest('actor', null as unknown as Actor);
  app.addHook('onRequest', async (request) => {
    const { actor, rateLimitWindows } = await authenticate(
      db,
      countApiKeyRequest,
      authenticateSession,
      request,
    );
    request.actor = actor;
    request.rateLimitWindows = rateLimitWindows;
  });
}

interface CountedRequest {
  owner: ApiKeyOwner;
  windows: WindowState[];
}

export type CountApiKeyRequest = (hash: string) => Promise<CountedRequest>;

/** What authenticating a request needs; app.ts builds it once per app, for v1 and v2 alike. */
export interface AuthDeps {
  db: Database;
  countApiKeyRequest: CountApiKeyRequest;
  authenticateSession: SessionAuthenticator;
}

/**
 * Looks the key up and counts the request against its rate limits, together with the other
 * requests of the same key that arrive with it (while the key's previous group is being counted):
 * one statement for the group (lib/coalesce.ts). Under load an agent sends many requests at once with one key, and a round trip
 * each was most of the server's work (bench/README.md).
 */
export function coalescedApiKeyCount(db: Database): CountApiKeyRequest {
  const count = coalesce(async (hash: string, requests: null[]) => {
    const owner = await findApiKeyAndCount(db, hash, requests.length);
    // Each request gets its own error, as if it had been looked up alone.
    const refuse = (message: string) =>
      requests.map(
        (): PromiseSettledResult<CountedRequest> => ({
          status: 'rejected',
          reason: new AuthenticationError(message),
        }),
      );
    if (owner === undefined) return refuse('Invalid API key');
    if (owner.status === 'archived') return refuse('The user this API key belongs to is archived');
    await recordKeyUse(db, owner.keyId, owner.lastUsedAt);
    return owner.windowsOfRequests.map(
      (windows): PromiseSettledResult<CountedRequest> => ({ status: 'fulfilled', value: { owner, windows } }),
    );
  });
  return (hash) => count(hash, null);
}

async function authenticate(
  db: Database,
  countApiKeyRequest: CountApiKeyRequest,
  authenticateSession: SessionAuthenticator,
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

  // The lookup also counts the request against the key's rate limits: one round trip for both,
  // shared with the other requests of this key that arrived with it.
  const { owner, windows } = await countApiKeyRequest(hashApiKey(key));

  const accountHeader = request.headers['keito-account-id'];
  if (typeof accountHeader === 'string' && accountHeader !== '' && accountHeader !== owner.accountId) {
    throw new AuthenticationError("Keito-Account-Id does not match the API key's workspace");
  }

  return {
    actor: {
      accountId: owner.accountId,
      userId: owner.userId,
      role: owner.role,
      userType: owner.userType,
      managerPermissions: owner.managerPermissions,
      apiKeyId: owner.keyId,
    },
    rateLimitWindows: windows,
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
