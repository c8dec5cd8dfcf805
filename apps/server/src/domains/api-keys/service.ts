import { and, desc, eq, isNull, lt, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { apiKeys } from '../../db/schema/index.ts';
import { AuthorizationError, NotFoundError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { decodeCursor, type Page, toPage } from '../../lib/pagination.ts';
import { loadAbilities } from '../access/abilities.ts';
import type { Actor } from '../access/actor.ts';
import { type Origin, recordAuditEvent } from '../audit/record.ts';
import { findUserInAccount } from '../people/queries.ts';
import type { ApiKeyResponse, CreateApiKeyInput, ListApiKeysFilters } from './schemas.ts';
import { generateApiKey } from './secret.ts';

type ApiKeyRow = typeof apiKeys.$inferSelect;

function presentApiKey(row: ApiKeyRow): ApiKeyResponse {
  return {
    id: row.id,
    name: row.name,
    user_id: row.userId,
    prefix: row.prefix,
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    revoked_at: row.revokedAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
  };
}

/** Inserts a key for a user and returns the only copy of its secret. */
export async function issueApiKey(
  db: Executor,
  params: { accountId: string; userId: string; name: string; createdById: string | null },
): Promise<ApiKeyResponse & { key: string }> {
  const { key, prefix, hash } = generateApiKey();
  const [row] = await db
    .insert(apiKeys)
    .values({
      id: newId('key'),
      accountId: params.accountId,
      userId: params.userId,
      name: params.name,
      prefix,
      hash,
      createdById: params.createdById,
    })
    .returning();
  if (row === undefined) throw new Error('insert into api_keys returned no row');
  return { ...presentApiKey(row), key };
}

export async function createApiKey(db: Executor, actor: Actor, input: CreateApiKeyInput, origin: Origin) {
  const userId = input.user_id ?? actor.userId;
  if (userId !== actor.userId) {
    const [abilities, owner] = await Promise.all([
      loadAbilities(db, actor),
      findUserInAccount(db, actor.accountId, userId, 'user_id'),
    ]);
    if (!abilities.manageApiKeys || owner.userType !== 'agent') {
      throw new AuthorizationError(
        'Only administrators can create keys for other users, and only for agent users',
      );
    }
  }
  return db.transaction(async (tx) => {
    const issued = await issueApiKey(tx, {
      accountId: actor.accountId,
      userId,
      name: input.name,
      createdById: actor.userId,
    });
    await recordAuditEvent(tx, {
      accountId: actor.accountId,
      action: 'api_key.created',
      actor,
      targetId: issued.id,
      details: { name: issued.name, user_id: userId },
      origin,
    });
    return issued;
  });
}

/** Everyone sees their own keys; administrators see every key in the workspace. */
export async function listApiKeys(
  db: Executor,
  actor: Actor,
  filters: ListApiKeysFilters,
): Promise<Page<ApiKeyResponse>> {
  const { manageApiKeys } = await loadAbilities(db, actor);
  const conditions: (SQL | undefined)[] = [eq(apiKeys.accountId, actor.accountId)];
  if (!manageApiKeys) conditions.push(eq(apiKeys.userId, actor.userId));
  if (filters.user_id !== undefined) conditions.push(eq(apiKeys.userId, filters.user_id));
  if (filters.include_revoked !== true) conditions.push(isNull(apiKeys.revokedAt));
  if (filters.cursor !== undefined) {
    const [id] = decodeCursor(filters.cursor, 1) as [string];
    conditions.push(lt(apiKeys.id, id));
  }
  const rows = await db
    .select()
    .from(apiKeys)
    .where(and(...conditions))
    .orderBy(desc(apiKeys.id))
    .limit(filters.limit + 1);
  return toPage(rows, filters.limit, presentApiKey, (row) => [row.id]);
}

/** Revokes every live key of a user. */
export async function revokeKeysOf(db: Executor, accountId: string, userId: string): Promise<void> {
  await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.accountId, accountId), eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)));
}

export async function revokeApiKey(db: Executor, actor: Actor, keyId: string, origin: Origin): Promise<void> {
  const { manageApiKeys } = await loadAbilities(db, actor);
  const ownership = manageApiKeys ? undefined : eq(apiKeys.userId, actor.userId);
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(apiKeys.accountId, actor.accountId),
        eq(apiKeys.id, keyId),
        ownership,
        isNull(apiKeys.revokedAt),
      ),
    )
    .returning({ id: apiKeys.id, name: apiKeys.name, userId: apiKeys.userId });
  if (row === undefined) throw new NotFoundError('API key');
  await recordAuditEvent(db, {
    accountId: actor.accountId,
    action: 'api_key.revoked',
    actor,
    targetId: row.id,
    details: { name: row.name, user_id: row.userId },
    origin,
  });
}
