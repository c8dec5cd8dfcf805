// A scriptable HTTP peer for the transport tests that need failures a healthy server never produces
// (a 503, a dropped socket, a stalled response). It is a real node:http server on a real socket, so the
// SDK's fetch, timeouts and retries run exactly as they do in production.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Handler = (request: RecordedRequest, response: ServerResponse) => void;

export interface Upstream {
  baseUrl: string;
  requests: RecordedRequest[];
  /** Handlers used in order, one per request; the last one repeats. */
  script(...handlers: Handler[]): void;
  close(): Promise<void>;
}

export async function startUpstream(): Promise<Upstream> {
  let handlers: Handler[] = [];
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      const handler = handlers.length > 1 ? handlers.shift() : handlers[0];
      if (handler === undefined) throw new Error('upstream has no handler scripted');
      handler(recorded, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    script(...next) {
      handlers = next;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Handler {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };
}

export function apiError(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
) {
  return json(status, { error: { code, message } }, headers);
}

/** Destroys the socket without an HTTP response: what a crashed peer or a reset looks like to fetch. */
export const dropConnection: Handler = (_request, response) => {
  response.socket?.destroy();
};

/** Never answers; only a client-side timeout ends the request. */
export const stall: Handler = () => {};
