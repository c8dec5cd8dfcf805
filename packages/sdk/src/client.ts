import {
  APIConnectionError,
  APITimeoutError,
  type ErrorBody,
  errorFromResponse,
  KeitoError,
} from './core/errors.js';
import { Page, PagePromise, type PaginatedResponse } from './core/pagination.js';
import type { HTTPMethod, RequestOptions } from './core/request-options.js';
import { readEnv } from './internal/env.js';
import { type QueryValue, toSearchParams } from './internal/query.js';
import {
  backoffDelay,
  isRetryableStatus,
  MAX_RETRY_AFTER_SECONDS,
  parseRetryAfter,
  sleep,
} from './internal/retry.js';
import {
  type AgentSession,
  type AgentSessionConfig,
  type AgentWork,
  startAgentSession,
  type TrackAgentWorkConfig,
  trackAgentWork,
} from './lib/agent.js';
import { ApiKeys } from './resources/api-keys.js';
import { Clients } from './resources/clients.js';
import { ExpenseCategories } from './resources/expense-categories.js';
import { Expenses } from './resources/expenses.js';
import { Invoices } from './resources/invoices.js';
import { Projects } from './resources/projects.js';
import { Tasks } from './resources/tasks.js';
import { TimeEntries } from './resources/time-entries.js';
import { Timesheets } from './resources/timesheets.js';
import { Users } from './resources/users.js';
import { VERSION } from './version.js';

export const DEFAULT_BASE_URL = 'https://api.keito.ai/v1';

/** Options for `new Keito(...)`; every one is optional. */
export interface ClientOptions {
  /** API key (`keito_sk_...`); defaults to the `KEITO_API_KEY` environment variable. */
  apiKey?: string | undefined;
  /** Workspace id (`acc_...`), sent as `Keito-Account-Id`; defaults to `KEITO_ACCOUNT_ID`. */
  accountId?: string | undefined;
  /** API base URL including `/v1`; defaults to `KEITO_BASE_URL`, then `https://api.keito.ai/v1`. */
  baseUrl?: string | undefined;
  /** Retries after the first attempt on 429, 5xx and connection errors (default 2; 0 disables). */
  maxRetries?: number | undefined;
  /** Initial backoff in milliseconds, doubled on each retry (default 1000). */
  retryDelay?: number | undefined;
  /** Milliseconds before one attempt is abandoned (default 30000). */
  timeout?: number | undefined;
  /** Headers added to every request. */
  defaultHeaders?: Record<string, string> | undefined;
  /** A `fetch` implementation to use instead of the global one (proxies, instrumentation). */
  fetch?: typeof fetch | undefined;
}

/** One HTTP call as the resources describe it. */
export interface APIRequest {
  method: HTTPMethod;
  path: string;
  query?: Readonly<Record<string, QueryValue>> | undefined;
  body?: unknown;
  options?: RequestOptions | undefined;
}

/** The Keito API client. */
export class Keito {
  readonly apiKey: string;
  readonly accountId: string | undefined;
  readonly baseUrl: string;
  readonly maxRetries: number;
  readonly retryDelay: number;
  readonly timeout: number;

  /** Time entries: create, list, get, update, delete. */
  readonly timeEntries: TimeEntries = new TimeEntries(this);
  /** Timesheets: submit a period, the approval queue, approve, reject, withdraw. */
  readonly timesheets: Timesheets = new Timesheets(this);
  /** Expenses, including LLM usage: create, list, get, update, delete. */
  readonly expenses: Expenses = new Expenses(this);
  /** Invoices: create (with import), list, send, PDF, payments, close and reopen, aging. */
  readonly invoices: Invoices = new Invoices(this);
  /** Projects, with their task and user assignments. */
  readonly projects: Projects = new Projects(this);
  /** Users, human and agent. */
  readonly users: Users = new Users(this);
  /** Clients (the customers projects are billed to). */
  readonly clients: Clients = new Clients(this);
  /** Tasks that projects can be assigned. */
  readonly tasks: Tasks = new Tasks(this);
  /** Expense categories, including the built-in `cat_llm_usage`. */
  readonly expenseCategories: ExpenseCategories = new ExpenseCategories(this);
  /** API keys of the workspace. */
  readonly apiKeys: ApiKeys = new ApiKeys(this);

  readonly #defaultHeaders: Record<string, string>;
  readonly #fetch: typeof fetch;

  /** Creates a client; options fall back to KEITO_API_KEY, KEITO_ACCOUNT_ID and KEITO_BASE_URL. */
  constructor(options: ClientOptions = {}) {
    const apiKey = options.apiKey ?? readEnv('KEITO_API_KEY');
    if (apiKey === undefined || apiKey.trim() === '') {
      throw new KeitoError({
        code: 'missing_api_key',
        message:
          'No Keito API key found: pass it as `new Keito({ apiKey })` or set the KEITO_API_KEY environment variable.',
      });
    }
    this.apiKey = apiKey;
    this.accountId = options.accountId ?? readEnv('KEITO_ACCOUNT_ID');
    this.baseUrl = (options.baseUrl ?? readEnv('KEITO_BASE_URL') ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
    this.maxRetries = nonNegativeInteger('maxRetries', options.maxRetries ?? 2);
    this.retryDelay = nonNegativeNumber('retryDelay', options.retryDelay ?? 1000);
    this.timeout = nonNegativeNumber('timeout', options.timeout ?? 30_000);
    this.#defaultHeaders = { ...options.defaultHeaders };
    const fetchImpl = options.fetch ?? globalThis.fetch;
    if (typeof fetchImpl !== 'function') {
      throw new KeitoError({
        code: 'missing_fetch',
        message: 'No global fetch found: use Node 20 or newer, or pass `fetch` in the client options.',
      });
    }
    this.#fetch = fetchImpl;
  }

  /** Runs `work` inside a tracked agent session: a running timer, measured hours, and an LLM expense. */
  trackAgentWork<T>(config: TrackAgentWorkConfig, work: AgentWork<T>): Promise<T> {
    return trackAgentWork(this, config, work);
  }

  /** Starts a running timer for an agent and returns the session that stops or discards it. */
  startAgentSession(config: AgentSessionConfig, options?: RequestOptions): Promise<AgentSession> {
    return startAgentSession(this, config, options);
  }

  /** Sends one request with retries and timeouts, and returns the parsed JSON (undefined for 204). */
  async request<T>(request: APIRequest): Promise<T> {
    const { response, body } = await this.#send(request);
    return parseSuccess<T>(response, new TextDecoder().decode(body));
  }

  /** Sends one request as `request` does and returns the body's bytes (a PDF download). */
  async requestBytes(request: APIRequest): Promise<Uint8Array> {
    return (await this.#send(request)).body;
  }

  /** One call: retries and timeouts, then the successful response with its body, or the API's error. */
  async #send(request: APIRequest): Promise<{ response: Response; body: Uint8Array }> {
    const options = request.options ?? {};
    const maxRetries = nonNegativeInteger('maxRetries', options.maxRetries ?? this.maxRetries);
    const timeout = options.timeout ?? this.timeout;
    const url = `${this.baseUrl}${request.path}${toSearchParams(request.query)}`;
    // Generated once per call, outside the retry loop: every attempt of one create carries the same key,
    // so the server can recognise a retry of a write it already performed and replay its response.
    const idempotencyKey =
      options.idempotencyKey ?? (request.method === 'POST' ? globalThis.crypto.randomUUID() : undefined);
    const headers = this.#headers(request, idempotencyKey, options);
    // A FormData (a receipt upload) is sent as multipart, with the boundary fetch writes into its header.
    const body =
      request.body === undefined || request.body instanceof FormData
        ? request.body
        : JSON.stringify(request.body);

    for (let attempt = 0; ; attempt++) {
      const retriesLeft = attempt < maxRetries;
      let outcome: { response: Response; body: Uint8Array };
      try {
        outcome = await this.#attempt(
          url,
          { method: request.method, headers, body },
          timeout,
          options.signal,
        );
      } catch (error) {
        if (!(error instanceof APIConnectionError) || !retriesLeft) throw error;
        await sleep(backoffDelay(attempt, this.retryDelay), options.signal);
        continue;
      }

      const { response, body: received } = outcome;
      if (response.ok) return outcome;
      const text = new TextDecoder().decode(received);

      const retryAfter = parseRetryAfter(response.headers);
      const error = errorFromResponse(response.status, parseErrorBody(text), response.headers, retryAfter);
      if (!retriesLeft || !isRetryableStatus(response.status, idempotencyKey !== undefined)) throw error;
      // A wait longer than a minute (a daily quota) is not a transient blip: hand it to the caller with
      // `retryAfter` rather than blocking the process for hours.
      if (retryAfter !== undefined && retryAfter > MAX_RETRY_AFTER_SECONDS) throw error;
      const delay = retryAfter !== undefined ? retryAfter * 1000 : backoffDelay(attempt, this.retryDelay);
      await sleep(delay, options.signal);
    }
  }

  /** Fetches a list endpoint as a page that is both awaitable and async-iterable over every item. */
  getPage<T>(path: string, query: object | undefined, options?: RequestOptions): PagePromise<T> {
    const base = { ...(query as Record<string, QueryValue> | undefined) };
    const fetchPage = async (cursor: string | undefined): Promise<Page<T>> => {
      const response = await this.request<PaginatedResponse<T>>({
        method: 'GET',
        path,
        query: cursor === undefined ? base : { ...base, cursor },
        options,
      });
      return new Page<T>(response, (next) => fetchPage(next));
    };
    const initialCursor = typeof base.cursor === 'string' ? base.cursor : undefined;
    return new PagePromise<T>(fetchPage(initialCursor));
  }

  #headers(request: APIRequest, idempotencyKey: string | undefined, options: RequestOptions): Headers {
    const headers = new Headers({
      Accept: 'application/json',
      'User-Agent': `keito-node/${VERSION}`,
      Authorization: `Bearer ${this.apiKey}`,
      ...this.#defaultHeaders,
    });
    if (this.accountId !== undefined) headers.set('Keito-Account-Id', this.accountId);
    if (request.body !== undefined && !(request.body instanceof FormData)) {
      headers.set('Content-Type', 'application/json');
    }
    if (idempotencyKey !== undefined) headers.set('Idempotency-Key', idempotencyKey);
    for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
    return headers;
  }

  async #attempt(
    url: string,
    init: { method: HTTPMethod; headers: Headers; body: string | FormData | undefined },
    timeout: number,
    signal: AbortSignal | undefined,
  ): Promise<{ response: Response; body: Uint8Array }> {
    if (signal?.aborted) throw signal.reason;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeout);
    const forwardAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', forwardAbort, { once: true });
    try {
      const response = await this.#fetch(url, { ...init, signal: controller.signal });
      // The body is read inside the timeout too: a server that sends headers and then stalls is a timeout.
      const body = new Uint8Array(await response.arrayBuffer());
      return { response, body };
    } catch (cause) {
      if (signal?.aborted) throw signal.reason;
      if (timedOut) {
        throw new APITimeoutError({
          message: `Request timed out after ${timeout}ms: ${init.method} ${url}`,
          cause,
        });
      }
      throw new APIConnectionError({
        message: `Connection error: ${init.method} ${url}: ${describe(cause)}`,
        cause,
      });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', forwardAbort);
    }
  }
}

function parseSuccess<T>(response: Response, text: string): T {
  if (response.status === 204 || text === '') return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch (cause) {
    // A web page instead of JSON almost always means a base URL without its /v1.
    const hint = /^\s*<(!doctype|html)/i.test(text)
      ? 'Expected JSON but got a web page: does baseUrl (KEITO_BASE_URL) end with /v1, e.g. http://localhost:8787/v1?'
      : `Expected JSON from the server but got: ${text.slice(0, 200)}`;
    throw new KeitoError({
      code: 'invalid_response',
      message: hint,
      status: response.status,
      requestId: response.headers.get('x-request-id'),
      headers: response.headers,
      cause,
    });
  }
}

function parseErrorBody(text: string): ErrorBody | undefined {
  try {
    const parsed = JSON.parse(text) as { error?: unknown };
    const error = parsed.error;
    if (typeof error === 'object' && error !== null && typeof (error as ErrorBody).code === 'string') {
      return error as ErrorBody;
    }
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): the status alone decides the error class.
  }
  return undefined;
}

// undici reports "fetch failed" and keeps the useful part (ECONNRESET, ECONNREFUSED) in `cause`.
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}

function nonNegativeInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) {
    throw new KeitoError({
      code: 'invalid_option',
      message: `${name} must be a non-negative integer, got ${value}`,
    });
  }
  return value;
}

function nonNegativeNumber(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new KeitoError({
      code: 'invalid_option',
      message: `${name} must be a non-negative number, got ${value}`,
    });
  }
  return value;
}
