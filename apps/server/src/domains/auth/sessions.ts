import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, gt, lt, ne } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Executor } from '../../db/client.ts';
import { sessions, users } from '../../db/schema/index.ts';
import { AuthenticationError, AuthorizationError, NotFoundError } from '../../lib/errors.ts';
import type { Actor } from '../access/actor.ts';

export const SESSION_COOKIE = 'keito_session';
/** The header the web app sends with every request; a cross-site form or image cannot add it. */
export const CLIENT_HEADER = 'x-keito-client';

/**
 * How long a web session lasts (SESSION_IDLE_TIMEOUT_HOURS and SESSION_LIFETIME_DAYS in config.ts),
 * the clock it is measured by (tests inject one), and whether its cookie is Secure.
 */
export interface SessionPolicy {
  now: () => Date;
  idleTimeoutMs: number;
  lifetimeMs: number;
  /** PUBLIC_URL is https: a proxy may terminate TLS, so the request's own protocol is not enough. */
  secureCookies: boolean;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = {
  now: () => new Date(),
  idleTimeoutMs: 7 * 86_400_000,
  lifetimeMs: 30 * 86_400_000,
  secureCookies: false,
};

/** last_seen_at moves at most once a minute, so a busy browser costs one write a minute. */
const LAST_SEEN_RESOLUTION_MS = 60_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Starts a session for a user and sets its cookie (httpOnly, SameSite=Lax, Secure over HTTPS). */
export async function startSession(
  db: Executor,
  policy: SessionPolicy,
  reply: FastifyReply,
  user: { accountId: string; id: string },
): Promise<void> {
  const token = newToken();
  const now = policy.now();
  const expiresAt = new Date(now.getTime() + policy.lifetimeMs);
  await db.insert(sessions).values({
    tokenHash: hashToken(token),
    accountId: user.accountId,
    userId: user.id,
    userAgent: reply.request.headers['user-agent']?.slice(0, 500) ?? null,
    ipAddress: reply.request.ip,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
  });
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: policy.secureCookies || reply.request.protocol === 'https',
    path: '/',
    expires: expiresAt,
  });
}

export async function endSession(db: Executor, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const token = request.cookies[SESSION_COOKIE];
  if (token) await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** Signs out every other browser of a user, as after a password change. */
export async function endOtherSessions(db: Executor, actor: Actor, request: FastifyRequest): Promise<void> {
  const token = request.cookies[SESSION_COOKIE];
  const keep = token ? ne(sessions.tokenHash, hashToken(token)) : undefined;
  await db.delete(sessions).where(and(ownedBy(actor.accountId, actor.userId), keep));
}

/** Signs one of a person's browsers out, by the id the session list shows; not_found if it is not theirs. */
export async function endSessionById(db: Executor, actor: Actor, sessionId: string): Promise<void> {
  const ended = await db
    .delete(sessions)
    .where(and(ownedBy(actor.accountId, actor.userId), eq(sessions.id, sessionId)))
    .returning({ id: sessions.id });
  if (ended.length === 0) throw new NotFoundError('Session');
}

/** Signs a person out everywhere: "sign out everywhere", and archiving them. */
export async function endSessionsOf(db: Executor, accountId: string, userId: string): Promise<void> {
  await db.delete(sessions).where(ownedBy(accountId, userId));
}

function ownedBy(accountId: string, userId: string) {
  return and(eq(sessions.accountId, accountId), eq(sessions.userId, userId));
}

/** A person's live sessions, newest activity first; `current` marks the request's own. */
export async function listSessions(
  db: Executor,
  policy: SessionPolicy,
  actor: Actor,
  request: FastifyRequest,
) {
  const token = request.cookies?.[SESSION_COOKIE];
  const current = token ? hashToken(token) : undefined;
  const rows = await db
    .select()
    .from(sessions)
    .where(and(ownedBy(actor.accountId, actor.userId), ...live(policy.now(), policy)))
    .orderBy(desc(sessions.lastSeenAt));
  return rows.map((row) => ({
    id: row.id,
    user_agent: row.userAgent,
    ip_address: row.ipAddress,
    created_at: row.createdAt.toISOString(),
    last_seen_at: row.lastSeenAt.toISOString(),
    expires_at: row.expiresAt.toISOString(),
    current: row.tokenHash === current,
  }));
}

/** Within the absolute lifetime and not idle for longer than the timeout. */
function live(now: Date, policy: SessionPolicy) {
  return [
    gt(sessions.expiresAt, now),
    gt(sessions.lastSeenAt, new Date(now.getTime() - policy.idleTimeoutMs)),
  ];
}

interface SessionUser {
  accountId: string;
  userId: string;
  role: Actor['role'];
  userType: Actor['userType'];
  status: 'pending' | 'active' | 'archived';
  managerPermissions: Actor['managerPermissions'];
}

/**
 * The live session of the request's cookie, with its user; undefined without one. Using a session
 * keeps it alive: its last_seen_at moves (to the minute) and the idle timeout starts again.
 */
export async function findSession(
  db: Executor,
  policy: SessionPolicy,
  request: FastifyRequest,
): Promise<SessionUser | undefined> {
  const token = request.cookies?.[SESSION_COOKIE];
  if (!token) return undefined;
  const now = policy.now();
  const tokenHash = hashToken(token);
  const [row] = await db
    .select({
      lastSeenAt: sessions.lastSeenAt,
      accountId: users.accountId,
      userId: users.id,
      role: users.role,
      userType: users.userType,
      status: users.status,
      managerPermissions: users.managerPermissions,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), ...live(now, policy)))
    .limit(1);
  if (row === undefined || row.status !== 'active' || row.userType !== 'human') return undefined;
  if (now.getTime() - row.lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS) {
    const staleBefore = new Date(now.getTime() - LAST_SEEN_RESOLUTION_MS);
    await db
      .update(sessions)
      .set({ lastSeenAt: now })
      .where(and(eq(sessions.tokenHash, tokenHash), lt(sessions.lastSeenAt, staleBefore)));
  }
  return row;
}

/**
 * The request's live web session: who it is and the hash that names it (sessions.token_hash), for
 * a flow that must come back to the browser session that started it (Stripe Connect's OAuth).
 */
export async function currentSession(
  db: Executor,
  policy: SessionPolicy,
  request: FastifyRequest,
): Promise<{ tokenHash: string; actor: Actor } | undefined> {
  const token = request.cookies?.[SESSION_COOKIE];
  const session = token ? await findSession(db, policy, request) : undefined;
  if (!token || session === undefined) return undefined;
  return { tokenHash: hashToken(token), actor: actorOf(session) };
}

/** The hash naming the session a request was authenticated by; undefined for an API key's. */
export function sessionHashOf(request: FastifyRequest, actor: Actor): string | undefined {
  const token = request.cookies?.[SESSION_COOKIE];
  return actor.apiKeyId === null && token ? hashToken(token) : undefined;
}

function actorOf(session: SessionUser): Actor {
  return {
    accountId: session.accountId,
    userId: session.userId,
    role: session.role,
    userType: session.userType,
    managerPermissions: session.managerPermissions,
    apiKeyId: null,
  };
}

/**
 * The actor behind a session cookie, for the /v1 auth hook; undefined when the request has no
 * cookie. Writes need the web app's header and, when the browser says where it comes from, this
 * origin: SameSite=Lax already keeps the cookie off cross-site POSTs, this is the second wall.
 */
export async function authenticateSession(
  db: Executor,
  policy: SessionPolicy,
  request: FastifyRequest,
): Promise<Actor | undefined> {
  if (!request.cookies?.[SESSION_COOKIE]) return undefined;
  const session = await findSession(db, policy, request);
  if (session === undefined) throw new AuthenticationError('Your session has ended; sign in again');
  assertSameOriginWrite(request);
  return actorOf(session);
}

export function assertSameOriginWrite(request: FastifyRequest): void {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
  if (request.headers[CLIENT_HEADER] === undefined) {
    throw new AuthorizationError(`Requests signed in with a cookie must send the ${CLIENT_HEADER} header`);
  }
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== 'null') {
    let host: string | undefined;
    try {
      host = new URL(origin).host;
    } catch {
      host = undefined;
    }
    if (host !== request.headers.host) throw new AuthorizationError('Cross-origin requests are not allowed');
  }
}
