import { describe, expect, it } from 'vitest';
import { currencyCodes, exponentOf, isCurrency, symbolOf } from './currencies.ts';

describe('the ISO 4217 exponent table', () => {
  it.each([
    ['JPY', 0],
    ['KRW', 0],
    ['XOF', 0],
    ['GBP', 2],
    ['USD', 2],
    ['EUR', 2],
    ['IDR', 2],
    ['KWD', 3],
    ['BHD', 3],
    ['TND', 3],
    ['IQD', 3],
    ['CLF', 4],
    ['UYW', 4],
  ])('%s has %i decimals', (code, exponent) => {
    expect(exponentOf(code)).toBe(exponent);
  });

  it('holds every active code once, in alphabetical order, each with 0, 2, 3 or 4 decimals', () => {
    // The 166 codes of List One (2024-06-25) that have a minor unit, and XCG.
    expect(currencyCodes).toHaveLength(167);
    expect(currencyCodes).toEqual([...currencyCodes].sort());
    expect(new Set(currencyCodes).size).toBe(currencyCodes.length);
    for (const code of currencyCodes) {
      expect(code).toMatch(/^[A-Z]{3}$/);
      expect([0, 2, 3, 4]).toContain(exponentOf(code));
    }
  });

  it('leaves out units of account without a minor unit and withdrawn currencies', () => {
    for (const code of ['XAU', 'XAG', 'XDR', 'XSU', 'XUA', 'XBA', 'XTS', 'XXX', 'HRK', 'SLL', 'ZWL', 'VEF']) {
      expect(isCurrency(code)).toBe(false);
    }
  });

  it('refuses a code that is not a currency, and names nothing in the prototype a currency', () => {
    expect(() => exponentOf('ABC')).toThrow(/not an ISO 4217 currency/);
    expect(isCurrency('toString')).toBe(false);
    expect(isCurrency('gbp')).toBe(false);
  });

  it('gives symbols only where they are unambiguous', () => {
    expect(symbolOf('GBP')).toBe('£');
    expect(symbolOf('USD')).toBe('$');
    expect(symbolOf('CAD')).toBeUndefined();
    expect(symbolOf('CNY')).toBeUndefined();
    expect(symbolOf('ABC')).toBeUndefined();
  });
});
