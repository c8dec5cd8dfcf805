import { batchBodyOf, batchResultOf, runBatch } from '../../http/batch.ts';
import { idParams, noContent, pageOf, standardErrors } from '../../http/schemas.ts';
import type { ApiInstance, RouteDeps } from '../../http/types.ts';
import { MAX_BATCH_ITEMS } from '../../lib/limits.ts';
import {
  createTimeEntryBody,
  listTimeEntriesQuery,
  timeEntrySchema,
  updateTimeEntryBody,
} from './schemas.ts';
import * as service from './service.ts';

const tags = ['Time entries'];

/** `createTimeEntry` is the app's one coalesced create (app.ts), shared with every route that creates entries. */
export function registerTimeRoutes(
  app: ApiInstance,
  { db, createTimeEntry }: RouteDeps & { createTimeEntry: service.CoalescedTimeEntryCreate },
): void {
  app.post(
    '/time-entries',
    {
      schema: {
        operationId: 'createTimeEntry',
        tags,
        summary: 'Create a time entry, or start a timer with is_running: true',
        description:
          'For agent integrations, set `source` to "agent" and include `metadata` with agent context. ' +
          'Starting a timer stops and saves the timer the user already had running.',
        body: createTimeEntryBody,
        response: { 201: timeEntrySchema, ...standardErrors },
      },
    },
    async (request, reply) => reply.status(201).send(await createTimeEntry(request.actor, request.body)),
  );

  app.post(
    '/time-entries/batch',
    {
      schema: {
        operationId: 'createTimeEntriesBatch',
        tags,
        summary: `Create up to ${MAX_BATCH_ITEMS} time entries at once; each item succeeds or fails on its own`,
        description:
          'Each item is a createTimeEntry body. The answer lists the entries created (with their index in ' +
          '`items`) and the items refused with the error a single create would give. The created entries ' +
          'commit together. Send an Idempotency-Key to make a retried batch write once.',
        body: batchBodyOf(createTimeEntryBody.describe('createTimeEntry')),
        response: { 200: batchResultOf(timeEntrySchema), ...standardErrors },
      },
    },
    (request) =>
      runBatch(db, request.body.items, createTimeEntryBody, (batchDb, items) =>
        service.createTimeEntries(batchDb, request.actor, items),
      ),
  );

  app.get(
    '/time-entries',
    {
      schema: {
        operationId: 'listTimeEntries',
        tags,
        summary: 'List time entries, newest first; filters combine with AND',
        querystring: listTimeEntriesQuery,
        response: { 200: pageOf(timeEntrySchema), ...standardErrors },
      },
    },
    (request) => service.listTimeEntries(db, request.actor, request.query),
  );

  app.get(
    '/time-entries/:id',
    {
      schema: {
        operationId: 'getTimeEntry',
        tags,
        summary: 'Get a time entry',
        params: idParams,
        response: { 200: timeEntrySchema, ...standardErrors },
      },
    },
    (request) => service.getTimeEntry(db, request.actor, request.params.id),
  );

  app.patch(
    '/time-entries/:id',
    {
      schema: {
        operationId: 'updateTimeEntry',
        tags,
        summary: 'Update a time entry; is_running: false stops its timer',
        description: '`source` and `project_id` cannot be changed after creation.',
        params: idParams,
        body: updateTimeEntryBody,
        response: { 200: timeEntrySchema, ...standardErrors },
      },
    },
    (request) => service.updateTimeEntry(db, request.actor, request.params.id, request.body),
  );

  app.delete(
    '/time-entries/:id',
    {
      schema: {
        operationId: 'deleteTimeEntry',
        tags,
        summary: 'Delete a time entry (for example a failed agent session)',
        params: idParams,
        response: { 204: noContent, ...standardErrors },
      },
    },
    async (request, reply) => {
      await service.deleteTimeEntry(db, request.actor, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
