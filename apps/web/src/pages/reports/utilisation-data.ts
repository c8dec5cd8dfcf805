import type { UtilisationBand, UtilisationReport } from '@keito/sdk';
import { useQuery } from '@tanstack/react-query';
import { get } from '../../api.ts';

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
