import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../lib/errors.ts';

/** The path of the first string holding a NUL character, which PostgreSQL cannot store in text or JSON. */
function pathOfNul(value: unknown, path: string[] = []): string[] | undefined {
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

/** Refuses NUL characters in bodies and query strings up front, as a validation error on the field. */
export function registerNulCharacterCheck(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const part of [request.body, request.query]) {
      const path = pathOfNul(part);
      if (path !== undefined) {
        const field = path.join('.');
        throw new ValidationError(
          `${field || 'request'} must not contain NUL characters`,
          field || undefined,
        );
      }
    }
  });
}
