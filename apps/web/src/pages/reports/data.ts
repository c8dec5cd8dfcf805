import type { CreateSavedReportInput, SavedReport, SavedReportKind } from '@keito/sdk';
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { del, get, getAll, type Page, patch, post } from '../../api.ts';

/**
 * A report's summary. While new filters load, the previous answer stays on screen (dimmed by the
 * page) rather than the table collapsing to a spinner on every click.
 */
export function useReport<T>(path: string, params: URLSearchParams) {
  const query = params.toString();
  return useQuery({
    queryKey: ['reports', path, query],
    queryFn: () => get<T>(`${path}?${query}`),
    placeholderData: keepPreviousData,
  });
}

/** Entries of a detailed report, a page at a time (the API's cursor), for "Show more". */
export function useReportEntries<T>(path: string, params: URLSearchParams | null) {
  const query = params?.toString() ?? '';
  return useInfiniteQuery({
    queryKey: ['reports', path, query],
    queryFn: ({ pageParam }) =>
      get<Page<T>>(
        `${path}?${query}&limit=50${pageParam === null ? '' : `&cursor=${encodeURIComponent(pageParam)}`}`,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (last.has_more ? last.next_cursor : null),
    enabled: params !== null,
  });
}

export function useSavedReports(kind: SavedReportKind) {
  return useQuery({
    queryKey: ['reports', 'saved', kind],
    queryFn: () => getAll<SavedReport>(`/reports/saved?kind=${kind}`),
  });
}

export function useSavedReportMutations(kind: SavedReportKind) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['reports', 'saved', kind] });
  return {
    save: useMutation({
      mutationFn: (input: CreateSavedReportInput) => post<SavedReport>('/reports/saved', input),
      onSuccess: refresh,
    }),
    rename: useMutation({
      mutationFn: ({ id, name }: { id: string; name: string }) =>
        patch<SavedReport>(`/reports/saved/${id}`, { name }),
      // Refused too: a report deleted or unshared meanwhile leaves the list behind the dialog.
      onSettled: refresh,
    }),
    remove: useMutation({ mutationFn: (id: string) => del(`/reports/saved/${id}`), onSuccess: refresh }),
  };
}
