#!/usr/bin/env node
// Ingest benchmark: POST /v1/time-entries (and the batch endpoint) through the real server on the
// embedded PostgreSQL, against raw `pg` INSERTs of the same rows at the same concurrency on the same
// database. Prints requests/s, p50/p99 latency and the ratio API/raw (target >= 0.5).
//
//   npm run bench:ingest                      10 s a side in 5 alternating rounds, 16 connections
//   BENCH_SECONDS=20 BENCH_ROUNDS=10 BENCH_CONNECTIONS=8 npm run bench:ingest
// Options are in bench/README.md.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { expectStatus, startBenchServer } from '../server.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const BATCH = 100;
// BENCH_PHASES=single (or batch) runs one pair of phases, e.g. to profile one of them.
const PHASES = (process.env.BENCH_PHASES ?? 'single,batch').split(',');

// Enterprise with limits no run reaches: the rate-limit counting is measured, never a refusal.
const bench = await startBenchServer({
  workspaceArgs: process.env.BENCH_NO_RATE_LIMITS
    ? []
    : ['--rate-limit-per-minute', '100000000', '--rate-limit-per-day', '1000000000'],
});
const { api } = bench;

try {
  const client = await api('POST', '/v1/clients', { name: 'Bench Client' });
  const project = expectStatus(201)(
    await api('POST', '/v1/projects', { name: 'Bench', client_id: client.body.id, hourly_rate: 100 }),
  );
  const entry = () => ({
    project_id: project.body.id,
    spent_date: '2026-05-05',
    hours: 0.5,
    notes: 'Reviewed pull request',
    source: 'agent',
    metadata: { agent_id: 'bench-bot', model: 'claude-opus-4-6', session_id: randomBytes(8).toString('hex') },
  });

  const pool = await bench.rawPool(CONNECTIONS);
  const sample = expectStatus(201)(await api('POST', '/v1/time-entries', entry())).body;
  const [row] = (await pool.query('SELECT * FROM time_entries WHERE id = $1', [sample.id])).rows;
  const columns = Object.keys(row).filter((column) => !['created_at', 'updated_at'].includes(column));
  const rawRow = () =>
    columns.map((column) => (column === 'id' ? `te_${randomBytes(13).toString('hex')}` : row[column]));
  const insert = (rows) => {
    const params = rows.flat();
    const tuples = rows.map(
      (_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(', ')})`,
    );
    return pool.query(`INSERT INTO time_entries (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, params);
  };

  const ratios = [];
  console.log(
    `ingest benchmark: ${SECONDS} s a side in ${ROUNDS} alternating rounds, ${CONNECTIONS} connections, ${os.cpus().length} CPUs`,
  );
  if (PHASES.includes('single')) {
    const ratio = await compare(
      ['API  POST /v1/time-entries', () => api('POST', '/v1/time-entries', entry()).then(expectStatus(201))],
      ['raw  INSERT 1 row', () => insert([rawRow()])],
    );
    ratios.push(`single: API/raw = ${ratio} (target >= 0.5)`);
  }
  if (PHASES.includes('batch')) {
    const ratio = await compare(
      [
        `API  POST /v1/time-entries/batch (${BATCH} items)`,
        () =>
          api('POST', '/v1/time-entries/batch', { items: Array.from({ length: BATCH }, entry) }).then(
            (response) => {
              expectStatus(200)(response);
              if (response.body.created.length !== BATCH)
                throw new Error(JSON.stringify(response.body.failed[0]));
            },
          ),
      ],
      [`raw  INSERT ${BATCH} rows`, () => insert(Array.from({ length: BATCH }, rawRow))],
    );
    ratios.push(`batch:  API/raw = ${ratio} (${BATCH} rows a request)`);
  }
  console.log('');
  for (const ratio of ratios) console.log(ratio);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await bench.stop();
}

/**
 * Measures the API and its raw baseline in alternating rounds (API, raw, API, raw...) of
 * SECONDS / ROUNDS each, so that a change in the shared machine's load during the run weighs on
 * both sides alike. Prints each side's requests/s and latency percentiles over all its rounds, and
 * returns the ratio of the two with each round's ratio.
 */
async function compare([apiLabel, apiOnce], [rawLabel, rawOnce]) {
  const api = { latencies: [], seconds: 0, clientCpuMicros: 0 };
  const raw = { latencies: [], seconds: 0, clientCpuMicros: 0 };
  // Warm-up, not counted: the JIT compiles the hot paths, pools open their connections.
  await drive(apiOnce, { ...api, latencies: [] }, WARMUP_SECONDS);
  await drive(rawOnce, { ...raw, latencies: [] }, WARMUP_SECONDS);
  const roundRatios = [];
  for (let round = 0; round < ROUNDS; round++) {
    const apiRate = await drive(apiOnce, api);
    const rawRate = await drive(rawOnce, raw);
    roundRatios.push(apiRate / rawRate);
  }
  const apiRps = report(apiLabel, api);
  const rawRps = report(rawLabel, raw);
  return `${(apiRps / rawRps).toFixed(2)} (rounds: ${roundRatios.map((ratio) => ratio.toFixed(2)).join(' ')})`;
}

/** Runs `once` on CONNECTIONS loops for one round; adds to `side` and returns this round's rate. */
async function drive(once, side, seconds = SECONDS / ROUNDS) {
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  let count = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        await once();
        side.latencies.push(performance.now() - t0);
        count++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  side.seconds += elapsed;
  side.clientCpuMicros += cpu.user + cpu.system;
  return count / elapsed;
}

function report(label, { latencies, seconds, clientCpuMicros }) {
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  const rps = latencies.length / seconds;
  console.log(
    `${label.padEnd(44)} ${rps.toFixed(0).padStart(7)} req/s   p50 ${at(0.5).toFixed(1).padStart(6)} ms   p99 ${at(0.99).toFixed(1).padStart(6)} ms   load generator ${(clientCpuMicros / latencies.length).toFixed(0).padStart(4)} µs CPU/req`,
  );
  return rps;
}
