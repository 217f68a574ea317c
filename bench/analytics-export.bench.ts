// GET /api/analytics/reports/events?format=csv over HTTP on PostgreSQL, beside `COPY (select the
// same columns in the same order) TO STDOUT WITH CSV` of the same rows in the same run. Prints
// rows/s of both, their ratio (goal ≥ 0.5) and the export's RSS growth (goal < 200 MB).
// EXPORT_EVENTS (default 1,000,000) events are generated in the database first.
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';

import { createLectern } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { testEnv } from '../test/helpers/app.ts';
import { listen, openBenchDatabase, reportSummary } from './harness.ts';

const EVENTS = Number(process.env['EXPORT_EVENTS'] ?? 1_000_000);

const { database, drop } = await openBenchDatabase('postgres', 'analytics_export');
const lectern = await createLectern(loadConfig(testEnv({ DATABASE_URL: undefined, REDIS_URL: undefined })), {
  database,
});
const email = `bench-${Date.now()}@example.test`;
const password = 'Bench-Pass-2026';
await lectern.app.inject({
  method: 'POST',
  url: '/api/v1/auth/register',
  payload: { email, password, full_name: 'Bench Admin' },
});
await database.db.updateTable('users').set({ role: 'admin' }).where('email', '=', email).execute();
const login = await lectern.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
const headers = { authorization: `Bearer ${login.json().access_token}` };

// The events: one ingest makes this month's partitions, then the rest are generated in SQL.
const pool = new pg.Pool({ connectionString: database.url, max: 2 });
const now = new Date();
await lectern.app.inject({
  method: 'POST',
  url: '/api/analytics/ingest',
  headers,
  payload: [{ ts: now.toISOString(), type: 'seed', payload: {} }],
});
const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
const span = Math.max(1, now.getTime() - monthStart.getTime() - 60_000);
await pool.query(
  `insert into analytics_events (ts, user_id, type, src, payload, received_at)
   select $1::timestamptz + (i * ($2::bigint / $3::bigint)) * interval '1 millisecond', gen_random_uuid(),
     case when i % 3 = 0 then 'button_click' else 'page_view' end, 'web_app',
     jsonb_build_object('page', '/courses/' || (i % 50), 'session_id', 's-' || (i % 1000)), now() - interval '1 minute'
   from generate_series(1, $3::int) i`,
  [monthStart.toISOString(), span, EVENTS],
);
await pool.query('analyze analytics_events');
const total = EVENTS + 1;

/** Counts bytes and newlines of a stream. */
function counter() {
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done();
    },
  });
  return { sink, bytes: () => bytes };
}

async function copyBaseline(): Promise<{ seconds: number; bytes: number }> {
  const client = await pool.connect();
  const started = performance.now();
  const { sink, bytes } = counter();
  await pipeline(
    client.query(
      copyTo(
        `copy (select to_char(ts at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), user_id, type, src, payload::text
          from analytics_events order by ts, ctid) to stdout with (format csv, header)`,
      ),
    ),
    sink,
  );
  client.release();
  return { seconds: (performance.now() - started) / 1000, bytes: bytes() };
}

const server = await listen(lectern.app, '/api/analytics/reports/events?format=csv');
async function lecternExport(): Promise<{ seconds: number; bytes: number; rssGrowthMb: number }> {
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 50);
  const started = performance.now();
  // Uncompressed, as COPY's bytes are: the same bytes on the wire (a browser asking for br/gzip
  // gets the export compressed, which costs CPU that this comparison leaves out).
  const response = await fetch(server.url, { headers: { ...headers, 'accept-encoding': 'identity' } });
  if (response.status !== 200 || !response.body) throw new Error(`export answered ${response.status}`);
  let bytes = 0;
  for await (const chunk of response.body) bytes += (chunk as Uint8Array).length;
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  return { seconds, bytes, rssGrowthMb: (rssPeak - rssBefore) / 1_048_576 };
}

const copy = await copyBaseline();
const lecternRun = await lecternExport();
console.log(`\nanalytics CSV export of ${total} events on PostgreSQL`);
console.table([
  {
    target: '(a) COPY … TO STDOUT (CSV)',
    'rows/s': Math.round(total / copy.seconds),
    MB: (copy.bytes / 1e6).toFixed(1),
  },
  {
    target: '(b) Lectern GET /api/analytics/reports/events',
    'rows/s': Math.round(total / lecternRun.seconds),
    MB: (lecternRun.bytes / 1e6).toFixed(1),
  },
]);
const speed = copy.seconds / lecternRun.seconds;
console.log(`b/a = ${speed.toFixed(3)} (goal ≥ 0.5: ${speed >= 0.5 ? 'met' : 'not met'})`);
console.log(
  `RSS growth during the export: ${lecternRun.rssGrowthMb.toFixed(1)} MB (goal < 200 MB: ${lecternRun.rssGrowthMb < 200 ? 'met' : 'not met'})`,
);
reportSummary({
  workload: `analytics CSV export, ${total} events (RSS +${lecternRun.rssGrowthMb.toFixed(0)} MB)`,
  lectern: Math.round(total / lecternRun.seconds),
  baseline: Math.round(total / copy.seconds),
  unit: 'rows/s',
  ratio: speed,
  goal: '≥ 0.5 of COPY; RSS < 200 MB',
});

await server.close();
await pool.end();
await lectern.close();
await drop();
