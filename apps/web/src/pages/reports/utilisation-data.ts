import type { UtilisationBand } from '@keito/sdk';
import type { FilterKey } from './search.ts';

/** The filters the utilisation report offers: whose hours, on what, over which period. */
export const UTILISATION_FILTERS: readonly FilterKey[] = [
  'period',
  'client_id',
  'project_id',
  'user_id',
  'role',
];

/** team-management/capacity-planning's reading of each band, in dot badges (dark text: contrast). */
export const BANDS: Record<UtilisationBand, { label: string; color: string }> = {
  under: { label: 'Under capacity', color: 'yellow' },
  healthy: { label: 'Healthy', color: 'green' },
  full: { label: 'Fully loaded', color: 'blue' },
  over: { label: 'Over capacity', color: 'red' },
};
