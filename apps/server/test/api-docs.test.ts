// docs/api.md against the OpenAPI document (decision 0046): every operation the server has is named
// in the page, and every endpoint the page names exists. The page stays hand-written prose; this
// keeps its list of endpoints honest.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { documentedEndpoints } from './api-docs.ts';
import { startTestServer, type TestServer } from './harness.ts';

const page = readFileSync(new URL('../../../docs/api.md', import.meta.url), 'utf8');

let server: TestServer;
let operations: Map<string, string>;

beforeAll(async () => {
  server = await startTestServer();
  const document = (await (await fetch(`${server.baseUrl}/v1/openapi.json`)).json()) as {
    paths: Record<string, Record<string, { operationId: string }>>;
  };
  operations = new Map(
    Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => [
        `${method.toUpperCase()} ${path}`,
        operation.operationId,
      ]),
    ),
  );
});

describe('docs/api.md', () => {
  it('names every operation of /v1/openapi.json, and only those', () => {
    const documented = documentedEndpoints(page);
    const undocumented = [...operations]
      .filter(([endpoint]) => !documented.has(endpoint))
      .map(([endpoint, operationId]) => `${endpoint} (${operationId})`);
    const unknown = [...documented].filter((endpoint) => !operations.has(endpoint));
    // Each list says exactly what to add to the page, or what it names that the server lacks.
    expect({ undocumented, unknown }).toEqual({ undocumented: [], unknown: [] });
  });
});

describe('reading endpoints from the page', () => {
  it('expands methods, /v1, :params and ".../" continuations within one line', () => {
    const text = [
      '| `GET/POST /projects/:id/task-assignments`, `PATCH/DELETE .../:assignmentId` | x |',
      'Then `POST /api/v2/expenses`, and `GET /healthz`; `PATCH {"is_running": false}` is no endpoint.',
      '| `POST /timesheets/:id/reject` `{"reason"}` | y |',
    ].join('\n');
    expect([...documentedEndpoints(text)].sort()).toEqual([
      'DELETE /v1/projects/{id}/task-assignments/{assignmentId}',
      'GET /healthz',
      'GET /v1/projects/{id}/task-assignments',
      'PATCH /v1/projects/{id}/task-assignments/{assignmentId}',
      'POST /api/v2/expenses',
      'POST /v1/projects/{id}/task-assignments',
      'POST /v1/timesheets/{id}/reject',
    ]);
  });
});
