// A real OpenID Provider for tests of single sign-on: panva's oidc-provider (the certified
// implementation) on a free port, with its development login and consent pages. The server suite
// drives those pages over HTTP (`signInAt`), the browser suite clicks through them.
import { createServer } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import Provider from 'oidc-provider';

/**
 * @param {import('./oidc-provider.d.ts').OidcProviderOptions} options
 * @returns {Promise<import('./oidc-provider.d.ts').TestOidcProvider>}
 */
export async function startOidcProvider(options) {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const clientId = options.clientId ?? 'keito';
  const clientSecret = options.clientSecret ?? 'keito-test-client-secret';

  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingJwk = { ...(await exportJWK(privateKey)), kid: 'test-signing-key', alg: 'RS256', use: 'sig' };

  /** @type {Map<string, import('./oidc-provider.d.ts').TestIdentity>} */
  const identities = new Map();
  /** @type {import('./oidc-provider.d.ts').IdTokenTampering | undefined} */
  let tampering;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [signingJwk] },
    cookies: { keys: ['keito-test-provider-cookies'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // Like Google, Okta, Entra ID and Keycloak, put the scopes' claims in the ID token too; with
    // `claimsOnlyFromUserInfo` they come from the UserInfo endpoint alone, as the spec allows.
    conformIdTokenClaims: options.claimsOnlyFromUserInfo === true,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, login) {
      const identity = identities.get(login.toLowerCase()) ?? {};
      return { accountId: login, claims: async () => ({ sub: login, ...identity }) };
    },
  });
  // What a misbehaving provider (or a man in the middle) might answer: the real token response with
  // its ID token re-signed with changed claims, or signed by a key the provider's JWKS does not have.
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path !== '/token' || ctx.status !== 200 || tampering === undefined) return;
    const change = tampering;
    tampering = undefined;
    const body = /** @type {{ id_token: string }} */ (ctx.body);
    const claims = JSON.parse(Buffer.from(body.id_token.split('.')[1], 'base64url').toString('utf8'));
    const key = change.foreignKey ? (await generateKeyPair('RS256')).privateKey : privateKey;
    body.id_token = await new SignJWT({ ...claims, ...change.claims })
      .setProtectedHeader({ alg: 'RS256', kid: signingJwk.kid, typ: 'JWT' })
      .sign(key);
  });
  server.on('request', provider.callback());

  return {
    issuer,
    clientId,
    clientSecret,
    setIdentity(login, identity) {
      identities.set(login.toLowerCase(), identity);
    },
    tamperNextIdToken(change) {
      tampering = change;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Goes through the provider's development login and consent pages over HTTP, as a browser would
 * (following redirects, keeping cookies, submitting the forms), and answers where the provider
 * finally sends the browser: the client's redirect URL with the code, or with an error.
 * @param {string} authorizationUrl
 * @param {string} login
 * @returns {Promise<URL>}
 */
export async function signInAt(authorizationUrl, login) {
  const issuerOrigin = new URL(authorizationUrl).origin;
  /** @type {Map<string, string>} */
  const cookies = new Map();
  let url = new URL(authorizationUrl);
  /** @type {URLSearchParams | undefined} */
  let form;
  for (let step = 0; step < 20; step += 1) {
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: form,
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair = ''] = header.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location !== null) {
      const next = new URL(location, url);
      if (next.origin !== issuerOrigin) return next;
      url = next;
      form = undefined;
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (response.status !== 200 || action === undefined || prompt === undefined) {
      throw new Error(
        `unexpected answer from the provider at ${url}: ${response.status}\n${html.slice(0, 500)}`,
      );
    }
    url = new URL(action.replace(/&amp;/g, '&'), url);
    form = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any password' } : { prompt });
  }
  throw new Error('the provider kept redirecting');
}
