// The course advisor's answer: POST /v1/chat/sessions/:id/messages with the built-in advisor
// (store the question in the quota, search the published catalogue, compose, store the answer
// and its event) over 5,000 courses, beside (b) one catalogue search through the same surface,
// GET /v1/courses?search=..., its honest baseline: an answer is a few searches and two writes.
// On PostgreSQL and PGlite; prints req/s, p99 and c/b (how many searches one answer costs).
import { randomBytes } from 'node:crypto';

import autocannon from 'autocannon';
import { sql } from 'kysely';

import { createLectern } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { DatabaseHandle } from '../src/platform/db/index.ts';
import { testEnv } from '../test/helpers/app.ts';
import type { Measurement } from './harness.ts';
import {
  BENCH_CONNECTIONS,
  BENCH_SECONDS,
  listen,
  measure,
  openBenchDatabase,
  printTable,
  ratio,
  reportMeasured,
} from './harness.ts';

const COURSES = Number(process.env['BENCH_COURSES'] ?? 5_000);
const QUESTION = 'Which guitar course is best for beginners?';
const kinds = (process.env['BENCH_DATABASES'] ?? 'postgres,pglite').split(',') as ('postgres' | 'pglite')[];

for (const kind of kinds) {
  const { database, drop } = await openBenchDatabase(kind, 'assistant');
  const env = testEnv({
    JWT_SECRET: randomBytes(32).toString('hex'),
    DATABASE_URL: undefined,
    REDIS_URL: undefined,
    ASSISTANT_DAILY_MESSAGES: '1000000',
    ACCESS_TOKEN_TTL_SECONDS: '86400',
  });
  const lectern = await createLectern(loadConfig(env), { database });
  const seconds = await seed(database);
  console.log(`\n${kind}: seeded ${COURSES} courses in ${seconds.toFixed(1)} s`);

  const email = `bench-${Date.now()}@example.test`;
  await lectern.app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: { email, password: 'Bench-Pass-2026', full_name: 'Bench Student' },
  });
  const login = await lectern.app.inject({
    method: 'POST',
    url: '/v1/auth/student/login',
    payload: { email, password: 'Bench-Pass-2026' },
  });
  const headers = { authorization: `Bearer ${login.json().data.token}`, 'content-type': 'application/json' };
  const session = await lectern.app.inject({ method: 'POST', url: '/v1/chat/sessions', headers, payload: {} });
  const sessionId = session.json().data.session_id as string;

  const server = await listen(lectern.app, '');
  const searchUrl = `${server.url}/v1/courses?search=${encodeURIComponent('guitar beginners')}&limit=5`;
  const askUrl = `${server.url}/v1/chat/sessions/${sessionId}/messages`;
  const sample = await fetch(askUrl, { method: 'POST', headers, body: JSON.stringify({ content: QUESTION }) });
  const answer = (await sample.json()) as { data: { assistant_message: { content: string } } };
  console.log(`answer (${sample.status}): ${answer.data.assistant_message.content.split('\n')[2]}`);

  const b = await measure('(b) GET /v1/courses?search= (one search)', searchUrl, headers);
  const c = await measurePost('(c) POST /v1/chat/sessions/:id/messages', askUrl, headers, { content: QUESTION });
  printTable(`The built-in advisor on ${kind}, ${COURSES} courses`, [b, c]);
  console.log(`c/b = ${ratio(c, b)}`);
  reportMeasured(`advisor answer vs one search (${kind})`, c, b, '—');

  await server.close();
  await lectern.close();
  await drop();
}

async function measurePost(name: string, url: string, headers: Record<string, string>, body: object) {
  const options = { url, method: 'POST' as const, headers, body: JSON.stringify(body) };
  await autocannon({ ...options, connections: 10, duration: 1 }); // warm-up
  const result = await autocannon({ ...options, connections: BENCH_CONNECTIONS, duration: BENCH_SECONDS, workers: 1 });
  return {
    name,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  } satisfies Measurement;
}

/** Published courses by 50 instructors, titles and descriptions from a small vocabulary. */
async function seed(database: DatabaseHandle): Promise<number> {
  const started = performance.now();
  await database.transaction(async (tx) => {
    await sql`insert into users (email, full_name, first_name, role)
      select 'bench-instructor-' || i || '@example.test', 'Instructor ' || i, 'Instructor', 'instructor' from generate_series(1, 50) as i`.execute(
      tx,
    );
    await sql`insert into courses (owner_id, title, slug, description, level, status, price, max_students, schedule, session_duration_minutes, published_at, created_at)
      select (select id from users where email = 'bench-instructor-' || (1 + i % 50) || '@example.test'),
        (array['Guitar', 'Piano', 'Python', 'Drums', 'Cooking', 'Spanish', 'Chess', 'Yoga'])[1 + i % 8] || ' '
          || (array['Basics', 'Mastery', 'for Beginners', 'Deep Dive', 'Workshop'])[1 + (i / 8) % 5] || ' ' || i,
        'bench-course-' || i,
        'Learn ' || (array['chords and strumming', 'scales', 'functions and classes', 'rhythm', 'knife skills', 'grammar', 'openings', 'breathing'])[1 + i % 8]
          || ' step by step with exercises.',
        (array['beginner', 'intermediate', 'advanced', 'expert'])[1 + (i / 3) % 4],
        case when i % 10 = 0 then 'draft' else 'published' end,
        (1 + i % 200)::numeric, 10 + i % 20, '["Monday 10:00", "Thursday 18:00"]'::jsonb, 60,
        now(),
        now() - (i || ' minutes')::interval
      from generate_series(1, ${COURSES}) as i`.execute(tx);
  });
  await sql`analyze`.execute(database.db);
  return (performance.now() - started) / 1000;
}
