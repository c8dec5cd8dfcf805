#!/usr/bin/env node
// Invoice benchmark: `POST /v1/invoices` importing a month of billable time (BENCH_ENTRIES, default
// 10,000 entries of 5 people, grouped by person), against the same aggregation as one hand-written
// SQL query on the same rows. Between rounds the draft is deleted, which releases its entries for
// the next round (not timed). For reference it also times the aggregation with the same link rows
// written by hand. Prints each side's time and ends with `invoice: API/SQL = <ratio>` (target <= 2).
//
//   npm run bench:invoice                  5 alternating rounds
//   BENCH_ROUNDS=10 BENCH_ENTRIES=20000 npm run bench:invoice
// Options are in bench/README.md.
import os from 'node:os';
import { expectStatus, startBenchServer } from '../server.mjs';

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PEOPLE = 5;
const MONTH = { from: '2025-06-01', to: '2025-06-30' };

const bench = await startBenchServer({
  workspaceArgs: ['--rate-limit-per-minute', '100000000', '--rate-limit-per-day', '1000000000'],
});
const { api } = bench;

try {
  // Approvals off: every billable entry of the month is importable without approving it first.
  expectStatus(200)(await api('PATCH', '/v1/workspace', { features: { approvals: false } }));
  const client = expectStatus(201)(await api('POST', '/v1/clients', { name: 'Bench Client' }));
  const project = expectStatus(201)(
    await api('POST', '/v1/projects', { name: 'Bench', client_id: client.body.id, hourly_rate: 150 }),
  );
  const people = [bench.workspace.user_id];
  for (let n = 1; n < PEOPLE; n++) {
    const agent = expectStatus(201)(
      await api('POST', '/v1/users', { name: `bench-bot-0${n}`, user_type: 'agent' }),
    );
    people.push(agent.body.id);
  }
  const sample = expectStatus(201)(
    await api('POST', '/v1/time-entries', {
      project_id: project.body.id,
      spent_date: MONTH.from,
      hours: 1.25,
      notes: 'Reviewed pull request',
      source: 'agent',
    }),
  ).body;
  const pool = await bench.rawPool(1);

  // The month: copies of the API's entry spread over the days and the people, in one statement.
  const started = performance.now();
  await pool.query(
    `INSERT INTO time_entries
     SELECT (jsonb_populate_record(null::time_entries, to_jsonb(t) || jsonb_build_object(
       'id', t.id || '_' || lpad(n::text, 6, '0'),
       'user_id', ($3::text[])[1 + n % array_length($3::text[], 1)],
       'spent_date', date '${MONTH.from}' + (n % 30)))).*
     FROM time_entries t, generate_series(1, $2::int - 1) n WHERE t.id = $1`,
    [sample.id, ENTRIES, people],
  );
  await pool.query('VACUUM ANALYZE time_entries');
  console.log(
    `seeded ${ENTRIES} entries of ${PEOPLE} people over ${MONTH.from}..${MONTH.to} in ${secondsSince(started)} s (SQL)`,
  );

  const importBody = {
    client_id: client.body.id,
    line_items_import: { project_ids: [project.body.id], time: { summary_type: 'people', ...MONTH } },
  };
  /** Creates the invoice, checks it billed every entry, and deletes the draft (untimed) to free them. */
  const apiImport = async () => {
    const t0 = performance.now();
    const invoice = expectStatus(201)(await api('POST', '/v1/invoices', importBody)).body;
    const elapsed = performance.now() - t0;
    const billed = invoice.line_items.reduce((sum, line) => sum + line.time_entry_count, 0);
    if (billed !== ENTRIES || invoice.line_items.length !== PEOPLE) {
      throw new Error(`the invoice billed ${billed} entries on ${invoice.line_items.length} lines`);
    }
    expectStatus(204)(await api('DELETE', `/v1/invoices/${invoice.id}`));
    return elapsed;
  };
  // The baseline: the lines of the invoice (hours of each person at each rate) in one query, over
  // the entries no invoice line links yet (decision 0055: billed is a row in time_entry_invoice_links).
  const sqlAggregate = async () => {
    const t0 = performance.now();
    const { rows } = await pool.query(
      `SELECT e.user_id, min(u.name) AS name, e.billable_rate, sum(e.hours) AS hours, count(*) AS entries
       FROM time_entries e JOIN users u ON u.id = e.user_id
       WHERE e.account_id = $1 AND e.project_id = $2 AND e.is_billable
         AND NOT EXISTS (SELECT 1 FROM time_entry_invoice_links l WHERE l.time_entry_id = e.id)
         AND e.timer_started_at IS NULL AND e.spent_date BETWEEN $3 AND $4
       GROUP BY e.user_id, e.billable_rate ORDER BY min(e.spent_date), e.user_id`,
      [bench.workspace.account_id, project.body.id, MONTH.from, MONTH.to],
    );
    const elapsed = performance.now() - t0;
    if (rows.length !== PEOPLE) throw new Error(`the SQL gave ${rows.length} lines`);
    return elapsed;
  };

  // For reference: the aggregation and the same link rows, by hand, in a transaction rolled back
  // after timing. The links point at the lines of a draft kept for this purpose.
  const holder = expectStatus(201)(
    await api('POST', '/v1/invoices', {
      client_id: client.body.id,
      line_items: people.map(() => ({ description: 'holder', quantity: 1, unit_price: 1 })),
    }),
  ).body;
  const sqlImport = async () => {
    await pool.query('BEGIN');
    const t0 = performance.now();
    await sqlAggregate();
    const { rowCount } = await pool.query(
      `INSERT INTO time_entry_invoice_links (time_entry_id, account_id, invoice_id, invoice_line_item_id)
       SELECT e.id, e.account_id, $1, claim.line_id
       FROM time_entries e JOIN unnest($2::text[], $3::text[]) AS claim(user_id, line_id) ON e.user_id = claim.user_id
       WHERE e.account_id = $4 AND e.project_id = $5 AND e.is_billable
         AND NOT EXISTS (SELECT 1 FROM time_entry_invoice_links l WHERE l.time_entry_id = e.id)
         AND e.timer_started_at IS NULL AND e.spent_date BETWEEN $6 AND $7`,
      [
        holder.id,
        people,
        holder.line_items.map((line) => line.id),
        bench.workspace.account_id,
        project.body.id,
        MONTH.from,
        MONTH.to,
      ],
    );
    const elapsed = performance.now() - t0;
    await pool.query('ROLLBACK');
    if (rowCount !== ENTRIES) throw new Error(`the SQL linked ${rowCount} entries`);
    return elapsed;
  };

  // Warm-up, not counted: the JIT compiles the hot paths, both sides' caches fill.
  await apiImport();
  await sqlAggregate();
  await sqlImport();
  console.log(
    `invoice benchmark: ${ROUNDS} alternating rounds, ${ENTRIES} entries, ${PEOPLE} lines, ${os.cpus().length} CPUs`,
  );

  const sides = {
    'API  POST /v1/invoices (import)': [],
    'SQL  one aggregation query': [],
    'SQL  aggregation + link INSERT': [],
  };
  for (let round = 0; round < ROUNDS; round++) {
    sides['API  POST /v1/invoices (import)'].push(await apiImport());
    sides['SQL  one aggregation query'].push(await sqlAggregate());
    sides['SQL  aggregation + link INSERT'].push(await sqlImport());
  }
  for (const [label, times] of Object.entries(sides)) {
    console.log(
      `${label.padEnd(34)} median ${median(times).toFixed(1).padStart(8)} ms   rounds ${times.map((t) => t.toFixed(0)).join(' ')}`,
    );
  }
  const [apiSide, sqlSide, sqlWrites] = Object.values(sides);
  console.log('');
  console.log(
    `for reference: API/(SQL with the same writes) = ${(median(apiSide) / median(sqlWrites)).toFixed(2)}`,
  );
  console.log(`invoice: API/SQL = ${(median(apiSide) / median(sqlSide)).toFixed(2)}`);
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

function secondsSince(start) {
  return ((performance.now() - start) / 1000).toFixed(1);
}
