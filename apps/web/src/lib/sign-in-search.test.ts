import { sameSitePathCases } from '@keito/testkit/same-site-paths';
import { describe, expect, it } from 'vitest';
import { validateSignInSearch } from '../pages/sign-in-search.ts';

describe('the sign-in page’s redirect', () => {
  it.each(sameSitePathCases)('is followed: $sameSite for $why', ({ path, sameSite }) => {
    expect(validateSignInSearch({ redirect: path }).redirect).toBe(sameSite ? path : undefined);
  });

  it('keeps the reason a single sign-on was refused', () => {
    expect(validateSignInSearch({ redirect: '//evil.example/', sso_error: 'no_account' })).toEqual({
      sso_error: 'no_account',
    });
  });
});
