import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencyCodes, exponentOf } from '../../lib/currencies.ts';
import { computeAmounts, dueAmount, type LineInput, type RatesInput } from './amounts.ts';

const line = (quantity: string, unitPrice: string, taxed = true, taxed2 = false): LineInput => ({
  quantity,
  unitPrice,
  taxed,
  taxed2,
});
const rates = (
  currency: string,
  tax: string | null,
  tax2: string | null = null,
  discount: string | null = null,
) => ({
  currency,
  tax,
  tax2,
  discount,
});

describe('invoice amounts: the fixtures of issue 15', () => {
  it('Quebec: 5 % GST and 9.975 % QST each on the same lines, each rounded once', () => {
    const amounts = computeAmounts(
      [line('1', '10.01', true, true), line('1', '20.02', true, true)],
      rates('CAD', '5', '9.975'),
    );
    // 30.03 x 5 % = 1.5015 -> 1.50; 30.03 x 9.975 % = 2.9954925 -> 3.00
    expect(amounts).toEqual({
      lineAmounts: ['10.01', '20.02'],
      subtotal: '30.03',
      discountAmount: '0',
      taxAmount: '1.5',
      tax2Amount: '3',
      amount: '34.53',
    });
  });

  it('Quebec on 100: QST 9.975 rounds half-up to 9.98', () => {
    const amounts = computeAmounts([line('1', '100', true, true)], rates('CAD', '5', '9.975'));
    expect([amounts.taxAmount, amounts.tax2Amount, amounts.amount]).toEqual(['5', '9.98', '114.98']);
  });

  it('19 % on 138.66 is 26.35 and the total 165.01 (the figure Invoice Ninja showed as 165.00)', () => {
    const amounts = computeAmounts([line('1', '138.66')], rates('EUR', '19'));
    expect([amounts.subtotal, amounts.taxAmount, amounts.amount]).toEqual(['138.66', '26.35', '165.01']);
  });

  it('a discount then VAT: the tax is on the subtotal less the discount shown', () => {
    const amounts = computeAmounts([line('1', '100'), line('1', '38.66')], rates('EUR', '19', null, '10'));
    // discount 13.866 -> 13.87; base 138.66 - 13.87 = 124.79; VAT 23.7101 -> 23.71
    expect(amounts).toEqual({
      lineAmounts: ['100', '38.66'],
      subtotal: '138.66',
      discountAmount: '13.87',
      taxAmount: '23.71',
      tax2Amount: '0',
      amount: '148.5',
    });
  });

  it('JPY has no minor unit: lines and taxes round to whole yen', () => {
    const amounts = computeAmounts([line('1.5', '1001')], rates('JPY', '10'));
    // 1501.5 -> 1502; 150.2 -> 150
    expect([amounts.subtotal, amounts.taxAmount, amounts.amount]).toEqual(['1502', '150', '1652']);
  });

  it('KWD has three decimals', () => {
    const amounts = computeAmounts([line('2.5', '1.2345')], rates('KWD', '5'));
    // 3.08625 -> 3.086; 0.1543 -> 0.154
    expect([amounts.subtotal, amounts.taxAmount, amounts.amount]).toEqual(['3.086', '0.154', '3.24']);
  });

  it('hours at an hourly rate: 7.3333 h at 150 is 1099.995, billed 1100.00', () => {
    expect(computeAmounts([line('7.3333', '150', false)], rates('GBP', null)).amount).toBe('1100');
  });

  it('only the lines ticked for a tax carry it', () => {
    const amounts = computeAmounts(
      [line('1', '100', true, false), line('1', '50', false, true)],
      rates('USD', '10', '20'),
    );
    expect([amounts.taxAmount, amounts.tax2Amount, amounts.amount]).toEqual(['10', '10', '170']);
  });

  it('an invoice without lines is all zero', () => {
    expect(computeAmounts([], rates('USD', '10', '5', '3')).amount).toBe('0');
  });

  it('what is due is the stored amount less what was paid', () => {
    expect(dueAmount('165.01', '100')).toBe('65.01');
    expect(dueAmount('165.01', '165.01')).toBe('0');
  });
});

const currency = fc.constantFrom(...currencyCodes);
/**
 * A quantity or a price as lines carry them (hours to 4 decimals, units and per-token prices to 6),
 * small enough that 30 lines and two 100 % taxes stay within what a `money` column holds.
 */
const decimal = fc
  .tuple(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 6 }))
  .map(([digits, scale]) => new Big(`${digits}e-${scale}`).toFixed());
const quantity = decimal;
const price = decimal;
const percent = fc.option(
  fc.integer({ min: 0, max: 100_000 }).map((thousandths) => new Big(`${thousandths}e-3`).toFixed()),
);
const lineArb = fc.record({ quantity, unitPrice: price, taxed: fc.boolean(), taxed2: fc.boolean() });
const ratesArb: fc.Arbitrary<RatesInput> = fc.record({
  currency,
  tax: percent,
  tax2: percent,
  discount: percent,
});

describe('invoice amounts: properties', () => {
  it('the lines add up to the subtotal and the figures shown add up to the amount', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 30 }), ratesArb, (lines, given) => {
        const amounts = computeAmounts(lines, given);
        const sum = amounts.lineAmounts.reduce((total, amount) => total.plus(amount), new Big(0));
        expect(sum.eq(amounts.subtotal)).toBe(true);
        expect(
          new Big(amounts.subtotal)
            .minus(amounts.discountAmount)
            .plus(amounts.taxAmount)
            .plus(amounts.tax2Amount)
            .eq(amounts.amount),
        ).toBe(true);
      }),
    );
  });

  it('every figure is in the currency minor unit', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 30 }), ratesArb, (lines, given) => {
        const amounts = computeAmounts(lines, given);
        const exponent = exponentOf(given.currency);
        for (const figure of [
          ...amounts.lineAmounts,
          amounts.subtotal,
          amounts.discountAmount,
          amounts.taxAmount,
          amounts.tax2Amount,
          amounts.amount,
        ]) {
          expect(new Big(figure).round(exponent, Big.roundHalfUp).eq(figure)).toBe(true);
        }
      }),
    );
  });

  it('is reproducible: the same lines in any order give the same figures, as strings', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 30 }), ratesArb, fc.integer(), (lines, given, seed) => {
        const shuffled = [...lines].sort(
          (a, b) => ((a.quantity.length * seed) % 7) - ((b.quantity.length * seed) % 7),
        );
        const once = computeAmounts(lines, given);
        const again = computeAmounts(shuffled, given);
        expect({ ...again, lineAmounts: [] }).toEqual({ ...once, lineAmounts: [] });
        expect(computeAmounts(lines, given)).toEqual(once);
      }),
    );
  });

  it('a line amount is quantity x unit price within half a minor unit', () => {
    fc.assert(
      fc.property(lineArb, currency, (input, code) => {
        const [amount] = computeAmounts([input], rates(code, null)).lineAmounts;
        const exact = new Big(input.quantity).times(input.unitPrice);
        expect(
          exact
            .minus(amount as string)
            .abs()
            .lte(new Big(`5e-${exponentOf(code) + 1}`)),
        ).toBe(true);
      }),
    );
  });
});
