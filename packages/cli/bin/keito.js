#!/usr/bin/env node
// The `keito` command as npm links it. npm links a workspace's bin while installing, before anything
// is built, so the link must point at a file that is in git: after `npm ci`, `npx keito` works. In
// this repository the first run builds the SDK and the CLI (tsup, a few seconds); a published package
// ships dist/ and goes straight to it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/keito.js', import.meta.url);
if (!existsSync(entry)) {
  const root = fileURLToPath(new URL('../../..', import.meta.url));
  process.stderr.write('Building the keito CLI (first run)...\n');
  // Build output goes to stderr so that stdout carries only the command's own answer.
  const build = spawnSync('npm', ['run', 'build', '--silent', '-w', '@keito/sdk', '-w', '@keito/cli'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  });
  if (build.status !== 0 || !existsSync(entry)) {
    process.stderr.write('Could not build the keito CLI: run `npm run build` at the repository root.\n');
    process.exit(1);
  }
}
await import(entry.href);
