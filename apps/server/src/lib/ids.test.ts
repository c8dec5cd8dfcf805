import { describe, expect, it } from 'vitest';
import { newId } from './ids.ts';

describe('newId', () => {
  it('has the prefix and 26 characters of Crockford base32', () => {
    expect(newId('te')).toMatch(/^te_[0-9a-hjkmnp-tv-z]{26}$/);
  });

  it('sorts by creation time', () => {
    const earlier = newId('te', Date.UTC(2026, 0, 1));
    const later = newId('te', Date.UTC(2026, 0, 2));
    expect(earlier < later).toBe(true);
  });

  it('does not repeat', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newId('exp', 0)));
    expect(ids.size).toBe(1000);
  });
});
