import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencyCodes, exponentOf, symbolOf } from './currencies.ts';
import {
  DEFAULT_NUMBER_FORMAT,
  formatDecimal,
  formatMoney,
  fromMinorUnits,
  invoiceTotals,
  lineAmount,
  type NumberFormat,
  percentageOf,
  roundToCurrency,
  storedAmount,
  sumAmounts,
  toMinorUnits,
} from './money.ts';

const big = (value: string) => new Big(value);

/** Any decimal, positive or negative, up to 30 digits before the point and 12 after: far past 2^53. */
const decimal = fc
  .tuple(fc.bigInt({ min: -(10n ** 42n), max: 10n ** 42n }), fc.integer({ min: 0, max: 12 }))
  .map(([digits, scale]) => new Big(`${digits}e-${scale}`));
const nonNegative = decimal.map((value) => value.abs());
/** Any value a `money` column (numeric(18, 6)) holds, with up to 6 decimals more than it keeps. */
const storable = fc
  .tuple(fc.bigInt({ min: -(10n ** 18n) + 1n, max: 10n ** 18n - 1n }), fc.integer({ min: 6, max: 12 }))
  .map(([digits, scale]) => new Big(`${digits}e-${scale}`))
  .filter((value) => value.abs().lt('999999999999.9999995'));
const currency = fc.constantFrom(...currencyCodes);
const percent = fc.integer({ min: 0, max: 10_000 }).map((hundredths) => new Big(`${hundredths}e-2`));
const numberFormat = fc.constantFrom<NumberFormat>(
  { decimalSeparator: '.', thousandsSeparator: ',' },
  { decimalSeparator: ',', thousandsSeparator: '.' },
  { decimalSeparator: ',', thousandsSeparator: ' ' },
  { decimalSeparator: '.', thousandsSeparator: ' ' },
);

/** Decimals after the point, as a value prints in plain notation. */
const decimalsOf = (value: Big) => value.toFixed().split('.')[1]?.length ?? 0;
const halfUnit = (code: string) => new Big(`5e-${exponentOf(code) + 1}`);

describe('rounding to the currency', () => {
  it.each([
    ['2.675', 'GBP', '2.68'], // a double holds 2.67499999...: a float path would give 2.67
    ['1.005', 'USD', '1.01'],
    ['1800.5', 'JPY', '1801'],
    ['1.2345', 'KWD', '1.235'],
    ['0.00005', 'CLF', '0.0001'],
    ['-2.675', 'GBP', '-2.68'],
    ['0.004999', 'EUR', '0'],
  ])('rounds %s %s half-up to %s', (amount, code, expected) => {
    expect(roundToCurrency(big(amount), code).toFixed()).toBe(expected);
  });

  it('is idempotent, moves by at most half a minor unit, and leaves no more decimals than the exponent', () => {
    fc.assert(
      fc.property(decimal, currency, (amount, code) => {
        const rounded = roundToCurrency(amount, code);
        expect(roundToCurrency(rounded, code).eq(rounded)).toBe(true);
        expect(rounded.minus(amount).abs().lte(halfUnit(code))).toBe(true);
        expect(decimalsOf(rounded)).toBeLessThanOrEqual(exponentOf(code));
      }),
    );
  });

  it('takes a tie away from zero, so a credit rounds as its debit does', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), currency, (units, code) => {
        const tie = new Big(`${units}e-${exponentOf(code)}`).plus(halfUnit(code));
        expect(roundToCurrency(tie, code).abs().gt(tie.abs())).toBe(true);
        expect(roundToCurrency(tie.neg(), code).eq(roundToCurrency(tie, code).neg())).toBe(true);
      }),
    );
  });

  it('refuses a currency outside ISO 4217', () => {
    expect(() => roundToCurrency(big('1'), 'XAU')).toThrow(/not an ISO 4217 currency/);
  });
});

describe('line amounts and sums', () => {
  it('multiplies exactly and rounds once, per line', () => {
    expect(lineAmount(big('12'), big('150'), 'GBP').toFixed(2)).toBe('1800.00');
    expect(lineAmount(big('180'), big('0.003'), 'GBP').toFixed()).toBe('0.54');
    expect(lineAmount(big('3'), big('0.1'), 'USD').toFixed()).toBe('0.3');
    expect(lineAmount(big('1.5'), big('333'), 'JPY').toFixed()).toBe('500'); // 499.5
    expect(lineAmount(big('0.3333'), big('7.5'), 'KWD').toFixed()).toBe('2.5'); // 2.49975
  });

  it('stays exact beyond 2^53 and with many decimals', () => {
    const huge = big('9007199254740993');
    expect(lineAmount(huge, big('1'), 'JPY').toFixed()).toBe('9007199254740993');
    expect(lineAmount(huge, big('1.000000000000000001'), 'JPY').toFixed()).toBe('9007199254740993');
    expect(sumAmounts([huge, big('0.01'), big('0.02')]).toFixed()).toBe('9007199254740993.03');
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 2n ** 53n, max: 2n ** 80n }), { maxLength: 20 }), (counts) => {
        const expected = counts.reduce((sum, count) => sum + count, 0n);
        expect(sumAmounts(counts.map((count) => new Big(`${count}e-2`))).eq(new Big(`${expected}e-2`))).toBe(
          true,
        );
      }),
    );
  });

  it('sums rounded lines into a total that needs no rounding and is within half a unit a line of the exact sum', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(nonNegative, nonNegative), { maxLength: 30 }),
        currency,
        (lines, code) => {
          const amounts = lines.map(([quantity, price]) => lineAmount(quantity, price, code));
          const total = sumAmounts(amounts);
          const exact = sumAmounts(lines.map(([quantity, price]) => quantity.times(price)));
          expect(roundToCurrency(total, code).eq(total)).toBe(true);
          expect(total.minus(exact).abs().lte(halfUnit(code).times(lines.length))).toBe(true);
          expect(sumAmounts([...amounts].reverse()).eq(total)).toBe(true);
        },
      ),
    );
  });

  it('takes a percentage of an amount rounded to the currency', () => {
    expect(percentageOf(big('2250.54'), big('10'), 'GBP').toFixed()).toBe('225.05');
    expect(percentageOf(big('100'), big('12.5'), 'JPY').toFixed()).toBe('13');
    fc.assert(
      fc.property(decimal, currency, (amount, code) => {
        expect(percentageOf(amount, big('100'), code).eq(roundToCurrency(amount, code))).toBe(true);
        expect(percentageOf(amount, big('0'), code).eq(0)).toBe(true);
      }),
    );
  });
});

describe('invoice totals', () => {
  // invoicing/agent-work.md: Sarah 12 h at £150, review-bot 6 h at £75, 180k tokens at £0.003/k.
  const lines = [
    { amount: lineAmount(big('12'), big('150'), 'GBP'), taxed: [true, true] },
    { amount: lineAmount(big('6'), big('75'), 'GBP'), taxed: [true, true] },
    { amount: lineAmount(big('180'), big('0.003'), 'GBP'), taxed: [false, true] },
  ];

  it('takes the discount off the subtotal and each tax on the discounted lines it applies to', () => {
    const totals = invoiceTotals(lines, big('10'), [big('20'), big('5')], 'GBP');
    expect(totals.subtotal.toFixed()).toBe('2250.54');
    expect(totals.discount.toFixed()).toBe('225.05'); // 225.054
    // VAT on the 2,250.00 of services less their 10%: 2,025.00 x 20%.
    expect(totals.taxes[0]?.toFixed()).toBe('405');
    // The second tax is on every line: the subtotal less the discount shown, 2,025.49 x 5% = 101.2745.
    expect(totals.taxes[1]?.toFixed()).toBe('101.27');
    expect(totals.total.toFixed()).toBe('2531.76');
  });

  it('refuses lines that are not rounded to the currency', () => {
    expect(() => invoiceTotals([{ amount: big('0.135'), taxed: [] }], big('0'), [], 'GBP')).toThrow(
      /not rounded to GBP/,
    );
  });

  const invoice = fc.record({
    code: currency,
    lines: fc.array(fc.tuple(nonNegative, nonNegative, fc.boolean(), fc.boolean()), { maxLength: 20 }),
    discount: percent,
    taxes: fc.tuple(percent, percent),
  });

  it('adds up: every figure is rounded, the total is the sum of the figures shown', () => {
    fc.assert(
      fc.property(invoice, ({ code, lines, discount, taxes }) => {
        const rounded = lines.map(([quantity, price, tax1, tax2]) => ({
          amount: lineAmount(quantity, price, code),
          taxed: [tax1, tax2],
        }));
        const totals = invoiceTotals(rounded, discount, taxes, code);
        expect(totals.subtotal.eq(sumAmounts(rounded.map((line) => line.amount)))).toBe(true);
        for (const figure of [totals.subtotal, totals.discount, ...totals.taxes, totals.total]) {
          expect(roundToCurrency(figure, code).eq(figure)).toBe(true);
        }
        expect(totals.total.eq(totals.subtotal.minus(totals.discount).plus(sumAmounts(totals.taxes)))).toBe(
          true,
        );
      }),
    );
  });

  it('taxes the subtotal less the discount shown when a tax applies to every line', () => {
    fc.assert(
      fc.property(invoice, ({ code, lines, discount, taxes }) => {
        const rounded = lines.map(([quantity, price]) => ({
          amount: lineAmount(quantity, price, code),
          taxed: [true, true],
        }));
        const totals = invoiceTotals(rounded, discount, taxes, code);
        const base = totals.subtotal.minus(totals.discount);
        expect(totals.taxes.map((tax) => tax.toFixed())).toEqual(
          taxes.map((rate) => percentageOf(base, rate, code).toFixed()),
        );
      }),
    );
  });
});

describe('formatDecimal', () => {
  it.each([
    ['1234.5', 2, DEFAULT_NUMBER_FORMAT, false, '1,234.50'],
    ['9.975', 0, { decimalSeparator: ',', thousandsSeparator: '.' }, true, '9,975'],
    ['12.5', 0, DEFAULT_NUMBER_FORMAT, true, '12.5'],
    ['-1234567', 0, { decimalSeparator: '.', thousandsSeparator: ' ' }, false, '-1 234 567'],
  ] as const)('writes %s with %i places as expected', (value, places, format, keepDigits, expected) => {
    expect(formatDecimal(big(value), places, format, { keepDigits })).toBe(expected);
  });
});

describe('formatMoney', () => {
  it.each([
    ['1800', 'GBP', DEFAULT_NUMBER_FORMAT, '£1,800.00'],
    ['0.54', 'GBP', DEFAULT_NUMBER_FORMAT, '£0.54'],
    ['0.135', 'GBP', DEFAULT_NUMBER_FORMAT, '£0.14'],
    ['-1234.5', 'EUR', { decimalSeparator: ',', thousandsSeparator: '.' }, '-€1.234,50'],
    ['1800.4', 'JPY', DEFAULT_NUMBER_FORMAT, '¥1,800'],
    ['1234', 'CHF', { decimalSeparator: '.', thousandsSeparator: ' ' }, 'CHF 1 234.00'],
    ['1234567.8915', 'KWD', DEFAULT_NUMBER_FORMAT, 'KWD 1,234,567.892'],
    ['12', 'CLF', { decimalSeparator: ',', thousandsSeparator: '.' }, 'CLF 12,0000'],
    ['-0.001', 'USD', DEFAULT_NUMBER_FORMAT, '$0.00'],
  ] as const)('formats %s %s as %s', (amount, code, format, expected) => {
    expect(formatMoney(big(amount), code, format)).toBe(expected);
  });

  it.each([
    ['0.003', 'GBP', '£0.003'],
    ['0.5', 'GBP', '£0.50'],
    ['1234.56789', 'EUR', '€1,234.56789'],
    ['12', 'JPY', '¥12'],
  ] as const)('writes the unit price %s %s as %s, keeping its digits', (amount, code, expected) => {
    expect(formatMoney(big(amount), code, DEFAULT_NUMBER_FORMAT, { keepDigits: true })).toBe(expected);
  });

  it('refuses separators that would make a figure ambiguous', () => {
    expect(() => formatMoney(big('1'), 'USD', { decimalSeparator: '.', thousandsSeparator: '.' })).toThrow(
      /must differ/,
    );
  });

  it('shows exactly the exponent decimals and reads back as the rounded amount', () => {
    fc.assert(
      fc.property(decimal, currency, numberFormat, (amount, code, format) => {
        const text = formatMoney(amount, code, format);
        const rounded = roundToCurrency(amount, code);
        const prefix = symbolOf(code) ?? `${code} `;
        const sign = rounded.lt(0) ? '-' : '';
        expect(text.startsWith(`${sign}${prefix}`)).toBe(true);
        const digits = text.slice(sign.length + prefix.length);
        const [whole = '', fraction] = digits.split(format.decimalSeparator);
        expect(fraction?.length ?? 0).toBe(exponentOf(code));
        expect(whole).toMatch(new RegExp(`^\\d{1,3}(\\${format.thousandsSeparator}\\d{3})*$`));
        const readBack = new Big(
          `${sign}${whole.split(format.thousandsSeparator).join('')}.${fraction ?? '0'}`,
        );
        expect(readBack.eq(rounded)).toBe(true);
      }),
    );
  });
});

describe('storedAmount', () => {
  it('writes the canonical numeric string, rounded half-up to the 6 decimals the column keeps', () => {
    expect(storedAmount(0.1, 'total_cost')).toBe('0.1');
    expect(storedAmount('0.0000025', 'unit_price')).toBe('0.000003');
    expect(storedAmount(big('1e-7'), 'total_cost')).toBe('0');
    expect(storedAmount('12.500000', 'total_cost')).toBe('12.5');
    expect(storedAmount('999999999999.999999', 'total_cost')).toBe('999999999999.999999');
  });

  it('refuses an amount the column cannot hold as a validation error on its field', () => {
    expect(() => storedAmount(big('1e12'), 'total_cost')).toThrow(
      expect.objectContaining({ code: 'validation_error', field: 'total_cost' }),
    );
    expect(() => storedAmount('999999999999.9999995', 'total_cost')).toThrow(/less than 1000000000000/);
  });

  it('round-trips: what it writes reads back as the same amount and writes the same string', () => {
    fc.assert(
      fc.property(storable, (amount) => {
        const stored = storedAmount(amount, 'total_cost');
        expect(stored).toMatch(/^-?\d+(\.\d{1,6})?$/);
        expect(new Big(stored).eq(amount.round(6, Big.roundHalfUp))).toBe(true);
        expect(storedAmount(stored, 'total_cost')).toBe(stored);
      }),
    );
  });
});

describe('minor units', () => {
  it("counts in the currency's minor unit: cents, none for JPY, thousandths for BHD", () => {
    expect(toMinorUnits(new Big('12.34'), 'USD')).toBe('1234');
    expect(toMinorUnits(new Big('1500'), 'JPY')).toBe('1500');
    expect(toMinorUnits(new Big('1.005'), 'BHD')).toBe('1005');
    expect(fromMinorUnits(1234, 'USD').toFixed()).toBe('12.34');
    expect(fromMinorUnits('1500', 'JPY').toFixed()).toBe('1500');
  });

  it('refuses an amount finer than the minor unit instead of rounding it', () => {
    expect(() => toMinorUnits(new Big('0.5'), 'JPY')).toThrow('JPY');
  });

  it('round-trips any amount of any currency', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...currencyCodes),
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        (currency, minor) => {
          expect(toMinorUnits(fromMinorUnits(minor.toString(), currency), currency)).toBe(minor.toString());
        },
      ),
    );
  });
});
