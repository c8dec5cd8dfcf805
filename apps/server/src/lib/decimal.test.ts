import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDecimal, toDecimalString, toNumber } from './decimal.ts';

describe('parseDecimal', () => {
  it('reads a JSON number as the decimal the client wrote, without float artefacts', () => {
    expect(parseDecimal(0.1).toFixed()).toBe('0.1');
    expect(parseDecimal(0.1).plus(parseDecimal(0.2)).toFixed()).toBe('0.3');
    expect(parseDecimal(1e-7).toFixed()).toBe('0.0000001');
    expect(toDecimalString(150)).toBe('150');
  });

  it('reads a string digit by digit, beyond 2^53 and with many decimals', () => {
    expect(parseDecimal('9007199254740993.000000000000000001').toFixed()).toBe(
      '9007199254740993.000000000000000001',
    );
    expect(parseDecimal(' 12.50 ').toFixed()).toBe('12.5');
    expect(parseDecimal('-3').toFixed()).toBe('-3');
  });

  it.each(['', 'abc', '1e5', '1,5', '.5', '5.', '+1', '0x10', 'Infinity'])(
    'refuses the string %j as a validation error on its field',
    (text) => {
      expect(() => parseDecimal(text, 'total_cost')).toThrow(
        expect.objectContaining({ code: 'validation_error', field: 'total_cost' }),
      );
    },
  );

  it.each([Number.NaN, Number.POSITIVE_INFINITY])('refuses the number %s', (value) => {
    expect(() => parseDecimal(value, 'units')).toThrow(/units must be a finite number/);
  });
});

describe('toNumber, the JSON boundary', () => {
  it('keeps null and reads numeric strings', () => {
    expect(toNumber(null)).toBeNull();
    expect(toNumber('150.000000')).toBe(150);
    expect(toNumber('0.135000')).toBe(0.135);
  });

  it('gives back every 6-decimal value below 2^33 exactly', () => {
    const millionths = fc.bigInt({ min: 0n, max: 2n ** 33n * 10n ** 6n - 1n });
    fc.assert(
      fc.property(millionths, (count) => {
        const stored = new Big(`${count}e-6`).toFixed(6);
        expect(new Big(String(toNumber(stored))).eq(stored)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
