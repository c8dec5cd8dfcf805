/** A redirect target, whether it stays on this site, and why (the test's name). */
export interface SameSitePathCase {
  path: string;
  sameSite: boolean;
  why: string;
}

/** Redirect targets for the server's and the web app's tests of the same-site rule. */
export declare const sameSitePathCases: readonly SameSitePathCase[];
