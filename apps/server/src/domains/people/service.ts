import type { Executor } from '../../db/client.ts';
import { DEFAULT_MANAGER_PERMISSIONS } from '../../db/schema/index.ts';
import { toDecimalString, toNumber } from '../../lib/decimal.ts';
import {
  AuthorizationError,
  BusinessRuleError,
  ConflictError,
  NotFoundError,
  ValidationError,
} from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { type Page, toPage } from '../../lib/pagination.ts';
import { type Abilities, authorize, loadAbilities } from '../access/abilities.ts';
import type { Actor } from '../access/actor.ts';
import { type Origin, recordAuditEvent } from '../audit/record.ts';
import type { AuditAction } from '../audit/schemas.ts';
import { endSessionsOf } from '../auth/sessions.ts';
import { preferencesOf } from '../notifications/kinds.ts';
import * as queries from './queries.ts';
import { findUserInAccount, teammateIdsOf, type UserRow } from './queries.ts';
import type { CreateUserInput, ListUsersFilters, UpdateUserInput, UserResponse } from './schemas.ts';

const AGENT_EMAIL_DOMAIN = 'agents.keito.ai';

export function presentUser(abilities: Abilities, user: UserRow): UserResponse {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    user_type: user.userType,
    role: user.role,
    status: user.status,
    is_active: user.status !== 'archived',
    employment_type: user.employmentType,
    business_roles: user.businessRoles,
    billable_rate: abilities.viewBillableRates(user.id) ? toNumber(user.billableRate) : null,
    cost_rate: abilities.viewCostRates ? toNumber(user.costRate) : null,
    weekly_capacity: toNumber(user.weeklyCapacity),
    timezone: user.timezone,
    time_format: user.timeFormat,
    first_name: user.firstName,
    last_name: user.lastName,
    phone: user.phone,
    notification_preferences:
      abilities.actor.userId === user.id ? preferencesOf(user.notificationPreferences) : null,
    manager_permissions:
      user.role === 'manager' ? (user.managerPermissions ?? DEFAULT_MANAGER_PERMISSIONS) : null,
    created_at: user.createdAt.toISOString(),
    updated_at: user.updatedAt.toISOString(),
  };
}

/** Administrators and managers see the whole roster (managers need it to staff projects); members see themselves. */
export async function listUsers(
  db: Executor,
  actor: Actor,
  filters: ListUsersFilters,
): Promise<Page<UserResponse>> {
  const abilities = await loadAbilities(db, actor);
  const rows = await queries.listUsers(db, actor.accountId, abilities.rosterScope, filters);
  return toPage(
    rows,
    filters.limit,
    (user) => presentUser(abilities, user),
    (user) => [user.name, user.id],
  );
}

export async function getUser(db: Executor, actor: Actor, userId: string): Promise<UserResponse> {
  const [abilities, user] = await Promise.all([
    loadAbilities(db, actor),
    findUserInAccount(db, actor.accountId, userId),
  ]);
  if (!abilities.viewProfileOf(user.id)) throw new NotFoundError('User');
  return presentUser(abilities, user);
}

function agentPlaceholderEmail(name: string): string {
  const local = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${local || 'agent'}@${AGENT_EMAIL_DOMAIN}`;
}

/** Agents get `<name>@agents.keito.ai`; a clash with another agent of the same name gets a number. */
async function uniqueAgentEmail(db: Executor, accountId: string, name: string): Promise<string> {
  const base = agentPlaceholderEmail(name);
  const [local, domain] = base.split('@') as [string, string];
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${local}-${n}@${domain}`;
    if (!(await queries.emailTaken(db, accountId, candidate))) return candidate;
  }
}

export async function createUser(db: Executor, actor: Actor, input: CreateUserInput): Promise<UserResponse> {
  const abilities = await authorize(
    db,
    actor,
    (can) => can.administerWorkspace,
    'Only administrators can add team members',
  );
  let email = input.email;
  if (email === undefined) {
    if (input.user_type === 'human') throw new ValidationError('email is required', 'email');
    email = await uniqueAgentEmail(db, actor.accountId, input.name);
  } else if (await queries.emailTaken(db, actor.accountId, email)) {
    throw new ConflictError(`A user with email ${email} already exists in this workspace`, 'email');
  }
  const user = await queries.insertUser(db, {
    id: newId('usr'),
    accountId: actor.accountId,
    name: input.name,
    email,
    userType: input.user_type,
    role: input.role,
    // People accept an invitation before they are active; agents never sign in, so they start active.
    status: input.user_type === 'agent' ? 'active' : 'pending',
    employmentType: input.employment_type,
    businessRoles: input.business_roles,
    billableRate: optionalDecimal(input.billable_rate),
    costRate: optionalDecimal(input.cost_rate),
    weeklyCapacity: optionalDecimal(input.weekly_capacity),
    timezone: input.timezone ?? null,
    managerPermissions: { ...DEFAULT_MANAGER_PERMISSIONS, ...input.manager_permissions },
  });
  return presentUser(abilities, user);
}

function optionalDecimal(value: number | null | undefined): string | null {
  return value === undefined || value === null ? null : toDecimalString(value);
}

/** Everyone may edit their own profile and display preferences; everything else is for administrators. */
const SELF_EDITABLE: ReadonlySet<keyof UpdateUserInput> = new Set([
  'name',
  'first_name',
  'last_name',
  'phone',
  'timezone',
  'time_format',
  'notification_preferences',
]);

export async function updateUser(
  db: Executor,
  actor: Actor,
  userId: string,
  input: UpdateUserInput,
  origin: Origin,
): Promise<UserResponse> {
  const existing = await findUserInAccount(db, actor.accountId, userId);
  const fields = Object.keys(input) as (keyof UpdateUserInput)[];
  const selfEdit = userId === actor.userId && fields.every((field) => SELF_EDITABLE.has(field));
  const abilities = await authorize(
    db,
    actor,
    (can) => selfEdit || can.administerWorkspace,
    'Only administrators can change team members',
  );
  if (input.email !== undefined && (await queries.emailTaken(db, actor.accountId, input.email, userId))) {
    throw new ConflictError(`A user with email ${input.email} already exists in this workspace`, 'email');
  }
  const demotesSelf = input.role !== undefined && input.role !== existing.role;
  if (userId === actor.userId && (demotesSelf || input.is_active === false)) {
    throw new AuthorizationError('Administrators cannot demote or archive themselves');
  }
  const changes: Partial<queries.NewUserRow> = {};
  if (input.first_name !== undefined) changes.firstName = input.first_name;
  if (input.last_name !== undefined) changes.lastName = input.last_name;
  const name = input.name ?? displayName(existing, input);
  if (name !== undefined) changes.name = name;
  if (input.phone !== undefined) changes.phone = input.phone;
  if (input.time_format !== undefined) changes.timeFormat = input.time_format;
  if (input.notification_preferences !== undefined) {
    if (userId !== actor.userId) {
      throw new AuthorizationError(
        'Only the person can change which emails they get',
        'notification_preferences',
      );
    }
    changes.notificationPreferences = {
      ...existing.notificationPreferences,
      ...input.notification_preferences,
    };
  }
  if (input.email !== undefined) changes.email = input.email;
  if (input.role !== undefined) changes.role = input.role;
  if (input.employment_type !== undefined) changes.employmentType = input.employment_type;
  if (input.business_roles !== undefined) changes.businessRoles = input.business_roles;
  if (input.billable_rate !== undefined) changes.billableRate = optionalDecimal(input.billable_rate);
  if (input.cost_rate !== undefined) changes.costRate = optionalDecimal(input.cost_rate);
  if (input.weekly_capacity !== undefined) changes.weeklyCapacity = optionalDecimal(input.weekly_capacity);
  if (input.timezone !== undefined) changes.timezone = input.timezone;
  if (input.manager_permissions !== undefined) {
    changes.managerPermissions = {
      ...DEFAULT_MANAGER_PERMISSIONS,
      ...existing.managerPermissions,
      ...input.manager_permissions,
    };
  }
  if (input.is_active === false && existing.status !== 'archived') {
    changes.status = 'archived';
    changes.archivedAt = new Date();
  }
  if (input.is_active === true && existing.status === 'archived') {
    // A person who never accepted the invitation goes back to pending, not active.
    changes.status = existing.userType === 'human' && existing.passwordHash === null ? 'pending' : 'active';
    changes.archivedAt = null;
  }
  const user = await db.transaction(async (tx) => {
    const updated = await queries.updateUser(tx, actor.accountId, userId, changes);
    if (updated === undefined) throw new NotFoundError('User');
    // An archived person's browsers are signed out at once, not only refused from now on.
    if (changes.status === 'archived') await endSessionsOf(tx, actor.accountId, userId);
    for (const event of securityEventsOf(existing, changes)) {
      await recordAuditEvent(tx, { accountId: actor.accountId, actor, targetId: userId, origin, ...event });
    }
    return updated;
  });
  return presentUser(abilities, user);
}

/**
 * The name shown across the workspace is "first last" once either part changes, so people who
 * set their first and last name appear by them everywhere `name` is read; undefined keeps it.
 */
function displayName(existing: UserRow, input: UpdateUserInput): string | undefined {
  if (input.first_name === undefined && input.last_name === undefined) return undefined;
  const first = input.first_name === undefined ? existing.firstName : input.first_name;
  const last = input.last_name === undefined ? existing.lastName : input.last_name;
  const joined = [first, last].filter((part) => part !== null).join(' ');
  return joined === '' ? undefined : joined;
}

/** What of a change to a person the audit log keeps: role, granular permissions, archiving. */
function securityEventsOf(
  existing: UserRow,
  changes: Partial<queries.NewUserRow>,
): { action: AuditAction; details: Record<string, unknown> }[] {
  const events: { action: AuditAction; details: Record<string, unknown> }[] = [];
  if (changes.role !== undefined && changes.role !== existing.role) {
    events.push({ action: 'user.role_changed', details: { from: existing.role, to: changes.role } });
  }
  if (changes.managerPermissions !== undefined) {
    events.push({
      action: 'user.permissions_changed',
      details: { from: existing.managerPermissions, to: changes.managerPermissions },
    });
  }
  if (changes.status === 'archived') events.push({ action: 'user.archived', details: {} });
  if (changes.status !== undefined && changes.status !== 'archived' && existing.status === 'archived') {
    events.push({ action: 'user.restored', details: {} });
  }
  return events;
}

export async function getTeammates(db: Executor, actor: Actor, managerId: string): Promise<string[]> {
  await authorize(
    db,
    actor,
    (can) => actor.userId === managerId || can.administerWorkspace,
    "Only administrators can see another manager's teammates",
  );
  const manager = await findUserInAccount(db, actor.accountId, managerId);
  return teammateIdsOf(db, actor.accountId, manager.id);
}

export async function setTeammates(
  db: Executor,
  actor: Actor,
  managerId: string,
  teammateIds: string[],
): Promise<string[]> {
  await authorize(db, actor, (can) => can.administerWorkspace, 'Only administrators can assign teammates');
  const manager = await findUserInAccount(db, actor.accountId, managerId);
  if (manager.role !== 'manager')
    throw new BusinessRuleError('Teammates can only be assigned to managers', 'id');
  const unique = [...new Set(teammateIds)].filter((id) => id !== managerId);
  if ((await queries.countUsersIn(db, actor.accountId, unique)) !== unique.length) {
    throw new NotFoundError('Teammate', 'teammate_ids');
  }
  await db.transaction((tx) => queries.replaceTeammates(tx, actor.accountId, managerId, unique));
  return unique;
}
