/** Where an entry came from; `agent` marks work done by an AI agent. */
export type Source = 'web' | 'cli' | 'api' | 'agent';

/** Freeform agent context stored with entries and expenses (max 4KB): agent_id, session_id, model, ... */
export type Metadata = Record<string, unknown>;

/** Cursor pagination accepted by every list method. */
export interface PageParams {
  /** Cursor from the previous page's `next_cursor`. */
  cursor?: string | undefined;
  /** Results per page (default 50); above 200 the server sends 200, and says so in the page's `limit`. */
  limit?: number | undefined;
}

/** Where an entry is in the approval workflow. */
export type ApprovalStatus = 'unsubmitted' | 'submitted' | 'approved' | 'rejected';
