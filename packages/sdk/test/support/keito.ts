import { type ClientOptions, Keito } from '@keito/sdk';
import { createFixture, createWorkspace, type Fixture, type Workspace } from '@keito/testkit';
import { inject } from 'vitest';

/** The server started by global-setup.ts. */
export const server = inject('keitoServer');

export interface TestWorld {
  workspace: Workspace;
  fixture: Fixture;
  /** A client authenticated as the workspace administrator. */
  admin: Keito;
  /** A client authenticated as the fixture's agent user (member role, assigned to the project). */
  agent: Keito;
}

/** A fresh workspace with a client, project, task and an assigned agent user with its key. */
export async function createWorld(name: string, options: ClientOptions = {}): Promise<TestWorld> {
  const workspace = await createWorkspace(server, name);
  const fixture = await createFixture(server, workspace);
  const base = { baseUrl: server.baseUrl, accountId: workspace.account_id, ...options };
  return {
    workspace,
    fixture,
    admin: new Keito({ ...base, apiKey: workspace.api_key }),
    agent: new Keito({ ...base, apiKey: fixture.agentApiKey }),
  };
}
