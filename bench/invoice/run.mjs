#!/usr/bin/env node
// Invoice benchmark: `POST /v1/invoices` importing a month of billable time (BENCH_ENTRIES, default
// 10,000 entries of 5 people, grouped by person), against the same aggregation as one hand-written
// SQL query on the same rows, just before the import. Every round bills a month of its own, so no
// round meets what an earlier one left. For reference it also times the aggregation with the same
// link rows written by hand (rolled back, on another fresh month). Prints each side's time and ends
// with `invoice: API/SQL = <ratio>` (target <= 2).
//
//   npm run bench:invoice                  5 alternating rounds
//   BENCH_ROUNDS=10 BENCH_ENTRIES=20000 npm run bench:invoice
// Options are in bench/README.md.
import os from 'node:os';
import { expectStatus, startBenchServer } from '../server.mjs';

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PEOPLE = 5;
// Two fresh months a round and two for the warm-up: the import's, and the reference's (rolled back).
const MONTHS = 2 * (ROUNDS + 1);
/** Month `m` from January 2020, its first 28 days (every month has them). */
function month(m) {
  const first = new Date(Date.UTC(2020, m, 1)).toISOString().slice(0, 7);
  return { from: `${first}-01`, to: `${first}-28` };
}

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
      spent_date: '2019-12-31', // before the months, so it is in none of them
      hours: 1.25,
      notes: 'Reviewed pull request',
      source: 'agent',
    }),
  ).body;
  const pool = await bench.rawPool(1);

  // The months: copies of the API's entry spread over each month's days and the people, in one
  // statement. Fresh entries every round, as an import meets them: billing the same entries again
  // after deleting their draft would also time the dead index entries the deleted links left under
  // the very keys it inserts (bench/README.md).
  const started = performance.now();
  await pool.query(
    `INSERT INTO time_entries
     SELECT (jsonb_populate_record(null::time_entries, to_jsonb(t) || jsonb_build_object(
       'id', t.id || '_' || lpad(n::text, 7, '0'),
       'user_id', ($3::text[])[1 + n % array_length($3::text[], 1)],
       'spent_date', (date '2020-01-01' + make_interval(months => n / $2::int))::date + (n % 28)))).*
     FROM time_entries t, generate_series(0, $2::int * $4::int - 1) n WHERE t.id = $1`,
    [sample.id, ENTRIES, people, MONTHS],
  );
  await pool.query('VACUUM ANALYZE time_entries');
  console.log(
    `seeded ${ENTRIES} entries of ${PEOPLE} people in each of ${MONTHS} months from ${month(0).from} in ${secondsSince(started)} s (SQL)`,
  );

  /** Creates the invoice of a month, checks it billed every entry of it; the invoice stays. */
  const apiImport = async (period) => {
    const body = {
      client_id: client.body.id,
      line_items_import: { project_ids: [project.body.id], time: { summary_type: 'people', ...period } },
    };
    const t0 = performance.now();
    const invoice = expectStatus(201)(await api('POST', '/v1/invoices', body)).body;
    const elapsed = performance.now() - t0;
    const billed = invoice.line_items.reduce((sum, line) => sum + line.time_entry_count, 0);
    if (billed !== ENTRIES || invoice.line_items.length !== PEOPLE) {
      throw new Error(`the invoice billed ${billed} entries on ${invoice.line_items.length} lines`);
    }
    return elapsed;
  };
  // The baseline: the lines of the invoice (hours of each person at each rate) in one query, over
  // the entries no invoice line links yet (decision 0055: billed is a row in time_entry_invoice_links).
  const sqlAggregate = async (period) => {
    const t0 = performance.now();
    const { rows } = await pool.query(
      `SELECT e.user_id, min(u.name) AS name, e.billable_rate, sum(e.hours) AS hours, count(*) AS entries
       FROM time_entries e JOIN users u ON u.id = e.user_id
       WHERE e.account_id = $1 AND e.project_id = $2 AND e.is_billable
         AND NOT EXISTS (SELECT 1 FROM time_entry_invoice_links l WHERE l.time_entry_id = e.id)
         AND e.timer_started_at IS NULL AND e.spent_date BETWEEN $3 AND $4
       GROUP BY e.user_id, e.billable_rate ORDER BY min(e.spent_date), e.user_id`,
      [bench.workspace.account_id, project.body.id, period.from, period.to],
    );
    const elapsed = performance.now() - t0;
    if (rows.length !== PEOPLE) throw new Error(`the SQL gave ${rows.length} lines`);
    return elapsed;
  };

  // For reference: the aggregation and the same link rows, by hand, in a transaction rolled back
  // after timing, into the link table and into two copies of its columns that show what its parts
  // cost: no index at all (writing the rows), and only the primary key (what makes "no entry on two
  // invoices" a rule the database enforces). The links point at the lines of a draft kept for this.
  await pool.query('CREATE TABLE bench_links_heap (LIKE time_entry_invoice_links)');
  await pool.query(
    'CREATE TABLE bench_links_key (LIKE time_entry_invoice_links, PRIMARY KEY (time_entry_id))',
  );
  // And the shape that writes least: a row a line with its entries in an array, which no unique
  // constraint covers (nothing in the database would stop an entry from being on two lines).
  await pool.query(
    'CREATE TABLE bench_links_arrays (invoice_line_item_id text PRIMARY KEY, invoice_id text NOT NULL, time_entry_ids text[] NOT NULL)',
  );
  const LINK_TABLES = {
    'SQL  aggregation + link INSERT': 'time_entry_invoice_links',
    'SQL  ... into rows, primary key': 'bench_links_key',
    'SQL  ... into rows, no index': 'bench_links_heap',
    'SQL  ... into an array a line': 'bench_links_arrays',
  };
  const linkRows = (table) =>
    table === 'bench_links_arrays'
      ? `INSERT INTO ${table} (invoice_line_item_id, invoice_id, time_entry_ids)
         SELECT claim.line_id, $1, array_agg(p.id)
         FROM picked p JOIN unnest($2::text[], $3::text[]) AS claim(user_id, line_id) ON p.user_id = claim.user_id
         GROUP BY claim.line_id`
      : `INSERT INTO ${table} (time_entry_id, account_id, invoice_id, invoice_line_item_id)
         SELECT p.id, $4, $1, claim.line_id
         FROM picked p JOIN unnest($2::text[], $3::text[]) AS claim(user_id, line_id) ON p.user_id = claim.user_id`;
  const linkedCount = (table) =>
    table === 'bench_links_arrays'
      ? `SELECT coalesce(sum(cardinality(time_entry_ids)), 0)::int AS n FROM ${table} WHERE invoice_id = $1`
      : `SELECT count(*)::int AS n FROM ${table} WHERE invoice_id = $1`;
  const holder = expectStatus(201)(
    await api('POST', '/v1/invoices', {
      client_id: client.body.id,
      line_items: people.map(() => ({ description: 'holder', quantity: 1, unit_price: 1 })),
    }),
  ).body;
  const sqlImport = async (period, table) => {
    await pool.query('BEGIN');
    const t0 = performance.now();
    // One statement, as the import: the entries read once, aggregated, and each linked to its line.
    const { rows } = await pool.query(
      `WITH picked AS MATERIALIZED (
         SELECT e.id, e.user_id, e.billable_rate, e.hours, e.spent_date
         FROM time_entries e
         WHERE e.account_id = $4 AND e.project_id = $5 AND e.is_billable
           AND NOT EXISTS (SELECT 1 FROM time_entry_invoice_links l WHERE l.time_entry_id = e.id)
           AND e.timer_started_at IS NULL AND e.spent_date BETWEEN $6 AND $7
       ),
       linked AS (${linkRows(table)})
       SELECT p.user_id, min(u.name) AS name, p.billable_rate, sum(p.hours) AS hours, count(*) AS entries
       FROM picked p JOIN users u ON u.id = p.user_id
       GROUP BY p.user_id, p.billable_rate ORDER BY min(p.spent_date), p.user_id`,
      [
        holder.id,
        people,
        holder.line_items.map((line) => line.id),
        bench.workspace.account_id,
        project.body.id,
        period.from,
        period.to,
      ],
    );
    const elapsed = performance.now() - t0;
    const linked = await pool.query(linkedCount(table), [holder.id]);
    await pool.query('ROLLBACK');
    if (rows.length !== PEOPLE || linked.rows[0].n !== ENTRIES) {
      throw new Error(`the SQL gave ${rows.length} lines and linked ${linked.rows[0].n} entries`);
    }
    return elapsed;
  };

  // Warm-up, not counted: the JIT compiles the hot paths, both sides' caches fill.
  await sqlAggregate(month(0));
  await apiImport(month(0));
  for (const table of Object.values(LINK_TABLES)) await sqlImport(month(1), table);
  console.log(
    `invoice benchmark: ${ROUNDS} alternating rounds, ${ENTRIES} entries, ${PEOPLE} lines, ${os.cpus().length} CPUs`,
  );

  const sides = {
    'API  POST /v1/invoices (import)': [],
    'SQL  one aggregation query': [],
    'SQL  aggregation + link INSERT': [],
    'SQL  ... into rows, primary key': [],
    'SQL  ... into rows, no index': [],
    'SQL  ... into an array a line': [],
  };
  for (let round = 1; round <= ROUNDS; round++) {
    // The aggregation first: once imported, the month's entries are billed and it finds none.
    sides['SQL  one aggregation query'].push(await sqlAggregate(month(2 * round)));
    sides['API  POST /v1/invoices (import)'].push(await apiImport(month(2 * round)));
    for (const [label, table] of Object.entries(LINK_TABLES)) {
      sides[label].push(await sqlImport(month(2 * round + 1), table));
    }
  }
  for (const [label, times] of Object.entries(sides)) {
    console.log(
      `${label.padEnd(34)} median ${median(times).toFixed(1).padStart(8)} ms   rounds ${times.map((t) => t.toFixed(0)).join(' ')}`,
    );
  }
  const [apiSide, sqlSide, sqlWrites, sqlKeyed, sqlRows, sqlArrays] = Object.values(sides).map(median);
  console.log('');
  // What any import that records its entries pays before its own work: the floors, against the aggregation.
  console.log(
    `floors against SQL: link table ${(sqlWrites / sqlSide).toFixed(2)}, its rows and primary key ${(sqlKeyed / sqlSide).toFixed(2)}, its rows alone ${(sqlRows / sqlSide).toFixed(2)}, an array a line ${(sqlArrays / sqlSide).toFixed(2)}`,
  );
  console.log(`for reference: API/(SQL with the same writes) = ${(apiSide / sqlWrites).toFixed(2)}`);
  console.log(`invoice: API/SQL = ${(apiSide / sqlSide).toFixed(2)}`);
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
