#!/usr/bin/env node
// The `keito` command as npm links it. npm links a workspace's bin while installing, before anything
// is built, so the link must point at a file that is in git: after `npm ci`, `npx keito` works. In
// this repository the SDK and the CLI are built (tsup, a few seconds) on the first run and again
// whenever their sources are newer than the build, so `npx keito` after a `git pull` runs the code
// that was pulled. A published package ships dist/ without src/ and goes straight to it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/keito.js', import.meta.url);
const sources = [new URL('../src/', import.meta.url), new URL('../../sdk/src/', import.meta.url)].map((url) =>
  fileURLToPath(url),
);

/** The newest modification time of any file under the directory, 0 when it does not exist. */
function newestChange(directory) {
  if (!existsSync(directory)) return 0;
  let newest = 0;
  for (const item of readdirSync(directory, { recursive: true, withFileTypes: true })) {
    if (item.isFile())
      newest = Math.max(newest, statSync(`${item.parentPath ?? item.path}/${item.name}`).mtimeMs);
  }
  return newest;
}

const builtAt = existsSync(entry) ? statSync(entry).mtimeMs : 0;
if (builtAt === 0 || sources.some((directory) => newestChange(directory) > builtAt)) {
  const root = fileURLToPath(new URL('../../..', import.meta.url));
  process.stderr.write(`Building the keito CLI (${builtAt === 0 ? 'first run' : 'sources changed'})...\n`);
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
