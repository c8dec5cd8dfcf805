import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { accounts, users } from '../../db/schema/index.ts';
import {
  AuthenticationError,
  AuthorizationError,
  BusinessRuleError,
  ConflictError,
} from '../../lib/errors.ts';
import type { Actor } from '../access/actor.ts';
import { revokeKeysOf } from '../api-keys/service.ts';
import { recordAuditEvent } from '../audit/record.ts';
import { updateUser } from '../people/queries.ts';
import { passwordSignInAllowed } from '../sso/connection.ts';
import { createWorkspace } from '../workspaces/service.ts';
import { hashPassword, verifyPassword } from './password.ts';
import type { ChangePasswordInput, SetupInput, SignInInput } from './schemas.ts';
import { type Attempt, accountCounter, throttled } from './throttle.ts';

export async function isSetupRequired(db: Executor): Promise<boolean> {
  const [row] = await db.select({ id: accounts.id }).from(accounts).limit(1);
  return row === undefined;
}

/**
 * The first workspace and its administrator, from the web app's setup wizard. Only while the server
 * has no workspace at all: afterwards people join by invitation. An advisory lock makes two
 * simultaneous wizards create one workspace, not two.
 */
export async function setUpFirstWorkspace(db: Executor, input: SetupInput) {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('keito:first-workspace'))`);
    if (!(await isSetupRequired(tx))) {
      throw new ConflictError('This server already has a workspace; ask its administrator for an invitation');
    }
    const created = await createWorkspace(tx, {
      name: input.company_name,
      adminEmail: input.email,
      adminName: input.name,
      timezone: input.timezone,
      currency: input.currency,
      // Self-hosted: no plan limits unless the operator sets them (docs/decisions/0005-rate-limits-by-plan.md).
      plan: 'enterprise',
      adminPasswordHash: await hashPassword(input.password),
    });
    // createWorkspace hands the CLI a key; a person signing up in the browser gets a session instead,
    // so that key, which nobody has seen, is revoked rather than left live.
    await revokeKeysOf(tx, created.account_id, created.user_id);
    return { accountId: created.account_id, id: created.user_id };
  });
}

const WRONG_CREDENTIALS = 'Email or password is incorrect';

/**
 * The user an email and password sign in as. Emails are unique per workspace, not per server, so
 * every active person with that email is tried. Agent users never sign in: they use API keys.
 * Attempts are throttled per email, whether or not anyone has it, so a refusal says nothing about
 * which emails exist.
 */
export function signIn(db: Executor, input: SignInInput, attempt: Attempt) {
  return throttled(db, accountCounter(`sign-in:${input.email.toLowerCase()}`), attempt, () =>
    checkCredentials(db, input, attempt),
  );
}

/**
 * Sign-ins and failed sign-ins go to the audit log of each workspace the email is a person of. A
 * person whose workspace requires single sign-on is not offered a password check at all (unless
 * they are its break-glass administrator), and is told to use SSO.
 */
async function checkCredentials(db: Executor, input: SignInInput, attempt: Attempt) {
  const candidates = await db.select().from(users).where(sql`lower(${users.email}) = lower(${input.email})`);
  const agentsOnly = candidates.length > 0 && candidates.every((user) => user.userType === 'agent');
  if (agentsOnly) {
    throw new AuthenticationError('Agent users cannot sign in to the web app; they use API keys');
  }
  const ssoOnly = new Set<string>();
  for (const user of candidates) {
    if (user.userType !== 'human' || user.status !== 'active' || user.passwordHash === null) continue;
    if (!(await passwordSignInAllowed(db, user))) {
      ssoOnly.add(user.id);
      continue;
    }
    if (await verifyPassword(input.password, user.passwordHash)) {
      await recordSignIn(db, 'sign_in.succeeded', user, attempt);
      return { accountId: user.accountId, id: user.id };
    }
  }
  if (candidates.length === 0) await verifyPassword(input.password, null);
  for (const user of candidates) {
    if (user.userType !== 'human') continue;
    const details = ssoOnly.has(user.id) ? { reason: 'sso_required' } : undefined;
    await recordSignIn(db, 'sign_in.failed', user, attempt, details);
  }
  if (ssoOnly.size > 0) {
    throw new AuthorizationError('Your workspace signs in with single sign-on: use "Sign in with SSO"');
  }
  throw new AuthenticationError(WRONG_CREDENTIALS);
}

/** Throttled like a sign-in: a stolen session must not become a way to guess the password. */
export async function changePassword(
  db: Executor,
  actor: Actor,
  input: ChangePasswordInput,
  attempt: Attempt,
): Promise<void> {
  if (actor.userType !== 'human') throw new BusinessRuleError('Agent users have no password');
  await throttled(db, accountCounter(`password:${actor.userId}`), attempt, () =>
    checkCurrentPassword(db, actor, input.current_password),
  );
  const passwordHash = await hashPassword(input.new_password);
  await db.transaction(async (tx) => {
    await updateUser(tx, actor.accountId, actor.userId, { passwordHash });
    await recordAuditEvent(tx, {
      accountId: actor.accountId,
      action: 'password.changed',
      actor,
      targetId: actor.userId,
      origin: attempt,
      now: attempt.now,
    });
  });
}

function recordSignIn(
  db: Executor,
  action: 'sign_in.succeeded' | 'sign_in.failed',
  user: { accountId: string; id: string },
  attempt: Attempt,
  details?: Record<string, unknown>,
) {
  return recordAuditEvent(db, {
    accountId: user.accountId,
    action,
    targetId: user.id,
    details,
    origin: attempt,
    now: attempt.now,
  });
}

async function checkCurrentPassword(db: Executor, actor: Actor, password: string): Promise<void> {
  const [user] = await db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(and(eq(users.accountId, actor.accountId), eq(users.id, actor.userId)))
    .limit(1);
  if (!(await verifyPassword(password, user?.passwordHash ?? null))) {
    throw new BusinessRuleError('The current password is incorrect', 'current_password');
  }
}
