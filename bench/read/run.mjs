#!/usr/bin/env node
// Read benchmark: one person's year of time entries (BENCH_ENTRIES, default 50,000) paged through
// `GET /v1/time-entries?limit=200` following next_cursor, against one raw `pg` query returning the
// same rows with the same columns; and the year's first page against its last. Prints each side's
// time and ends with the ratios API/SQL for a month and a year (target <= 3) and last/first page
// (target <= 1.5).
//
//   npm run bench:read                     5 alternating rounds
//   BENCH_ROUNDS=10 BENCH_ENTRIES=20000 npm run bench:read
// Options are in bench/README.md.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { expectStatus, startBenchServer } from '../server.mjs';

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 50_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
// Each round times the first and the last page this many times each, alternating.
const PAGE_SAMPLES = Number(process.env.BENCH_PAGE_SAMPLES ?? 20);
const YEAR = { from: '2025-01-01', to: '2025-12-31' };
const MONTH = { from: '2025-06-01', to: '2025-06-30' };

const bench = await startBenchServer({
  workspaceArgs: ['--rate-limit-per-minute', '100000000', '--rate-limit-per-day', '1000000000'],
});
const { api } = bench;

try {
  const client = expectStatus(201)(await api('POST', '/v1/clients', { name: 'Bench Client' }));
  const project = expectStatus(201)(
    await api('POST', '/v1/projects', { name: 'Bench', client_id: client.body.id, hourly_rate: 100 }),
  );
  const sample = expectStatus(201)(
    await api('POST', '/v1/time-entries', {
      project_id: project.body.id,
      spent_date: YEAR.from,
      hours: 1.5,
      notes: 'Reviewed pull request',
      source: 'agent',
      metadata: { agent_id: 'bench-bot', model: 'claude-opus-4-6', session_id: '5f1c0e2a9d3b4c7e' },
    }),
  ).body;
  const pool = await bench.rawPool(1);

  // The year: copies of the API's entry spread evenly over the days, written in one statement.
  const started = performance.now();
  await pool.query(
    `INSERT INTO time_entries
     SELECT (jsonb_populate_record(null::time_entries, to_jsonb(t) || jsonb_build_object(
       'id', t.id || '_' || lpad(n::text, 6, '0'),
       'spent_date', date '${YEAR.from}' + (n % 365)))).*
     FROM time_entries t, generate_series(1, $2::int - 1) n WHERE t.id = $1`,
    [sample.id, ENTRIES],
  );
  await pool.query('VACUUM ANALYZE time_entries');
  console.log(`seeded ${ENTRIES} entries over ${YEAR.from}..${YEAR.to} in ${secondsSince(started)} s (SQL)`);

  // The baseline: the same rows, same columns, in the same order, in one query.
  const sqlRange = async ({ from, to }) =>
    (
      await pool.query(
        `SELECT * FROM time_entries WHERE account_id = $1 AND spent_date BETWEEN $2 AND $3
         ORDER BY spent_date DESC, id DESC`,
        [bench.workspace.account_id, from, to],
      )
    ).rows.length;

  /** Pages through a range; returns the number of rows and the cursor of the last page. */
  const apiRange = async ({ from, to }) => {
    let rows = 0;
    let cursor = null;
    let lastCursor = null;
    do {
      lastCursor = cursor;
      const url = `/v1/time-entries?limit=200&from=${from}&to=${to}${cursor ? `&cursor=${cursor}` : ''}`;
      const page = expectStatus(200)(await api('GET', url)).body;
      rows += page.data.length;
      cursor = page.next_cursor;
    } while (cursor !== null);
    return { rows, lastCursor };
  };

  // Warm-up, not counted: the JIT compiles the hot paths, both sides' caches fill.
  const { rows: yearRows, lastCursor } = await apiRange(YEAR);
  const monthRows = (await apiRange(MONTH)).rows;
  if (yearRows !== (await sqlRange(YEAR)) || monthRows !== (await sqlRange(MONTH)))
    throw new Error('the API and SQL return different row counts');
  const firstPage = `/v1/time-entries?limit=200&from=${YEAR.from}&to=${YEAR.to}`;
  const lastPage = `${firstPage}&cursor=${lastCursor}`;
  console.log(
    `read benchmark: ${ROUNDS} alternating rounds, month ${monthRows} rows (${Math.ceil(monthRows / 200)} pages), year ${yearRows} rows (${Math.ceil(yearRows / 200)} pages), ${os.cpus().length} CPUs`,
  );

  const sides = {
    'API  month, pages of 200': [],
    'SQL  month, one query': [],
    'API  year, pages of 200': [],
    'SQL  year, one query': [],
    'API  first page of the year': [],
    'API  last page of the year': [],
  };
  // The server's own CPU (user and system) during each API side, summed over the rounds: unlike the
  // wall time, it hardly moves with the shared machine's load, so it shows what a change to the
  // server saves even when the ratios drown in noise.
  const serverCpu = {};
  // PostgreSQL's CPU (the postmaster and its processes, among them the server's connections) during
  // the same sides: a statement saved is saved there as much as in the server.
  const postgresCpu = {};
  const time = async (label, once, times = 1) => {
    const cpu0 = serverCpuMs(bench.pid);
    const pg0 = postgresCpuMs(bench.postgresPid);
    const t0 = performance.now();
    for (let n = 0; n < times; n++) await once();
    sides[label].push((performance.now() - t0) / times);
    serverCpu[label] = (serverCpu[label] ?? 0) + serverCpuMs(bench.pid) - cpu0;
    postgresCpu[label] = (postgresCpu[label] ?? 0) + postgresCpuMs(bench.postgresPid) - pg0;
  };
  for (let round = 0; round < ROUNDS; round++) {
    await time('API  month, pages of 200', () => apiRange(MONTH));
    await time('SQL  month, one query', () => sqlRange(MONTH));
    await time('API  year, pages of 200', () => apiRange(YEAR));
    await time('SQL  year, one query', () => sqlRange(YEAR));
    for (let n = 0; n < PAGE_SAMPLES; n++) {
      await time('API  first page of the year', () => api('GET', firstPage).then(expectStatus(200)));
      await time('API  last page of the year', () => api('GET', lastPage).then(expectStatus(200)));
    }
  }

  for (const [label, times] of Object.entries(sides)) {
    const rounds = label.includes('page of') ? '' : `   rounds ${times.map((t) => t.toFixed(0)).join(' ')}`;
    console.log(`${label.padEnd(32)} median ${median(times).toFixed(1).padStart(8)} ms${rounds}`);
  }
  const perPage = (cpu, label, pages) => (cpu[label] / pages).toFixed(2);
  for (const [name, cpu] of [
    ['server', serverCpu],
    ['PostgreSQL', postgresCpu],
  ]) {
    console.log(
      `${name} CPU per page: month ${perPage(cpu, 'API  month, pages of 200', ROUNDS * Math.ceil(monthRows / 200))} ms, ` +
        `year ${perPage(cpu, 'API  year, pages of 200', ROUNDS * Math.ceil(yearRows / 200))} ms`,
    );
  }
  const ratio = (a, b) => (median(sides[a]) / median(sides[b])).toFixed(2);
  console.log('');
  console.log(`month: API/SQL = ${ratio('API  month, pages of 200', 'SQL  month, one query')}`);
  console.log(`year: API/SQL = ${ratio('API  year, pages of 200', 'SQL  year, one query')}`);
  console.log(`last/first page = ${ratio('API  last page of the year', 'API  first page of the year')}`);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await bench.stop();
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** User and system CPU of a process so far, from /proc (Linux; clock ticks of 10 ms). */
function serverCpuMs(pid) {
  // The fields after the command name, which is in parentheses and may hold spaces.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * User and system CPU of PostgreSQL so far: its postmaster and the processes it started (from
 * /proc/<pid>/task/<pid>/children). A process that ended takes its CPU with it, so the figure is
 * for long-lived connections, as the server's pool and the raw pool are.
 */
function postgresCpuMs(pid) {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean);
  let total = 0;
  for (const process of [pid, ...children]) {
    try {
      total += serverCpuMs(process);
    } catch {
      // It ended between the list and its stat.
    }
  }
  return total;
}

function secondsSince(start) {
  return ((performance.now() - start) / 1000).toFixed(1);
}
