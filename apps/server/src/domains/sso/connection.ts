import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { ssoConnections } from '../../db/schema/index.ts';
import { BusinessRuleError } from '../../lib/errors.ts';
import type { SecretBox } from '../../lib/secret-box.ts';
import { authorize, loadAbilities } from '../access/abilities.ts';
import { type Actor, actorOfUser } from '../access/actor.ts';
import { type Origin, recordAuditEvent } from '../audit/record.ts';
import { findUserInAccount } from '../people/queries.ts';
import { discover, isAllowedIssuer, type Provider } from './oidc.ts';
import type { SsoSettingsResponse, UpdateSsoSettingsInput } from './schemas.ts';

export type SsoConnection = typeof ssoConnections.$inferSelect;

/** The callback path every workspace's provider redirects to; the state says which sign-in it ends. */
export const CALLBACK_PATH = '/v1/auth/sso/callback';

/** What the settings need besides the database: the secret box and the app's clock. */
export interface SsoDeps {
  secrets: SecretBox;
  now: () => Date;
}

export async function findConnection(db: Executor, accountId: string): Promise<SsoConnection | undefined> {
  const [row] = await db
    .select()
    .from(ssoConnections)
    .where(eq(ssoConnections.accountId, accountId))
    .limit(1);
  return row;
}

export function providerOf(connection: SsoConnection, secrets: SecretBox): Provider {
  return {
    issuer: connection.issuer,
    clientId: connection.clientId,
    clientSecret: secrets.open(connection.clientSecretSealed),
  };
}

function present(connection: SsoConnection | undefined, redirectUrl: string): SsoSettingsResponse {
  return {
    configured: connection !== undefined,
    issuer: connection?.issuer ?? null,
    client_id: connection?.clientId ?? null,
    client_secret_set: connection !== undefined,
    redirect_url: redirectUrl,
    auto_join_domains: connection?.autoJoinDomains ?? [],
    sso_required: connection?.ssoRequired ?? false,
    break_glass_user_id: connection?.breakGlassUserId ?? null,
    updated_at: connection?.updatedAt.toISOString() ?? null,
  };
}

const ADMINISTRATORS_ONLY = 'Only administrators can see and change single sign-on';

export async function getSsoSettings(
  db: Executor,
  actor: Actor,
  redirectUrl: string,
): Promise<SsoSettingsResponse> {
  await authorize(db, actor, (can) => can.administerWorkspace, ADMINISTRATORS_ONLY);
  return present(await findConnection(db, actor.accountId), redirectUrl);
}

/**
 * Saves the identity provider. Its discovery document is fetched first, so a mistyped issuer is
 * refused here rather than at the first person's sign-in; the secret is sealed before it is stored.
 */
export async function putSsoSettings(
  db: Executor,
  deps: SsoDeps,
  actor: Actor,
  input: UpdateSsoSettingsInput,
  origin: Origin,
  redirectUrl: string,
): Promise<SsoSettingsResponse> {
  await authorize(db, actor, (can) => can.administerWorkspace, ADMINISTRATORS_ONLY);
  const current = await findConnection(db, actor.accountId);
  if (!isAllowedIssuer(new URL(input.issuer))) {
    throw new BusinessRuleError('The issuer must be an https URL (http only on this machine)', 'issuer');
  }
  const clientSecret =
    input.client_secret ?? (current ? deps.secrets.open(current.clientSecretSealed) : undefined);
  if (clientSecret === undefined) {
    throw new BusinessRuleError('A client secret is required the first time', 'client_secret');
  }
  if (input.break_glass_user_id !== null)
    await assertBreakGlassCandidate(db, actor, input.break_glass_user_id);
  if (input.sso_required && input.break_glass_user_id === null) {
    throw new BusinessRuleError(
      'Requiring single sign-on needs a break-glass administrator, so that an outage of the identity provider locks nobody out',
      'break_glass_user_id',
    );
  }
  try {
    await discover({ issuer: input.issuer, clientId: input.client_id, clientSecret }, deps.now());
  } catch (error) {
    throw new BusinessRuleError(
      `The issuer's discovery document could not be read (${(error as Error).message})`,
      'issuer',
    );
  }
  const now = deps.now();
  const values = {
    issuer: input.issuer,
    clientId: input.client_id,
    clientSecretSealed: deps.secrets.seal(clientSecret),
    autoJoinDomains: [...new Set(input.auto_join_domains)],
    ssoRequired: input.sso_required,
    breakGlassUserId: input.break_glass_user_id,
    updatedAt: now,
  };
  return db.transaction(async (tx) => {
    const [saved] = await tx
      .insert(ssoConnections)
      .values({ accountId: actor.accountId, createdAt: now, ...values })
      .onConflictDoUpdate({ target: ssoConnections.accountId, set: values })
      .returning();
    await recordAuditEvent(tx, {
      accountId: actor.accountId,
      action: 'sso.configuration_changed',
      actor,
      details: { changed: changedFields(current, input), ...(current ? {} : { created: true }) },
      origin,
      now,
    });
    return present(saved, redirectUrl);
  });
}

export async function deleteSsoSettings(
  db: Executor,
  deps: SsoDeps,
  actor: Actor,
  origin: Origin,
): Promise<void> {
  await authorize(db, actor, (can) => can.administerWorkspace, ADMINISTRATORS_ONLY);
  await db.transaction(async (tx) => {
    const removed = await tx
      .delete(ssoConnections)
      .where(eq(ssoConnections.accountId, actor.accountId))
      .returning({ accountId: ssoConnections.accountId });
    if (removed.length === 0) return;
    await recordAuditEvent(tx, {
      accountId: actor.accountId,
      action: 'sso.configuration_changed',
      actor,
      details: { removed: true },
      origin,
      now: deps.now(),
    });
  });
}

/** Which settings a save changed, for the audit log (the secret is named, never shown). */
function changedFields(current: SsoConnection | undefined, input: UpdateSsoSettingsInput): string[] {
  const before = {
    issuer: current?.issuer,
    client_id: current?.clientId,
    auto_join_domains: JSON.stringify([...(current?.autoJoinDomains ?? [])].sort()),
    sso_required: current?.ssoRequired,
    break_glass_user_id: current?.breakGlassUserId,
  };
  const after = {
    issuer: input.issuer,
    client_id: input.client_id,
    auto_join_domains: JSON.stringify([...new Set(input.auto_join_domains)].sort()),
    sso_required: input.sso_required,
    break_glass_user_id: input.break_glass_user_id,
  };
  const changed = (Object.keys(after) as (keyof typeof after)[]).filter((key) => before[key] !== after[key]);
  return input.client_secret === undefined ? changed : [...changed, 'client_secret'];
}

async function assertBreakGlassCandidate(db: Executor, actor: Actor, userId: string): Promise<void> {
  const user = await findUserInAccount(db, actor.accountId, userId, 'break_glass_user_id');
  const can = await loadAbilities(db, actorOfUser(user));
  if (user.userType !== 'human' || user.status !== 'active' || !can.breakGlassSignIn) {
    throw new BusinessRuleError(
      'The break-glass account must be an active administrator',
      'break_glass_user_id',
    );
  }
}

/**
 * Whether a person may sign in with a password: yes unless their workspace requires single sign-on,
 * and then only its break-glass administrator (still an administrator when signing in).
 */
export async function passwordSignInAllowed(
  db: Executor,
  user: Parameters<typeof actorOfUser>[0],
): Promise<boolean> {
  const connection = await findConnection(db, user.accountId);
  if (connection === undefined || !connection.ssoRequired) return true;
  if (connection.breakGlassUserId !== user.id) return false;
  return (await loadAbilities(db, actorOfUser(user))).breakGlassSignIn;
}

/** Whether any workspace on this server has an identity provider: the sign-in page then offers SSO. */
export async function ssoAvailable(db: Executor): Promise<boolean> {
  const [row] = await db.select({ accountId: ssoConnections.accountId }).from(ssoConnections).limit(1);
  return row !== undefined;
}
