import { z } from 'zod';
import { emailAddress, nonBlank } from '../../http/schemas.ts';
import { currencySchema, timezoneSchema } from '../workspaces/schemas.ts';

export const passwordSchema = z.string().min(8, 'must be at least 8 characters').max(200);

/** What the web app needs before anything else: is there a workspace yet, and is this browser signed in. */
export const sessionSchema = z.object({
  setup_required: z.boolean(),
  authenticated: z.boolean(),
  user_id: z.string().nullable(),
  account_id: z.string().nullable(),
});

export const setupBody = z.object({
  company_name: nonBlank(200),
  timezone: timezoneSchema,
  currency: currencySchema,
  name: nonBlank(200),
  email: emailAddress,
  password: passwordSchema,
});

export const signInBody = z.object({
  email: nonBlank(320),
  password: z.string().min(1).max(200),
});

export const changePasswordBody = z.object({
  current_password: z.string().min(1).max(200),
  new_password: passwordSchema,
});

/** One of a person's signed-in browsers, for the profile's session list. */
export const browserSessionSchema = z.object({
  id: z.string(),
  user_agent: z.string().nullable(),
  ip_address: z.string().nullable(),
  created_at: z.iso.datetime(),
  last_seen_at: z.iso.datetime(),
  /** The absolute end; the session ends earlier after the idle timeout without use. */
  expires_at: z.iso.datetime(),
  /** The session of the browser asking. */
  current: z.boolean(),
});

export const browserSessionListResponse = z.object({ sessions: z.array(browserSessionSchema) });

export type SessionResponse = z.infer<typeof sessionSchema>;
export type SetupInput = z.infer<typeof setupBody>;
export type SignInInput = z.infer<typeof signInBody>;
export type ChangePasswordInput = z.infer<typeof changePasswordBody>;
