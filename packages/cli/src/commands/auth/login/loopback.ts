// The loopback half of `keito auth login` (RFC 8252 style): a one-shot HTTP server on 127.0.0.1 that
// the web app's CLI authorisation page sends the new key to, guarded by a random `state`.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CliError } from '../../../core/errors.js';

export interface LoopbackResult {
  apiKey: string;
  accountId: string | undefined;
}

export interface Loopback {
  redirectUri: string;
  state: string;
  /** Resolves with the key once the browser arrives with the right state; rejects on error or timeout. */
  result: Promise<LoopbackResult>;
  close(): void;
}

const page = (title: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head>` +
  `<body style="font-family:system-ui;margin:4rem auto;max-width:32rem"><h1>${title}</h1><p>${body}</p></body></html>`;

async function readParams(req: IncomingMessage, url: URL): Promise<URLSearchParams> {
  if (req.method !== 'POST') return url.searchParams;
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  if ((req.headers['content-type'] ?? '').includes('application/json')) {
    const json = JSON.parse(body) as Record<string, unknown>;
    return new URLSearchParams(
      Object.entries(json).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v] as [string, string]] : [])),
    );
  }
  return new URLSearchParams(body);
}

export async function startLoopback(options: { port?: number; timeoutMs: number }): Promise<Loopback> {
  const state = randomBytes(16).toString('hex');
  let settle: { resolve: (r: LoopbackResult) => void; reject: (e: Error) => void } | undefined;
  const result = new Promise<LoopbackResult>((resolve, reject) => {
    settle = { resolve, reject };
  });

  const answer = (res: ServerResponse, status: number, title: string, body: string) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(page(title, body));
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/callback' || (req.method !== 'GET' && req.method !== 'POST')) {
      answer(res, 404, 'Not found', 'This is the Keito CLI login receiver.');
      return;
    }
    readParams(req, url)
      .then((params) => {
        // A request without our state is not the answer to our request (another tab, a stray page).
        if (params.get('state') !== state) {
          answer(
            res,
            400,
            'Login failed',
            'The state parameter does not match this login. Run `keito auth login` again.',
          );
          return;
        }
        const error = params.get('error');
        if (error) {
          answer(res, 200, 'Login cancelled', 'The Keito CLI was not authorised. You can close this tab.');
          settle?.reject(
            new CliError(`Authorisation was not granted: ${params.get('error_description') ?? error}`),
          );
          return;
        }
        const apiKey = params.get('key') ?? params.get('api_key');
        if (!apiKey) {
          answer(res, 400, 'Login failed', 'No key arrived. Run `keito auth login` again.');
          return;
        }
        answer(res, 200, 'Keito CLI authorised', 'You can close this tab and return to your terminal.');
        settle?.resolve({ apiKey, accountId: params.get('account_id') ?? undefined });
      })
      .catch(() => answer(res, 400, 'Login failed', 'The request could not be read.'));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const timer = setTimeout(
    () =>
      settle?.reject(
        new CliError(`Timed out after ${Math.round(options.timeoutMs / 1000)}s waiting for authorisation`),
      ),
    options.timeoutMs,
  );
  const close = () => {
    clearTimeout(timer);
    server.closeAllConnections();
    server.close();
  };
  return { redirectUri: `http://127.0.0.1:${port}/callback`, state, result, close };
}
