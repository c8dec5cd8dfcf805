import type { Role } from '@keito/sdk';

export interface Invitation {
  id: string;
  user_id: string;
  name: string;
  email: string;
  role: Role;
  created_at: string;
  expires_at: string;
  is_expired: boolean;
}

/** An invitation just sent: the link is here only when no email went out. */
export interface IssuedInvitation extends Invitation {
  email_sent: boolean;
  accept_url: string | null;
}

export interface Invitee {
  name: string;
  email: string;
  role: Role;
  employment_type: 'employee' | 'contractor';
  billable_rate: number | null;
  weekly_capacity: number | null;
}
