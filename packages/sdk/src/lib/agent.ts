// The agent session pattern from node-sdk/agent-integration: a running timer while the agent works,
// measured hours when it stops, and the LLM token cost logged as an expense carrying the same session_id.
import type { Keito } from '../client.js';
import type { RequestOptions } from '../core/request-options.js';
import type { Expense } from '../resources/expenses.js';
import type { Metadata } from '../resources/shared.js';
import type { TimeEntry } from '../resources/time-entries.js';

/** The built-in "LLM Usage" category, priced per 1k tokens. */
export const LLM_USAGE_CATEGORY = 'cat_llm_usage';

/** What an agent session records about itself. */
export interface AgentSessionConfig {
  projectId: string;
  taskId?: string | undefined;
  /** Stable identifier of the agent, e.g. `review-bot-01`. */
  agentId: string;
  /** LLM model used, for cost analysis across models. */
  model?: string | undefined;
  /** Platform, e.g. `claude-code`. */
  agentType?: string | undefined;
  /** Correlates the time entry with its LLM expenses; a UUID is generated when omitted. */
  sessionId?: string | undefined;
  /** Date of the work (YYYY-MM-DD); defaults to today (UTC). */
  spentDate?: string | undefined;
  /** Notes on the time entry. */
  notes?: string | undefined;
  /** Extra metadata merged into the entry's and the expenses' metadata. */
  metadata?: Metadata | undefined;
  /** Category for token costs; defaults to `cat_llm_usage`. */
  expenseCategoryId?: string | undefined;
}

/** Configuration of `trackAgentWork`: the same as for a session. */
export type TrackAgentWorkConfig = AgentSessionConfig;

/** What the tracked work reports back: its result and the tokens it consumed. */
export interface AgentWorkResult<T> {
  result: T;
  inputTokens: number;
  outputTokens: number;
  /** Notes written on the time entry when it stops. */
  notes?: string | undefined;
}

/** The work that `trackAgentWork` measures; it receives the session (for its `sessionId`). */
export type AgentWork<T> = (session: AgentSession) => Promise<AgentWorkResult<T>>;

/** Token usage to log as an LLM expense. */
export interface AgentUsage {
  inputTokens: number;
  outputTokens: number;
  /** Overrides the session's model for this expense. */
  model?: string | undefined;
  notes?: string | undefined;
}

/** How to stop a session: measured hours unless `hours` is given, plus optional token usage. */
export interface StopAgentSessionInput extends Partial<AgentUsage> {
  hours?: number | undefined;
}

export interface StoppedAgentSession {
  entry: TimeEntry;
  /** The LLM expense, when tokens were reported. */
  expense: Expense | undefined;
}

/** A running agent timer: `stop()` records hours (and token cost), `discard()` deletes it. */
export class AgentSession {
  /** The session_id shared by the time entry and its expenses. */
  readonly sessionId: string;
  /** The running time entry as created. */
  readonly entry: TimeEntry;
  /** When the session started (ms since epoch), for the measured hours. */
  readonly startedAt: number;
  readonly #keito: Keito;
  readonly #config: AgentSessionConfig;
  #state: 'running' | 'stopped' | 'discarded' = 'running';

  constructor(
    keito: Keito,
    config: AgentSessionConfig,
    sessionId: string,
    entry: TimeEntry,
    startedAt: number,
  ) {
    this.#keito = keito;
    this.#config = config;
    this.sessionId = sessionId;
    this.entry = entry;
    this.startedAt = startedAt;
  }

  /** Hours since the session started, rounded to two decimals as the API stores them. */
  elapsedHours(now: number = Date.now()): number {
    return Math.round(((now - this.startedAt) / 3_600_000) * 100) / 100;
  }

  /** Logs token usage as an LLM expense (units = thousands of tokens) correlated by session_id. */
  async logUsage(usage: AgentUsage, options?: RequestOptions): Promise<Expense> {
    const model = usage.model ?? this.#config.model;
    return this.#keito.expenses.create(
      {
        project_id: this.#config.projectId,
        expense_category_id: this.#config.expenseCategoryId ?? LLM_USAGE_CATEGORY,
        spent_date: this.entry.spent_date,
        units: (usage.inputTokens + usage.outputTokens) / 1000,
        notes: usage.notes ?? describeUsage(model, usage),
        source: 'agent',
        metadata: compact({
          ...this.#config.metadata,
          agent_id: this.#config.agentId,
          session_id: this.sessionId,
          model,
          input_tokens: usage.inputTokens,
          output_tokens: usage.outputTokens,
        }),
      },
      options,
    );
  }

  /** Stops the timer with the measured (or given) hours and logs the token cost when tokens are given. */
  async stop(input: StopAgentSessionInput = {}, options?: RequestOptions): Promise<StoppedAgentSession> {
    this.#assertRunning('stop');
    const entry = await this.#keito.timeEntries.update(
      this.entry.id,
      {
        hours: input.hours ?? this.elapsedHours(),
        is_running: false,
        ...(input.notes ? { notes: input.notes } : {}),
      },
      options,
    );
    this.#state = 'stopped';
    const inputTokens = input.inputTokens ?? 0;
    const outputTokens = input.outputTokens ?? 0;
    // No tokens means nothing to bill: an expense of zero units would only clutter the reports.
    const expense =
      inputTokens + outputTokens > 0
        ? await this.logUsage({ inputTokens, outputTokens, model: input.model }, options)
        : undefined;
    return { entry, expense };
  }

  /** Deletes the running timer, for a session that failed and should not be billed. */
  async discard(options?: RequestOptions): Promise<void> {
    this.#assertRunning('discard');
    await this.#keito.timeEntries.delete(this.entry.id, options);
    this.#state = 'discarded';
  }

  #assertRunning(action: string): void {
    if (this.#state !== 'running') {
      throw new Error(`Cannot ${action} agent session ${this.sessionId}: it is already ${this.#state}.`);
    }
  }
}

/** Starts a running timer for an agent and returns the session that stops or discards it. */
export async function startAgentSession(
  keito: Keito,
  config: AgentSessionConfig,
  options?: RequestOptions,
): Promise<AgentSession> {
  const sessionId = config.sessionId ?? globalThis.crypto.randomUUID();
  const entry = await keito.timeEntries.create(
    {
      project_id: config.projectId,
      ...(config.taskId === undefined ? {} : { task_id: config.taskId }),
      spent_date: config.spentDate ?? today(),
      hours: 0,
      is_running: true,
      ...(config.notes === undefined ? {} : { notes: config.notes }),
      source: 'agent',
      metadata: compact({
        ...config.metadata,
        agent_id: config.agentId,
        agent_type: config.agentType,
        session_id: sessionId,
        model: config.model,
      }),
    },
    options,
  );
  // Measured from when the server confirmed the timer, so the hours cover the work and not the setup.
  return new AgentSession(keito, config, sessionId, entry, Date.now());
}

/**
 * Runs `work` as a tracked agent session: starts a running timer, stops it with the measured hours,
 * and logs the LLM token cost correlated by session_id. When `work` throws, the timer is deleted
 * and the error rethrown, so a failed run bills nothing.
 */
export async function trackAgentWork<T>(
  keito: Keito,
  config: TrackAgentWorkConfig,
  work: AgentWork<T>,
): Promise<T> {
  const session = await startAgentSession(keito, config);
  let outcome: AgentWorkResult<T>;
  try {
    outcome = await work(session);
  } catch (error) {
    try {
      await session.discard();
    } catch {
      // The work's own failure is what the caller needs to see; a failed cleanup must not replace it.
    }
    throw error;
  }
  await session.stop({
    inputTokens: outcome.inputTokens,
    outputTokens: outcome.outputTokens,
    notes: outcome.notes,
  });
  return outcome.result;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function describeUsage(model: string | undefined, usage: AgentUsage): string {
  const tokens = `${formatK(usage.inputTokens)} input + ${formatK(usage.outputTokens)} output tokens`;
  return model === undefined ? tokens : `${model}: ${tokens}`;
}

function formatK(tokens: number): string {
  return tokens >= 1000 ? `${Math.round(tokens / 100) / 10}k` : String(tokens);
}

// Leaves out undefined values so the stored metadata has no `"model": null` noise.
function compact(metadata: Metadata): Metadata {
  return Object.fromEntries(Object.entries(metadata).filter(([, value]) => value !== undefined));
}
