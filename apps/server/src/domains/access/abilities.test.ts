import { describe, expect, it } from 'vitest';
import { DEFAULT_MANAGER_PERMISSIONS, type ManagerPermissions } from '../../db/schema/index.ts';
import { type Abilities, abilitiesOf, type UserScope } from './abilities.ts';
import type { Actor, Role } from './actor.ts';

/** The table of team-management/roles-permissions.md, one row per kind of caller. */

function actorOf(role: Role, managerPermissions: Partial<ManagerPermissions> | null = null): Actor {
  return {
    accountId: 'acc_1',
    userId: 'usr_self',
    role,
    userType: 'human',
    managerPermissions:
      managerPermissions === null ? null : { ...DEFAULT_MANAGER_PERMISSIONS, ...managerPermissions },
    apiKeyId: null,
  };
}

const TEAMMATE = 'usr_teammate';
const STRANGER = 'usr_stranger';
const facts = { teammateIds: [TEAMMATE] };

const member = abilitiesOf(actorOf('member'), facts);
const manager = abilitiesOf(actorOf('manager', {}), facts);
const managerWithoutSavedPermissions = abilitiesOf(actorOf('manager'), facts);
const everythingManager = abilitiesOf(
  actorOf('manager', {
    create_projects: true,
    view_billable_rates: true,
    draft_invoices: true,
    send_invoices: true,
    manage_clients_and_tasks: true,
    edit_team_entries: true,
    withdraw_approvals: true,
  }),
  facts,
);
const nothingManager = abilitiesOf(
  actorOf('manager', {
    create_projects: false,
    view_billable_rates: false,
    draft_invoices: false,
    send_invoices: false,
    manage_clients_and_tasks: false,
    edit_team_entries: false,
    withdraw_approvals: false,
  }),
  facts,
);
const administrator = abilitiesOf(actorOf('administrator'), facts);

/** The abilities that do not depend on whose data it is. */
const FLAGS = [
  'editTeamEntries',
  'viewCostRates',
  'manageDirectory',
  'createProjects',
  'viewAllProjects',
  'administerWorkspace',
  'manageApiKeys',
  'viewAuditLog',
  'breakGlassSignIn',
  'withdrawApprovals',
  'viewInvoices',
  'invoiceEveryProject',
  'draftInvoices',
  'sendInvoices',
  'managePaymentGateways',
  'editLockedPeriod',
  'viewHiddenBudgets',
  'manageSharedReports',
] as const;
type Flag = (typeof FLAGS)[number];

const flags: [Flag, Abilities, boolean][] = [
  // Administrators: full access; members: none of them.
  ...FLAGS.map((flag): [Flag, Abilities, boolean] => [flag, administrator, true]),
  ...FLAGS.map((flag): [Flag, Abilities, boolean] => [flag, member, false]),
  // A manager with the default granular permissions: drafts invoices and edits the team's entries.
  ['editTeamEntries', manager, true],
  ['draftInvoices', manager, true],
  ['createProjects', manager, false],
  ['manageDirectory', manager, false],
  ['sendInvoices', manager, false],
  ['withdrawApprovals', manager, false],
  ['viewCostRates', manager, false],
  ['viewAllProjects', manager, false],
  ['administerWorkspace', manager, false],
  ['editLockedPeriod', manager, false],
  // Hidden budgets are for managers whatever their granular permissions.
  ['viewHiddenBudgets', manager, true],
  ['viewHiddenBudgets', nothingManager, true],
  // A manager saved before granular permissions existed has the defaults.
  ['editTeamEntries', managerWithoutSavedPermissions, true],
  ['draftInvoices', managerWithoutSavedPermissions, true],
  ['createProjects', managerWithoutSavedPermissions, false],
  // Each granular permission switches exactly its ability.
  ['createProjects', everythingManager, true],
  ['manageDirectory', everythingManager, true],
  ['sendInvoices', everythingManager, true],
  ['withdrawApprovals', everythingManager, true],
  ['editTeamEntries', nothingManager, false],
  ['draftInvoices', nothingManager, false],
  // Invoices are seen by managers who may draft or send them, and only for the projects they manage.
  ['viewInvoices', manager, true],
  ['viewInvoices', everythingManager, true],
  ['viewInvoices', nothingManager, false],
  ['invoiceEveryProject', everythingManager, false],
  // No granular permission reaches what is for administrators only.
  ['viewCostRates', everythingManager, false],
  ['administerWorkspace', everythingManager, false],
  ['manageApiKeys', everythingManager, false],
  ['viewAuditLog', everythingManager, false],
  ['viewAuditLog', manager, false],
  ['breakGlassSignIn', everythingManager, false],
  ['breakGlassSignIn', manager, false],
  ['viewAllProjects', everythingManager, false],
  ['editLockedPeriod', everythingManager, false],
  ['manageSharedReports', everythingManager, false],
  // Payment gateways hold credentials that move money: even a manager who sends invoices cannot.
  ['managePaymentGateways', everythingManager, false],
  ['managePaymentGateways', manager, false],
];

const name = (abilities: Abilities) =>
  abilities === administrator
    ? 'administrator'
    : abilities === member
      ? 'member'
      : abilities === everythingManager
        ? 'manager with every permission'
        : abilities === nothingManager
          ? 'manager with no permission'
          : abilities === managerWithoutSavedPermissions
            ? 'manager without saved permissions'
            : 'manager';

describe('the permission map', () => {
  it.each(flags.map(([flag, abilities, expected]) => [name(abilities), flag, expected, abilities] as const))(
    '%s: %s is %s',
    (_name, flag, expected, abilities) => {
      expect(abilities[flag]).toBe(expected);
    },
  );

  it('members see and edit only their own entries; managers their teammates, administrators everyone', () => {
    const whose = (abilities: Abilities, check: 'viewEntriesOf' | 'editEntriesOf') =>
      ['usr_self', TEAMMATE, STRANGER].filter((userId) => abilities[check](userId));
    expect(whose(member, 'viewEntriesOf')).toEqual(['usr_self']);
    expect(whose(member, 'editEntriesOf')).toEqual(['usr_self']);
    expect(whose(manager, 'viewEntriesOf')).toEqual(['usr_self', TEAMMATE]);
    expect(whose(manager, 'editEntriesOf')).toEqual(['usr_self', TEAMMATE]);
    // "Edit team time and expenses" off: the teammate's entries are seen, not changed.
    expect(whose(nothingManager, 'viewEntriesOf')).toEqual(['usr_self', TEAMMATE]);
    expect(whose(nothingManager, 'editEntriesOf')).toEqual(['usr_self']);
    expect(whose(administrator, 'editEntriesOf')).toEqual(['usr_self', TEAMMATE, STRANGER]);
    expect(member.entryScope).toEqual({ kind: 'some', userIds: ['usr_self'] });
    expect(manager.entryScope).toEqual({ kind: 'some', userIds: ['usr_self', TEAMMATE] });
    expect(administrator.entryScope).toEqual({ kind: 'all' });
  });

  it('a manager with no teammates assigned has no team visibility beyond their own data', () => {
    const alone = abilitiesOf(actorOf('manager', {}), { teammateIds: [] });
    expect(alone.entryScope).toEqual({ kind: 'some', userIds: ['usr_self'] });
    expect(alone.approveTimesheetsOf(TEAMMATE)).toBe(false);
    expect(alone.viewReportsOf(TEAMMATE)).toBe(false);
  });

  it('managers approve and see reports of their assigned teammates only; administrators of anyone', () => {
    expect([TEAMMATE, STRANGER].map((id) => manager.approveTimesheetsOf(id))).toEqual([true, false]);
    expect([TEAMMATE, STRANGER].map((id) => manager.viewReportsOf(id))).toEqual([true, false]);
    expect(manager.viewReportsOf('usr_self')).toBe(true);
    expect(member.approveTimesheetsOf(TEAMMATE)).toBe(false);
    expect(member.viewReportsOf('usr_self')).toBe(true);
    expect(member.viewReportsOf(TEAMMATE)).toBe(false);
    expect(administrator.approveTimesheetsOf(STRANGER)).toBe(true);
    expect(administrator.viewReportsOf(STRANGER)).toBe(true);
  });

  it('a manager never approves their own timesheet, even when assigned to themselves', () => {
    const selfAssigned = abilitiesOf(actorOf('manager', {}), { teammateIds: ['usr_self', TEAMMATE] });
    expect(selfAssigned.approveTimesheetsOf('usr_self')).toBe(false);
    expect(selfAssigned.approveTimesheetsOf(TEAMMATE)).toBe(true);
    expect(administrator.approveTimesheetsOf('usr_self')).toBe(true);
  });

  it('timesheets are submitted by their owner, by their managers and by administrators', () => {
    const whose = (abilities: Abilities) =>
      ['usr_self', TEAMMATE, STRANGER].filter((userId) => abilities.submitTimesheetsOf(userId));
    expect(whose(member)).toEqual(['usr_self']);
    expect(whose(manager)).toEqual(['usr_self', TEAMMATE]);
    expect(whose(administrator)).toEqual(['usr_self', TEAMMATE, STRANGER]);
  });

  it('a member role ignores teammate assignments it may still have from an earlier manager role', () => {
    expect(member.viewEntriesOf(TEAMMATE)).toBe(false);
    expect(member.approveTimesheetsOf(TEAMMATE)).toBe(false);
  });

  it('billable rates: everyone their own; of others and of projects, administrators and allowed managers', () => {
    expect(member.viewBillableRates('usr_self')).toBe(true);
    expect(member.viewBillableRates(TEAMMATE)).toBe(false);
    expect(member.viewBillableRates()).toBe(false);
    expect(manager.viewBillableRates(TEAMMATE)).toBe(false);
    expect(everythingManager.viewBillableRates(STRANGER)).toBe(true);
    expect(everythingManager.viewBillableRates()).toBe(true);
    expect(administrator.viewBillableRates()).toBe(true);
  });

  it("reports cover what the actor sees; amounts only where every person's rates are visible", () => {
    expect(member.reportScope).toEqual({ kind: 'some', userIds: ['usr_self'] });
    expect(manager.reportScope).toEqual({ kind: 'some', userIds: ['usr_self', TEAMMATE] });
    expect(administrator.reportScope).toEqual({ kind: 'all' });
    const self: UserScope = { kind: 'some', userIds: ['usr_self'] };
    const team: UserScope = { kind: 'some', userIds: ['usr_self', TEAMMATE] };
    const all: UserScope = { kind: 'all' };
    expect([self, team, all].map((scope) => member.viewReportAmountsOf(scope))).toEqual([true, false, false]);
    // A manager without "View billable rates" sees the amounts of their own time only.
    expect([self, team, all].map((scope) => manager.viewReportAmountsOf(scope))).toEqual([
      true,
      false,
      false,
    ]);
    expect([self, team, all].map((scope) => everythingManager.viewReportAmountsOf(scope))).toEqual([
      true,
      true,
      true,
    ]);
    expect([self, team, all].map((scope) => administrator.viewReportAmountsOf(scope))).toEqual([
      true,
      true,
      true,
    ]);
  });

  it('projects are managed by administrators and by managers who are their project manager', () => {
    expect(administrator.manageProject(undefined)).toBe(true);
    expect(manager.manageProject({ isProjectManager: true })).toBe(true);
    expect(manager.manageProject({ isProjectManager: false })).toBe(false);
    expect(manager.manageProject(undefined)).toBe(false);
    expect(member.manageProject({ isProjectManager: true })).toBe(false);
  });

  it('the team list: administrators and managers see everyone, members themselves', () => {
    expect(manager.rosterScope).toEqual({ kind: 'all' });
    expect(member.rosterScope).toEqual({ kind: 'some', userIds: ['usr_self'] });
    expect(member.viewProfileOf(TEAMMATE)).toBe(false);
    expect(manager.viewProfileOf(STRANGER)).toBe(true);
  });
});
