import { parseDecimal } from '../../lib/decimal.ts';
import { ValidationError } from '../../lib/errors.ts';
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
      throw new ValidationError(
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
  const totalCost = storedAmount(units.times(unitPrice), 'total_cost');
  if (input.total_cost !== undefined && storedAmount(input.total_cost, 'total_cost') !== totalCost) {
    throw new ValidationError(
      `total_cost ${input.total_cost} does not match units x unit_price (${totalCost}); send one or the other`,
      'total_cost',
    );
  }
  return { units: storedAmount(units, 'units'), unitPrice: storedAmount(unitPrice, 'unit_price'), totalCost };
}
