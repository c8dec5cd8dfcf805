/** What the provider says about a person (standard claims); absent claims are left out. */
export interface TestIdentity {
  email?: string;
  email_verified?: boolean;
  name?: string;
}

export interface IdTokenTampering {
  /** Claims to change in the ID token, e.g. `{ aud: 'someone-else' }`. */
  claims?: Record<string, unknown>;
  /** Sign it with a key that is not in the provider's JWKS (same key id). */
  foreignKey?: boolean;
}

export interface OidcProviderOptions {
  /** The client's registered redirect URLs (Keito's `/v1/auth/sso/callback`). */
  redirectUris: string[];
  clientId?: string;
  clientSecret?: string;
  /** Send email and name only from the UserInfo endpoint, not in the ID token (the spec's default). */
  claimsOnlyFromUserInfo?: boolean;
}

export interface TestOidcProvider {
  /** The issuer URL to configure (http://127.0.0.1:<port>). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who signs in with `login` on the login page (any password is accepted); the login is the subject. */
  setIdentity(login: string, identity: TestIdentity): void;
  /** The next token response's ID token is altered, then the provider behaves again. */
  tamperNextIdToken(change: IdTokenTampering): void;
  close(): Promise<void>;
}

/** Starts panva's oidc-provider on a free port of 127.0.0.1 with one confidential client. */
export declare function startOidcProvider(options: OidcProviderOptions): Promise<TestOidcProvider>;

/**
 * Signs in at the provider's development login and consent pages over HTTP, starting from an
 * authorization URL, and returns the URL the provider redirects the browser to (not followed).
 */
export declare function signInAt(authorizationUrl: string, login: string): Promise<URL>;
