import type { Keito } from '@keito/sdk';

/** The fields of GET /v1/workspace the CLI shows (the SDK has no resource for it yet). */
export interface WorkspaceInfo {
  id: string;
  name: string;
}

export function getWorkspace(client: Keito): Promise<WorkspaceInfo> {
  return client.request<WorkspaceInfo>({ method: 'GET', path: '/workspace' });
}
