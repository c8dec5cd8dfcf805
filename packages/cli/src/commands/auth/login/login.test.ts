import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseEnv, createWorld, keitoBin, runKeito, server, tempDir } from '../../../../test/support/keito.js';

describe('keito auth login', () => {
  it('--with-token verifies the key from stdin and stores it in ~/.keito/config.toml with mode 0600', async () => {
    const world = await createWorld();
    const home = tempDir('keito-home-');
    const result = await runKeito(['auth', 'login', '--with-token'], {
      home,
      input: `${world.fixture.agentApiKey}\n`,
      env: { KEITO_BASE_URL: server.baseUrl },
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('✓ Logged in as review-bot-01');
    const file = path.join(home, '.keito', 'config.toml');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toContain(world.fixture.agentApiKey);

    // No environment now: the stored key, account and URL are enough.
    const whoami = await runKeito(['whoami'], { home });
    expect(whoami.stdout).toBe(
      `✓ Authenticated as review-bot-01\nWorkspace: Acme Consulting\nAccount: ${world.workspace.account_id}\n`,
    );

    const logout = await runKeito(['auth', 'logout'], { home });
    expect(logout).toMatchObject({ code: 0, stdout: '✓ Logged out: stored credentials removed\n' });
    expect(readFileSync(file, 'utf8')).not.toContain('keito_sk_');
    expect((await runKeito(['whoami'], { home })).code).toBe(4);
  });

  it('--with-token refuses a key the server rejects (exit 4) and stores nothing', async () => {
    const home = tempDir('keito-home-');
    const result = await runKeito(['auth', 'login', '--with-token'], {
      home,
      input: 'keito_sk_wrong\n',
      env: { KEITO_BASE_URL: server.baseUrl },
    });
    expect(result.code).toBe(4);
    expect((await runKeito(['config', 'list', '--json'], { home })).stdout).not.toContain('keito_sk_wrong');
  });

  it('without a terminal prints the authorisation URL and receives the key on the loopback redirect', async () => {
    const world = await createWorld();
    const home = tempDir('keito-home-');
    const child = spawn(keitoBin, ['auth', 'login'], {
      env: { ...baseEnv(home), KEITO_BASE_URL: server.baseUrl } as NodeJS.ProcessEnv,
    });
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    const url = await new Promise<URL>((resolve) => {
      child.stderr.on('data', (c: Buffer) => {
        stderr += c.toString();
        const match = /(http:\/\/\S+\/cli\/authorize\?\S+)/.exec(stderr);
        if (match?.[1]) resolve(new URL(match[1]));
      });
    });
    expect(url.origin).toBe(server.origin);
    const redirect = url.searchParams.get('redirect_uri') ?? '';
    const state = url.searchParams.get('state') ?? '';
    expect(redirect).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);

    // A request with another state is turned away and the CLI keeps waiting.
    const forged = await fetch(`${redirect}?state=forged&key=${world.fixture.agentApiKey}`);
    expect(forged.status).toBe(400);

    // What the web app's page does: a form POST of the key and state to redirect_uri.
    const done = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
    const answer = await fetch(redirect, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        state,
        key: world.fixture.agentApiKey,
        account_id: world.workspace.account_id,
      }),
    });
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain('Keito CLI authorised');
    expect(await done).toBe(0);
    expect(stdout).toContain('✓ Logged in as review-bot-01');
    expect((await runKeito(['whoami'], { home })).code).toBe(0);
  });

  it('gives up with exit 1 when the user denies access', async () => {
    const home = tempDir('keito-home-');
    const child = spawn(keitoBin, ['auth', 'login'], {
      env: { ...baseEnv(home), KEITO_BASE_URL: server.baseUrl } as NodeJS.ProcessEnv,
    });
    let stderr = '';
    const url = await new Promise<URL>((resolve) => {
      child.stderr.on('data', (c: Buffer) => {
        stderr += c.toString();
        const match = /(http:\/\/\S+\/cli\/authorize\?\S+)/.exec(stderr);
        if (match?.[1]) resolve(new URL(match[1]));
      });
    });
    const done = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
    await fetch(
      `${url.searchParams.get('redirect_uri')}?state=${url.searchParams.get('state')}&error=access_denied`,
    );
    expect(await done).toBe(1);
    expect(stderr).toContain('Authorisation was not granted: access_denied');
  });
});
