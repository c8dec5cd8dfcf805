import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, ne } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Executor } from '../../db/client.ts';
import { sessions, users } from '../../db/schema/index.ts';
import { AuthenticationError, AuthorizationError } from '../../lib/errors.ts';
import type { Actor } from '../access/actor.ts';

export const SESSION_COOKIE = 'keito_session';
/** The header the web app sends with every request; a cross-site form or image cannot add it. */
export const CLIENT_HEADER = 'x-keito-client';
const SESSION_DAYS = 30;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Starts a session for a user and sets its cookie (httpOnly, SameSite=Lax, Secure over HTTPS). */
export async function startSession(
  db: Executor,
  reply: FastifyReply,
  user: { accountId: string; id: string },
  userAgent: string | undefined,
): Promise<void> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000);
  await db.insert(sessions).values({
    tokenHash: hashToken(token),
    accountId: user.accountId,
    userId: user.id,
    userAgent: userAgent?.slice(0, 500) ?? null,
    expiresAt,
  });
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: reply.request.protocol === 'https',
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
export async function endOtherSessions(db: Executor, userId: string, request: FastifyRequest): Promise<void> {
  const token = request.cookies[SESSION_COOKIE];
  const keep = token ? ne(sessions.tokenHash, hashToken(token)) : undefined;
  await db.delete(sessions).where(and(eq(sessions.userId, userId), keep));
}

interface SessionUser {
  accountId: string;
  userId: string;
  role: Actor['role'];
  userType: Actor['userType'];
  status: 'pending' | 'active' | 'archived';
  managerPermissions: Actor['managerPermissions'];
}

/** The live session of the request's cookie, with its user; undefined without one. */
export async function findSession(db: Executor, request: FastifyRequest): Promise<SessionUser | undefined> {
  const token = request.cookies?.[SESSION_COOKIE];
  if (!token) return undefined;
  const [row] = await db
    .select({
      accountId: users.accountId,
      userId: users.id,
      role: users.role,
      userType: users.userType,
      status: users.status,
      managerPermissions: users.managerPermissions,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, hashToken(token)), gt(sessions.expiresAt, new Date())))
    .limit(1);
  if (row === undefined || row.status !== 'active' || row.userType !== 'human') return undefined;
  return row;
}

/**
 * The actor behind a session cookie, for the /v1 auth hook; undefined when the request has no
 * cookie. Writes need the web app's header and, when the browser says where it comes from, this
 * origin: SameSite=Lax already keeps the cookie off cross-site POSTs, this is the second wall.
 */
export async function authenticateSession(db: Executor, request: FastifyRequest): Promise<Actor | undefined> {
  if (!request.cookies?.[SESSION_COOKIE]) return undefined;
  const session = await findSession(db, request);
  if (session === undefined) throw new AuthenticationError('Your session has ended; sign in again');
  assertSameOriginWrite(request);
  return {
    accountId: session.accountId,
    userId: session.userId,
    role: session.role,
    userType: session.userType,
    managerPermissions: session.managerPermissions,
    apiKeyId: null,
  };
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
