// A reverse proxy in front of the real server that injects the failures networks produce: 429s and 500s
// that never reach the server, connections dropped before forwarding, and - the case idempotency exists
// for - connections dropped after the server has already performed the write.
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  | { kind: 'pass' }
  | { kind: 'status'; status: number; headers?: Record<string, string> }
  | { kind: 'drop-before' }
  | { kind: 'drop-after' }
  | { kind: 'delay'; ms: number };

export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  fault: Fault['kind'];
}

export interface FaultProxy {
  /** Base URL including /v1, to pass as `baseUrl`. */
  baseUrl: string;
  seen: SeenRequest[];
  /** Faults for the next requests, in order; once used up, requests pass through. */
  inject(...faults: Fault[]): void;
  close(): Promise<void>;
}

export async function startFaultProxy(targetOrigin: string): Promise<FaultProxy> {
  const target = new URL(targetOrigin);
  let faults: Fault[] = [];
  const seen: SeenRequest[] = [];

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const fault = faults.shift() ?? { kind: 'pass' };
      seen.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, fault: fault.kind });
      if (fault.kind === 'status') {
        res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
        res.end(JSON.stringify({ error: { code: 'injected', message: `injected ${fault.status}` } }));
        return;
      }
      if (fault.kind === 'drop-before') {
        req.socket.destroy();
        return;
      }
      const forward = () => {
        const upstream = httpRequest(
          {
            host: target.hostname,
            port: target.port,
            method: req.method,
            path: req.url,
            headers: { ...req.headers, host: target.host },
          },
          (upstreamRes) => {
            const body: Buffer[] = [];
            upstreamRes.on('data', (chunk: Buffer) => body.push(chunk));
            upstreamRes.on('end', () => {
              if (fault.kind === 'drop-after') {
                // The server has committed the write and answered; the client never hears about it.
                req.socket.destroy();
                return;
              }
              if (res.destroyed) return;
              res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
              res.end(Buffer.concat(body));
            });
          },
        );
        upstream.on('error', () => req.socket.destroy());
        upstream.end(Buffer.concat(chunks));
      };
      if (fault.kind === 'delay') setTimeout(forward, fault.ms);
      else forward();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    seen,
    inject(...next) {
      faults = next;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
