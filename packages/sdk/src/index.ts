export type { APIRequest, ClientOptions } from './client.js';
export { DEFAULT_BASE_URL, Keito } from './client.js';
export type { ErrorBody } from './core/errors.js';
export {
  APIConnectionError,
  APITimeoutError,
  AuthenticationError,
  ConflictError,
  InternalServerError,
  KeitoError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ValidationError,
} from './core/errors.js';
export type { PaginatedResponse } from './core/pagination.js';
export { Page, PagePromise } from './core/pagination.js';
export type { RequestOptions } from './core/request-options.js';
export type {
  AgentSessionConfig,
  AgentUsage,
  AgentWork,
  AgentWorkResult,
  StopAgentSessionInput,
  StoppedAgentSession,
  TrackAgentWorkConfig,
} from './lib/agent.js';
export { AgentSession, LLM_USAGE_CATEGORY, startAgentSession, trackAgentWork } from './lib/agent.js';
export type { ApiKey, CreateApiKeyInput, CreatedApiKey, ListApiKeysParams } from './resources/api-keys.js';
export type { Client, CreateClientInput, ListClientsParams, UpdateClientInput } from './resources/clients.js';
export type {
  CreateExpenseCategoryInput,
  ExpenseCategory,
  ListExpenseCategoriesParams,
  UpdateExpenseCategoryInput,
} from './resources/expense-categories.js';
export type {
  CreateExpenseInput,
  Expense,
  ListExpensesParams,
  Receipt,
  ReceiptUpload,
  UpdateExpenseInput,
} from './resources/expenses.js';
export type {
  AgingBuckets,
  CreateInvoiceInput,
  CreateInvoicePaymentInput,
  Invoice,
  InvoiceAging,
  InvoiceLineItem,
  InvoiceLineItemInput,
  InvoiceLineItemsImport,
  InvoiceMessage,
  InvoicePayment,
  InvoiceState,
  ListInvoicesParams,
  PaymentTerm,
  SendInvoiceInput,
  Uninvoiced,
  UninvoicedParams,
  UpdateInvoiceInput,
} from './resources/invoices.js';
export type {
  BillBy,
  BillingType,
  BudgetBy,
  CreateProjectInput,
  CreateTaskAssignmentInput,
  CreateUserAssignmentInput,
  ListProjectsParams,
  Project,
  TaskAssignment,
  UpdateProjectInput,
  UpdateTaskAssignmentInput,
  UpdateUserAssignmentInput,
  UserAssignment,
} from './resources/projects.js';
export type { ApprovalStatus, Metadata, PageParams, Source } from './resources/shared.js';
export type { CreateTaskInput, ListTasksParams, Task, UpdateTaskInput } from './resources/tasks.js';
export type {
  CreateTimeEntryInput,
  ListTimeEntriesParams,
  TimeEntry,
  UpdateTimeEntryInput,
} from './resources/time-entries.js';
export type {
  BulkApproveInput,
  BulkRejectInput,
  BulkResult,
  DailyTotal,
  ListTimesheetsParams,
  RejectTimesheetInput,
  SubmitTimesheetInput,
  Timesheet,
  TimesheetDetail,
  TimesheetFlag,
  TimesheetState,
} from './resources/timesheets.js';
export type {
  CreateUserInput,
  ListUsersParams,
  Role,
  UpdateUserInput,
  User,
  UserType,
} from './resources/users.js';
export { VERSION } from './version.js';
