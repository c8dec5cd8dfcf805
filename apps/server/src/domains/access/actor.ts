import type { ManagerPermissions } from '../../db/schema/index.ts';

export type Role = 'member' | 'manager' | 'administrator';

/** Who is making a request: the user behind the API key (or session), with that user's role. */
export interface Actor {
  accountId: string;
  userId: string;
  role: Role;
  userType: 'human' | 'agent';
  managerPermissions: ManagerPermissions | null;
  apiKeyId: string | null;
}

/** A person as an actor of their own, not through an API key: signing in, or whom a background job decides for. */
export function actorOfUser(user: {
  id: string;
  accountId: string;
  role: Role;
  userType: 'human' | 'agent';
  managerPermissions: ManagerPermissions | null;
}): Actor {
  return {
    accountId: user.accountId,
    userId: user.id,
    role: user.role,
    userType: user.userType,
    managerPermissions: user.managerPermissions,
    apiKeyId: null,
  };
}

/**
 * Requests with the same key act as the same actor, so their creates can be checked and written
 * together (domains/entries/create-many.ts). The key is every field of the actor, nested ones
 * included, in a fixed order: a field the services read that the key left out would let a request
 * be checked as another actor (a demoted manager's request run with the old permissions), and a
 * field added to Actor later is covered without anyone remembering to add it here.
 */
export const actorKey = (actor: Actor): string => JSON.stringify(actor, sortedKeys);

/** JSON.stringify's replacer for objects with their keys sorted, so key order never matters. */
function sortedKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
