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

/** Requests with the same key act as the same actor: one API key (or session user) in one role. */
export const actorKey = (actor: Actor) =>
  [actor.accountId, actor.userId, actor.role, actor.apiKeyId ?? 'session'].join('/');
