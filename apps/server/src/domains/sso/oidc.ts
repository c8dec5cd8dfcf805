import * as client from 'openid-client';

/** What Keito needs of an identity provider to talk to it. */
export interface Provider {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/**
 * Plain http is accepted for an issuer on this machine only (a provider tried out locally, the test
 * suites' provider): anywhere else the provider's answers, the ID token and the code must travel
 * over TLS.
 */
export function isAllowedIssuer(issuer: URL): boolean {
  return issuer.protocol === 'https:' || (issuer.protocol === 'http:' && isLoopback(issuer.hostname));
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * The provider's configuration from its discovery document (whose `issuer` must equal the one
 * configured, which openid-client checks). `now` is the app's clock: token expiry is judged by it,
 * so tests move it rather than wait. ID token signatures are checked against the provider's JWKS
 * (`enableNonRepudiationChecks`): openid-client would otherwise trust the TLS connection alone, and
 * checking costs one cached request for keys.
 */
export async function discover(provider: Provider, now: Date): Promise<client.Configuration> {
  const issuer = new URL(provider.issuer);
  const execute = [client.enableNonRepudiationChecks];
  if (issuer.protocol === 'http:' && isAllowedIssuer(issuer)) execute.push(client.allowInsecureRequests);
  return client.discovery(
    issuer,
    provider.clientId,
    { [client.clockSkew]: Math.round((now.getTime() - Date.now()) / 1000) },
    client.ClientSecretBasic(provider.clientSecret),
    { execute, timeout: 10 },
  );
}

/** A new sign-in's secrets: the state (also the browser's cookie), the nonce and the PKCE verifier. */
export function newLoginSecrets() {
  return {
    state: client.randomState(),
    nonce: client.randomNonce(),
    codeVerifier: client.randomPKCECodeVerifier(),
  };
}

/** Where to send the browser: the authorization code flow with PKCE (S256), state and nonce. */
export async function authorizationUrl(
  config: client.Configuration,
  login: { state: string; nonce: string; codeVerifier: string; redirectUri: string; loginHint: string },
): Promise<URL> {
  return client.buildAuthorizationUrl(config, {
    redirect_uri: login.redirectUri,
    scope: 'openid email profile',
    response_type: 'code',
    state: login.state,
    nonce: login.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(login.codeVerifier),
    code_challenge_method: 'S256',
    login_hint: login.loginHint,
  });
}

/** The claims Keito reads from a verified ID token (or the UserInfo endpoint). */
export interface IdentityClaims {
  subject: string;
  email: string | undefined;
  emailVerified: boolean;
  name: string | undefined;
}

function identityOf(subject: string, claims: Record<string, unknown>): IdentityClaims {
  return {
    subject,
    email: typeof claims.email === 'string' ? claims.email : undefined,
    // Only a boolean true counts: anything else is not the claim the spec defines, and an email
    // nobody verified must not match a person.
    emailVerified: claims.email_verified === true,
    name: typeof claims.name === 'string' ? claims.name : undefined,
  };
}

/**
 * Exchanges the code and verifies the ID token: signature (provider's JWKS), issuer, audience (our
 * client id), expiry and issue time, nonce; the state and the `iss` response parameter are checked
 * first. Throws openid-client's errors on any mismatch. Providers may put the email in the UserInfo
 * response only (the spec's default for the code flow); it is then read there, for the same subject.
 */
export async function redeemCode(
  config: client.Configuration,
  callbackUrl: URL,
  login: { state: string; nonce: string; codeVerifier: string },
): Promise<IdentityClaims> {
  const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
    expectedState: login.state,
    expectedNonce: login.nonce,
    pkceCodeVerifier: login.codeVerifier,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (claims === undefined) throw new Error('the token response has no ID token');
  if (typeof claims.email === 'string') return identityOf(claims.sub, claims);
  return identityOf(claims.sub, await client.fetchUserInfo(config, tokens.access_token, claims.sub));
}
