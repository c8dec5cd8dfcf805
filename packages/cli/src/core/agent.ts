// Agent mode. Inside an AI agent's shell the CLI marks what it logs as agent work, with the agent's type
// and session, so that nobody has to pass flags the agent would forget.
import type { Metadata, Source } from '@keito/sdk';
import { UsageError } from './errors.js';

interface Detector {
  /** Any of these set (non-empty) means we run inside this agent. */
  variables: string[];
  agentType: string;
  /** Where the session id comes from, first set wins. */
  sessionVariables: string[];
  /** Where an agent id comes from, if the platform names its agents. */
  agentIdVariables?: string[];
}

/**
 * First match wins. The first four rows are the documented table; the others are the variables the
 * agents really export today (Claude Code: CLAUDECODE=1 and CLAUDE_CODE_ENTRYPOINT; Codex CLI:
 * CODEX_THREAD_ID and CODEX_SANDBOX; Gemini CLI: GEMINI_CLI=1; opencode: OPENCODE=1).
 */
export const DETECTORS: readonly Detector[] = [
  { variables: ['CLAUDE_SESSION_ID'], agentType: 'claude-code', sessionVariables: ['CLAUDE_SESSION_ID'] },
  {
    variables: ['CODEX_SESSION_ID'],
    agentType: 'codex',
    sessionVariables: ['CODEX_SESSION_ID', 'CODEX_THREAD_ID'],
  },
  {
    variables: ['OPENCLAW_AGENT_ID'],
    agentType: 'openclaw',
    sessionVariables: ['OPENCLAW_SESSION_ID'],
    agentIdVariables: ['OPENCLAW_AGENT_ID'],
  },
  { variables: ['CURSOR_AGENT'], agentType: 'cursor', sessionVariables: ['CURSOR_SESSION_ID'] },
  {
    variables: ['CLAUDECODE', 'CLAUDE_CODE_ENTRYPOINT'],
    agentType: 'claude-code',
    sessionVariables: ['CLAUDE_SESSION_ID'],
  },
  {
    variables: ['CODEX_THREAD_ID', 'CODEX_SANDBOX', 'CODEX_SANDBOX_NETWORK_DISABLED'],
    agentType: 'codex',
    sessionVariables: ['CODEX_THREAD_ID'],
  },
  { variables: ['GEMINI_CLI'], agentType: 'gemini-cli', sessionVariables: ['GEMINI_SESSION_ID'] },
  { variables: ['OPENCODE'], agentType: 'opencode', sessionVariables: ['OPENCODE_SESSION_ID'] },
];

export interface DetectedAgent {
  agentType: string;
  sessionId: string | undefined;
  agentId: string | undefined;
  /** The variable that gave it away. */
  variable: string;
}

const isSet = (env: NodeJS.ProcessEnv, name: string) => env[name] !== undefined && env[name] !== '';

export function detectAgent(env: NodeJS.ProcessEnv): DetectedAgent | undefined {
  for (const detector of DETECTORS) {
    const variable = detector.variables.find((name) => isSet(env, name));
    if (!variable) continue;
    const pick = (names: string[] | undefined) => {
      const name = names?.find((candidate) => isSet(env, candidate));
      return name ? env[name] : undefined;
    };
    return {
      agentType: detector.agentType,
      sessionId: pick(detector.sessionVariables),
      agentId: pick(detector.agentIdVariables),
      variable,
    };
  }
  return undefined;
}

export const SOURCES: readonly Source[] = ['web', 'cli', 'api', 'agent'];

export interface AttributionFlags {
  source?: string | undefined;
  agentId?: string | undefined;
  sessionId?: string | undefined;
}

export interface Attribution {
  source: Source;
  metadata: Metadata | undefined;
  /** Why this source: for `config list` and debugging. */
  reason: string;
}

/**
 * Source and metadata for a new entry: --source > --agent-id (implies agent) > KEITO_SOURCE >
 * auto-detection > defaults.source in the config files > "cli".
 */
export function attribute(
  flags: AttributionFlags,
  env: NodeJS.ProcessEnv,
  configured: { source: string | undefined; sourceFromEnv: boolean; agentId: string | undefined },
): Attribution {
  const detected = detectAgent(env);
  let source: string;
  let reason: string;
  if (flags.source) {
    source = flags.source;
    reason = '--source';
  } else if (flags.agentId) {
    source = 'agent';
    reason = '--agent-id';
  } else if (configured.source && configured.sourceFromEnv) {
    source = configured.source;
    reason = 'KEITO_SOURCE';
  } else if (detected) {
    source = 'agent';
    reason = `detected ${detected.variable}`;
  } else if (configured.source) {
    source = configured.source;
    reason = 'config';
  } else {
    source = 'cli';
    reason = 'default';
  }
  if (!SOURCES.includes(source as Source)) {
    throw new UsageError(`Invalid source "${source}". Choose one of: ${SOURCES.join(', ')}`);
  }
  const metadata: Metadata = {};
  if (source === 'agent') {
    if (detected) metadata.agent_type = detected.agentType;
    const agentId = flags.agentId ?? detected?.agentId ?? configured.agentId;
    if (agentId) metadata.agent_id = agentId;
    const sessionId = flags.sessionId ?? detected?.sessionId;
    if (sessionId) metadata.session_id = sessionId;
  } else {
    // Explicit flags are kept even outside agent mode: the user asked for them.
    if (flags.agentId) metadata.agent_id = flags.agentId;
    if (flags.sessionId) metadata.session_id = flags.sessionId;
  }
  return {
    source: source as Source,
    metadata: Object.keys(metadata).length > 0 ? metadata : undefined,
    reason,
  };
}
