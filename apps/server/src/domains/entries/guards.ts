import type { Executor } from '../../db/client.ts';
import type { accounts } from '../../db/schema/index.ts';
import {
  BusinessRuleError,
  EntryLockedError,
  type LockReason,
  MetadataTooLargeError,
  NotFoundError,
  ProjectNotAssignedError,
  ValidationError,
} from '../../lib/errors.ts';
import { METADATA_LIMIT_BYTES } from '../../lib/limits.ts';
import { firstOpenDate } from '../../lib/workspace-clock.ts';
import { type Abilities, requireAbility, tracksToEveryProject } from '../access/abilities.ts';
import type { Role } from '../access/actor.ts';
import { findUserInAccount } from '../people/queries.ts';
import { findMembership } from '../projects/queries.ts';
import { findProject, type ProjectRow } from '../projects/service.ts';

/** Rules shared by time entries and expenses: whose they are, where they go, and when they are history. */

export function assertMetadataFits(metadata: Record<string, unknown> | null | undefined): void {
  if (metadata == null) return;
  if (Buffer.byteLength(JSON.stringify(metadata), 'utf8') > METADATA_LIMIT_BYTES) {
    throw new MetadataTooLargeError(METADATA_LIMIT_BYTES);
  }
}

/** Refuses unless the actor may create and change the entries of `userId`. */
export function assertCanEditEntriesOf(abilities: Abilities, userId: string): void {
  requireAbility(abilities.editEntriesOf(userId), "You cannot create or change another user's entries");
}

/**
 * The project an entry for `userId` may be written to: it must exist in the workspace, be active,
 * and have the user on its team (administrators can track to every project).
 */
export async function writableProjectFor(
  db: Executor,
  abilities: Abilities,
  userId: string,
  projectId: string,
): Promise<ProjectRow> {
  const { actor } = abilities;
  assertCanEditEntriesOf(abilities, userId);
  const owner =
    userId === actor.userId
      ? { role: actor.role }
      : await findUserInAccount(db, actor.accountId, userId, 'user_id');
  const project = await findProject(db, actor.accountId, projectId, 'project_id');
  const ownerAssigned =
    tracksToEveryProject(owner) ||
    (await findMembership(db, actor.accountId, projectId, userId)) !== undefined;
  return writableProject({ owner, project, ownerAssigned });
}

/**
 * The rules of `writableProjectFor` over facts already read (a bulk write reads them with the rest
 * of an entry's facts in one query): the user and the project exist, the user is on the project's
 * team or an administrator, and the project is active.
 */
export function writableProject<Project extends { isActive: boolean }>(facts: {
  owner: { role: Role } | undefined;
  project: Project | undefined;
  ownerAssigned: boolean;
}): Project {
  const { owner, project } = facts;
  if (owner === undefined) throw new NotFoundError('User', 'user_id');
  if (project === undefined) throw new NotFoundError('Project', 'project_id');
  if (!tracksToEveryProject(owner) && !facts.ownerAssigned) throw new ProjectNotAssignedError();
  if (!project.isActive) throw new BusinessRuleError('The project is archived', 'project_id');
  return project;
}

export interface LockableEntry {
  userId: string;
  spentDate: string;
  approvalStatus: 'unsubmitted' | 'submitted' | 'approved' | 'rejected';
  invoiceId: string | null;
  lockedAt: Date | null;
}

/**
 * The workspace settings that lock entries after a number of days; the days are counted in the
 * workspace's time zone (docs/decisions/0012-workspace-clock.md).
 */
export type LockSettings = Pick<typeof accounts.$inferSelect, 'lockEntriesAfterDays' | 'timezone'>;

// Taking today's date in a time zone costs about 0.1 ms, and a list presents up to 200 entries at
// the same instant: the last answer is kept, keyed on everything it depends on (decision 0023).
let lastOpen: { days: number; zone: string; at: number; open: string | null } | undefined;

function firstOpen(account: LockSettings, now: Date): string | null {
  const at = now.getTime();
  if (
    lastOpen?.at !== at ||
    lastOpen.days !== account.lockEntriesAfterDays ||
    lastOpen.zone !== account.timezone
  ) {
    const open = firstOpenDate(account.lockEntriesAfterDays, account.timezone, now);
    lastOpen = { days: account.lockEntriesAfterDays, zone: account.timezone, at, open };
  }
  return lastOpen.open;
}

/** Whether the entry is in the period the lock-after-days rule closed (or was locked by hand). */
function inLockedPeriod(entry: LockableEntry, account: LockSettings, now: Date): boolean {
  const open = firstOpen(account, now);
  return entry.lockedAt !== null || (open !== null && entry.spentDate < open);
}

/**
 * Why the actor may not change the entry, or null when they may: the one lock rule
 * (docs/decisions/0019-entry-locks.md). Invoiced entries wait for their invoice to release them,
 * approved ones for an approval to be withdrawn; submitted ones are closed to their owner only, so
 * an approver can still correct them; the locked period is closed to all but administrators.
 */
export function lockReason(
  entry: LockableEntry,
  account: LockSettings,
  abilities: Abilities,
  now = new Date(),
): LockReason | null {
  if (entry.invoiceId !== null) return 'invoiced';
  if (entry.approvalStatus === 'approved') return 'approved';
  if (entry.approvalStatus === 'submitted' && entry.userId === abilities.actor.userId) return 'submitted';
  if (!abilities.editLockedPeriod && inLockedPeriod(entry, account, now)) return 'date_locked';
  return null;
}

export function assertNotLocked(
  what: string,
  entry: LockableEntry,
  account: LockSettings,
  abilities: Abilities,
  now = new Date(),
): void {
  const reason = lockReason(entry, account, abilities, now);
  if (reason !== null) throw new EntryLockedError(what, reason);
}

/**
 * What an administrator's change of an entry in the locked period records on it (the rule lets
 * them, and the record says who did and when); nothing for any other change.
 */
export function lockOverride(
  entry: LockableEntry,
  account: LockSettings,
  abilities: Abilities,
  now = new Date(),
): { lockOverriddenAt: Date; lockOverriddenById: string } | Record<string, never> {
  return inLockedPeriod(entry, account, now)
    ? { lockOverriddenAt: now, lockOverriddenById: abilities.actor.userId }
    : {};
}

/** A new entry may not be dated inside the locked period either. */
export function assertDateOpen(
  what: string,
  spentDate: string,
  account: LockSettings,
  now = new Date(),
): void {
  const open = firstOpen(account, now);
  if (open !== null && spentDate < open) {
    throw new EntryLockedError(what, 'date_locked', `dates before ${open} are locked`);
  }
}

/**
 * An entry outside the actor's scope does not exist for them (404, as in listings); one they can
 * see but not change is 403. `what` names the entry in messages ("Time entry", "Expense").
 */
export function assertReadable<Entry extends { userId: string }>(
  abilities: Abilities,
  entry: Entry | undefined,
  what: string,
): Entry {
  if (entry === undefined || !abilities.viewEntriesOf(entry.userId)) throw new NotFoundError(what);
  return entry;
}

export function assertWritable<Entry extends { userId: string }>(
  abilities: Abilities,
  entry: Entry | undefined,
  what: string,
): Entry {
  const readable = assertReadable(abilities, entry, what);
  requireAbility(
    abilities.editEntriesOf(readable.userId),
    `You cannot change another user's ${what.toLowerCase()}`,
  );
  return readable;
}

/** Who an entry belongs to, where it was booked and how it was made are fixed at creation. */
export function assertCreationFieldsUnchanged(input: {
  source?: unknown;
  project_id?: unknown;
  user_id?: unknown;
}): void {
  for (const field of ['source', 'project_id', 'user_id'] as const) {
    if (input[field] !== undefined)
      throw new ValidationError(`${field} cannot be changed after creation`, field);
  }
}
