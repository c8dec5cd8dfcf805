import type { TimeEntry, User } from '@keito/sdk';
import { QueryClient, queryOptions } from '@tanstack/react-query';
import { ApiError, get, getAll } from './api.ts';
import type { Session, Workspace } from './types.ts';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
    },
  },
});

export const sessionQuery = queryOptions({
  queryKey: ['session'],
  queryFn: () => get<Session>('/auth/session'),
  staleTime: 60_000,
});

export const meQuery = queryOptions({ queryKey: ['me'], queryFn: () => get<User>('/users/me') });

export const workspaceQuery = queryOptions({
  queryKey: ['workspace'],
  queryFn: () => get<Workspace>('/workspace'),
});

/** A whole list endpoint (every page), cached under its path. */
export function listQuery<T>(path: string) {
  return queryOptions({ queryKey: ['list', path], queryFn: () => getAll<T>(path) });
}

/** The signed-in user's running timer, if any (at most one: a unique index on the server says so). */
export function runningTimerQuery(userId: string) {
  return queryOptions({
    queryKey: ['time-entries', 'running', userId],
    queryFn: async () => {
      const page = await get<{ data: TimeEntry[] }>(
        `/time-entries?is_running=true&user_id=${encodeURIComponent(userId)}&limit=1`,
      );
      return page.data[0] ?? null;
    },
  });
}
