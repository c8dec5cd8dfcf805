import { z } from 'zod';
import { emailAddress, idString, nonBlank } from '../../http/schemas.ts';

/** A domain name as in an email address after the @, lower-cased: example.com, eu.example.co.uk. */
const emailDomain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(
    /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    'must be a domain such as example.com',
  );

/** The workspace's single sign-on settings as an administrator sees them: the client secret never leaves the server. */
export const ssoSettingsSchema = z.object({
  /** Whether an identity provider is configured; the other fields are null (or empty) until it is. */
  configured: z.boolean(),
  issuer: z.string().nullable(),
  client_id: z.string().nullable(),
  /** Whether a client secret is stored; the secret itself is never returned. */
  client_secret_set: z.boolean(),
  /** The redirect (callback) URL to register with the identity provider. */
  redirect_url: z.string(),
  auto_join_domains: z.array(z.string()),
  sso_required: z.boolean(),
  break_glass_user_id: z.string().nullable(),
  updated_at: z.iso.datetime().nullable(),
});

export const updateSsoSettingsBody = z.object({
  /** The OpenID Provider's issuer URL: https, or http on this machine (127.0.0.1, localhost) for trials. */
  issuer: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(500),
  client_id: nonBlank(500),
  /** Required the first time; omitted afterwards keeps the stored secret. */
  client_secret: z.string().min(1).max(2000).optional(),
  auto_join_domains: z.array(emailDomain).max(50).default([]),
  sso_required: z.boolean().default(false),
  /** An administrator who keeps password sign-in while SSO is required; required with `sso_required`. */
  break_glass_user_id: idString.nullable().default(null),
});

/** Whether this server offers "Sign in with SSO" on its sign-in page. */
export const ssoAvailabilitySchema = z.object({ available: z.boolean() });

export const ssoStartQuery = z.object({
  /** The person's email: it picks the workspace (one with SSO that knows the email or its domain). */
  email: emailAddress,
  /** Where in the web app to land once signed in; a same-site path. Without one, the app's home (`/`). */
  redirect: z.string().max(2000).optional(),
});

/** What the identity provider sends back to the redirect URL (RFC 6749 4.1.2, 4.1.2.1; RFC 9207). */
export const ssoCallbackQuery = z.object({
  code: z.string().max(4000).optional(),
  state: z.string().max(500).optional(),
  iss: z.string().max(500).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
});

/** A redirect: the Location header says where; no body. */
export const redirectResponse = z.null().describe('Redirect; see the Location header');

/**
 * Why an SSO sign-in was refused: the web app's sign-in page explains each
 * (`/sign-in?sso_error=<reason>`), and the audit log records it.
 */
export const ssoRefusalSchema = z.enum([
  'not_configured',
  'several_workspaces',
  'invalid_state',
  'provider_error',
  'invalid_token',
  'unverified_email',
  'unknown_email',
  'archived',
]);

export type SsoSettingsResponse = z.infer<typeof ssoSettingsSchema>;
export type UpdateSsoSettingsInput = z.infer<typeof updateSsoSettingsBody>;
export type SsoStartInput = z.infer<typeof ssoStartQuery>;
export type SsoCallbackInput = z.infer<typeof ssoCallbackQuery>;
export type SsoRefusal = z.infer<typeof ssoRefusalSchema>;
