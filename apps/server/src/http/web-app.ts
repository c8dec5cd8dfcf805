import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { errorBody } from './errors.ts';

/** Where `npm run build -w @keito/web` writes the app (the root `prestart` builds it when stale). */
export const DEFAULT_WEB_DIST = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../web/dist',
);

/** Paths the single-page app never owns (/v1, /v2, /api, /docs, health): unknown ones are JSON 404s. */
const NOT_THE_APP = /^\/(v\d+|api|docs|healthz|readyz)(\/|$)/;

/**
 * Serves the built web app when it exists: its files with long caching for the hashed assets, and
 * index.html for every other GET outside the API, so a reload of /time or /projects/prj_... works.
 * Without a build the server is API-only, as in the server's own tests.
 */
export async function registerWebApp(
  app: FastifyInstance,
  distDir: string = DEFAULT_WEB_DIST,
): Promise<boolean> {
  if (!existsSync(path.join(distDir, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root: distDir,
    wildcard: false,
    index: false,
    globIgnore: ['**/.source-stamp', '**/.vite/**'],
    setHeaders: (reply, filePath) => {
      const hashed = filePath.includes(`${path.sep}assets${path.sep}`);
      reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    if (NOT_THE_APP.test(pathname)) {
      return reply
        .status(404)
        .send(errorBody('not_found', `Route ${request.method} ${request.url} not found`));
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
  return true;
}
