/** The expense categories every new workspace starts with (expenses/expense-categories, expenses/llm-usage). */
export interface BuiltinCategory {
  key: string;
  name: string;
  unitName: string | null;
  unitPrice: string | null;
}

export const LLM_USAGE_KEY = 'llm_usage';

export const BUILTIN_CATEGORIES: readonly BuiltinCategory[] = [
  { key: 'meals', name: 'Meals & Entertainment', unitName: null, unitPrice: null },
  { key: 'transportation', name: 'Transportation', unitName: null, unitPrice: null },
  { key: 'lodging', name: 'Lodging', unitName: null, unitPrice: null },
  { key: 'mileage', name: 'Mileage', unitName: 'miles', unitPrice: '0.67' },
  { key: 'software', name: 'Software & Subscriptions', unitName: null, unitPrice: null },
  { key: 'office_supplies', name: 'Office Supplies', unitName: null, unitPrice: null },
  { key: LLM_USAGE_KEY, name: 'LLM Usage', unitName: '1k tokens', unitPrice: '0.003' },
];
