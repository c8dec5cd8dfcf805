// The spec's CI and wrapper examples, run as written: each workflow step's shell script with the
// expressions GitHub/GitLab would substitute, the env the workflow sets, and `keito` on PATH as
// `npm install -g @keito/cli` leaves it.
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { api } from '@keito/testkit';
import { describe, expect, it } from 'vitest';
import { baseEnv, binDir, createWorld, server, tempDir } from './support/keito.js';

type Entry = { source: string; notes: string; is_running: boolean; metadata: Record<string, unknown> };
type Expense = { units: number; expense_category_id: string; notes: string; source: string };

async function step(script: string, env: Record<string, string | undefined>, cwd: string) {
  try {
    return await promisify(execFile)('bash', ['-e', '-c', script], { env: env as NodeJS.ProcessEnv, cwd });
  } catch (error) {
    const e = error as { stdout: string; stderr: string };
    throw new Error(`step failed:\n${script}\n${e.stdout}\n${e.stderr}`);
  }
}

function executable(file: string, text: string) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  chmodSync(file, 0o755);
}

describe('the documented CI examples', () => {
  it('examples/github-actions.md: start, review, stop and log the token cost', async () => {
    const world = await createWorld({ code: 'acme-website' });
    await api(
      server,
      world.workspace.api_key,
      'POST',
      `/projects/${world.fixture.project.id}/task-assignments`,
      {
        task_id: (
          await api<{ id: string }>(server, world.workspace.api_key, 'POST', '/tasks', {
            name: 'Code Review',
          })
        ).id,
      },
    );
    const workspaceDir = tempDir('keito-gha-');
    executable(
      path.join(workspaceDir, 'scripts/ai-review.sh'),
      '#!/bin/sh\necho "reviewing..."\necho "tokens: 1234"\n',
    );
    const githubOutput = path.join(workspaceDir, 'github-output');
    writeFileSync(githubOutput, '');
    const env = {
      ...baseEnv(tempDir('keito-home-')),
      PATH: `${binDir()}:${process.env.PATH}`,
      // jobs.review.env
      KEITO_API_KEY: world.fixture.agentApiKey,
      KEITO_ACCOUNT_ID: world.workspace.account_id,
      KEITO_BASE_URL: server.baseUrl,
      GITHUB_OUTPUT: githubOutput,
      CI: 'true',
    };
    const expressions: Record<string, string> = {
      'vars.PROJECT_SLUG': 'acme-website',
      'github.run_id': '987654321',
      'github.event.pull_request.number': '42',
      'github.event.pull_request.title': 'Add OAuth',
    };
    const substitute = (script: string) =>
      script.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, name: string) => {
        if (name in expressions) return expressions[name] as string;
        const output = /^steps\.review\.outputs\.(\w+)$/.exec(name);
        const line = readFileSync(githubOutput, 'utf8')
          .split('\n')
          .find((l) => l.startsWith(`${output?.[1]}=`));
        return line?.split('=')[1] ?? '';
      });

    await step(
      substitute(`keito time start \\
  --project \${{ vars.PROJECT_SLUG }} \\
  --task code-review \\
  --source agent \\
  --agent-id "gh-actions-reviewer" \\
  --session-id "\${{ github.run_id }}"`),
      env,
      workspaceDir,
    );
    await step(
      `./scripts/ai-review.sh > review-output.txt 2>&1
echo "token_count=$(grep -oP 'tokens: \\K[0-9]+' review-output.txt || echo 0)" >> $GITHUB_OUTPUT`,
      env,
      workspaceDir,
    );
    await step(
      substitute(`keito time stop \\
  --notes "AI code review for PR #\${{ github.event.pull_request.number }}: \${{ github.event.pull_request.title }}"
if [ "\${{ steps.review.outputs.token_count }}" -gt 0 ]; then
  keito expense log \\
    --project \${{ vars.PROJECT_SLUG }} \\
    --quantity \${{ steps.review.outputs.token_count }} \\
    --notes "Code review tokens for PR #\${{ github.event.pull_request.number }}"
fi`),
      env,
      workspaceDir,
    );

    const entries = await api<{ data: Entry[] }>(server, world.workspace.api_key, 'GET', '/time-entries');
    expect(entries.data).toHaveLength(1);
    expect(entries.data[0]).toMatchObject({
      is_running: false,
      source: 'agent',
      notes: 'AI code review for PR #42: Add OAuth',
      metadata: { agent_id: 'gh-actions-reviewer', session_id: '987654321' },
    });
    const expenses = await api<{ data: Expense[] }>(server, world.workspace.api_key, 'GET', '/expenses');
    expect(expenses.data).toHaveLength(1);
    // The expense step has neither --category nor --source: the agent user's key makes it agent work,
    // and agent mode defaults to LLM Usage.
    expect(expenses.data[0]).toMatchObject({
      units: 1234,
      expense_category_id: 'cat_llm_usage',
      notes: 'Code review tokens for PR #42',
    });
  });

  it('cli/ci-integration.md GitLab job: before_script, script, after_script', async () => {
    const world = await createWorld({ code: 'myproject' });
    await api(
      server,
      world.workspace.api_key,
      'POST',
      `/projects/${world.fixture.project.id}/task-assignments`,
      {
        task_id: (
          await api<{ id: string }>(server, world.workspace.api_key, 'POST', '/tasks', {
            name: 'Code Review',
          })
        ).id,
      },
    );
    const dir = tempDir('keito-gitlab-');
    executable(path.join(dir, 'scripts/ai-review.sh'), '#!/bin/sh\nexit 0\n');
    const env = {
      ...baseEnv(tempDir('keito-home-')),
      PATH: `${binDir()}:${process.env.PATH}`,
      KEITO_API_KEY: world.fixture.agentApiKey,
      KEITO_ACCOUNT_ID: world.workspace.account_id,
      KEITO_BASE_URL: server.baseUrl,
      CI_COMMIT_SHORT_SHA: 'abc1234',
      TOKEN_COUNT: '321',
      GITLAB_CI: 'true',
    };
    await step('keito time start --project myproject --task code-review --source agent', env, dir);
    await step('./scripts/ai-review.sh', env, dir);
    await step('keito time stop --notes "AI review for $CI_COMMIT_SHORT_SHA"', env, dir);
    await step('keito expense log --project myproject --quantity $TOKEN_COUNT', env, dir);
    const entries = await api<{ data: Entry[] }>(server, world.workspace.api_key, 'GET', '/time-entries');
    expect(entries.data[0]).toMatchObject({
      source: 'agent',
      notes: 'AI review for abc1234',
      is_running: false,
    });
    const expenses = await api<{ data: Expense[] }>(server, world.workspace.api_key, 'GET', '/expenses');
    expect(expenses.data[0]).toMatchObject({ units: 321, expense_category_id: 'cat_llm_usage' });
  });

  it('examples/claude-code.md: the keito-claude.sh wrapper tracks a session', async () => {
    const world = await createWorld({ code: 'acme-website' });
    const dir = tempDir('keito-claude-');
    const bin = binDir();
    executable(path.join(bin, 'claude'), '#!/bin/sh\necho "claude ran with: $*"\n');
    executable(path.join(bin, 'uuidgen'), `#!/bin/sh\nnode -e 'console.log(crypto.randomUUID())'\n`);
    executable(
      path.join(dir, 'keito-claude.sh'),
      `#!/bin/bash
# keito-claude.sh — Track Claude Code sessions with Keito
set -e
PROJECT="\${1:?Usage: keito-claude.sh [task-slug]}"
TASK="\${2:-development}"
SESSION_ID=$(uuidgen)
echo "Starting Keito tracking for project: $PROJECT"
# Start the timer
keito time start \\
  --project "$PROJECT" \\
  --task "$TASK" \\
  --source agent \\
  --agent-id "claude-code" \\
  --session-id "$SESSION_ID"
# Run Claude Code (interactive session)
claude "$@" || true
# Stop the timer
keito time stop --notes "Claude Code session"
echo "Session tracked. ID: $SESSION_ID"
`,
    );
    const env = { ...baseEnv(tempDir('keito-home-')), PATH: `${bin}:${process.env.PATH}`, ...world.agentEnv };
    const { stdout } = await step('./keito-claude.sh acme-website', env, dir);
    const sessionId = /Session tracked\. ID: (\S+)/.exec(stdout)?.[1];
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
    const entries = await api<{ data: Entry[] }>(server, world.workspace.api_key, 'GET', '/time-entries');
    expect(entries.data[0]).toMatchObject({
      source: 'agent',
      notes: 'Claude Code session',
      is_running: false,
      metadata: { agent_id: 'claude-code', session_id: sessionId },
    });
  });
});
