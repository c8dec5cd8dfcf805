import { boolean, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { users } from './people.ts';

/**
 * A workspace's identity provider for single sign-on with OpenID Connect (domains/sso): at most one
 * per workspace. The client secret is sealed with the server's secret box (lib/secret-box.ts), so a
 * leaked database or backup does not hand out the credentials of the workspace's identity provider.
 */
export const ssoConnections = pgTable('sso_connections', {
  accountId: text('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  /** The OpenID Provider's issuer identifier; its discovery document is under /.well-known. */
  issuer: text('issuer').notNull(),
  clientId: text('client_id').notNull(),
  clientSecretSealed: text('client_secret_sealed').notNull(),
  /** Email domains (lower case) whose verified people join as members on their first SSO sign-in. */
  autoJoinDomains: text('auto_join_domains').array().notNull().default([]),
  /** Password sign-in refused for everyone but the break-glass administrator. */
  ssoRequired: boolean('sso_required').notNull().default(false),
  /** The administrator who keeps password sign-in while SSO is required, for when the provider is down. */
  breakGlassUserId: text('break_glass_user_id').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * An SSO sign-in between the redirect to the provider and its return: the PKCE verifier and the
 * nonce stay on the server, keyed by the SHA-256 of the state, which the browser also holds in a
 * cookie. Single use, and only for a few minutes.
 */
export const ssoLogins = pgTable('sso_logins', {
  stateHash: text('state_hash').primaryKey(),
  accountId: text('account_id')
    .notNull()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  codeVerifier: text('code_verifier').notNull(),
  nonce: text('nonce').notNull(),
  /** The redirect_uri sent with the authorization request: the token request must repeat it exactly. */
  redirectUri: text('redirect_uri').notNull(),
  /** Where in the web app the person goes once signed in (a same-site path). */
  returnTo: text('return_to').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});
