import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import { errorSchema } from '../../http/schemas.ts';
import type { ApiInstance } from '../../http/types.ts';
import { type NotificationKind, notificationKinds } from './kinds.ts';
import * as service from './service.ts';

const unsubscribeParams = z.object({ token: z.string().min(1).max(100) });
const unsubscribeQuery = z.object({
  kind: z.enum(notificationKinds as [NotificationKind, ...NotificationKind[]]),
});
const unsubscribeStateSchema = z.object({
  email: z.string(),
  workspace: z.string(),
  kind: z.string(),
  label: z.string(),
  subscribed: z.boolean(),
});
const publicErrors = { 400: errorSchema, 404: errorSchema, 500: errorSchema };

/**
 * The unsubscribe link of every notification email works without signing in: its token is the
 * person's secret (people/queries.ts). GET says what it turns off; POST turns it off, and is also
 * the address of the List-Unsubscribe header, which mail clients POST to with a form body
 * (RFC 8058), so this scope accepts that body and ignores it.
 */
export function registerUnsubscribeRoutes(app: ApiInstance, { db }: { db: Database }): void {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, _body, done) => done(null, undefined),
  );

  app.get(
    '/notifications/unsubscribe/:token',
    {
      schema: {
        operationId: 'getUnsubscribe',
        tags: ['Notifications'],
        summary: 'Which email an unsubscribe link turns off, and whether it is on',
        security: [],
        params: unsubscribeParams,
        querystring: unsubscribeQuery,
        response: { 200: unsubscribeStateSchema, ...publicErrors },
      },
    },
    (request) => service.previewUnsubscribe(db, request.params.token, request.query.kind),
  );

  app.post(
    '/notifications/unsubscribe/:token',
    {
      schema: {
        operationId: 'unsubscribe',
        tags: ['Notifications'],
        summary: 'Turn one kind of email off (one-click unsubscribe)',
        security: [],
        params: unsubscribeParams,
        querystring: unsubscribeQuery,
        response: { 200: unsubscribeStateSchema, ...publicErrors, 413: errorSchema, 415: errorSchema },
      },
    },
    (request) => service.unsubscribe(db, request.params.token, request.query.kind),
  );
}
