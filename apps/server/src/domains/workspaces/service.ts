import { eq, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.ts';
import { preparedPer } from '../../db/prepared.ts';
import { accounts, type FeatureToggles } from '../../db/schema/index.ts';
import { coalesce } from '../../lib/coalesce.ts';
import { toDecimalString, toNumber } from '../../lib/decimal.ts';
import { BusinessRuleError, ConflictError, NotFoundError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { authorize } from '../access/abilities.ts';
import type { Actor } from '../access/actor.ts';
import { issueApiKey } from '../api-keys/service.ts';
import { insertBuiltinCategories } from '../expenses/categories.ts';
import { insertUser } from '../people/queries.ts';
import type { Plan } from './plans.ts';
import type { UpdateWorkspaceInput, WorkspaceResponse } from './schemas.ts';

export interface NewWorkspace {
  name: string;
  adminEmail: string;
  adminName?: string;
  timezone?: string;
  currency?: string;
  /** Decides the API rate limits; the database's default is free, as for a new sign-up. */
  plan?: Plan;
  /** Custom limits (Enterprise), requests per minute and per day per API key. */
  rateLimitPerMinute?: number;
  rateLimitPerDay?: number;
  /** The administrator's password hash (domains/auth/password.ts), for signing in to the web app. */
  adminPasswordHash?: string;
}

export interface CreatedWorkspace {
  account_id: string;
  user_id: string;
  api_key: string;
}

/** A workspace with its first administrator, the built-in expense categories, and a key for that administrator. */
export async function createWorkspace(db: Executor, input: NewWorkspace): Promise<CreatedWorkspace> {
  return db.transaction(async (tx) => {
    const accountId = newId('acc');
    await tx.insert(accounts).values({
      id: accountId,
      name: input.name,
      timezone: input.timezone ?? 'UTC',
      currency: input.currency ?? 'USD',
      plan: input.plan,
      rateLimitPerMinute: input.rateLimitPerMinute,
      rateLimitPerDay: input.rateLimitPerDay,
    });
    const { id: userId } = await insertUser(tx, {
      id: newId('usr'),
      accountId,
      name: input.adminName ?? input.adminEmail.split('@')[0] ?? input.adminEmail,
      email: input.adminEmail,
      role: 'administrator',
      status: 'active',
      passwordHash: input.adminPasswordHash ?? null,
    });
    await insertBuiltinCategories(tx, accountId);
    const key = await issueApiKey(tx, { accountId, userId, name: 'Initial admin key', createdById: userId });
    return { account_id: accountId, user_id: userId, api_key: key.key };
  });
}

export type AccountRow = typeof accounts.$inferSelect;

function presentWorkspace(account: AccountRow): WorkspaceResponse {
  return {
    id: account.id,
    name: account.name,
    address: account.address,
    phone: account.phone,
    timezone: account.timezone,
    currency: account.currency,
    week_starts_on: account.weekStartsOn,
    time_format: account.timeFormat,
    date_format: account.dateFormat,
    time_display: account.timeDisplay,
    decimal_separator: account.decimalSeparator,
    thousands_separator: account.thousandsSeparator,
    default_entry_mode: account.defaultEntryMode,
    require_notes: account.requireNotes,
    lock_entries_after_days: account.lockEntriesAfterDays,
    rounding_minutes: account.roundingMinutes,
    default_weekly_capacity: toNumber(account.defaultWeeklyCapacity) ?? 0,
    features: account.features,
    timesheet_reminders: account.timesheetReminders,
    plan: account.plan,
    created_at: account.createdAt.toISOString(),
    updated_at: account.updatedAt.toISOString(),
  };
}

const findAccountQuery = preparedPer((db) =>
  db
    .select()
    .from(accounts)
    .where(eq(accounts.id, sql.placeholder('id')))
    .limit(1)
    .prepare('find_account'),
);

/** Every workspace of this server, for the scheduler of reminders (domains/notifications). */
export function allAccounts(db: Executor): Promise<AccountRow[]> {
  return db.select().from(accounts).orderBy(accounts.id);
}

export async function findAccount(db: Executor, accountId: string): Promise<AccountRow> {
  const [account] = await findAccountQuery(db).execute({ id: accountId });
  if (account === undefined) throw new NotFoundError('Workspace');
  return account;
}

const findFeaturesQuery = preparedPer((db) =>
  db
    .select({ features: accounts.features })
    .from(accounts)
    .where(eq(accounts.id, sql.placeholder('id')))
    .limit(1)
    .prepare('find_account_features'),
);

/** The workspace's module toggles, which http/features.ts checks before a module's routes run. */
export async function workspaceFeatures(db: Executor, accountId: string): Promise<FeatureToggles> {
  const [account] = await findFeaturesQuery(db).execute({ id: accountId });
  if (account === undefined) throw new NotFoundError('Workspace');
  return account.features;
}

/**
 * `workspaceFeatures` for the API's concurrent requests: the requests of one workspace that arrive
 * together share one read (lib/coalesce.ts), so they also reach the coalesced creates together
 * instead of one round trip apart (docs/decisions/0009-coalesced-writes.md).
 */
export function coalescedWorkspaceFeatures(
  db: Database,
): (db: Database, accountId: string) => Promise<FeatureToggles> {
  const read = coalesce(async (accountId: string, requests: null[]) => {
    const features = await workspaceFeatures(db, accountId);
    return requests.map(
      (): PromiseSettledResult<FeatureToggles> => ({ status: 'fulfilled', value: features }),
    );
  });
  return (_db, accountId) => read(accountId, null);
}

export async function getWorkspace(db: Executor, actor: Actor): Promise<WorkspaceResponse> {
  return presentWorkspace(await findAccount(db, actor.accountId));
}

export async function updateWorkspace(
  db: Executor,
  actor: Actor,
  input: UpdateWorkspaceInput,
): Promise<WorkspaceResponse> {
  await authorize(
    db,
    actor,
    (can) => can.administerWorkspace,
    'Only administrators can change workspace settings',
  );
  const current = await findAccount(db, actor.accountId);
  const decimalSeparator = input.decimal_separator ?? current.decimalSeparator;
  const thousandsSeparator = input.thousands_separator ?? current.thousandsSeparator;
  if (decimalSeparator === thousandsSeparator) {
    const field = input.thousands_separator === undefined ? 'decimal_separator' : 'thousands_separator';
    throw new BusinessRuleError('The decimal and thousands separators must differ', field);
  }
  const [account] = await db
    .update(accounts)
    .set({
      name: input.name,
      address: input.address,
      phone: input.phone,
      timezone: input.timezone,
      currency: input.currency,
      weekStartsOn: input.week_starts_on,
      timeFormat: input.time_format,
      dateFormat: input.date_format,
      timeDisplay: input.time_display,
      decimalSeparator: input.decimal_separator,
      thousandsSeparator: input.thousands_separator,
      defaultEntryMode: input.default_entry_mode,
      requireNotes: input.require_notes,
      lockEntriesAfterDays: input.lock_entries_after_days,
      roundingMinutes: input.rounding_minutes,
      defaultWeeklyCapacity:
        input.default_weekly_capacity === undefined
          ? undefined
          : toDecimalString(input.default_weekly_capacity),
      features: input.features === undefined ? undefined : { ...current.features, ...input.features },
      timesheetReminders:
        input.timesheet_reminders === undefined
          ? undefined
          : { ...current.timesheetReminders, ...input.timesheet_reminders },
      updatedAt: new Date(),
    })
    .where(eq(accounts.id, actor.accountId))
    .returning();
  if (account === undefined) throw new ConflictError('The workspace changed while it was being updated');
  return presentWorkspace(account);
}
