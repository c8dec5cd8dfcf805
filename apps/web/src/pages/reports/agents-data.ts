import type { FilterKey } from './search.ts';

/** The filters the agent activity report offers, the agent metadata among them. */
export const AGENT_FILTERS: readonly FilterKey[] = [
  'period',
  'client_id',
  'project_id',
  'user_id',
  'source',
  'agent_id',
  'session_id',
  'model',
];

/** Entries whose metadata names no model are gathered under null. */
export const modelName = (model: string | null) => model ?? 'No model given';

/** Rows by currency, in currency order: amounts in two currencies are never added up or charted together. */
export function byCurrency<Row extends { currency: string }>(rows: Row[]): [string, Row[]][] {
  const groups = new Map<string, Row[]>();
  for (const row of rows) groups.set(row.currency, [...(groups.get(row.currency) ?? []), row]);
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}
