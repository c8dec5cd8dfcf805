import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Keeps a caller's x-request-id when it looks sane, so logs on both sides line up; otherwise makes one. */
export function newRequestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  if (typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given)) return given;
  return `req_${randomUUID().replaceAll('-', '')}`;
}
