// The SDK's types against the running server's OpenAPI document (/v1/openapi.json): a field added,
// removed, made required or nullable, or given another type or other allowed values on the server fails
// this test until the SDK follows; so does an exported type that is neither mapped nor excluded here.
import { describe, expect, it } from 'vitest';
import {
  compare,
  type Kind,
  sdkShapes,
  serverShape,
  type TypeMapping,
  unmappedTypes,
} from './support/drift.js';
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
  { type: 'BrowserSessionList', operationId: 'listBrowserSessions', where: 'response' },
  { type: 'BrowserSession', operationId: 'listBrowserSessions', where: 'response', field: 'sessions' },
  { type: 'AuditEvent', operationId: 'listAuditEvents', where: 'response', items: true },
  { type: 'ListAuditEventsParams', operationId: 'listAuditEvents', where: 'query' },
  { type: 'BudgetReport', operationId: 'getBudgetReport', where: 'response' },
  { type: 'BudgetReportParams', operationId: 'getBudgetReport', where: 'query' },
  { type: 'UtilisationReport', operationId: 'getUtilisationReport', where: 'response' },
  { type: 'ReportFilters', operationId: 'getUtilisationReport', where: 'query' },
  { type: 'AgentReport', operationId: 'getAgentReport', where: 'response' },
  { type: 'ReportFilters', operationId: 'getAgentReport', where: 'query' },
  { type: 'TimeReportParams', operationId: 'getTimeReport', where: 'query' },
  { type: 'TimeReport', operationId: 'getTimeReport', where: 'response' },
  { type: 'TimeReportEntriesParams', operationId: 'listTimeReportEntries', where: 'query' },
  { type: 'TimeReportEntry', operationId: 'listTimeReportEntries', where: 'response', items: true },
  { type: 'ExpenseReportParams', operationId: 'getExpenseReport', where: 'query' },
  { type: 'ExpenseReport', operationId: 'getExpenseReport', where: 'response' },
  { type: 'ExpenseReportEntriesParams', operationId: 'listExpenseReportEntries', where: 'query' },
  { type: 'ExpenseReportEntry', operationId: 'listExpenseReportEntries', where: 'response', items: true },
  { type: 'SavedReport', operationId: 'getSavedReport', where: 'response' },
  { type: 'CreateSavedReportInput', operationId: 'createSavedReport', where: 'body' },
  {
    type: 'UpdateSavedReportInput',
    operationId: 'updateSavedReport',
    where: 'body',
    ignore: { kind: sentOnlyToBeRejected },
  },
  { type: 'ListSavedReportsParams', operationId: 'listSavedReports', where: 'query' },
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
  { type: 'DailyTotal', operationId: 'getTimesheet', where: 'response', field: 'daily_totals' },
  { type: 'BudgetReportRow', operationId: 'getBudgetReport', where: 'response', field: 'results' },
  { type: 'BudgetProgress', operationId: 'getProject', where: 'response', field: 'budget_progress' },
  { type: 'UtilisationRow', operationId: 'getUtilisationReport', where: 'response', field: 'results' },
  { type: 'UtilisationFigures', operationId: 'getUtilisationReport', where: 'response', field: 'totals' },
  { type: 'AgentMargin', operationId: 'getAgentReport', where: 'response', field: 'margins' },
  { type: 'TimeReportRow', operationId: 'getTimeReport', where: 'response', field: 'results' },
  { type: 'ExpenseReportRow', operationId: 'getExpenseReport', where: 'response', field: 'results' },
  { type: 'InvoiceLineItem', operationId: 'getInvoice', where: 'response', field: 'line_items' },
  { type: 'InvoiceLineItemInput', operationId: 'updateInvoice', where: 'body', field: 'line_items' },
  { type: 'InvoiceLineItemsImport', operationId: 'createInvoice', where: 'body', field: 'line_items_import' },
  {
    type: 'NotificationPreferences',
    operationId: 'getUser',
    where: 'response',
    field: 'notification_preferences',
  },
  { type: 'TimesheetFlag', operationId: 'getTimesheet', where: 'response', field: 'flags' },
  { type: 'TimesheetState', operationId: 'getTimesheet', where: 'response', field: 'state' },
  { type: 'Receipt', operationId: 'getExpense', where: 'response', field: 'receipt' },
  { type: 'Metadata', operationId: 'getTimeEntry', where: 'response', field: 'metadata' },
  { type: 'Source', operationId: 'getTimeEntry', where: 'response', field: 'source' },
  { type: 'ApprovalStatus', operationId: 'getTimeEntry', where: 'response', field: 'approval_status' },
  { type: 'BillBy', operationId: 'getProject', where: 'response', field: 'bill_by' },
  { type: 'BillingType', operationId: 'getProject', where: 'response', field: 'billing_type' },
  { type: 'BudgetBy', operationId: 'getProject', where: 'response', field: 'budget_by' },
  { type: 'Role', operationId: 'getUser', where: 'response', field: 'role' },
  { type: 'UserType', operationId: 'getUser', where: 'response', field: 'user_type' },
  { type: 'ErrorBody', operationId: 'getTimeEntry', where: 'response', status: '404', field: 'error' },
];

/** Exported types with no counterpart in the document, each with the reason. */
const notInTheContract: Record<string, string> = {
  ClientOptions: 'configures the client (key, base URL, retries); never sent',
  RequestOptions: 'per-call options of the client (timeout, idempotency key, signal); never sent',
  APIRequest: 'what a resource hands the client to send; its body is one of the mapped inputs',
  PageParams: 'the cursor and limit every List*Params extends; checked through each of them',
  ReceiptUpload: 'the file of a multipart upload, sent as bytes rather than JSON',
  // The agent helper (lib/agent.ts) builds mapped time entries and expenses from these; they are
  // its own camelCase options and results, never sent as they are.
  AgentSessionConfig: 'options of the agent helper (project, agent id, model, session id)',
  TrackAgentWorkConfig: 'options of trackAgentWork, the same as a session',
  AgentWork: 'the callback trackAgentWork measures',
  AgentWorkResult: "the callback's result and token counts",
  AgentUsage: 'token counts the helper prices into an LLM expense',
  StopAgentSessionInput: 'how the helper stops its timer: hours and token counts',
  StoppedAgentSession: 'the mapped TimeEntry and Expense the helper wrote',
  // Unions and bases that are fields or parents of mapped types, compared through them.
  AuditAction: "AuditEvent's `action`, compared through it",
  AgingBuckets:
    "the day buckets of InvoiceAging's `clients` and `totals` rows, below the level the comparison of InvoiceAging reads",
  BudgetItem: "the items of BudgetProgress's `items`, nested below what the comparison reads",
  BudgetStatus: "BudgetProgress's `status`, compared through it",
  BudgetType: "BudgetProgress's `budget_type`, compared through it",
  UtilisationBand: "UtilisationRow's band, compared through it",
  InvoiceState: "Invoice's `state`, compared through it",
  PaymentTerm: "Invoice's `payment_term`, compared through it",
  SavedReportKind: "SavedReport's `kind`, compared through it",
  ReportPeriod: "the reports' `period` filter, compared through each report's params",
  TimeReportGroup: "TimeReportParams' `group_by`, compared through it",
  ExpenseReportGroup: "ExpenseReportParams' `group_by`, compared through it",
  TimeReportFilters: 'the filters TimeReportParams and TimeReportEntriesParams extend; checked through them',
  ExpenseReportFilters:
    'the filters ExpenseReportParams and ExpenseReportEntriesParams extend; checked through them',
};

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

  it('maps or excludes every exported type, and excludes only types that exist', () => {
    const shapes = sdkShapes();
    expect(unmappedTypes(shapes, mappings, notInTheContract)).toEqual([]);
    expect(Object.keys(notInTheContract).filter((name) => !shapes.has(name))).toEqual([]);
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
                      source: { type: 'string', enum: ['web', 'api'] },
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
        get: {
          operationId: 'listTimeEntries',
          parameters: [
            {
              name: 'is_running',
              in: 'query',
              schema: { type: 'string', enum: ['true', 'false', '1', '0'] },
            },
            { name: 'limit', in: 'query', schema: { type: 'integer' } },
          ],
        },
      },
    },
  };
  const sdk = (entries: [string, boolean, boolean, Kind[]?, string[]?][]) => ({
    properties: new Map(
      entries.map(([name, required, nullable, kinds, values]) => [
        name,
        { required, nullable, kinds, values },
      ]),
    ),
  });

  it('accepts a matching type', () => {
    const mapping: TypeMapping = { type: 'T', operationId: 'getTimeEntry', where: 'response' };
    const ours = sdk([
      ['id', true, false, ['string']],
      ['notes', true, true, ['string']],
      ['hours', true, false, ['number']],
      ['source', true, false, ['string'], ['api', 'web']],
    ]);
    expect(compare(mapping, ours, serverShape(doc, mapping))).toEqual([]);
  });

  it('reports a primitive type or a set of allowed strings that differs', () => {
    const mapping: TypeMapping = { type: 'T', operationId: 'getTimeEntry', where: 'response' };
    const ours = sdk([
      ['id', true, false, ['number']],
      ['notes', true, true, ['string']],
      ['hours', true, false, ['string']],
      ['source', true, false, ['string'], ['agent', 'api', 'web']],
    ]);
    expect(compare(mapping, ours, serverShape(doc, mapping))).toEqual([
      'T vs getTimeEntry response: `id` is string on the server, number in the SDK',
      'T vs getTimeEntry response: `hours` is number on the server, string in the SDK',
      "T vs getTimeEntry response: `source` is 'api' | 'web' on the server, 'agent' | 'api' | 'web' in the SDK",
    ]);
  });

  it('compares a type alias of strings with the enum of the field it is mapped to', () => {
    const mapping: TypeMapping = {
      type: 'Source',
      operationId: 'getTimeEntry',
      where: 'response',
      field: 'source',
    };
    const same = { properties: new Map(), values: ['api', 'web'] };
    expect(compare(mapping, same, serverShape(doc, mapping))).toEqual([]);
    const drifted = { properties: new Map(), values: ['api', 'cli', 'web'] };
    expect(compare(mapping, drifted, serverShape(doc, mapping))).toEqual([
      'Source vs getTimeEntry response `source`: the server allows api | web, the SDK api | cli | web',
    ]);
  });

  it('takes a boolean query parameter for the true/false words the server accepts', () => {
    const mapping: TypeMapping = { type: 'P', operationId: 'listTimeEntries', where: 'query' };
    const ours = sdk([
      ['is_running', false, false, ['boolean']],
      ['limit', false, false, ['number']],
    ]);
    expect(compare(mapping, ours, serverShape(doc, mapping))).toEqual([]);
    const drifted = sdk([
      ['is_running', false, false, ['boolean']],
      ['limit', false, false, ['string']],
    ]);
    expect(compare(mapping, drifted, serverShape(doc, mapping))).toEqual([
      'P vs listTimeEntries query: `limit` is number on the server, string in the SDK',
    ]);
  });

  it('names exported types that are neither mapped nor excluded', () => {
    const shapes = new Map([
      ['TimeEntry', sdk([])],
      ['ClientOptions', sdk([])],
      ['Invoice', sdk([])],
    ]);
    const mapped: TypeMapping[] = [{ type: 'TimeEntry', operationId: 'getTimeEntry', where: 'response' }];
    expect(unmappedTypes(shapes, mapped, { ClientOptions: 'never sent' })).toEqual(['Invoice']);
  });

  it('reports missing, extra, optional and nullability differences', () => {
    const mapping: TypeMapping = { type: 'T', operationId: 'getTimeEntry', where: 'response' };
    const ours = sdk([
      ['id', false, false],
      ['notes', true, false],
      ['source', true, false],
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
    expect(shapes.get('TimeEntry')?.properties.get('task_id')).toEqual({
      required: true,
      nullable: true,
      kinds: ['string'],
      values: undefined,
    });
    expect(shapes.get('CreateTimeEntryInput')?.properties.get('hours')).toEqual({
      required: false,
      nullable: false,
      kinds: ['number'],
      values: undefined,
    });
    expect(shapes.get('PaginatedResponse')?.properties.get('next_cursor')).toEqual({
      required: true,
      nullable: true,
      kinds: ['string'],
      values: undefined,
    });
    expect(shapes.get('TimeEntry')?.properties.get('is_running')?.kinds).toEqual(['boolean']);
    expect(shapes.get('TimeEntry')?.properties.get('metadata')?.kinds).toEqual(['object']);
    expect(shapes.get('Timesheet')?.properties.get('flags')?.kinds).toEqual(['array']);
    expect(shapes.get('TimeEntry')?.properties.get('source')?.values).toEqual(['agent', 'api', 'cli', 'web']);
    expect(shapes.get('Source')).toEqual({ properties: new Map(), values: ['agent', 'api', 'cli', 'web'] });
  });
});
