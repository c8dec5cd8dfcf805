import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { isStillReferenced } from '../../db/errors.ts';
import { accounts, invitations, users } from '../../db/schema/index.ts';
import { enqueue } from '../../jobs/enqueue.ts';
import type { JobPayload } from '../../jobs/registry.ts';
import { BusinessRuleError, ConflictError, NotFoundError } from '../../lib/errors.ts';
import type { Mailer } from '../../lib/mail.ts';
import { authorize } from '../access/abilities.ts';
import type { Actor } from '../access/actor.ts';
import { type Origin, recordAuditEvent } from '../audit/record.ts';
import { hashPassword } from '../auth/password.ts';
import { hashToken, newToken } from '../auth/sessions.ts';
import { type Attempt, accountCounter, throttled } from '../auth/throttle.ts';
import { deleteUser, findUserInAccount, updateUser } from '../people/queries.ts';
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
 * the batch, so a retry after fixing it does not invite the others twice. Each email is queued in
 * the same transaction (a background job sends it and retries until it goes out), so a refused batch
 * emails nobody.
 */
export async function invite(
  db: Executor,
  mailer: Mailer,
  actor: Actor,
  base: LinkBase,
  invitees: InviteeInput[],
): Promise<IssuedInvitation[]> {
  await authorize(db, actor, (can) => can.administerWorkspace, 'Only administrators can invite people');
  const seen = new Map<string, number>();
  invitees.forEach((invitee, index) => {
    const key = invitee.email.toLowerCase();
    if (seen.has(key)) {
      throw new ConflictError(`${invitee.email} is in the list twice`, `invitations.${index}.email`);
    }
    seen.set(key, index);
  });
  return db.transaction(async (tx) => {
    const results: IssuedInvitation[] = [];
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
      results.push(await issueLink(tx, mailer, actor, base, user));
    }
    return results;
  });
}

export async function listInvitations(db: Executor, actor: Actor): Promise<InvitationResponse[]> {
  await authorize(db, actor, (can) => can.administerWorkspace, 'Only administrators can see invitations');
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
  await authorize(db, actor, (can) => can.administerWorkspace, 'Only administrators can invite people');
  const user = await pendingPerson(db, actor, userId);
  return db.transaction((tx) => issueLink(tx, mailer, actor, base, user));
}

/**
 * Withdraws the invitation. The pending person goes too when nothing was recorded for them; when an
 * admin already logged time or expenses in their name they are archived instead, keeping that history.
 */
export async function cancel(
  db: Executor,
  actor: Actor,
  userId: string,
  origin: Origin,
): Promise<{ id: string; user: 'removed' | 'archived' }> {
  await authorize(db, actor, (can) => can.administerWorkspace, 'Only administrators can cancel invitations');
  await pendingPerson(db, actor, userId);
  return db.transaction(async (tx) => {
    await tx
      .delete(invitations)
      .where(and(eq(invitations.accountId, actor.accountId), eq(invitations.userId, userId)));
    try {
      await tx.transaction((savepoint) => deleteUser(savepoint, actor.accountId, userId));
      return { id: userId, user: 'removed' as const };
    } catch (error) {
      if (!isStillReferenced(error)) throw error;
    }
    await updateUser(tx, actor.accountId, userId, { status: 'archived', archivedAt: new Date() });
    await recordAuditEvent(tx, {
      accountId: actor.accountId,
      action: 'user.archived',
      actor,
      targetId: userId,
      origin,
    });
    return { id: userId, user: 'archived' as const };
  });
}

/** Who is invited to which workspace, for the accept page. Used, cancelled and expired links say so. */
export async function preview(db: Executor, token: string) {
  const { invitation, user, account, invitedByName } = await liveInvitationWithInviter(db, token);
  return {
    name: user.name,
    email: user.email,
    role: user.role,
    workspace_name: account.name,
    invited_by_name: invitedByName,
    expires_at: invitation.expiresAt.toISOString(),
  };
}

/** A live invitation with its person, workspace and the name of who sent it. */
async function liveInvitationWithInviter(db: Executor, token: string) {
  const live = await liveInvitation(db, token);
  let invitedByName: string | null = null;
  if (live.invitation.invitedById !== null) {
    const [inviter] = await db
      .select({ name: users.name })
      .from(users)
      .where(and(eq(users.accountId, live.invitation.accountId), eq(users.id, live.invitation.invitedById)));
    invitedByName = inviter?.name ?? null;
  }
  return { ...live, invitedByName };
}

/** Sets the password and makes the person active; the link is spent. */
/** Throttled per link and per address, so invitation tokens cannot be guessed at speed. */
export function accept(db: Executor, token: string, password: string, attempt: Attempt) {
  return throttled(db, accountCounter(`invitation:${hashToken(token)}`), attempt, () =>
    acceptUnthrottled(db, token, password),
  );
}

async function acceptUnthrottled(db: Executor, token: string, password: string) {
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
    await updateUser(tx, user.accountId, user.id, { passwordHash, status: 'active' });
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

/**
 * Replaces the person's link and, when the server sends mail, queues the email in the caller's
 * transaction; without SMTP the administrator gets the link to pass on. Resending replaces a mail
 * still waiting in the queue (one job key a person): its link is dead anyway.
 */
async function issueLink(
  db: Executor,
  mailer: Mailer,
  actor: Actor,
  base: LinkBase,
  user: UserRow,
): Promise<IssuedInvitation> {
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
  const linkOrigin = mailer.publicUrl ?? base.origin;
  const presented = present(invitation, user);
  if (!mailer.enabled) return { ...presented, email_sent: false, accept_url: acceptUrl(linkOrigin, token) };
  await enqueue(
    db,
    'send-invitation-email',
    { token, linkOrigin },
    { jobKey: `invitation-email:${user.id}` },
  );
  return { ...presented, email_sent: true, accept_url: null };
}

function acceptUrl(linkOrigin: string, token: string): string {
  return `${linkOrigin}/invitations/${token}`;
}

/**
 * The `send-invitation-email` job. A link that was used, cancelled, replaced by a resend or has
 * expired since the job was queued is not mailed: the job ends without sending, it does not retry.
 */
export async function sendInvitationEmail(
  db: Executor,
  mailer: Mailer,
  { token, linkOrigin }: JobPayload<'send-invitation-email'>,
): Promise<'sent' | 'link no longer valid'> {
  let invitation: Awaited<ReturnType<typeof liveInvitationWithInviter>>;
  try {
    invitation = await liveInvitationWithInviter(db, token);
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof BusinessRuleError) return 'link no longer valid';
    throw error;
  }
  await mailer.send(
    invitationEmail({
      to: invitation.user.email,
      name: invitation.user.name,
      workspaceName: invitation.account.name,
      invitedByName: invitation.invitedByName,
      acceptUrl: acceptUrl(linkOrigin, token),
      expiresAt: invitation.invitation.expiresAt,
      // The date the link works until, in the invitee's own zone when known, else the workspace's.
      timeZone: invitation.user.timezone ?? invitation.account.timezone,
    }),
  );
  return 'sent';
}
