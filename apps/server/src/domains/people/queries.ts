import { and, asc, eq, inArray, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { afterNameCursor } from '../../db/keyset.ts';
import { managerTeammates, users } from '../../db/schema/index.ts';
import { NotFoundError } from '../../lib/errors.ts';
import type { UserScope } from '../access/abilities.ts';
import type { ListUsersFilters } from './schemas.ts';

export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;

export async function listUsers(
  db: Executor,
  accountId: string,
  scope: UserScope,
  filters: ListUsersFilters,
): Promise<UserRow[]> {
  const conditions: (SQL | undefined)[] = [eq(users.accountId, accountId)];
  if (scope.kind === 'some') conditions.push(inArray(users.id, scope.userIds));
  if (filters.user_type !== undefined) conditions.push(eq(users.userType, filters.user_type));
  if (filters.role !== undefined) conditions.push(eq(users.role, filters.role));
  if (filters.is_active !== undefined) {
    conditions.push(filters.is_active ? ne(users.status, 'archived') : eq(users.status, 'archived'));
  }
  conditions.push(afterNameCursor(users.name, users.id, filters.cursor));
  return db
    .select()
    .from(users)
    .where(and(...conditions))
    .orderBy(asc(users.name), asc(users.id))
    .limit(filters.limit + 1);
}

export async function insertUser(db: Executor, row: NewUserRow): Promise<UserRow> {
  const [user] = await db.insert(users).values(row).returning();
  if (user === undefined) throw new Error('insert into users returned no row');
  return user;
}

export async function updateUser(
  db: Executor,
  accountId: string,
  userId: string,
  changes: Partial<NewUserRow>,
): Promise<UserRow | undefined> {
  const [user] = await db
    .update(users)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(users.accountId, accountId), eq(users.id, userId)))
    .returning();
  return user;
}

export async function deleteUser(db: Executor, accountId: string, userId: string): Promise<void> {
  await db.delete(users).where(and(eq(users.accountId, accountId), eq(users.id, userId)));
}

export async function emailTaken(db: Executor, accountId: string, email: string, exceptUserId?: string) {
  const conditions = [eq(users.accountId, accountId), sql`lower(${users.email}) = lower(${email})`];
  if (exceptUserId !== undefined) conditions.push(ne(users.id, exceptUserId));
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(...conditions))
    .limit(1);
  return row !== undefined;
}

export async function replaceTeammates(
  db: Executor,
  accountId: string,
  managerId: string,
  teammateIds: string[],
) {
  await db
    .delete(managerTeammates)
    .where(and(eq(managerTeammates.accountId, accountId), eq(managerTeammates.managerId, managerId)));
  if (teammateIds.length > 0) {
    await db
      .insert(managerTeammates)
      .values(teammateIds.map((teammateId) => ({ accountId, managerId, teammateId })));
  }
}

export async function countUsersIn(db: Executor, accountId: string, userIds: string[]): Promise<number> {
  if (userIds.length === 0) return 0;
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.accountId, accountId), inArray(users.id, userIds)));
  return rows.length;
}

/** The users assigned to a manager as teammates. */
export async function teammateIdsOf(db: Executor, accountId: string, managerId: string): Promise<string[]> {
  const rows = await db
    .select({ id: managerTeammates.teammateId })
    .from(managerTeammates)
    .where(and(eq(managerTeammates.accountId, accountId), eq(managerTeammates.managerId, managerId)));
  return rows.map((row) => row.id);
}

/** Loads a user of the workspace, or fails with not_found naming the field it came from. */
export async function findUserInAccount(db: Executor, accountId: string, userId: string, field?: string) {
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.accountId, accountId), eq(users.id, userId)))
    .limit(1);
  if (user === undefined) throw new NotFoundError('User', field);
  return user;
}

/** Users of the workspace by id (unknown ids are left out). */
export function usersByIds(db: Executor, accountId: string, userIds: string[]): Promise<UserRow[]> {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(users)
    .where(and(eq(users.accountId, accountId), inArray(users.id, userIds)));
}

/** The people (humans, not archived) among `scope`, in name order: whose capacity a report weighs. */
export function humansIn(db: Executor, accountId: string, scope: UserScope): Promise<UserRow[]> {
  return db
    .select()
    .from(users)
    .where(
      and(
        eq(users.accountId, accountId),
        eq(users.userType, 'human'),
        ne(users.status, 'archived'),
        scope.kind === 'some' ? inArray(users.id, scope.userIds) : undefined,
      ),
    )
    .orderBy(asc(users.name), asc(users.id));
}

/** The workspace's administrators who are not archived. */
export async function activeAdministratorIdsOf(db: Executor, accountId: string): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(eq(users.accountId, accountId), eq(users.role, 'administrator'), ne(users.status, 'archived')),
    );
  return rows.map((row) => row.id);
}

/**
 * The people (not archived) who may be able to approve `userId`'s time, with whether `userId` is assigned
 * to them as a teammate: the permission map (abilities.ts) makes the decision, this only narrows
 * the workspace to administrators and the person's managers.
 */
export async function approverCandidatesOf(db: Executor, accountId: string, userId: string) {
  const assigned = db
    .select({ managerId: managerTeammates.managerId })
    .from(managerTeammates)
    .where(and(eq(managerTeammates.accountId, accountId), eq(managerTeammates.teammateId, userId)));
  const rows = await db
    .select()
    .from(users)
    .where(
      and(
        eq(users.accountId, accountId),
        ne(users.status, 'archived'),
        or(eq(users.role, 'administrator'), inArray(users.id, assigned)),
      ),
    );
  const managerIds = new Set((await assigned).map((row) => row.managerId));
  return rows.map((user) => ({ user, teammateIds: managerIds.has(user.id) ? [userId] : [] }));
}

/** The people of the workspace who have joined (active humans): the ones scheduled emails are for. */
export function activePeopleOf(db: Executor, accountId: string): Promise<UserRow[]> {
  return db
    .select()
    .from(users)
    .where(and(eq(users.accountId, accountId), eq(users.status, 'active'), eq(users.userType, 'human')));
}

/** The person's unsubscribe secret, made on first use (two jobs racing keep the first one written). */
export async function unsubscribeTokenOf(db: Executor, accountId: string, userId: string, fresh: string) {
  const [row] = await db
    .update(users)
    .set({ unsubscribeToken: sql`coalesce(${users.unsubscribeToken}, ${fresh})` })
    .where(and(eq(users.accountId, accountId), eq(users.id, userId)))
    .returning({ token: users.unsubscribeToken });
  return row?.token ?? undefined;
}

export async function findUserByUnsubscribeToken(db: Executor, token: string): Promise<UserRow | undefined> {
  const [user] = await db.select().from(users).where(eq(users.unsubscribeToken, token)).limit(1);
  return user;
}

/** Merges preferences into the person's stored ones in one statement, so two changes at once both stick. */
export async function mergeNotificationPreferences(
  db: Executor,
  accountId: string,
  userId: string,
  preferences: Partial<Record<string, boolean>>,
): Promise<void> {
  await db
    .update(users)
    .set({
      notificationPreferences: sql`${users.notificationPreferences} || ${JSON.stringify(preferences)}::jsonb`,
      updatedAt: new Date(),
    })
    .where(and(eq(users.accountId, accountId), eq(users.id, userId)));
}
