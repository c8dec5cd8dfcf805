import { describe, expect, it } from 'vitest';
import type { ExpenseCategoryRow } from './categories.ts';
import { priceExpense } from './pricing.ts';

const now = new Date();
const category = (unitName: string | null, unitPrice: string | null): ExpenseCategoryRow => ({
  id: 'cat_x',
  accountId: 'acc_x',
  name: unitName ? 'LLM Usage' : 'Meals',
  unitName,
  unitPrice,
  billableByDefault: true,
  builtinKey: null,
  isActive: true,
  archivedAt: null,
  createdAt: now,
  updatedAt: now,
});

const llm = category('1k tokens', '0.003');
const meals = category(null, null);

describe('priceExpense', () => {
  it('multiplies units by the category price exactly', () => {
    expect(priceExpense(llm, { units: 45 })).toEqual({ units: '45', unitPrice: '0.003', totalCost: '0.135' });
    expect(priceExpense(category('miles', '0.67'), { units: 45 }).totalCost).toBe('30.15');
  });

  it('prefers a unit price from the request', () => {
    expect(priceExpense(llm, { units: 10, unit_price: 0.015 }).totalCost).toBe('0.15');
  });

  it('accepts a total that agrees with units x price and refuses one that does not', () => {
    expect(priceExpense(llm, { units: 45, total_cost: 0.135 }).totalCost).toBe('0.135');
    expect(() => priceExpense(llm, { units: 45, total_cost: 1 })).toThrow(/does not match/);
  });

  it('takes a plain total for any category', () => {
    expect(priceExpense(meals, { total_cost: 12.5 })).toEqual({
      units: null,
      unitPrice: null,
      totalCost: '12.5',
    });
    expect(priceExpense(llm, { total_cost: 0.2 }).totalCost).toBe('0.2');
  });

  it('needs a total for a standard category', () => {
    expect(() => priceExpense(meals, {})).toThrow(/total_cost is required/);
    expect(() => priceExpense(meals, { units: 3 })).toThrow(/unit_price is required/);
  });

  it('prices the stored numeric strings of an edited expense exactly, never through floats', () => {
    // As doubles, 1.1 x 1.1 is 1.2100000000000002.
    expect(priceExpense(category('hours', '1.100000'), { units: '1.1' }).totalCost).toBe('1.21');
    expect(priceExpense(meals, { total_cost: '12.500000' }).totalCost).toBe('12.5');
  });

  it('computes the total from a price finer than the 6 decimals the columns keep', () => {
    // $2.50 per million tokens, 1,000 tokens: the total is exact, the stored price is rounded.
    expect(priceExpense(category('tokens', null), { units: 1000, unit_price: 0.0000025 })).toEqual({
      units: '1000',
      unitPrice: '0.000003',
      totalCost: '0.0025',
    });
  });

  it('refuses a computed total the column cannot hold as unprocessable on total_cost', () => {
    // Each factor is within the request schema's limits; their product is a rule between fields (0015).
    expect(() => priceExpense(llm, { units: 1_000_000, unit_price: 1_000_000_000 })).toThrow(
      expect.objectContaining({ code: 'unprocessable', field: 'total_cost' }),
    );
  });
});
