import type { QueryClient } from '@tanstack/react-query';

/** After a write in Manage: every cached list (projects, clients, tasks, users) may have changed. */
export function refreshLists(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: ['list'] });
}
