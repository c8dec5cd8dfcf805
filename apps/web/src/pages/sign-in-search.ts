import { isSameSitePath } from '../../../server/src/lib/same-site-path.ts';

export interface SignInSearch {
  redirect?: string;
  sso_error?: string;
}

/**
 * The sign-in page's search. `redirect`, where to go once signed in, is kept only when it stays on
 * this site, by the server's own rule (an SSO sign-in sends it there), so a link cannot make either
 * path an open redirect.
 */
export function validateSignInSearch(search: Record<string, unknown>): SignInSearch {
  return {
    ...(typeof search.redirect === 'string' && isSameSitePath(search.redirect)
      ? { redirect: search.redirect }
      : {}),
    // Where a refused single sign-on lands (domains/sso/routes.ts): the page says why.
    ...(typeof search.sso_error === 'string' ? { sso_error: search.sso_error } : {}),
  };
}
