#!/usr/bin/env node
// Runs every test suite of the repository one after the other and ends with one line,
// "N passed, N failed", that CI reads. `npm test -- server sdk` runs only the suites named.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const reports = mkdtempSync(path.join(os.tmpdir(), 'keito-test-reports-'));

const FAR_ZONES = ['Pacific/Kiritimati', 'America/Adak'];
/** The server's tests of calendar dates: the workspace clock, the lock rule and the report presets through the API. */
const DATE_TEST_FILES = [
  'src/lib/workspace-clock.test.ts',
  'test/workspace-clock.test.ts',
  'src/domains/reports/filters.test.ts',
  'test/reports-time.test.ts',
];

/**
 * Each suite runs commands (with extra environment variables if a step gives them) and says where
 * its machine-readable results land.
 */
const suites = [
  {
    name: 'server',
    steps: [
      [
        'npx',
        [
          'vitest',
          'run',
          '--reporter=default',
          '--reporter=json',
          `--outputFile.json=${reports}/server.json`,
        ],
      ],
    ],
    cwd: 'apps/server',
    counts: () => vitestCounts(`${reports}/server.json`),
  },
  {
    // The date logic once more with the process in far zones (UTC+14, and UTC-10/-9 with daylight
    // saving): a date taken from the machine's zone instead of the workspace's fails here.
    name: 'server-tz',
    steps: FAR_ZONES.map((zone, index) => [
      'npx',
      [
        'vitest',
        'run',
        ...DATE_TEST_FILES,
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${reports}/server-tz-${index}.json`,
      ],
      { KEITO_TEST_TZ: zone },
    ]),
    cwd: 'apps/server',
    counts: () => sumCounts(FAR_ZONES.map((_, index) => vitestCounts(`${reports}/server-tz-${index}.json`))),
  },
  {
    name: 'sdk',
    steps: [
      ['npm', ['run', 'build']],
      [
        'npx',
        ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reports}/sdk.json`],
      ],
    ],
    cwd: 'packages/sdk',
    counts: () => vitestCounts(`${reports}/sdk.json`),
  },
  {
    // The web app's own logic that needs no browser (how the URL keeps a screen's state).
    name: 'web',
    steps: [
      [
        'npx',
        ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reports}/web.json`],
      ],
    ],
    cwd: 'apps/web',
    counts: () => vitestCounts(`${reports}/web.json`),
  },
  {
    // Browser tests: the built web app in the system Chromium against a real server process.
    name: 'e2e',
    steps: [
      // The browser tests drive the built `keito` command through `keito auth login`.
      ['npm', ['run', 'build', '-w', '@keito/sdk']],
      ['npm', ['run', 'build', '-w', '@keito/cli']],
      [
        'npx',
        ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reports}/e2e.json`],
      ],
    ],
    cwd: 'e2e',
    counts: () => vitestCounts(`${reports}/e2e.json`),
  },
  {
    name: 'cli',
    steps: [
      ['npm', ['run', 'build', '-w', '@keito/sdk']],
      ['npm', ['run', 'build', '-w', '@keito/cli']],
      [
        'npx',
        ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reports}/cli.json`],
      ],
    ],
    cwd: 'packages/cli',
    counts: () => vitestCounts(`${reports}/cli.json`),
  },
  {
    // The OpenAPI document against the server that serves it: Schemathesis sends generated requests
    // to every operation and fails on any answer the document does not describe. Then the proof that
    // it would notice: with one request schema loosened, it must fail (loosened.sh, decision 0047).
    name: 'contract',
    steps: [
      ['bash', ['run.sh', '--report', 'junit', `--report-junit-path=${reports}/contract.xml`]],
      ['bash', ['loosened.sh']],
    ],
    cwd: 'apps/server/contract',
    counts: () => junitCounts(`${reports}/contract.xml`),
  },
  {
    name: 'python',
    steps: [['bash', ['scripts/test.sh', `--junitxml=${reports}/python.xml`]]],
    cwd: 'python',
    counts: () => junitCounts(`${reports}/python.xml`),
  },
];

function vitestCounts(file) {
  if (!existsSync(file)) return undefined;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

/** The counts of several reports; undefined when any is missing, so a crashed step cannot pass. */
function sumCounts(counts) {
  if (counts.some((count) => count === undefined)) return undefined;
  return counts.reduce((total, count) => ({
    passed: total.passed + count.passed,
    failed: total.failed + count.failed,
    skipped: total.skipped + count.skipped,
  }));
}

function junitCounts(file) {
  if (!existsSync(file)) return undefined;
  const xml = readFileSync(file, 'utf8');
  const suite = /<testsuite\b[^>]*>/.exec(xml)?.[0] ?? '';
  const attribute = (name) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(suite)?.[1] ?? 0);
  const failed = attribute('failures') + attribute('errors');
  const skipped = attribute('skipped');
  return { passed: attribute('tests') - failed - skipped, failed, skipped };
}

/**
 * Tools some suites run from the system: the browser suite drives Chromium (e2e/support/browser.ts),
 * and the server suites read invoice PDFs back with poppler's pdftotext, as a client's tools would.
 * Without one, those tests would fail one by one after minutes of other suites, so it is checked
 * first: installed from the system's packages when we may (root with apt-get, as on a fresh
 * container), otherwise the run stops at once with one line saying what to install.
 */
function provideSystemTool({ path, variable, aptPackage, usedBy }) {
  const found = (variable && process.env[variable]) ?? path;
  if (existsSync(found)) return;
  const canInstall =
    (variable === undefined || process.env[variable] === undefined) &&
    process.getuid?.() === 0 &&
    spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (canInstall) {
    console.log(`${found} is missing: installing the system package (apt-get install ${aptPackage})`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const install =
      update.status === 0 &&
      spawnSync('apt-get', ['install', '-y', '-qq', aptPackage], { stdio: 'inherit', env }).status === 0;
    if (install && existsSync(found)) return;
  }
  console.error(
    `${usedBy} need ${found}: install it (sudo apt-get install -y ${aptPackage} on Debian/Ubuntu)${variable ? ` or set ${variable}` : ''}, or run the other suites (npm test -- ${suites.map((suite) => suite.name).join(' ')}).`,
  );
  process.exit(1);
}

function run(command, args, cwd, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: 'inherit', env: { ...process.env, TZ: 'UTC', ...env } });
    child.on('close', (code) => resolve(code ?? 1));
    child.on('error', () => resolve(1));
  });
}

const wanted = process.argv.slice(2);
const selected = wanted.length === 0 ? suites : suites.filter((suite) => wanted.includes(suite.name));
if (selected.length === 0) {
  console.error(`Unknown suite. Suites: ${suites.map((suite) => suite.name).join(', ')}`);
  process.exit(2);
}

if (selected.some((suite) => suite.name === 'e2e')) {
  provideSystemTool({
    path: '/usr/bin/chromium',
    variable: 'CHROMIUM_PATH',
    aptPackage: 'chromium',
    usedBy: 'The browser tests',
  });
}
if (selected.some((suite) => suite.name.startsWith('server'))) {
  provideSystemTool({
    path: '/usr/bin/pdftotext',
    aptPackage: 'poppler-utils',
    usedBy: 'The invoice PDF tests',
  });
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const summary = [];
for (const suite of selected) {
  console.log(`\n=== ${suite.name} ===`);
  let exitCode = 0;
  for (const [command, args, env] of suite.steps) {
    exitCode = await run(command, args, path.join(root, suite.cwd), env);
    if (exitCode !== 0) break;
  }
  // A suite that crashed before reporting counts as one failure, so it can never pass unseen.
  const counts = suite.counts() ?? { passed: 0, failed: 1, skipped: 0 };
  if (exitCode !== 0 && counts.failed === 0) counts.failed = 1;
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  summary.push(
    `${suite.name}: ${counts.passed} passed, ${counts.failed} failed${exitCode === 0 ? '' : ` (exit ${exitCode})`}`,
  );
}

console.log(`\n${summary.join('\n')}`);
console.log(
  `${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`,
);
process.exit(totals.failed === 0 ? 0 : 1);
