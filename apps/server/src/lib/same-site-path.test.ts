import { sameSitePathCases } from '@keito/testkit/same-site-paths';
import { describe, expect, it } from 'vitest';
import { isSameSitePath } from './same-site-path.ts';

describe('a redirect target after sign-in', () => {
  it.each(sameSitePathCases)('is same-site: $sameSite for $why', ({ path, sameSite }) => {
    expect(isSameSitePath(path)).toBe(sameSite);
  });
});
