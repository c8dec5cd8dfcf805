// The SDK's types against the running server's OpenAPI document (/v1/openapi.json): a field added,
// removed, made required or nullable on the server fails this test until the SDK follows.
import { describe, expect, it } from 'vitest';
import { compare, sdkShapes, serverShape, type TypeMapping } from './support/drift.js';
import { server } from './support/keito.js';

const sentOnlyToBeRejected = 'accepted by the server only to answer attempts to change it with a clear error';

const mappings: TypeMapping[] = [
  { type: 'TimeEntry', operationId: 'getTimeEntry', where: 'response' },
  { type: 'CreateTimeEntryInput', operationId: 'createTimeEntry', where: 'body' },
  {
    type: 'UpdateTimeEntryInput',
    operationId: 'updateTimeEntry',
    where: 'body',
    ignore: { source: sentOnlyToBeRejected, project_id: sentOnlyToBeRejected, user_id: sentOnlyToBeRejected },
  },
  { type: 'ListTimeEntriesParams', operationId: 'listTimeEntries', where: 'query' },
  { type: 'PaginatedResponse', operationId: 'listTimeEntries', where: 'response' },
  { type: 'Expense', operationId: 'getExpense', where: 'response' },
  { type: 'CreateExpenseInput', operationId: 'createExpense', where: 'body' },
  {
    type: 'UpdateExpenseInput',
    operationId: 'updateExpense',
    where: 'body',
    ignore: { source: sentOnlyToBeRejected, project_id: sentOnlyToBeRejected, user_id: sentOnlyToBeRejected },
  },
  { type: 'ListExpensesParams', operationId: 'listExpenses', where: 'query' },
  { type: 'ExpenseCategory', operationId: 'getExpenseCategory', where: 'response' },
  { type: 'CreateExpenseCategoryInput', operationId: 'createExpenseCategory', where: 'body' },
  { type: 'UpdateExpenseCategoryInput', operationId: 'updateExpenseCategory', where: 'body' },
  { type: 'ListExpenseCategoriesParams', operationId: 'listExpenseCategories', where: 'query' },
  { type: 'Project', operationId: 'getProject', where: 'response' },
  { type: 'CreateProjectInput', operationId: 'createProject', where: 'body' },
  { type: 'UpdateProjectInput', operationId: 'updateProject', where: 'body' },
  { type: 'ListProjectsParams', operationId: 'listProjects', where: 'query' },
  { type: 'TaskAssignment', operationId: 'createProjectTaskAssignment', where: 'response' },
  { type: 'CreateTaskAssignmentInput', operationId: 'createProjectTaskAssignment', where: 'body' },
  { type: 'UpdateTaskAssignmentInput', operationId: 'updateProjectTaskAssignment', where: 'body' },
  { type: 'UserAssignment', operationId: 'createProjectUserAssignment', where: 'response' },
  { type: 'CreateUserAssignmentInput', operationId: 'createProjectUserAssignment', where: 'body' },
  { type: 'UpdateUserAssignmentInput', operationId: 'updateProjectUserAssignment', where: 'body' },
  { type: 'User', operationId: 'getUser', where: 'response' },
  { type: 'CreateUserInput', operationId: 'createUser', where: 'body' },
  { type: 'UpdateUserInput', operationId: 'updateUser', where: 'body' },
  { type: 'ListUsersParams', operationId: 'listUsers', where: 'query' },
  { type: 'Client', operationId: 'getClient', where: 'response' },
  { type: 'CreateClientInput', operationId: 'createClient', where: 'body' },
  { type: 'UpdateClientInput', operationId: 'updateClient', where: 'body' },
  { type: 'ListClientsParams', operationId: 'listClients', where: 'query' },
  { type: 'Task', operationId: 'getTask', where: 'response' },
  { type: 'CreateTaskInput', operationId: 'createTask', where: 'body' },
  { type: 'UpdateTaskInput', operationId: 'updateTask', where: 'body' },
  { type: 'ListTasksParams', operationId: 'listTasks', where: 'query' },
  { type: 'ApiKey', operationId: 'listApiKeys', where: 'response', items: true },
  { type: 'CreatedApiKey', operationId: 'createApiKey', where: 'response' },
  { type: 'CreateApiKeyInput', operationId: 'createApiKey', where: 'body' },
  { type: 'ListApiKeysParams', operationId: 'listApiKeys', where: 'query' },
  { type: 'TimesheetDetail', operationId: 'getTimesheet', where: 'response' },
  { type: 'Timesheet', operationId: 'listTimesheets', where: 'response', items: true },
  { type: 'SubmitTimesheetInput', operationId: 'submitTimesheet', where: 'body' },
  { type: 'ListTimesheetsParams', operationId: 'listTimesheets', where: 'query' },
  { type: 'RejectTimesheetInput', operationId: 'rejectTimesheet', where: 'body' },
  { type: 'BulkApproveInput', operationId: 'approveTimesheets', where: 'body' },
  { type: 'BulkRejectInput', operationId: 'rejectTimesheets', where: 'body' },
  { type: 'BulkResult', operationId: 'approveTimesheets', where: 'response' },
  { type: 'Invoice', operationId: 'getInvoice', where: 'response' },
  { type: 'CreateInvoiceInput', operationId: 'createInvoice', where: 'body' },
  { type: 'UpdateInvoiceInput', operationId: 'updateInvoice', where: 'body' },
  { type: 'ListInvoicesParams', operationId: 'listInvoices', where: 'query' },
  { type: 'SendInvoiceInput', operationId: 'sendInvoice', where: 'body' },
  { type: 'InvoiceMessage', operationId: 'sendInvoice', where: 'response' },
  { type: 'InvoicePayment', operationId: 'listInvoicePayments', where: 'response', items: true },
  { type: 'CreateInvoicePaymentInput', operationId: 'createInvoicePayment', where: 'body' },
  { type: 'InvoiceAging', operationId: 'getInvoiceAging', where: 'response' },
  { type: 'Uninvoiced', operationId: 'previewUninvoiced', where: 'response' },
  { type: 'UninvoicedParams', operationId: 'previewUninvoiced', where: 'query' },
];

describe('SDK types match the server OpenAPI document', () => {
  it('has no drift', async () => {
    const response = await fetch(`${server.baseUrl}/openapi.json`);
    // Served by the server's @fastify/swagger plugin (the OpenAPI issue); without it there is nothing to check.
    expect(response.status, `GET ${server.baseUrl}/openapi.json must serve the OpenAPI document`).toBe(200);
    const doc = await response.json();
    const shapes = sdkShapes();
    const problems = mappings.flatMap((mapping) =>
      compare(mapping, shapes.get(mapping.type), serverShape(doc, mapping)),
    );
    expect(problems).toEqual([]);
  });
});

describe('the drift check itself', () => {
  // A small document in the shape @fastify/swagger emits, to prove each kind of drift is caught.
  const doc = {
    paths: {
      '/v1/time-entries/{id}': {
        get: {
          operationId: 'getTimeEntry',
          responses: {
            200: {
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['id', 'notes', 'hours'],
                    properties: {
                      id: { type: 'string' },
                      notes: { anyOf: [{ type: 'string' }, { type: 'null' }] },
                      hours: { type: 'number' },
                    },
                  },
                },
              },
            },
          },
        },
      },
      '/v1/time-entries': {
        post: {
          operationId: 'createTimeEntry',
          requestBody: {
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['project_id'],
                  properties: { project_id: { type: 'string' }, spent_date: { type: 'string' } },
                },
              },
            },
          },
        },
      },
    },
  };
  const sdk = (entries: [string, boolean, boolean][]) => ({
    properties: new Map(entries.map(([name, required, nullable]) => [name, { required, nullable }])),
  });

  it('accepts a matching type', () => {
    const mapping: TypeMapping = { type: 'T', operationId: 'getTimeEntry', where: 'response' };
    const ours = sdk([
      ['id', true, false],
      ['notes', true, true],
      ['hours', true, false],
    ]);
    expect(compare(mapping, ours, serverShape(doc, mapping))).toEqual([]);
  });

  it('reports missing, extra, optional and nullability differences', () => {
    const mapping: TypeMapping = { type: 'T', operationId: 'getTimeEntry', where: 'response' };
    const ours = sdk([
      ['id', false, false],
      ['notes', true, false],
      ['colour', true, false],
    ]);
    expect(compare(mapping, ours, serverShape(doc, mapping))).toEqual([
      'T vs getTimeEntry response: `id` is always sent but optional in the SDK',
      'T vs getTimeEntry response: `notes` is nullable on the server',
      'T vs getTimeEntry response: the server has `hours`, the SDK type does not',
      'T vs getTimeEntry response: the SDK has `colour`, the server does not',
    ]);
  });

  it('reports a request field whose required-ness differs, and a missing operation', () => {
    const mapping: TypeMapping = { type: 'I', operationId: 'createTimeEntry', where: 'body' };
    const ours = sdk([
      ['project_id', true, false],
      ['spent_date', true, false],
    ]);
    expect(compare(mapping, ours, serverShape(doc, mapping))).toEqual([
      'I vs createTimeEntry body: `spent_date` is optional on the server',
    ]);
    const missing: TypeMapping = { type: 'I', operationId: 'nope', where: 'body' };
    expect(compare(missing, ours, serverShape(doc, missing))).toEqual([
      'I vs nope body: operation nope is not in the OpenAPI document',
    ]);
  });

  it('reads the SDK types from the source', () => {
    const shapes = sdkShapes();
    expect(shapes.get('TimeEntry')?.properties.get('task_id')).toEqual({ required: true, nullable: true });
    expect(shapes.get('CreateTimeEntryInput')?.properties.get('hours')).toEqual({
      required: false,
      nullable: false,
    });
    expect(shapes.get('PaginatedResponse')?.properties.get('next_cursor')).toEqual({
      required: true,
      nullable: true,
    });
  });
});
