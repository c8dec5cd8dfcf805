import { domainErrorResponse } from '../../http/errors.ts';
import { idParams, pageOf, standardErrors } from '../../http/schemas.ts';
import type { ApiInstance, RouteDeps } from '../../http/types.ts';
import {
  type BulkResult,
  bulkApproveBody,
  bulkRejectBody,
  bulkResultSchema,
  listTimesheetsQuery,
  rejectTimesheetBody,
  submitTimesheetBody,
  type TimesheetResponse,
  timesheetDetailSchema,
  timesheetSchema,
} from './schemas.ts';
import * as service from './service.ts';

const tags = ['Timesheets'];
/** With the workspace's Approvals toggle off, nothing is submitted: every route answers 403 (http/features.ts). */
const config = { feature: 'approvals' } as const;

/** Each id's outcome as a single call would have answered it. */
function perId(ids: string[], settled: PromiseSettledResult<TimesheetResponse>[]): BulkResult {
  return {
    results: settled.map((outcome, index) => {
      const id = ids[index] ?? '';
      if (outcome.status === 'fulfilled') return { id, status: 200, data: outcome.value };
      const known = domainErrorResponse(outcome.reason);
      if (known === undefined) throw outcome.reason;
      return { id, status: known.status, error: known.body.error };
    }),
  };
}

export function registerTimesheetRoutes(app: ApiInstance, { db }: RouteDeps): void {
  app.post(
    '/timesheets/submit',
    {
      config,
      schema: {
        operationId: 'submitTimesheet',
        tags,
        summary: 'Submit the time entries and expenses of a period for approval',
        description:
          "Without from/to, the workspace's current week in its time zone. Every unsubmitted (or rejected) " +
          'entry of the person in the period becomes submitted and read-only to them; a later submission of ' +
          'the same period carries only entries added since. A running timer in the period is refused. ' +
          'Administrators, and managers for the people they manage, may pass user_id.',
        body: submitTimesheetBody,
        response: { 201: timesheetDetailSchema, ...standardErrors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.submitTimesheet(db, request.actor, request.body)),
  );

  app.get(
    '/timesheets',
    {
      config,
      schema: {
        operationId: 'listTimesheets',
        tags,
        summary: 'List submissions, newest period first: the approval queue with state=submitted',
        description:
          'Members see their own; managers theirs and their teammates; administrators everyone. from/to ' +
          'select timesheets whose period overlaps them.',
        querystring: listTimesheetsQuery,
        response: { 200: pageOf(timesheetSchema), ...standardErrors },
      },
    },
    (request) => service.listTimesheets(db, request.actor, request.query),
  );

  app.get(
    '/timesheets/:id',
    {
      config,
      schema: {
        operationId: 'getTimesheet',
        tags,
        summary: 'Get a timesheet with its time entries, expenses and daily totals',
        params: idParams,
        response: { 200: timesheetDetailSchema, ...standardErrors },
      },
    },
    (request) => service.getTimesheet(db, request.actor, request.params.id),
  );

  app.post(
    '/timesheets/:id/approve',
    {
      config,
      schema: {
        operationId: 'approveTimesheet',
        tags,
        summary: 'Approve a submitted timesheet: its entries lock and become available to invoicing',
        description: 'Managers approve their assigned teammates (never themselves); administrators anyone.',
        params: idParams,
        response: { 200: timesheetDetailSchema, ...standardErrors },
      },
    },
    (request) => service.approveTimesheet(db, request.actor, request.params.id),
  );

  app.post(
    '/timesheets/:id/reject',
    {
      config,
      schema: {
        operationId: 'rejectTimesheet',
        tags,
        summary: 'Reject a submitted timesheet with a reason: its entries are editable again',
        params: idParams,
        body: rejectTimesheetBody,
        response: { 200: timesheetDetailSchema, ...standardErrors },
      },
    },
    (request) => service.rejectTimesheet(db, request.actor, request.params.id, request.body.reason),
  );

  app.post(
    '/timesheets/:id/withdraw',
    {
      config,
      schema: {
        operationId: 'withdrawTimesheetApproval',
        tags,
        summary: 'Withdraw the approval of a timesheet: it and its entries return to submitted',
        description: 'Needs the withdraw-approvals permission (administrators have it).',
        params: idParams,
        response: { 200: timesheetDetailSchema, ...standardErrors },
      },
    },
    (request) => service.withdrawTimesheet(db, request.actor, request.params.id),
  );

  app.post(
    '/timesheets/approve',
    {
      config,
      schema: {
        operationId: 'approveTimesheets',
        tags,
        summary: 'Approve many timesheets; each succeeds or fails on its own',
        description:
          'Answers per id, in request order, with the status and timesheet or error a single approve gives.',
        body: bulkApproveBody,
        response: { 200: bulkResultSchema, ...standardErrors },
      },
    },
    async (request) =>
      perId(
        request.body.ids,
        await service.decideMany(db, request.actor, 'approve', request.body.ids, request.body.reason),
      ),
  );

  app.post(
    '/timesheets/reject',
    {
      config,
      schema: {
        operationId: 'rejectTimesheets',
        tags,
        summary: 'Reject many timesheets with one shared reason; each succeeds or fails on its own',
        description:
          'Answers per id, in request order, with the status and timesheet or error a single reject gives.',
        body: bulkRejectBody,
        response: { 200: bulkResultSchema, ...standardErrors },
      },
    },
    async (request) =>
      perId(
        request.body.ids,
        await service.decideMany(db, request.actor, 'reject', request.body.ids, request.body.reason),
      ),
  );
}
