import { isDeepStrictEqual } from 'node:util';
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { serializerCompiler } from 'fastify-type-provider-zod';
import type { ZodType } from 'zod';

/**
 * How responses become JSON. Validating a page of 200 entries against its zod schema costs about
 * half as much again as writing its JSON (decision 0023), so the server that serves users writes
 * the presenters' output as it is, while tests (and any app built without saying otherwise)
 * validate every response. Validation also checks that it changed nothing (no field stripped, no
 * default filled in), so the tests see the values the fast path sends.
 */
export function responseSerializer(validate: boolean): FastifySerializerCompiler<ZodType> {
  if (!validate) return () => (data) => JSON.stringify(data);
  return (route) => {
    const validated = serializerCompiler(route);
    return (data) => {
      const json = validated(data);
      // Compared as values: zod writes keys in the schema's order, which JSON readers ignore.
      if (!isDeepStrictEqual(JSON.parse(json), JSON.parse(JSON.stringify(data)))) {
        throw new Error(
          `${route.method} ${route.url}: the response schema changed the presented value; a presenter must ` +
            'return exactly the documented fields, since the server does not validate responses in production',
        );
      }
      return json;
    };
  };
}
