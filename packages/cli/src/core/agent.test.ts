// The agent detection table, through the binary: each variable, run as `keito time log` would be inside
// that agent, and what the server stored.
import { describe, expect, it } from 'vitest';
import { createWorld, json, runKeito } from '../../test/support/keito.js';

type Entry = { source: string; metadata: Record<string, unknown> | null };

const table: { env: Record<string, string>; source: string; metadata: Record<string, unknown> | null }[] = [
  {
    env: { CLAUDE_SESSION_ID: 'c-1' },
    source: 'agent',
    metadata: { agent_type: 'claude-code', session_id: 'c-1' },
  },
  { env: { CODEX_SESSION_ID: 'x-1' }, source: 'agent', metadata: { agent_type: 'codex', session_id: 'x-1' } },
  {
    env: { OPENCLAW_AGENT_ID: 'claw-7' },
    source: 'agent',
    metadata: { agent_type: 'openclaw', agent_id: 'claw-7' },
  },
  { env: { CURSOR_AGENT: '1' }, source: 'agent', metadata: { agent_type: 'cursor' } },
  { env: { CLAUDECODE: '1' }, source: 'agent', metadata: { agent_type: 'claude-code' } },
  {
    env: { CLAUDE_CODE_ENTRYPOINT: 'cli', CLAUDE_SESSION_ID: 'c-2' },
    source: 'agent',
    metadata: { agent_type: 'claude-code', session_id: 'c-2' },
  },
  { env: { CODEX_THREAD_ID: 't-9' }, source: 'agent', metadata: { agent_type: 'codex', session_id: 't-9' } },
  { env: { CODEX_SANDBOX: 'seatbelt' }, source: 'agent', metadata: { agent_type: 'codex' } },
  { env: { GEMINI_CLI: '1' }, source: 'agent', metadata: { agent_type: 'gemini-cli' } },
  { env: { OPENCODE: '1' }, source: 'agent', metadata: { agent_type: 'opencode' } },
  { env: {}, source: 'cli', metadata: null },
  { env: { CLAUDECODE: '' }, source: 'cli', metadata: null },
];

describe('agent mode auto-detection', () => {
  it.each(table)('$env -> source $source, metadata $metadata', async ({ env, source, metadata }) => {
    const world = await createWorld();
    // As the human administrator: only the environment can make this agent work.
    const result = await runKeito(['time', 'log', '--project', 'acme', '--hours', '0.5', '--json'], {
      env: { ...world.adminEnv, ...env },
    });
    expect(result.stderr).toBe('');
    const entry = json<Entry>(result);
    expect(entry.source).toBe(source);
    expect(entry.metadata).toEqual(metadata);
  });

  it("adds the configured agent.agent_id, as the page's resulting entry shows", async () => {
    const world = await createWorld();
    const result = await runKeito(['time', 'start', '--project', 'acme', '--task', 'development', '--json'], {
      env: {
        ...world.agentEnv,
        CLAUDE_SESSION_ID: 'auto-detected-from-env',
        KEITO_AGENT_ID: 'review-bot-01',
      },
    });
    expect(json<Entry>(result)).toMatchObject({
      source: 'agent',
      metadata: {
        agent_type: 'claude-code',
        session_id: 'auto-detected-from-env',
        agent_id: 'review-bot-01',
      },
    });
  });

  it("makes an agent user's entries agent work when nothing else decides, unless --source says otherwise", async () => {
    const world = await createWorld();
    const plain = json<Entry>(
      await runKeito(['time', 'log', '--project', 'acme', '--hours', '1', '--json'], { env: world.agentEnv }),
    );
    expect(plain).toMatchObject({ source: 'agent', metadata: null });
    const cli = json<Entry>(
      await runKeito(['time', 'log', '--project', 'acme', '--hours', '1', '--source', 'cli', '--json'], {
        env: world.agentEnv,
      }),
    );
    expect(cli.source).toBe('cli');
  });

  it('lets --source, --agent-id and --session-id override what was detected', async () => {
    const world = await createWorld();
    const env = { ...world.agentEnv, CLAUDE_SESSION_ID: 'detected' };
    const explicit = json<Entry>(
      await runKeito(
        [
          'time',
          'log',
          '--project',
          'acme',
          '--hours',
          '1',
          '--agent-id',
          'my-custom-bot',
          '--session-id',
          'mine',
          '--json',
        ],
        { env },
      ),
    );
    expect(explicit).toMatchObject({
      source: 'agent',
      metadata: { agent_type: 'claude-code', agent_id: 'my-custom-bot', session_id: 'mine' },
    });
    const human = json<Entry>(
      await runKeito(['time', 'log', '--project', 'acme', '--hours', '1', '--source', 'cli', '--json'], {
        env,
      }),
    );
    expect(human).toMatchObject({ source: 'cli', metadata: null });
    const fromEnv = json<Entry>(
      await runKeito(['time', 'log', '--project', 'acme', '--hours', '1', '--json'], {
        env: { ...env, KEITO_SOURCE: 'api' },
      }),
    );
    expect(fromEnv.source).toBe('api');
    expect(
      (await runKeito(['time', 'log', '--project', 'acme', '--hours', '1', '--source', 'robot'], { env }))
        .code,
    ).toBe(2);
  });
});
