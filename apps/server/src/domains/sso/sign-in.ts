import { createHash } from 'node:crypto';
import { and, eq, exists, gt, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { ssoConnections, ssoLogins, users } from '../../db/schema/index.ts';
import { newId } from '../../lib/ids.ts';
import { isSameSitePath } from '../../lib/same-site-path.ts';
import { type Origin, recordAuditEvent } from '../audit/record.ts';
import { insertUser, updateUser } from '../people/queries.ts';
import { findConnection, providerOf, type SsoDeps } from './connection.ts';
import { authorizationUrl, discover, newLoginSecrets, redeemCode } from './oidc.ts';
import type { SsoCallbackInput, SsoRefusal, SsoStartInput } from './schemas.ts';

/** Long enough to sign in at the provider (and set up a second factor), short enough to be useless later. */
const LOGIN_TTL_MS = 10 * 60_000;
/**
 * The web app's home, as after a password sign-in without a deep link: its `/` route sends each
 * person on by role (administrators to the Reports overview, everyone else to the Time page;
 * apps/web/src/router.tsx, decision 0060), so the rule stays in that one place.
 */
const DEFAULT_RETURN_TO = '/';

/** An SSO sign-in ends one of two ways: signed in as a user, or refused for a reason the sign-in page explains. */
export type SsoOutcome =
  | { kind: 'signed-in'; user: { accountId: string; id: string }; returnTo: string }
  | { kind: 'refused'; reason: SsoRefusal };

const refused = (reason: SsoRefusal): SsoOutcome & { kind: 'refused' } => ({ kind: 'refused', reason });

const hashState = (state: string) => createHash('sha256').update(state).digest('hex');

/**
 * openid-client's message names the kind of failure ("unexpected JWT claim value encountered") and
 * its cause the particular one ('unexpected JWT "aud" (audience) claim value'): the audit log keeps both.
 */
function describeError(error: unknown): string {
  const messages: string[] = [];
  for (let at = error; at instanceof Error && messages.length < 3; at = at.cause) messages.push(at.message);
  return messages.join(': ');
}

/** Only same-site paths: an open redirect would let a link send people elsewhere after sign-in. */
function safeReturnTo(path: string | undefined): string {
  return path !== undefined && isSameSitePath(path) ? path : DEFAULT_RETURN_TO;
}

/**
 * The workspaces an email signs in to with SSO: those with a provider that have a person with that
 * email, or that let its domain join. Emails are unique per workspace, not per server.
 */
async function workspacesFor(db: Executor, email: string): Promise<string[]> {
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  const person = db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.accountId, ssoConnections.accountId),
        eq(users.userType, 'human'),
        sql`lower(${users.email}) = lower(${email})`,
      ),
    );
  const rows = await db
    .select({ accountId: ssoConnections.accountId })
    .from(ssoConnections)
    .where(or(sql`${domain} = ANY(${ssoConnections.autoJoinDomains})`, exists(person)));
  return rows.map((row) => row.accountId);
}

/**
 * Starts an SSO sign-in: picks the workspace by the email, keeps the PKCE verifier and nonce on the
 * server under the state's hash, and answers the provider's authorization URL and the state (which
 * the route also puts in the browser's cookie, binding the sign-in to this browser).
 */
export async function startSsoSignIn(
  db: Executor,
  deps: SsoDeps,
  input: SsoStartInput,
  redirectUri: string,
): Promise<{ kind: 'redirect'; url: string; state: string } | (SsoOutcome & { kind: 'refused' })> {
  const accountIds = await workspacesFor(db, input.email);
  const [accountId] = accountIds;
  if (accountId === undefined) return refused('not_configured');
  if (accountIds.length > 1) return refused('several_workspaces');
  const connection = await findConnection(db, accountId);
  if (connection === undefined) return refused('not_configured');

  const now = deps.now();
  const secrets = newLoginSecrets();
  let url: URL;
  try {
    const config = await discover(providerOf(connection, deps.secrets), now);
    url = await authorizationUrl(config, { ...secrets, redirectUri, loginHint: input.email });
  } catch {
    // The provider is down or its discovery document changed: the person can do nothing but retry.
    return refused('provider_error');
  }
  // Housekeeping across workspaces, like the sign-in throttles': an expired sign-in is nobody's data,
  // and each new one sweeps them, so the table stays as small as the sign-ins in progress.
  await db.delete(ssoLogins).where(lte(ssoLogins.expiresAt, now));
  await db.insert(ssoLogins).values({
    stateHash: hashState(secrets.state),
    accountId,
    codeVerifier: secrets.codeVerifier,
    nonce: secrets.nonce,
    redirectUri,
    returnTo: safeReturnTo(input.redirect),
    expiresAt: new Date(now.getTime() + LOGIN_TTL_MS),
  });
  return { kind: 'redirect', url: url.href, state: secrets.state };
}

/**
 * Ends an SSO sign-in at the redirect URL. The state must match this browser's cookie and a live,
 * unused sign-in; the ID token is verified (oidc.ts); the person is matched by their verified email
 * in the workspace, or joins as a member when their domain may. Every refusal of a known workspace's
 * sign-in goes to its audit log, with the reason.
 */
export async function finishSsoSignIn(
  db: Executor,
  deps: SsoDeps,
  query: SsoCallbackInput,
  stateCookie: string | undefined,
  origin: Origin,
): Promise<SsoOutcome> {
  if (query.state === undefined || stateCookie === undefined) return refused('invalid_state');
  const now = deps.now();
  // Deleted as it is read: a sign-in is redeemed once, however many times its redirect is replayed.
  // The workspace is not known yet (the row says it); the state's hash, unguessable, is the key.
  const [login] = await db
    .delete(ssoLogins)
    .where(and(eq(ssoLogins.stateHash, hashState(query.state)), gt(ssoLogins.expiresAt, now)))
    .returning();
  // The cookie ties the redirect to the browser that started it: a victim sent someone else's
  // redirect URL (login CSRF) has no matching cookie.
  if (login === undefined || stateCookie !== query.state) return refused('invalid_state');

  const refuse = async (
    reason: SsoRefusal,
    details: Record<string, unknown> = {},
    tx: Executor = db,
    targetId?: string,
  ): Promise<SsoOutcome> => {
    await recordAuditEvent(tx, {
      accountId: login.accountId,
      action: 'sign_in.sso_refused',
      targetId,
      details: { reason, ...details },
      origin,
      now,
    });
    return refused(reason);
  };

  if (query.error !== undefined) {
    return refuse('provider_error', { error: query.error, error_description: query.error_description });
  }
  const connection = await findConnection(db, login.accountId);
  if (connection === undefined) return refuse('not_configured');

  const callbackUrl = new URL(login.redirectUri);
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) callbackUrl.searchParams.set(key, value);
  }
  let claims: Awaited<ReturnType<typeof redeemCode>>;
  try {
    const config = await discover(providerOf(connection, deps.secrets), now);
    claims = await redeemCode(config, callbackUrl, { state: query.state, ...login });
  } catch (error) {
    return refuse('invalid_token', { error: describeError(error) });
  }
  if (claims.email === undefined || !claims.emailVerified) {
    return refuse('unverified_email', { email: claims.email ?? null, subject: claims.subject });
  }
  const email = claims.email;

  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(users)
      .where(and(eq(users.accountId, login.accountId), sql`lower(${users.email}) = lower(${email})`))
      .limit(1);
    const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
    let user: { accountId: string; id: string };
    let joined = false;
    if (existing !== undefined && existing.userType === 'human') {
      if (existing.status === 'archived') return refuse('archived', { email }, tx, existing.id);
      // An invited person who signs in with SSO has proved the email the invitation went to.
      if (existing.status === 'pending')
        await updateUser(tx, existing.accountId, existing.id, { status: 'active' });
      user = existing;
    } else if (existing === undefined && connection.autoJoinDomains.includes(domain)) {
      user = await insertUser(tx, {
        id: newId('usr'),
        accountId: login.accountId,
        name: claims.name?.trim() || email.slice(0, email.lastIndexOf('@')),
        email,
        role: 'member',
        status: 'active',
      });
      joined = true;
    } else {
      return refuse('unknown_email', { email }, tx);
    }
    await recordAuditEvent(tx, {
      accountId: login.accountId,
      action: 'sign_in.sso_succeeded',
      targetId: user.id,
      details: { issuer: connection.issuer, subject: claims.subject, ...(joined ? { joined: true } : {}) },
      origin,
      now,
    });
    return { kind: 'signed-in', user: { accountId: user.accountId, id: user.id }, returnTo: login.returnTo };
  });
}
