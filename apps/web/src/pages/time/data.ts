import type { Client, Project, TaskAssignment, TimeEntry, User } from '@keito/sdk';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { del, getAll, patch, post } from '../../api.ts';
import { listQuery } from '../../queries.ts';

export interface EntryFilters {
  from: string;
  to: string;
  userId: string;
  source?: string;
  projectId?: string;
  clientId?: string;
  taskId?: string;
  billable?: string;
}

export function entriesPath(filters: EntryFilters): string {
  const params = new URLSearchParams({ from: filters.from, to: filters.to, user_id: filters.userId });
  if (filters.source) params.set('source', filters.source);
  if (filters.projectId) params.set('project_id', filters.projectId);
  if (filters.clientId) params.set('client_id', filters.clientId);
  if (filters.taskId) params.set('task_id', filters.taskId);
  if (filters.billable) params.set('is_billable', filters.billable);
  return `/time-entries?${params}`;
}

export function useEntries(filters: EntryFilters) {
  return useQuery({
    queryKey: ['time-entries', 'list', filters],
    queryFn: () => getAll<TimeEntry>(entriesPath(filters)),
    enabled: filters.userId !== '',
  });
}

export const useProjects = () => useQuery(listQuery<Project>('/projects'));
export const useClients = () => useQuery(listQuery<Client>('/clients'));
export const useUsers = (enabled: boolean) =>
  useQuery({ ...listQuery<User>('/users?is_active=true'), enabled });

export function useTaskAssignments(projectId: string | null) {
  return useQuery({
    ...listQuery<TaskAssignment & { task_name: string }>(`/projects/${projectId}/task-assignments`),
    enabled: projectId !== null && projectId !== '',
  });
}

/** Every change to entries refreshes the lists and the header's running timer. */
export function useEntryMutations() {
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: ['time-entries'] });
  return {
    create: useMutation({
      mutationFn: (body: Record<string, unknown>) => post<TimeEntry>('/time-entries', body),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: ({ id, ...body }: { id: string } & Record<string, unknown>) =>
        patch<TimeEntry>(`/time-entries/${id}`, body),
      onSuccess,
    }),
    remove: useMutation({ mutationFn: (id: string) => del(`/time-entries/${id}`), onSuccess }),
  };
}

/** Projects grouped under their clients, for a Select. */
export function projectOptions(projects: Project[], clients: Client[]) {
  const clientName = new Map(clients.map((client) => [client.id, client.name]));
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const project of projects.filter((p) => p.is_active)) {
    const group = clientName.get(project.client_id) ?? 'Other';
    groups.set(group, [...(groups.get(group) ?? []), { value: project.id, label: project.name }]);
  }
  return [...groups].map(([group, items]) => ({ group, items }));
}
