import Fastify from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { registerOpenApi } from '../src/http/openapi.ts';
import { newWorkspace, startTestServer, type TestServer } from './harness.ts';

let server: TestServer;
let document: any;

beforeAll(async () => {
  server = await startTestServer();
  document = await (await fetch(`${server.baseUrl}/v1/openapi.json`)).json();
});

/** A schema, or the component a `$ref` names. */
const resolveSchema = (schema: any) =>
  schema.$ref === undefined ? schema : document.components.schemas[schema.$ref.split('/').pop()];

const operations = () =>
  Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods as Record<string, any>).map(([method, operation]) => ({
      path,
      method,
      operation,
    })),
  );

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 with the bearer API key scheme', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('lists the documented endpoints under their operation ids', () => {
    const ids = new Map(
      operations().map(({ path, method, operation }) => [
        `${method.toUpperCase()} ${path}`,
        operation.operationId,
      ]),
    );
    expect(
      Object.fromEntries([...ids].filter(([route]) => /time-entries|expenses|projects|users/.test(route))),
    ).toMatchObject({
      'POST /v1/time-entries': 'createTimeEntry',
      'GET /v1/time-entries': 'listTimeEntries',
      'GET /v1/time-entries/{id}': 'getTimeEntry',
      'PATCH /v1/time-entries/{id}': 'updateTimeEntry',
      'DELETE /v1/time-entries/{id}': 'deleteTimeEntry',
      'POST /v1/expenses': 'createExpense',
      'GET /v1/expenses': 'listExpenses',
      'GET /v1/expenses/{id}': 'getExpense',
      'GET /v1/projects': 'listProjects',
      'GET /v1/projects/{id}': 'getProject',
      'GET /v1/users': 'listUsers',
      'GET /v1/users/{id}': 'getUser',
    });
  });

  it('gives every operation a unique id, a summary, a tag and a success response with a schema', () => {
    const seen = new Set<string>();
    for (const { path, method, operation } of operations()) {
      const where = `${method} ${path}`;
      expect(operation.operationId, where).toBeTruthy();
      expect(seen.has(operation.operationId), `${where} repeats ${operation.operationId}`).toBe(false);
      seen.add(operation.operationId);
      expect(operation.summary, where).toBeTruthy();
      expect(operation.tags?.length, where).toBeGreaterThan(0);
      // The routes a browser is sent through (SSO sign-in) succeed with a redirect, which has no body.
      const success = Object.entries(operation.responses).find(
        ([status]) => status.startsWith('2') || status.startsWith('3'),
      );
      expect(success, where).toBeDefined();
      const [status, response] = success as [string, any];
      // JSON everywhere but file downloads (receipts, PDFs, logos, exports), served as their own
      // types, each documented as a binary string; a redirect has no body.
      const types = Object.keys(response.content ?? {});
      if (status.startsWith('3')) expect(response.content, where).toBeUndefined();
      else if (status !== '204') {
        expect(types.length, where).toBeGreaterThan(0);
        for (const type of types) {
          expect(response.content[type].schema, `${where} ${type}`).toBeDefined();
          if (type !== 'application/json') {
            expect(resolveSchema(response.content[type].schema), `${where} ${type}`).toMatchObject({
              format: 'binary',
            });
          }
        }
      }
    }
    expect(seen.size).toBeGreaterThan(40);
  });

  it('describes the documented time entry fields', () => {
    const created =
      document.paths['/v1/time-entries'].post.responses['201'].content['application/json'].schema;
    expect(Object.keys(created.properties)).toEqual(
      expect.arrayContaining([
        'id',
        'project_id',
        'task_id',
        'user_id',
        'spent_date',
        'hours',
        'notes',
        'is_running',
        'is_billable',
        'source',
        'metadata',
        'created_at',
        'updated_at',
      ]),
    );
  });

  it('documents 413 and 415 on every operation that reads a body, and only there', () => {
    const bodyMethods = ['post', 'put', 'patch', 'delete'];
    const missing: string[] = [];
    const stray: string[] = [];
    for (const { path, method, operation } of operations()) {
      const documented = ['413', '415'].filter((status) => status in operation.responses);
      if (bodyMethods.includes(method) && documented.length < 2) missing.push(`${method} ${path}`);
      if (!bodyMethods.includes(method) && documented.length > 0) stray.push(`${method} ${path}`);
    }
    expect({ missing, stray }).toEqual({ missing: [], stray: [] });
    expect(document.paths['/v1/expenses/{id}/receipt'].put.responses['413']).toBeDefined();
  });

  it('documents 431 on every operation: any request line and headers can pass 16 KB', () => {
    const missing = operations()
      .filter(({ operation }) => !('431' in operation.responses))
      .map(({ path, method }) => `${method} ${path}`);
    expect(missing).toEqual([]);
    expect(
      resolveSchema(
        document.paths['/v1/reports/time'].get.responses['431'].content['application/json'].schema,
      ),
    ).toMatchObject({ required: ['error'] });
  });

  it('answers 413 to a body over the limit and 415 to an unparsable type, on any body route', async () => {
    const { admin } = await newWorkspace(server, 'Bodies');
    const send = (method: string, path: string, contentType: string, body: string) =>
      fetch(`${server.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${admin.key}`, 'content-type': contentType },
        body,
      });
    const huge = JSON.stringify({ name: 'x'.repeat(1024 * 1024) });
    const tooLarge = await send('POST', '/v1/clients', 'application/json', huge);
    expect(tooLarge.status).toBe(413);
    expect((await tooLarge.json()).error.code).toBe('validation_error');
    const xml = await send('DELETE', '/v1/clients/cli_missing', 'application/xml', '<client/>');
    expect(xml.status).toBe(415);
    expect((await xml.json()).error.message).toBe('Unsupported Media Type');
  });

  // approval_status=0 was documented as any string and refused 400 (Schemathesis ST202).
  it("states the report filters' lists: the server takes exactly what the pattern matches", async () => {
    const { admin } = await newWorkspace(server, 'Lists');
    const parameter = (name: string) =>
      document.paths['/v1/reports/time'].get.parameters.find((p: { name: string }) => p.name === name).schema;
    const cases = [
      ['approval_status', 'submitted,approved'],
      ['approval_status', '0'],
      ['approval_status', 'submitted,'],
      ['source', 'agent'],
      ['source', 'agent,robot'],
      ['project_id', 'prj_1,prj_2'],
      ['project_id', `prj_1,${'x'.repeat(101)}`],
      ['project_id', Array.from({ length: 51 }, (_, index) => `prj_${index}`).join(',')],
    ];
    const answers = await Promise.all(
      cases.map(async ([name = '', value = '']) => {
        const response = await admin.get(`/v1/reports/time?${new URLSearchParams({ [name]: value })}`);
        return {
          value,
          matches: new RegExp(parameter(name).pattern, 'u').test(value),
          status: response.status,
        };
      }),
    );
    expect(answers.map(({ value, matches }) => [value, matches ? 200 : 400])).toEqual(
      answers.map(({ value, status }) => [value, status]),
    );
    expect(answers.filter(({ matches }) => matches)).toHaveLength(3);
  });

  it('says a trimmed field that must not be empty must not be blank, so a blank one is 400 by the document', async () => {
    // The server trims these and then requires a character, so "   " is refused with 400; with only
    // `minLength: 1` the document called "   " valid (a schema-valid request refused with 400).
    const fields: [string, string, string][] = [
      ['/v1/payment-gateways/stripe', 'put', 'secret_key'],
      ['/v1/payment-gateways/stripe', 'put', 'webhook_secret'],
      ['/v1/payment-gateways/paypal', 'put', 'client_id'],
      ['/v1/payment-gateways/paypal', 'put', 'client_secret'],
      ['/v1/payment-gateways/paypal', 'put', 'webhook_id'],
      ['/v1/invoices/{id}/payments', 'post', 'transaction_id'],
      ['/v1/invoices/{id}/send', 'post', 'subject'],
      ['/v1/invoice-settings', 'patch', 'subject'],
      ['/v1/users/{id}', 'patch', 'first_name'],
      ['/v1/users/{id}', 'patch', 'last_name'],
    ];
    /** Every string schema a property of this name has, at any depth of the schema. */
    const stringsNamed = (schema: any, name: string): any[] => {
      if (schema === null || typeof schema !== 'object') return [];
      const resolved = resolveSchema(schema);
      const own = resolved.properties?.[name];
      const found = own === undefined ? [] : [own, ...(own.anyOf ?? [])].map(resolveSchema);
      const nested = [
        ...Object.values(resolved.properties ?? {}),
        ...(resolved.anyOf ?? []),
        ...(resolved.items ? [resolved.items] : []),
      ].flatMap((inner) => stringsNamed(inner, name));
      return [...found.filter((one) => one.type === 'string'), ...nested];
    };
    for (const [path, method, name] of fields) {
      const body = document.paths[path][method].requestBody.content['application/json'].schema;
      const strings = stringsNamed(body, name);
      expect(strings.length, `${method} ${path} ${name}`).toBeGreaterThan(0);
      for (const string of strings) expect(string.pattern, `${method} ${path} ${name}`).toBe('\\S');
    }
    const workspace = await newWorkspace(server, 'Blank secrets');
    const blank = await workspace.admin.request('PUT', '/v1/payment-gateways/stripe', {
      secret_key: '   ',
      webhook_secret: 'whsec_1',
    });
    expect(blank.status).toBe(400);
  });

  it('serves a readable reference page at /docs', async () => {
    const response = await fetch(`${server.baseUrl}/docs/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
  });

  it('refuses to start when a route has no response schema', async () => {
    const app = Fastify();
    await registerOpenApi(app);
    expect(() =>
      app.get(
        '/v1/undocumented',
        { schema: { operationId: 'undocumented', querystring: z.object({}) } },
        async () => ({}),
      ),
    ).toThrow(/no success response schema/);
  });
});
