import type { Executor } from '../../db/client.ts';
import { DEFAULT_MANAGER_PERMISSIONS, type ManagerPermissions } from '../../db/schema/index.ts';
import { AuthorizationError } from '../../lib/errors.ts';
import { teammateIdsOf } from '../people/queries.ts';
import type { Actor, Role } from './actor.ts';

/**
 * Whose people's data an actor reaches: everyone's, or the listed users' (their own, and a
 * manager's assigned teammates).
 */
export type UserScope = { kind: 'all' } | { kind: 'some'; userIds: string[] };

/** The facts beyond the actor that abilities depend on, read once per request by `abilitiesOf`. */
export interface AccessFacts {
  /** The users assigned to the actor as a manager (team-management/roles-permissions). */
  teammateIds: readonly string[];
}

/** What the actor is to a project: absent when not on its team. */
export interface ProjectMembership {
  isProjectManager: boolean;
}

/**
 * Everything an actor may do, decided in this one place from the role, the granular manager
 * permissions and the teammate assignments (team-management/roles-permissions). Services ask it
 * and never look at `actor.role` or `managerPermissions` themselves, so a rule changes here or
 * nowhere.
 */
export interface Abilities {
  readonly actor: Actor;
  /** Whose time entries and expenses the actor sees. */
  readonly entryScope: UserScope;
  /** Whether the actor sees the time entries and expenses of `userId`. */
  viewEntriesOf(userId: string): boolean;
  /** Whether the actor may create and change the time entries and expenses of `userId`. */
  editEntriesOf(userId: string): boolean;
  /** A manager's "Edit team time and expenses": changing assigned teammates' entries. */
  readonly editTeamEntries: boolean;
  /** Billable rates: of `userId` (everyone sees their own), or of projects, tasks and fees when omitted. */
  viewBillableRates(userId?: string): boolean;
  readonly viewCostRates: boolean;
  /** Create, edit and archive clients, contacts and company tasks. */
  readonly manageDirectory: boolean;
  readonly createProjects: boolean;
  /** Every project of the workspace; without it, the projects the actor is on the team of. */
  readonly viewAllProjects: boolean;
  /** Edit a project, its team and its tasks, given what the actor is on it. */
  manageProject(membership: ProjectMembership | undefined): boolean;
  /** Workspace settings, the team (people, invitations, teammates) and expense categories. */
  readonly administerWorkspace: boolean;
  /** Every API key of the workspace (list, revoke), and new keys for agent users; without it, one's own keys. */
  readonly manageApiKeys: boolean;
  /** The workspace's security events (sign-ins, keys, role changes, archived people). */
  readonly viewAuditLog: boolean;
  /** Be the workspace's break-glass account: keep password sign-in while single sign-on is required. */
  readonly breakGlassSignIn: boolean;
  /** The people the actor sees in the team list: administrators and managers (who staff projects from it) everyone, members themselves. */
  readonly rosterScope: UserScope;
  /** Whether the actor sees the profile of `userId`. */
  viewProfileOf(userId: string): boolean;
  /** Submit the timesheet of `userId`: one's own, and as an administrator or manager those one manages. */
  submitTimesheetsOf(userId: string): boolean;
  /** Approve or reject the timesheets of `userId`; never a manager's own. */
  approveTimesheetsOf(userId: string): boolean;
  /** Change entries in the period the lock-after-days rule closed (the change is recorded on the entry). */
  readonly editLockedPeriod: boolean;
  readonly withdrawApprovals: boolean;
  /** See invoices at all: administrators, and managers who may draft or send them. */
  readonly viewInvoices: boolean;
  /**
   * Invoice every client's projects; without it (managers), only the projects one manages, and only
   * invoices whose lines are all on those projects (docs/decisions/0027-invoice-numbering-and-states.md).
   */
  readonly invoiceEveryProject: boolean;
  /** Create drafts, edit and delete them. */
  readonly draftInvoices: boolean;
  /** Send and issue invoices, edit open ones, record payments, close and reopen. */
  readonly sendInvoices: boolean;
  /** Connect and disconnect the workspace's payment gateways (Stripe, PayPal), whose credentials move money. */
  readonly managePaymentGateways: boolean;
  viewReportsOf(userId: string): boolean;
  /** Budgets a project hides from its team (projects/budgets "Hidden from team"): managers and administrators. */
  readonly viewHiddenBudgets: boolean;
  /** Whose time and expenses the actor's reports cover (team-management/roles-permissions). */
  readonly reportScope: UserScope;
  /**
   * Amounts in a report covering `scope`: only when the actor may see the billable rates of every
   * person in it, since an amount divided by its hours gives the rate away.
   */
  viewReportAmountsOf(scope: UserScope): boolean;
  /** Rename, change or delete reports others saved and shared with the workspace (one's own: everyone). */
  readonly manageSharedReports: boolean;
}

/**
 * Administrators track time and expenses to every project; everyone else only to the projects they
 * are on the team of. A rule about the entry's owner, who need not be the actor.
 */
export const tracksToEveryProject = (owner: { role: Role }) => owner.role === 'administrator';

/** A manager's granular permissions; a manager saved without them has the defaults. */
function managerPermissionsOf(actor: Actor): ManagerPermissions {
  return { ...DEFAULT_MANAGER_PERMISSIONS, ...actor.managerPermissions };
}

/** Decides the abilities of `actor` from facts already read (pure; `loadAbilities` reads them). */
export function abilitiesOf(actor: Actor, facts: AccessFacts): Abilities {
  const administrator = actor.role === 'administrator';
  const manager = actor.role === 'manager';
  const granted = manager ? managerPermissionsOf(actor) : undefined;
  const teammates = new Set(manager ? facts.teammateIds : []);
  const own = (userId: string) => userId === actor.userId;
  const ownOrTeammate = (userId: string) => own(userId) || teammates.has(userId);
  const editTeamEntries = administrator || granted?.edit_team_entries === true;
  const billableRates = administrator || granted?.view_billable_rates === true;

  const entryScope: UserScope = administrator
    ? { kind: 'all' }
    : { kind: 'some', userIds: [actor.userId, ...(manager ? facts.teammateIds : [])] };
  const viewBillableRates = (userId?: string) => billableRates || (userId !== undefined && own(userId));

  return {
    actor,
    entryScope,
    viewEntriesOf: (userId) => administrator || ownOrTeammate(userId),
    editEntriesOf: (userId) => administrator || own(userId) || (editTeamEntries && teammates.has(userId)),
    editTeamEntries,
    viewBillableRates,
    viewCostRates: administrator,
    manageDirectory: administrator || granted?.manage_clients_and_tasks === true,
    createProjects: administrator || granted?.create_projects === true,
    viewAllProjects: administrator,
    manageProject: (membership) => administrator || (manager && membership?.isProjectManager === true),
    administerWorkspace: administrator,
    manageApiKeys: administrator,
    viewAuditLog: administrator,
    breakGlassSignIn: administrator,
    rosterScope: administrator || manager ? { kind: 'all' } : { kind: 'some', userIds: [actor.userId] },
    viewProfileOf: (userId) => administrator || manager || own(userId),
    submitTimesheetsOf: (userId) => administrator || ownOrTeammate(userId),
    approveTimesheetsOf: (userId) => administrator || (manager && !own(userId) && teammates.has(userId)),
    editLockedPeriod: administrator,
    withdrawApprovals: administrator || granted?.withdraw_approvals === true,
    viewInvoices: administrator || granted?.draft_invoices === true || granted?.send_invoices === true,
    invoiceEveryProject: administrator,
    draftInvoices: administrator || granted?.draft_invoices === true,
    sendInvoices: administrator || granted?.send_invoices === true,
    managePaymentGateways: administrator,
    viewReportsOf: (userId) => administrator || ownOrTeammate(userId),
    viewHiddenBudgets: administrator || manager,
    reportScope: entryScope,
    viewReportAmountsOf: (scope) =>
      scope.kind === 'all' ? viewBillableRates() : scope.userIds.every((userId) => viewBillableRates(userId)),
    manageSharedReports: administrator,
  };
}

/** Refuses with 403 unless `allowed`; `message` says what the actor cannot do. */
export function requireAbility(allowed: boolean, message: string, field?: string): void {
  if (!allowed) throw new AuthorizationError(message, field);
}

/** Reads what the actor's abilities depend on (a manager's teammates; nothing for anyone else). */
export async function loadAbilities(db: Executor, actor: Actor): Promise<Abilities> {
  const teammateIds = actor.role === 'manager' ? await teammateIdsOf(db, actor.accountId, actor.userId) : [];
  return abilitiesOf(actor, { teammateIds });
}

/**
 * Loads the actor's abilities and refuses with 403 unless `allowed` says yes; returns them for the
 * rest of the request's decisions.
 */
export async function authorize(
  db: Executor,
  actor: Actor,
  allowed: (can: Abilities) => boolean,
  message: string,
  field?: string,
): Promise<Abilities> {
  const abilities = await loadAbilities(db, actor);
  requireAbility(allowed(abilities), message, field);
  return abilities;
}
