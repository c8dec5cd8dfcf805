import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { accounts, invitations, users } from '../../db/schema/index.ts';
import { BusinessRuleError, ConflictError, NotFoundError } from '../../lib/errors.ts';
import type { Mailer } from '../../lib/mail.ts';
import type { Actor } from '../access/actor.ts';
import { hashPassword } from '../auth/password.ts';
import { hashToken, newToken } from '../auth/sessions.ts';
import { assertAdministrator, findUserInAccount } from '../people/access.ts';
import * as people from '../people/service.ts';
import { invitationEmail } from './email.ts';
import type { InvitationResponse, InviteeInput, IssuedInvitation } from './schemas.ts';

const INVITATION_DAYS = 14;

/** Where accept links point: PUBLIC_URL when the operator set it, else the origin the admin used. */
export interface LinkBase {
  origin: string;
}

type InvitationRow = typeof invitations.$inferSelect;
type UserRow = typeof users.$inferSelect;

function present(invitation: InvitationRow, user: UserRow): InvitationResponse {
  return {
    id: user.id,
    user_id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    invited_by_id: invitation.invitedById,
    created_at: invitation.createdAt.toISOString(),
    expires_at: invitation.expiresAt.toISOString(),
    is_expired: invitation.expiresAt.getTime() <= Date.now(),
  };
}

/**
 * Adds the people as pending users and gives each a link, all or none: a clash on any email refuses
 * the batch, so a retry after fixing it does not invite the others twice. Emails go out after the
 * commit, and a failed send is reported, not undone: the admin can resend or copy the link.
 */
export async function invite(
  db: Executor,
  mailer: Mailer,
  actor: Actor,
  base: LinkBase,
  invitees: InviteeInput[],
): Promise<IssuedInvitation[]> {
  assertAdministrator(actor, 'invite people');
  const seen = new Map<string, number>();
  invitees.forEach((invitee, index) => {
    const key = invitee.email.toLowerCase();
    if (seen.has(key)) {
      throw new ConflictError(`${invitee.email} is in the list twice`, `invitations.${index}.email`);
    }
    seen.set(key, index);
  });
  const issued = await db.transaction(async (tx) => {
    const results: { token: string; invitation: InvitationRow; user: UserRow }[] = [];
    for (const [index, invitee] of invitees.entries()) {
      const [taken] = await tx
        .select({ id: users.id })
        .from(users)
        .where(
          and(eq(users.accountId, actor.accountId), sql`lower(${users.email}) = lower(${invitee.email})`),
        )
        .limit(1);
      if (taken !== undefined) {
        throw new ConflictError(
          `A user with email ${invitee.email} already exists in this workspace`,
          `invitations.${index}.email`,
        );
      }
      const created = await people.createUser(tx, actor, { ...invitee, user_type: 'human' });
      const user = await findUserInAccount(tx, actor.accountId, created.id);
      results.push({ ...(await issueLink(tx, actor, user)), user });
    }
    return results;
  });
  return Promise.all(issued.map((item) => deliver(db, mailer, actor, base, item)));
}

export async function listInvitations(db: Executor, actor: Actor): Promise<InvitationResponse[]> {
  assertAdministrator(actor, 'see invitations');
  const rows = await db
    .select({ invitation: invitations, user: users })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .where(and(eq(invitations.accountId, actor.accountId), eq(users.status, 'pending')))
    .orderBy(users.name, users.id);
  return rows.map((row) => present(row.invitation, row.user));
}

/**
 * A new link for a pending person, replacing the old one (only its hash was stored, so the old link
 * cannot be sent again). Also invites a person who was added without an invitation.
 */
export async function resend(
  db: Executor,
  mailer: Mailer,
  actor: Actor,
  base: LinkBase,
  userId: string,
): Promise<IssuedInvitation> {
  assertAdministrator(actor, 'invite people');
  const user = await pendingPerson(db, actor, userId);
  const issued = await db.transaction(async (tx) => issueLink(tx, actor, user));
  return deliver(db, mailer, actor, base, { ...issued, user });
}

/**
 * Withdraws the invitation. The pending person goes too when nothing was recorded for them; when an
 * admin already logged time or expenses in their name they are archived instead, keeping that history.
 */
export async function cancel(
  db: Executor,
  actor: Actor,
  userId: string,
): Promise<{ id: string; user: 'removed' | 'archived' }> {
  assertAdministrator(actor, 'cancel invitations');
  await pendingPerson(db, actor, userId);
  return db.transaction(async (tx) => {
    await tx
      .delete(invitations)
      .where(and(eq(invitations.accountId, actor.accountId), eq(invitations.userId, userId)));
    try {
      await tx.transaction((savepoint) =>
        savepoint.delete(users).where(and(eq(users.accountId, actor.accountId), eq(users.id, userId))),
      );
      return { id: userId, user: 'removed' as const };
    } catch (error) {
      if (!isForeignKeyViolation(error)) throw error;
    }
    await tx
      .update(users)
      .set({ status: 'archived', archivedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(users.accountId, actor.accountId), eq(users.id, userId)));
    return { id: userId, user: 'archived' as const };
  });
}

/** Who is invited to which workspace, for the accept page. Used, cancelled and expired links say so. */
export async function preview(db: Executor, token: string) {
  const { invitation, user, account } = await liveInvitation(db, token);
  let invitedByName: string | null = null;
  if (invitation.invitedById !== null) {
    const [inviter] = await db
      .select({ name: users.name })
      .from(users)
      .where(and(eq(users.accountId, invitation.accountId), eq(users.id, invitation.invitedById)));
    invitedByName = inviter?.name ?? null;
  }
  return {
    name: user.name,
    email: user.email,
    role: user.role,
    workspace_name: account.name,
    invited_by_name: invitedByName,
    expires_at: invitation.expiresAt.toISOString(),
  };
}

/** Sets the password and makes the person active; the link is spent. */
export async function accept(db: Executor, token: string, password: string) {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    // Locks the row: two clicks on the same link make one active user, the second finds it spent.
    const [row] = await tx
      .select({ tokenHash: invitations.tokenHash })
      .from(invitations)
      .where(eq(invitations.tokenHash, hashToken(token)))
      .for('update');
    if (row === undefined) throw spent();
    const { user } = await liveInvitation(tx, token);
    await tx.delete(invitations).where(eq(invitations.tokenHash, row.tokenHash));
    await tx
      .update(users)
      .set({ passwordHash, status: 'active', updatedAt: new Date() })
      .where(and(eq(users.accountId, user.accountId), eq(users.id, user.id)));
    return { accountId: user.accountId, id: user.id };
  });
}

function spent() {
  return new NotFoundError('Invitation (this link was already used or was cancelled)', 'token');
}

async function liveInvitation(db: Executor, token: string) {
  const [row] = await db
    .select({ invitation: invitations, user: users, account: accounts })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .innerJoin(accounts, eq(accounts.id, invitations.accountId))
    .where(eq(invitations.tokenHash, hashToken(token)))
    .limit(1);
  if (row === undefined || row.user.status !== 'pending') throw spent();
  if (row.invitation.expiresAt.getTime() <= Date.now()) {
    throw new BusinessRuleError(
      'This invitation has expired; ask your administrator to send a new one',
      'token',
    );
  }
  return row;
}

async function pendingPerson(db: Executor, actor: Actor, userId: string): Promise<UserRow> {
  const user = await findUserInAccount(db, actor.accountId, userId);
  if (user.userType !== 'human')
    throw new BusinessRuleError('Agent users are not invited; they use API keys');
  if (user.status !== 'pending') {
    throw new BusinessRuleError(
      user.status === 'active'
        ? `${user.name} has already joined`
        : `${user.name} is archived; reactivate them first`,
    );
  }
  return user;
}

async function issueLink(db: Executor, actor: Actor, user: UserRow) {
  const token = newToken();
  await db
    .delete(invitations)
    .where(and(eq(invitations.accountId, actor.accountId), eq(invitations.userId, user.id)));
  const [invitation] = await db
    .insert(invitations)
    .values({
      tokenHash: hashToken(token),
      accountId: actor.accountId,
      userId: user.id,
      invitedById: actor.userId,
      expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
    })
    .returning();
  if (invitation === undefined) throw new Error('insert into invitations returned no row');
  return { token, invitation };
}

async function deliver(
  db: Executor,
  mailer: Mailer,
  actor: Actor,
  base: LinkBase,
  { token, invitation, user }: { token: string; invitation: InvitationRow; user: UserRow },
): Promise<IssuedInvitation> {
  const acceptUrl = `${mailer.publicUrl ?? base.origin}/invitations/${token}`;
  const presented = present(invitation, user);
  if (!mailer.enabled) return { ...presented, email_sent: false, email_error: null, accept_url: acceptUrl };
  try {
    const [account] = await db
      .select({ name: accounts.name, timezone: accounts.timezone })
      .from(accounts)
      .where(eq(accounts.id, actor.accountId));
    const [inviter] = await db.select({ name: users.name }).from(users).where(eq(users.id, actor.userId));
    await mailer.send(
      invitationEmail({
        to: user.email,
        name: user.name,
        workspaceName: account?.name ?? 'Keito',
        invitedByName: inviter?.name ?? null,
        acceptUrl,
        expiresAt: invitation.expiresAt,
        timeZone: user.timezone ?? account?.timezone ?? 'UTC',
      }),
    );
    return { ...presented, email_sent: true, email_error: null, accept_url: null };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ...presented,
      email_sent: false,
      email_error: `The email could not be sent: ${reason}`,
      accept_url: acceptUrl,
    };
  }
}

/** 23001 is what an ON DELETE RESTRICT reference raises (time entries, expenses); 23503 the others. */
function isForeignKeyViolation(error: unknown): boolean {
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    const code = (cause as { code?: unknown }).code;
    if (code === '23001' || code === '23503') return true;
  }
  return false;
}
