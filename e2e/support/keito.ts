import { type KeitoServer, startKeitoServer } from '@keito/testkit';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchBrowser, type TestBrowser } from './browser.ts';

export interface E2eContext {
  server: KeitoServer;
  browser: TestBrowser;
}

/**
 * A real `keito-server serve` process (its own embedded PostgreSQL, the built web app) and the
 * system Chromium for one test file; both are stopped after the file.
 */
export function useKeito(options: { env?: Record<string, string> } = {}): E2eContext {
  const context = {} as E2eContext;
  beforeAll(async () => {
    context.server = await startKeitoServer({ env: options.env });
    context.browser = await launchBrowser(context.server.origin);
  });
  // The server enforces its Content-Security-Policy: a screen that breaks it fails its test.
  afterEach(() => {
    const violations = context.browser?.cspViolations.splice(0) ?? [];
    expect(violations, 'Content-Security-Policy violations').toEqual([]);
  });
  afterAll(async () => {
    await context.browser?.close();
    await context.server?.stop();
  });
  return context;
}

/** JSON over HTTP to the server, for arranging data the way any API client would. */
export async function http<T = unknown>(
  server: KeitoServer,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await fetch(`${server.origin}${path}`, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    redirect: 'manual',
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    // HTML or plain text stays a string.
  }
  return { status: response.status, body: body as T, headers: response.headers };
}
