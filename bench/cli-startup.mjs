#!/usr/bin/env node
// `keito --version` against `node -e 0`, measured in the same run: the CLI must start within twice the
// time of a bare Node. Prints the median of each and the ratio; exits 1 when the ratio is above 2.
// Build first: npm run build -w @keito/sdk && npm run build -w @keito/cli
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const keito = path.join(root, 'packages/cli/dist/keito.js');
if (!existsSync(keito)) {
  console.error(`${keito} is missing: run npm run build -w @keito/cli first`);
  process.exit(2);
}
const runs = Number(process.env.BENCH_RUNS ?? 30);

function median(command) {
  const times = [];
  for (let i = 0; i < runs + 3; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, command, { stdio: 'ignore' });
    const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) throw new Error(`${command.join(' ')} exited ${result.status}`);
    if (i >= 3) times.push(elapsed); // the first runs warm the file cache
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

// Interleaved rounds so that machine noise hits both alike.
let baseline = 0;
let cli = 0;
for (let round = 0; round < 3; round++) {
  baseline += median(['-e', '0']);
  cli += median([keito, '--version']);
}
const ratio = cli / baseline;
console.log(`node -e 0:        ${(baseline / 3).toFixed(1)} ms (median)`);
console.log(`keito --version:  ${(cli / 3).toFixed(1)} ms (median)`);
console.log(`ratio: ${ratio.toFixed(2)} (budget 2.00)`);
process.exit(ratio <= 2 ? 0 : 1);
