import type { Big } from 'big.js';
import { parseDecimal } from '../../lib/decimal.ts';
import { BusinessRuleError, ValidationError } from '../../lib/errors.ts';
import { storedAmount } from '../../lib/money.ts';
import type { ExpenseCategoryRow } from './categories.ts';

/** JSON numbers from a request, or the `numeric` strings of the stored expense being edited. */
type AmountInput = number | string;

export interface PricingInput {
  total_cost?: AmountInput;
  units?: AmountInput | null;
  unit_price?: AmountInput | null;
}

export interface Pricing {
  units: string | null;
  unitPrice: string | null;
  totalCost: string;
}

/**
 * A total computed from units and a price that are each within their limits may still be beyond
 * what the column holds: a rule between fields that no schema states, so 422 (decision 0015).
 */
function computedTotal(units: Big, unitPrice: Big): string {
  try {
    return storedAmount(units.times(unitPrice), 'total_cost');
  } catch (error) {
    if (error instanceof ValidationError) throw new BusinessRuleError(error.message, 'total_cost');
    throw error;
  }
}

/**
 * units x unit price gives the total, with the unit price from the request or else the category.
 * Without units, the total must be given. A total that disagrees with units x price is refused
 * rather than silently overwritten. The total is not rounded to the currency: an LLM call costs
 * fractions of a penny (`45 x 0.003 = 0.135`), and rounding happens when expenses are billed. It
 * is computed from the values as sent, before each is rounded to the 6 decimals the columns keep,
 * so a per-token price finer than that still gives the right total.
 */
export function priceExpense(category: ExpenseCategoryRow, input: PricingInput): Pricing {
  if (input.units == null) {
    if (input.total_cost === undefined) {
      const hint = category.unitName === null ? '' : ` (or units of ${category.unitName})`;
      throw new ValidationError(`total_cost is required${hint}`, 'total_cost');
    }
    return { units: null, unitPrice: null, totalCost: storedAmount(input.total_cost, 'total_cost') };
  }
  const units = parseDecimal(input.units, 'units');
  const price = input.unit_price ?? category.unitPrice;
  if (price === null) {
    if (input.total_cost === undefined) {
      // Whether the category has a unit price is stored, not in the request: 422, not 400.
      throw new BusinessRuleError(
        `unit_price is required with units: "${category.name}" is not a unit-based category`,
        'unit_price',
      );
    }
    return {
      units: storedAmount(units, 'units'),
      unitPrice: null,
      totalCost: storedAmount(input.total_cost, 'total_cost'),
    };
  }
  const unitPrice = parseDecimal(price, 'unit_price');
  const totalCost = computedTotal(units, unitPrice);
  // Agreement between fields (and, without unit_price, the category's stored price): 422.
  if (input.total_cost !== undefined && storedAmount(input.total_cost, 'total_cost') !== totalCost) {
    throw new BusinessRuleError(
      `total_cost ${input.total_cost} does not match units x unit_price (${totalCost}); send one or the other`,
      'total_cost',
    );
  }
  return { units: storedAmount(units, 'units'), unitPrice: storedAmount(unitPrice, 'unit_price'), totalCost };
}
