import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { FileTooLargeError } from '../lib/errors.ts';

/**
 * Reads a raw body up to `limitBytes`. A larger one is read to its end without being kept, so the
 * client, still sending, receives the 413 rather than a reset connection.
 */
async function limitedBody(payload: Readable, limitBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of payload) {
    size += (chunk as Buffer).length;
    if (size <= limitBytes) chunks.push(chunk as Buffer);
  }
  if (size > limitBytes) throw new FileTooLargeError(limitBytes, 'file');
  return Buffer.concat(chunks);
}

/**
 * Lets the routes of `scope` (an encapsulated plugin) take a body of any content type as a Buffer
 * of at most `limitBytes`: uploads whose type is decided from their bytes, not from their headers.
 */
export function acceptRawBodies(scope: FastifyInstance, limitBytes: number): void {
  scope.addContentTypeParser('*', (_request, payload, done) => {
    limitedBody(payload, limitBytes).then((body) => done(null, body), done);
  });
}
