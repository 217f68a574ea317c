// POST /api/analytics/ingest in 1,000-event batches over HTTP on PostgreSQL, beside a raw
// multi-row INSERT of the same rows through pg in the same run (same concurrency). Prints
// events/s of both and their ratio; the goal is ≥ 50,000 events/s through HTTP.
// BENCH_SECONDS (default 8) bounds each side; BENCH_CONCURRENCY (default 4) batches in flight.
import { randomUUID } from 'node:crypto';

import pg from 'pg';

import { createLectern } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { testEnv } from '../test/helpers/app.ts';
import { BENCH_SECONDS, listen, openBenchDatabase, reportSummary } from './harness.ts';

const BATCH = 1000;
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 4);

const { database, drop } = await openBenchDatabase('postgres', 'analytics_ingest');
const env = testEnv({ DATABASE_URL: undefined, REDIS_URL: undefined, RATE_LIMIT_INGEST_PER_MINUTE: '1000000' });
const lectern = await createLectern(loadConfig(env), { database });
const email = `bench-${Date.now()}@example.test`;
const password = 'Bench-Pass-2026';
const registered = await lectern.app.inject({
  method: 'POST',
  url: '/api/v1/auth/register',
  payload: { email, password, full_name: 'Bench Admin' },
});
if (registered.statusCode !== 201) throw new Error(registered.body);
await database.db.updateTable('users').set({ role: 'admin' }).where('email', '=', email).execute();
const login = await lectern.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
const headers = { authorization: `Bearer ${login.json().access_token}`, 'content-type': 'application/json' };

const users = Array.from({ length: 200 }, () => randomUUID());
const now = Date.now();
/** A batch like a web client's: page views and clicks with small payloads, spread over the last hour. */
const batchOf = (seed: number) =>
  Array.from({ length: BATCH }, (_, i) => ({
    ts: new Date(now - ((seed * BATCH + i) % 3_600_000)).toISOString(),
    user_id: users[(seed + i) % users.length]!,
    type: i % 3 === 0 ? 'button_click' : 'page_view',
    src: 'web_app',
    payload: { page: `/courses/${i % 50}`, session_id: `s-${seed}-${i % 20}` },
  }));
const batches = Array.from({ length: 32 }, (_, seed) => batchOf(seed));
const bodies = batches.map((batch) => JSON.stringify(batch));

/** Runs `send` from CONCURRENCY loops for BENCH_SECONDS; events per second. */
async function run(send: (index: number) => Promise<void>): Promise<number> {
  const deadline = Date.now() + BENCH_SECONDS * 1000;
  let sent = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, worker) => {
      for (let i = worker; Date.now() < deadline; i += CONCURRENCY) {
        await send(i % batches.length);
        sent += BATCH;
      }
    }),
  );
  return sent / ((performance.now() - started) / 1000);
}

const server = await listen(lectern.app, '/api/analytics/ingest');
const http = async (index: number) => {
  const response = await fetch(server.url, { method: 'POST', headers, body: bodies[index]! });
  if (response.status !== 200) throw new Error(`ingest answered ${response.status}: ${await response.text()}`);
  await response.arrayBuffer();
};
await http(0); // warm-up: partitions exist, the route is compiled

const pool = new pg.Pool({ connectionString: database.url, max: CONCURRENCY });
const raw = async (index: number) => {
  const values: unknown[] = [];
  const rows = batches[index]!.map((event, i) => {
    values.push(event.ts, event.user_id, event.type, event.src, JSON.stringify(event.payload));
    const p = i * 5;
    return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5})`;
  });
  await pool.query(`insert into analytics_events (ts, user_id, type, src, payload) values ${rows.join(', ')}`, values);
};

const viaHttp = await run(http);
const viaInsert = await run(raw);
console.log(
  `\nanalytics ingest on PostgreSQL, ${BATCH}-event batches, ${CONCURRENCY} in flight, ${BENCH_SECONDS} s each`,
);
console.table([
  { target: '(a) raw multi-row INSERT through pg', 'events/s': Math.round(viaInsert) },
  { target: '(b) Lectern POST /api/analytics/ingest', 'events/s': Math.round(viaHttp) },
]);
console.log(
  `b/a = ${(viaHttp / viaInsert).toFixed(3)}   goal: b ≥ 50,000 events/s (${viaHttp >= 50_000 ? 'met' : 'not met'})`,
);
reportSummary({
  workload: 'analytics ingest, 1,000-event batches',
  lectern: Math.round(viaHttp),
  baseline: Math.round(viaInsert),
  unit: 'events/s',
  ratio: viaHttp / viaInsert,
  goal: '≥ 50,000 events/s',
});

await pool.end();
await server.close();
await lectern.close();
await drop();
