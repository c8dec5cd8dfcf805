#!/usr/bin/env node
// Reports benchmark: a workspace with BENCH_ENTRIES (default 1,000,000) time entries made with SQL,
// spread over people, projects, tasks, sources and dates; then, in the same run:
//   1. the time summary by project over a year, GET /v1/reports/time?group_by=project, against the
//      hand-written GROUP BY it needs (target <= 1.5);
//   2. the CSV export of every entry, GET /v1/exports/time-entries.csv, against
//      COPY (SELECT ...) TO STDOUT of the same columns in the same order (target <= 3), and the
//      server's peak resident memory while it streams (target <= 200 MB);
//   3. the XLSX export's time and peak resident memory (target <= 300 MB).
// Ends with `summary: API/SQL = <ratio>`, `csv: export/COPY = <ratio>`, `csv peak RSS: <n> MB`,
// `xlsx peak RSS: <n> MB`.
//
//   npm run bench:reports
//   BENCH_ENTRIES=200000 BENCH_ROUNDS=1 npm run bench:reports
// Options are in bench/README.md.
import { readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import copyStreams from 'pg-copy-streams';
import { expectStatus, startBenchServer } from '../server.mjs';

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 1_000_000);
// Rounds of the summary (each times both sides BENCH_SUMMARY_SAMPLES times) and of the CSV export.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SUMMARY_SAMPLES = Number(process.env.BENCH_SUMMARY_SAMPLES ?? 3);
const PEOPLE = 40;
const AGENTS = 8;
const CLIENTS = 8;
const PROJECTS = 30;
const TASKS = 10;
const YEAR = { from: '2025-01-01', to: '2025-12-31' };

const bench = await startBenchServer({
  workspaceArgs: ['--rate-limit-per-minute', '100000000', '--rate-limit-per-day', '1000000000'],
});
const { api } = bench;

try {
  // The directory through the API: the rows the entries refer to, as a workspace would have them.
  const created = async (path, body) => expectStatus(201)(await api('POST', path, body)).body;
  const clients = [];
  for (let n = 0; n < CLIENTS; n++) clients.push(await created('/v1/clients', { name: `Client ${n}` }));
  const projects = [];
  for (let n = 0; n < PROJECTS; n++) {
    projects.push(
      await created('/v1/projects', {
        name: `Project ${String(n).padStart(2, '0')}`,
        client_id: clients[n % CLIENTS].id,
        hourly_rate: 100 + 10 * (n % 8),
      }),
    );
  }
  const tasks = [];
  for (let n = 0; n < TASKS; n++) tasks.push(await created('/v1/tasks', { name: `Task ${n}` }));
  const people = [];
  for (let n = 0; n < PEOPLE; n++) {
    people.push(await created('/v1/users', { name: `Person ${n}`, email: `person${n}@example.test` }));
  }
  for (let n = 0; n < AGENTS; n++) {
    people.push(await created('/v1/users', { name: `Agent ${n}`, user_type: 'agent' }));
  }

  // Billed entries are linked to the lines of real invoices (decision 0055): a few drafts of two
  // lines each, through the API.
  const invoiceLines = [];
  for (let n = 0; n < 4; n++) {
    const invoice = await created('/v1/invoices', {
      client_id: clients[n % CLIENTS].id,
      line_items: [
        { description: 'Development', quantity: 10, unit_price: 150 },
        { description: 'Review', quantity: 2, unit_price: 120 },
      ],
    });
    for (const line of invoice.line_items) invoiceLines.push([invoice.id, line.id]);
  }

  const pool = await bench.rawPool(2);
  const account = bench.workspace.account_id;
  const started = performance.now();
  // One statement: entry n goes to person n mod 48, to a project that person works on most (a few
  // projects a person, most hours on one), a task, a day of July 2024 to December 2025 (the
  // summary's year and half a year before it), 1/4 to 8 hours, sources as agents and people mix
  // them, agent context in the metadata of agent entries, and every state an entry can be in.
  // Entries are written in date order, as a workspace writes them day after day: the table's
  // order on disk follows the dates, as it does in a real one.
  await pool.query(
    `INSERT INTO time_entries (id, account_id, user_id, project_id, task_id, spent_date, hours, notes,
       is_billable, source, metadata, billable_rate, cost_rate, approval_status)
     SELECT 'te_bench_' || lpad(n::text, 7, '0'), $1,
       u.ids[1 + n % u.count],
       p.ids[1 + ((n % u.count) * 7 + (CASE WHEN n % 10 < 7 THEN 0 ELSE n % 5 END)) % p.count],
       t.ids[1 + (n / 7) % t.count],
       date '2024-07-01' + (n::bigint * 548 / ($2::int + 1))::int,
       ((n % 32) + 1) * 0.25,
       CASE WHEN n % 1000 = 0 THEN '=HYPERLINK("http://x.test")' ELSE 'Worked on item #' || (n % 997) END,
       n % 5 <> 0,
       (ARRAY['web','web','web','web','agent','agent','agent','api','api','cli']::entry_source[])[1 + n % 10],
       CASE WHEN n % 10 BETWEEN 4 AND 6 THEN jsonb_build_object(
         'agent_id', 'bot-' || (n % 8), 'session_id', 'sess-' || (n / 40),
         'model', (ARRAY['claude-opus-4-6','claude-sonnet-4-5','gpt-5'])[1 + n % 3],
         'input_tokens', 1000 + n % 50000, 'output_tokens', 500 + n % 20000) END,
       100 + 10 * (n % 8), 60,
       (ARRAY['unsubmitted','unsubmitted','submitted','approved']::approval_status[])[1 + n % 4]
     FROM generate_series(1, $2::int) n,
       (SELECT array_agg(id ORDER BY id) ids, count(*)::int count FROM users WHERE account_id = $1) u,
       (SELECT array_agg(id ORDER BY id) ids, count(*)::int count FROM projects WHERE account_id = $1) p,
       (SELECT array_agg(id ORDER BY id) ids, count(*)::int count FROM tasks WHERE account_id = $1) t`,
    [account, ENTRIES],
  );
  // One approved entry in twelve is billed, on a line of one of the drafts (decision 0055's link rows).
  await pool.query(
    `INSERT INTO time_entry_invoice_links (time_entry_id, account_id, invoice_id, invoice_line_item_id)
     SELECT 'te_bench_' || lpad(n::text, 7, '0'), $1, l.invoices[1 + n % l.count], l.lines[1 + n % l.count]
     FROM generate_series(1, $2::int) n,
       (SELECT $3::text[] invoices, $4::text[] lines, cardinality($3::text[]) count) l
     WHERE n % 4 = 3 AND n % 3 = 0`,
    [account, ENTRIES, invoiceLines.map(([invoice]) => invoice), invoiceLines.map(([, line]) => line)],
  );
  await pool.query('VACUUM ANALYZE time_entries, time_entry_invoice_links');
  console.log(
    `seeded ${ENTRIES} entries (${people.length} people, ${PROJECTS} projects, ${TASKS} tasks) in ` +
      `${secondsSince(started)} s (SQL); ${os.cpus().length} CPUs`,
  );

  // 1. The summary by project over a year.
  const summaryUrl = `/v1/reports/time?group_by=project&from=${YEAR.from}&to=${YEAR.to}`;
  const summarySql = `
    SELECT p.id, p.name, c.currency,
      sum(te.hours) AS total_hours,
      coalesce(sum(te.hours) FILTER (WHERE te.is_billable), 0) AS billable_hours,
      coalesce(sum(te.hours) FILTER (WHERE NOT te.is_billable), 0) AS non_billable_hours,
      coalesce(sum(round(te.hours * te.billable_rate, 2)) FILTER (WHERE te.is_billable), 0) AS billable_amount,
      coalesce(sum(round(te.hours * te.billable_rate, 2))
        FILTER (WHERE te.is_billable AND billed.time_entry_id IS NULL), 0) AS uninvoiced_amount
    FROM time_entries te
    LEFT JOIN time_entry_invoice_links billed ON billed.time_entry_id = te.id
    JOIN projects p ON p.id = te.project_id
    JOIN clients c ON c.id = p.client_id
    WHERE te.account_id = $1 AND te.spent_date BETWEEN $2 AND $3
    GROUP BY p.id, p.name, c.currency
    ORDER BY p.name, p.id`;
  const probe = await api('GET', summaryUrl);
  let summaryRatio = null;
  if (probe.status === 404) {
    console.log('summary: GET /v1/reports/time is not on this server yet; not measured');
  } else {
    expectStatus(200)(probe);
    const sqlRows = (await pool.query(summarySql, [account, YEAR.from, YEAR.to])).rows;
    if (probe.body.results.length !== sqlRows.length) {
      throw new Error(`the summary has ${probe.body.results.length} rows, the GROUP BY ${sqlRows.length}`);
    }
    const sides = { api: [], sql: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (let n = 0; n < SUMMARY_SAMPLES; n++) {
        sides.api.push(await timed(async () => expectStatus(200)(await api('GET', summaryUrl))));
        sides.sql.push(await timed(() => pool.query(summarySql, [account, YEAR.from, YEAR.to])));
      }
    }
    console.log(`summary  API  median ${median(sides.api).toFixed(0)} ms   (${sqlRows.length} projects)`);
    console.log(`summary  SQL  median ${median(sides.sql).toFixed(0)} ms`);
    summaryRatio = median(sides.api) / median(sides.sql);
  }

  const rest = await readFile(`/proc/${bench.pid}/status`, 'utf8');
  console.log(
    `server RSS before the exports: ${Math.round(Number(/VmRSS:\s+(\d+) kB/.exec(rest)?.[1]) / 1024)} MB`,
  );

  // 2. The CSV export of every entry against COPY of the same columns, same order.
  const copySql = `COPY (
    SELECT te.spent_date, c.name, p.name, t.name, u.name,
      CASE WHEN te.notes ~ '^[=+@\\t\\r-]' THEN '''' || te.notes ELSE te.notes END,
      te.hours, CASE WHEN te.is_billable THEN 'Yes' ELSE 'No' END,
      CASE WHEN billed.time_entry_id IS NULL THEN 'No' ELSE 'Yes' END, te.approval_status, te.billable_rate,
      CASE WHEN te.is_billable THEN round(te.hours * te.billable_rate, 2) ELSE 0 END, c.currency,
      te.source, te.metadata->>'agent_id', te.metadata->>'session_id', te.metadata->>'model',
      te.metadata->'input_tokens', te.metadata->'output_tokens', te.id
    FROM time_entries te
    LEFT JOIN time_entry_invoice_links billed ON billed.time_entry_id = te.id
    JOIN projects p ON p.id = te.project_id JOIN clients c ON c.id = p.client_id
    JOIN users u ON u.id = te.user_id LEFT JOIN tasks t ON t.id = te.task_id
    WHERE te.account_id = '${account}'
    ORDER BY te.spent_date DESC, te.id DESC) TO STDOUT WITH (FORMAT csv, HEADER)`;
  const copy = async () => {
    const client = await pool.connect();
    try {
      let bytes = 0;
      await pipeline(
        client.query(copyStreams.to(copySql)),
        counter((n) => (bytes += n)),
      );
      return bytes;
    } finally {
      client.release();
    }
  };
  const csvSides = { export: [], copy: [] };
  let csvPeak = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const run = await exportRun('/v1/exports/time-entries.csv');
    csvSides.export.push(run.ms);
    csvPeak = Math.max(csvPeak, run.peakMb);
    let copied = 0;
    csvSides.copy.push(await timed(async () => (copied = await copy())));
    console.log(
      `csv round ${round + 1}: export ${run.ms.toFixed(0)} ms (${mb(run.bytes)} MB, first byte after ` +
        `${run.firstByteMs.toFixed(0)} ms, peak RSS ${run.peakMb} MB); COPY ${csvSides.copy.at(-1).toFixed(0)} ms (${mb(copied)} MB)`,
    );
  }

  // 3. The XLSX export, once: its time and memory.
  const xlsx = process.env.BENCH_SKIP_XLSX
    ? { ms: 0, bytes: 0, firstByteMs: 0, peakMb: 0 }
    : await exportRun('/v1/exports/time-entries.xlsx');
  console.log(
    `xlsx: ${xlsx.ms.toFixed(0)} ms (${mb(xlsx.bytes)} MB, first byte after ${xlsx.firstByteMs.toFixed(0)} ms), peak RSS ${xlsx.peakMb} MB`,
  );

  console.log('');
  if (summaryRatio === null) console.log('summary: not measured (no GET /v1/reports/time on this server)');
  else console.log(`summary: API/SQL = ${summaryRatio.toFixed(2)}`);
  console.log(`csv: export/COPY = ${(median(csvSides.export) / median(csvSides.copy)).toFixed(2)}`);
  console.log(`csv peak RSS: ${csvPeak} MB`);
  console.log(`xlsx peak RSS: ${xlsx.peakMb} MB`);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await bench.stop();
}

/**
 * Downloads an export as a client would, reading every byte, and returns its time, size, the time
 * to its first byte and the server's peak resident memory meanwhile: the kernel's high-water mark
 * (VmHWM), reset just before (writing 5 to clear_refs), so nothing earlier counts.
 */
async function exportRun(url) {
  await writeFile(`/proc/${bench.pid}/clear_refs`, '5');
  const t0 = performance.now();
  let firstByteMs = 0;
  let bytes = 0;
  await new Promise((resolve, reject) => {
    const request = http.get(
      {
        host: '127.0.0.1',
        port: bench.port,
        path: url,
        headers: { authorization: `Bearer ${bench.workspace.api_key}` },
      },
      (response) => {
        if (response.statusCode !== 200) reject(new Error(`${url}: ${response.statusCode}`));
        response.once('data', () => (firstByteMs = performance.now() - t0));
        response.on('data', (chunk) => (bytes += chunk.length));
        response.on('end', resolve);
        response.on('error', reject);
      },
    );
    request.on('error', reject);
  });
  const ms = performance.now() - t0;
  const status = await readFile(`/proc/${bench.pid}/status`, 'utf8');
  const peakKb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]);
  return { ms, bytes, firstByteMs, peakMb: Math.round(peakKb / 1024) };
}

function counter(add) {
  return new Writable({
    write(chunk, _encoding, done) {
      add(chunk.length);
      done();
    },
  });
}

async function timed(once) {
  const t0 = performance.now();
  await once();
  return performance.now() - t0;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function mb(bytes) {
  return (bytes / 1024 / 1024).toFixed(1);
}

function secondsSince(start) {
  return ((performance.now() - start) / 1000).toFixed(1);
}
