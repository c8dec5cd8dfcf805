import type { PagePromise } from '../core/pagination.js';
import type { RequestOptions } from '../core/request-options.js';
import { APIResource } from '../core/resource.js';
import { segment } from '../internal/query.js';
import type { PageParams } from './shared.js';

/** A kind of expense; unit-based ones (like "LLM Usage", per 1k tokens) carry a unit name and price. */
export interface ExpenseCategory {
  id: string;
  name: string;
  unit_name: string | null;
  unit_price: number | null;
  is_active: boolean;
  created_at: string;
}

export class ExpenseCategories extends APIResource {
  /** Lists expense categories, including the built-in `cat_llm_usage`. */
  list(params?: PageParams, options?: RequestOptions): PagePromise<ExpenseCategory> {
    return this._client.getPage<ExpenseCategory>('/expense-categories', params, options);
  }

  /** Fetches one expense category by id (`cat_llm_usage` works in every workspace). */
  get(id: string, options?: RequestOptions): Promise<ExpenseCategory> {
    return this._client.request({ method: 'GET', path: `/expense-categories/${segment(id)}`, options });
  }
}
