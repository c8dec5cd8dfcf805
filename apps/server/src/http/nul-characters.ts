import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../lib/errors.ts';

/** The path of the first string holding a NUL character, which PostgreSQL cannot store in text or JSON. */
function pathOfNul(value: unknown, path: string[] = []): string[] | undefined {
  // A raw upload (a receipt) is bytes, not text, and is never stored as text.
  if (Buffer.isBuffer(value)) return undefined;
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = pathOfNul(item, [...path, String(index)]);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = key.includes('\u0000') ? [...path, key] : pathOfNul(item, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

/** Throws a validation error naming the first field that holds a NUL character. */
export function refuseNulCharacters(value: unknown): void {
  const path = pathOfNul(value);
  if (path === undefined) return;
  const field = path.join('.');
  throw new ValidationError(`${field || 'request'} must not contain NUL characters`, field || undefined);
}

/**
 * Refuses NUL characters in bodies and query strings up front, as a validation error on the field.
 * A body a route reads itself (the multipart create's JSON part) is checked there, with `refuseNulCharacters`.
 */
export function registerNulCharacterCheck(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const part of [request.body, request.query]) refuseNulCharacters(part);
  });
}
