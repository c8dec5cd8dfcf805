import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The tests drive the built app as `npm start` serves it: build it first when its sources changed. */
export default function setup() {
  const result = spawnSync(process.execPath, [path.join(root, 'apps/web/scripts/build-if-stale.mjs')], {
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('building the web app failed');
  mkdirSync(path.join(root, 'e2e/screenshots'), { recursive: true });
}
