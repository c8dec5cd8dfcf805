import { describe, expect, it } from 'vitest';
import type { ManagerPermissions } from '../../db/schema/index.ts';
import { type Actor, actorKey } from './actor.ts';

/** One value of every field; `satisfies` fails to compile when Actor gains a field this lacks. */
const actor = {
  accountId: 'acc_1',
  userId: 'usr_1',
  role: 'manager',
  userType: 'human',
  managerPermissions: {
    create_projects: false,
    view_billable_rates: false,
    draft_invoices: true,
    send_invoices: false,
    manage_clients_and_tasks: false,
    edit_team_entries: true,
    withdraw_approvals: false,
  },
  apiKeyId: 'key_1',
} satisfies Record<keyof Actor, unknown> & Actor;

/** Another value for each field, so each can be changed alone. */
const otherValue: { [Field in keyof Actor]-?: Actor[Field] } = {
  accountId: 'acc_2',
  userId: 'usr_2',
  role: 'administrator',
  userType: 'agent',
  managerPermissions: null,
  apiKeyId: null,
};

describe('actorKey', () => {
  it.each(Object.keys(otherValue) as (keyof Actor)[])('differs when only %s differs', (field) => {
    expect(actorKey({ ...actor, [field]: otherValue[field] })).not.toBe(actorKey(actor));
  });

  const permissions = Object.keys(actor.managerPermissions) as (keyof ManagerPermissions)[];
  it.each(permissions)('differs when only the manager permission %s differs', (permission) => {
    const managerPermissions = {
      ...actor.managerPermissions,
      [permission]: !actor.managerPermissions[permission],
    };
    expect(actorKey({ ...actor, managerPermissions })).not.toBe(actorKey(actor));
  });

  it('covers every field an actor has at run time, not only the ones declared today', () => {
    const withMore = { ...actor, teamIds: ['team_1'] } as Actor;
    expect(actorKey(withMore)).not.toBe(actorKey(actor));
  });

  it('is the same for the same actor whatever the order its fields were written in', () => {
    const reversed = <T extends object>(object: T): T =>
      Object.fromEntries(Object.entries(object).reverse()) as T;
    expect(actorKey({ ...reversed(actor), managerPermissions: reversed(actor.managerPermissions) })).toBe(
      actorKey(actor),
    );
  });
});
