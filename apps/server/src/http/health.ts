import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ApiInstance, RouteDeps } from './types.ts';

const status = z.object({ status: z.string() });

/** Liveness answers while the process runs; readiness only while the database answers too. */
export function registerHealthRoutes(app: ApiInstance, { db }: RouteDeps): void {
  app.get(
    '/healthz',
    {
      schema: {
        operationId: 'health',
        security: [],
        tags: ['Health'],
        summary: 'Answers while the server is up',
        response: { 200: status },
      },
    },
    async () => ({ status: 'ok' }),
  );
  app.get(
    '/readyz',
    {
      schema: {
        operationId: 'ready',
        security: [],
        tags: ['Health'],
        summary: 'Answers 200 while the database is reachable, 503 otherwise',
        response: { 200: status, 503: status },
      },
    },
    async (request, reply) => {
      try {
        await db.execute(sql`SELECT 1`);
        return { status: 'ready' };
      } catch (error) {
        request.log.warn({ err: error }, 'database not reachable');
        return reply.status(503).send({ status: 'database unavailable' });
      }
    },
  );
}
