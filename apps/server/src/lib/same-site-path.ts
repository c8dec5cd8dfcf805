/**
 * Whether a redirect target given in a link (`?redirect=` after sign-in) stays on this site: a path
 * of this origin, never an open redirect that would send people elsewhere once signed in. The web
 * app imports this too, so the browser and the server refuse the same targets.
 *
 * Refused besides anything not starting with one `/`: `//host` (protocol-relative), a backslash
 * (browsers read `/\host` as `//host`) and control characters (the URL parser drops tabs and
 * newlines, so `/<tab>/host` becomes `//host`).
 */
export function isSameSitePath(path: string): boolean {
  return path.startsWith('/') && !path.startsWith('//') && !path.includes('\\') && !/\p{Cc}/u.test(path);
}
