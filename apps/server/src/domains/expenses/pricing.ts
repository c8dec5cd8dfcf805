import { decimalsEqual, multiply, toDecimalString } from '../../lib/decimal.ts';
import { ValidationError } from '../../lib/errors.ts';
import type { ExpenseCategoryRow } from './categories.ts';

export interface PricingInput {
  total_cost?: number;
  units?: number | null;
  unit_price?: number | null;
}

export interface Pricing {
  units: string | null;
  unitPrice: string | null;
  totalCost: string;
}

/**
 * units x unit price gives the total, with the unit price from the request or else the category.
 * Without units, the total must be given. A total that disagrees with units x price is refused
 * rather than silently overwritten.
 */
export function priceExpense(category: ExpenseCategoryRow, input: PricingInput): Pricing {
  if (input.units == null) {
    if (input.total_cost === undefined) {
      const hint = category.unitName === null ? '' : ` (or units of ${category.unitName})`;
      throw new ValidationError(`total_cost is required${hint}`, 'total_cost');
    }
    return { units: null, unitPrice: null, totalCost: toDecimalString(input.total_cost) };
  }
  const unitPrice = input.unit_price != null ? toDecimalString(input.unit_price) : category.unitPrice;
  if (unitPrice === null) {
    if (input.total_cost === undefined) {
      throw new ValidationError(
        `unit_price is required with units: "${category.name}" is not a unit-based category`,
        'unit_price',
      );
    }
    return {
      units: toDecimalString(input.units),
      unitPrice: null,
      totalCost: toDecimalString(input.total_cost),
    };
  }
  const totalCost = multiply(input.units, unitPrice);
  if (input.total_cost !== undefined && !decimalsEqual(input.total_cost, totalCost)) {
    throw new ValidationError(
      `total_cost ${input.total_cost} does not match units x unit_price (${totalCost}); send one or the other`,
      'total_cost',
    );
  }
  return { units: toDecimalString(input.units), unitPrice, totalCost };
}
