import type { UtilisationBand, UtilisationReport } from '@keito/sdk';
import { useQuery } from '@tanstack/react-query';
import { get } from '../../api.ts';
import type { FilterKey } from './search.ts';

/** The filters the utilisation report offers: whose hours, on what, over which period. */
export const UTILISATION_FILTERS: readonly FilterKey[] = [
  'period',
  'client_id',
  'project_id',
  'user_id',
  'role',
];

/** The utilisation report for the filters in the URL (as API query parameters). */
export const useUtilisationReport = (params: URLSearchParams) =>
  useQuery({
    queryKey: ['reports', 'utilisation', params.toString()],
    queryFn: () => get<UtilisationReport>(`/reports/utilisation?${params}`),
  });

/** team-management/capacity-planning's reading of each band, in dot badges (dark text: contrast). */
export const BANDS: Record<UtilisationBand, { label: string; color: string }> = {
  under: { label: 'Under capacity', color: 'yellow' },
  healthy: { label: 'Healthy', color: 'green' },
  full: { label: 'Fully loaded', color: 'blue' },
  over: { label: 'Over capacity', color: 'red' },
};
