// The code samples of the node-sdk pages (and the Node samples of developer/quickstart, auth/api-keys and
// api-reference/error-handling), copied as they are written, ids aside: each page's `prj_abc`, `tsk_001`,
// `te_abc123`, ... becomes a field of `ids` so they point at real rows of the test workspace. Where the docs
// leave a gap (`/* ... */`, `myAgent`), the gap is filled with the smallest thing that makes the sample run.
// samples.test.ts runs every function against a real server; samples-compile.test.ts compiles this file.
import {
  AuthenticationError,
  type CreateExpenseInput,
  type CreateTimeEntryInput,
  type Expense,
  Keito,
  KeitoError,
  type ListExpensesParams,
  type ListTimeEntriesParams,
  type PaginatedResponse,
  type Project,
  RateLimitError,
  type Source,
  type TimeEntry,
  type UpdateTimeEntryInput,
  type User,
  ValidationError,
} from '@keito/sdk';

export interface Ids {
  project: string;
  task: string;
  agentUser: string;
  timeEntry: string;
  expense: string;
  unassignedProject: string;
}

/** Stand-in for the docs' `myAgent`: an agent whose run succeeds or fails on demand. */
export interface Agent {
  run(task?: string): Promise<string>;
}

// node-sdk/getting-started, auth/api-keys, developer/quickstart: Initialise
export function initialiseExplicit(): Keito {
  const keito = new Keito({ apiKey: process.env.KEITO_API_KEY, accountId: process.env.KEITO_ACCOUNT_ID });
  return keito;
}

// node-sdk/getting-started, auth/api-keys: `new Keito()` reads the environment
export function initialiseFromEnv(): Keito {
  const keito = new Keito();
  return keito;
}

// node-sdk/getting-started: Your First Request
export async function firstRequest(keito: Keito): Promise<void> {
  // List all projects
  const projects = await keito.projects.list();
  for (const project of projects.data) {
    console.log(`${project.name} (${project.id})`);
  }
}

// node-sdk/time-entries: Create a Time Entry
export async function createTimeEntry(keito: Keito, ids: Ids) {
  const entry = await keito.timeEntries.create({
    project_id: ids.project,
    task_id: ids.task,
    spent_date: '2026-03-06',
    hours: 1.5,
    notes: 'Refactored authentication module',
    source: 'agent',
    metadata: {
      agent_id: 'review-bot-01',
      agent_type: 'claude-code',
      session_id: crypto.randomUUID(),
      model: 'claude-opus-4-6',
    },
  });
  return entry;
}

// node-sdk/time-entries: Start a Running Timer, then Stop a Timer
export async function startAndStopTimer(keito: Keito, ids: Ids) {
  const timer = await keito.timeEntries.create({
    project_id: ids.project,
    task_id: ids.task,
    spent_date: new Date().toISOString().split('T')[0],
    hours: 0,
    is_running: true,
    source: 'agent',
    metadata: {
      agent_id: 'review-bot-01',
      session_id: crypto.randomUUID(),
    },
  });
  const running = await keito.timeEntries.get(timer.id);

  await keito.timeEntries.update(timer.id, {
    hours: 1.5,
    is_running: false,
    notes: 'Completed code review',
  });
  return { timer, running };
}

// node-sdk/time-entries: List Time Entries
export async function listTimeEntries(keito: Keito, ids: Ids): Promise<void> {
  // All agent entries for a project this week
  const entries = await keito.timeEntries.list({
    source: 'agent',
    project_id: ids.project,
    from: '2026-03-01',
    to: '2026-03-06',
  });
  for (const entry of entries.data) {
    console.log(`${entry.spent_date}: ${entry.hours}h — ${entry.notes}`);
  }
}

// node-sdk/time-entries: Pagination
export async function paginateTimeEntries(keito: Keito, ids: Ids): Promise<void> {
  let cursor: string | undefined;
  do {
    const page = await keito.timeEntries.list({
      project_id: ids.project,
      cursor,
      limit: 50,
    });
    for (const entry of page.data) {
      console.log(entry.id);
    }
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
}

// node-sdk/time-entries: Delete a Time Entry
export async function deleteTimeEntry(keito: Keito, ids: Ids): Promise<void> {
  await keito.timeEntries.delete(ids.timeEntry);
}

// node-sdk/expenses: Create an Expense
export async function createExpense(keito: Keito, ids: Ids) {
  return await keito.expenses.create({
    project_id: ids.project,
    expense_category_id: 'cat_llm_usage',
    spent_date: '2026-03-06',
    units: 45,
    notes: 'claude-opus-4-6: 30k input + 15k output tokens',
    source: 'agent',
    metadata: {
      agent_id: 'review-bot-01',
      session_id: '550e8400-e29b-41d4-a716-446655440000',
      model: 'claude-opus-4-6',
      input_tokens: 30000,
      output_tokens: 15000,
    },
  });
}

// node-sdk/expenses: List Expenses
export async function listExpenses(keito: Keito, ids: Ids): Promise<void> {
  const expenses = await keito.expenses.list({
    source: 'agent',
    project_id: ids.project,
    from: '2026-03-01',
  });
  for (const expense of expenses.data) {
    console.log(`${expense.spent_date}: ${expense.units} units — ${expense.notes}`);
  }
}

// node-sdk/expenses: Get a Single Expense
export async function getExpense(keito: Keito, ids: Ids): Promise<void> {
  const expense = await keito.expenses.get(ids.expense);
  console.log(`Total cost: ${expense.total_cost}`);
}

// node-sdk/filtering: Filtering Time Entries
export async function filterTimeEntries(keito: Keito, ids: Ids) {
  const entries = await keito.timeEntries.list({
    source: 'agent',
    project_id: ids.project,
    user_id: ids.agentUser,
    from: '2026-03-01',
    to: '2026-03-31',
    is_running: false,
    limit: 100,
  });
  return entries;
}

// node-sdk/filtering: Pagination
export async function collectAllEntries(keito: Keito, ids: Ids): Promise<void> {
  let cursor: string | undefined;
  const allEntries = [];
  do {
    const page = await keito.timeEntries.list({
      project_id: ids.project,
      cursor,
      limit: 200,
    });
    allEntries.push(...page.data);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  console.log(`Total entries: ${allEntries.length}`);
}

// node-sdk/filtering: Filtering Expenses
export async function totalLlmCost(keito: Keito, ids: Ids): Promise<void> {
  const llmExpenses = await keito.expenses.list({
    source: 'agent',
    project_id: ids.project,
    from: '2026-03-01',
  });
  const totalCost = llmExpenses.data.reduce((sum, exp) => sum + exp.total_cost, 0);
  console.log(`Total LLM cost: £${totalCost.toFixed(2)}`);
}

// node-sdk/filtering: Combining Filters
export async function combineFilters(keito: Keito, ids: Ids) {
  // Agent entries for a specific project in March
  const entries = await keito.timeEntries.list({
    source: 'agent',
    project_id: ids.project,
    from: '2026-03-01',
    to: '2026-03-31',
  });
  return entries;
}

// node-sdk/error-handling: Error Types (the `/* ... */` body is one that fails validation)
export async function errorTypes(keito: Keito, ids: Ids): Promise<void> {
  try {
    await keito.timeEntries.create({ project_id: ids.project, spent_date: 'not-a-date', hours: 1 });
  } catch (err) {
    if (err instanceof ValidationError) {
      console.error(`Validation failed: ${err.message} (field: ${err.field})`);
    } else if (err instanceof AuthenticationError) {
      console.error('Invalid API key');
    } else if (err instanceof RateLimitError) {
      console.error(`Rate limited. Retry after ${err.retryAfter}s`);
    } else if (err instanceof KeitoError) {
      console.error(`API error: ${err.code} — ${err.message}`);
    }
  }
}

// node-sdk/error-handling: Automatic Retries and Disabling Retries; api-reference/error-handling
export function retryOptions() {
  const keito = new Keito({
    maxRetries: 3, // default: 2
    retryDelay: 1000, // default: 1000ms (exponential backoff)
  });
  const noRetries = new Keito({
    maxRetries: 0,
  });
  const fromReference = new Keito({
    apiKey: process.env.KEITO_API_KEY,
    maxRetries: 3,
    retryDelay: 1000,
  });
  return { keito, noRetries, fromReference };
}

// node-sdk/error-handling: Agent Session Cleanup
export async function agentSessionCleanup(keito: Keito, ids: Ids, myAgent: Agent): Promise<void> {
  const entry = await keito.timeEntries.create({
    project_id: ids.project,
    hours: 0,
    is_running: true,
    source: 'agent',
    spent_date: '2026-03-06',
  });
  try {
    await myAgent.run();
  } catch (err) {
    // Discard the running timer
    await keito.timeEntries.delete(entry.id);
    throw err;
  }
}

// node-sdk/error-handling: Project Not Assigned
export async function projectNotAssigned(keito: Keito, ids: Ids): Promise<void> {
  try {
    await keito.timeEntries.create({ project_id: ids.unassignedProject, spent_date: '2026-03-06', hours: 1 });
  } catch (err) {
    if (err instanceof KeitoError && err.code === 'project_not_assigned') {
      console.error('Agent user is not assigned to this project');
    }
  }
}

// node-sdk/agent-integration: The Agent Session Pattern
export async function agentSessionPattern(ids: Ids, myAgent: Agent) {
  const keito = new Keito();
  // 1. Start a running timer
  const entry = await keito.timeEntries.create({
    project_id: ids.project,
    task_id: ids.task,
    spent_date: new Date().toISOString().split('T')[0],
    hours: 0,
    is_running: true,
    source: 'agent',
    metadata: {
      agent_id: 'review-bot-01',
      agent_type: 'claude-code',
      session_id: crypto.randomUUID(),
      model: 'claude-opus-4-6',
    },
  });
  // 2. Agent does work...
  const result = await myAgent.run('Review the authentication module');
  // 3. Stop the timer
  await keito.timeEntries.update(entry.id, {
    hours: 1.5,
    is_running: false,
    notes: 'Reviewed and refactored auth module',
  });
  // 4. Log LLM cost
  const expense = await keito.expenses.create({
    project_id: ids.project,
    expense_category_id: 'cat_llm_usage',
    spent_date: new Date().toISOString().split('T')[0],
    units: 40,
    notes: 'claude-opus-4-6: 25k input + 15k output',
    source: 'agent',
    metadata: {
      agent_id: 'review-bot-01',
      session_id: entry.metadata.session_id,
      model: 'claude-opus-4-6',
      input_tokens: 25000,
      output_tokens: 15000,
    },
  });
  return { entry, result, expense };
}

// node-sdk/agent-integration: The Wrapper Helper (the page's `Promise` lost its `<T>` in rendering)
export async function trackAgentWork<T>(
  keito: Keito,
  config: {
    projectId: string;
    taskId: string;
    agentId: string;
    model: string;
  },
  work: () => Promise<{
    result: T;
    inputTokens: number;
    outputTokens: number;
  }>,
): Promise<T> {
  const sessionId = crypto.randomUUID();
  const today = new Date().toISOString().split('T')[0];
  const entry = await keito.timeEntries.create({
    project_id: config.projectId,
    task_id: config.taskId,
    spent_date: today,
    hours: 0,
    is_running: true,
    source: 'agent',
    metadata: {
      agent_id: config.agentId,
      session_id: sessionId,
      model: config.model,
    },
  });
  const startTime = Date.now();
  try {
    const { result, inputTokens, outputTokens } = await work();
    const hours = (Date.now() - startTime) / 3_600_000;
    await keito.timeEntries.update(entry.id, {
      hours: Math.round(hours * 100) / 100,
      is_running: false,
    });
    const totalTokensK = (inputTokens + outputTokens) / 1000;
    await keito.expenses.create({
      project_id: config.projectId,
      expense_category_id: 'cat_llm_usage',
      spent_date: today,
      units: totalTokensK,
      source: 'agent',
      metadata: {
        agent_id: config.agentId,
        session_id: sessionId,
        model: config.model,
        input_tokens: inputTokens,
        output_tokens: outputTokens,
      },
    });
    return result;
  } catch (err) {
    await keito.timeEntries.delete(entry.id);
    throw err;
  }
}

// developer/quickstart: Step 2 and Step 3 (Node SDK)
export async function quickstart(ids: Ids) {
  const keito = new Keito({
    apiKey: process.env.KEITO_API_KEY,
    accountId: process.env.KEITO_ACCOUNT_ID,
  });
  const entry = await keito.timeEntries.create({
    project_id: ids.project,
    task_id: ids.task,
    spent_date: '2026-03-06',
    hours: 1.5,
    notes: 'Implemented OAuth flow',
    source: 'agent',
    metadata: {
      agent_id: 'my-bot-01',
      agent_type: 'claude-code',
      session_id: crypto.randomUUID(),
      model: 'claude-opus-4-6',
    },
  });
  console.log(`Created entry: ${entry.id}`);

  const expense = await keito.expenses.create({
    project_id: ids.project,
    expense_category_id: 'cat_llm_usage',
    spent_date: '2026-03-06',
    units: 45,
    notes: 'claude-opus-4-6: 30k input + 15k output tokens',
    source: 'agent',
    metadata: {
      agent_id: 'my-bot-01',
      session_id: entry.metadata.session_id,
      model: 'claude-opus-4-6',
      input_tokens: 30000,
      output_tokens: 15000,
    },
  });
  return { entry, expense };
}

// node-sdk/typescript-types: the interfaces as the page prints them (generic arguments restored). The SDK's
// response types must be assignable to them (every documented field is there, with a compatible type) and
// the documented inputs assignable to the SDK's (everything the page says you may send is accepted).
interface DocTimeEntry {
  id: string;
  project_id: string;
  task_id: string | null;
  user_id: string;
  spent_date: string;
  hours: number;
  notes: string | null;
  is_running: boolean;
  is_billable: boolean;
  source: 'web' | 'cli' | 'api' | 'agent';
  metadata: Record<string, unknown> | null;
  created_at: string;
  updated_at: string;
}
interface DocCreateTimeEntryInput {
  project_id: string;
  spent_date: string;
  hours?: number;
  task_id?: string;
  notes?: string;
  is_running?: boolean;
  is_billable?: boolean;
  source?: 'web' | 'cli' | 'api' | 'agent';
  metadata?: Record<string, unknown>;
}
interface DocExpense {
  id: string;
  project_id: string;
  expense_category_id: string;
  spent_date: string;
  units: number | null;
  unit_price: number | null;
  total_cost: number;
  notes: string | null;
  source: 'web' | 'cli' | 'api' | 'agent';
  metadata: Record<string, unknown> | null;
  created_at: string;
}
interface DocProject {
  id: string;
  name: string;
  client_id: string;
  billing_type: 'time_and_materials' | 'fixed_fee' | 'non_billable';
  is_billable: boolean;
  budget_hours: number | null;
  budget_amount: number | null;
  is_active: boolean;
  created_at: string;
}
// billable_rate and cost_rate: the page prints `number`; the server sends null when the caller may not see
// rates (a member's key), so the SDK types them `number | null` and this copy follows the server.
interface DocUser {
  id: string;
  name: string;
  email: string;
  user_type: 'human' | 'agent';
  is_active: boolean;
  billable_rate: number | null;
  cost_rate: number | null;
  created_at: string;
}
interface DocPaginatedResponse<T> {
  data: T[];
  next_cursor: string | null;
  has_more: boolean;
}
type DocSource = 'web' | 'cli' | 'api' | 'agent';

type Assignable<From extends To, To> = [From, To];
export type TypeContracts = [
  Assignable<TimeEntry, DocTimeEntry>,
  Assignable<DocCreateTimeEntryInput, CreateTimeEntryInput>,
  Assignable<Expense, DocExpense>,
  Assignable<Project, DocProject>,
  Assignable<User, DocUser>,
  Assignable<PaginatedResponse<TimeEntry>, DocPaginatedResponse<DocTimeEntry>>,
  Assignable<Source, DocSource>,
  Assignable<DocSource, Source>,
  Assignable<{ hours: 1.5; is_running: false; notes: string }, UpdateTimeEntryInput>,
  Assignable<
    { project_id: string; expense_category_id: string; spent_date: string; units: number },
    CreateExpenseInput
  >,
  Assignable<
    { source: 'agent'; from: string; to: string; is_running: boolean; limit: number },
    ListTimeEntriesParams
  >,
  Assignable<{ source: 'agent'; project_id: string; from: string }, ListExpensesParams>,
];
