// The authenticated catalog page: GET /api/v1/courses (page 1, 20 of 10,000 courses, a level
// filter and a search term) in one run beside (a) a bare Fastify hello-world and (b) a minimal
// hand-written equivalent (bare Fastify + jose with a pre-imported key + the same SQL through
// `pg`, or PGlite's own query), on PostgreSQL and on PGlite. Prints req/s, p99, c/a and c/b.
import { randomBytes } from 'node:crypto';

import type { FastifyInstance } from 'fastify';
import Fastify from 'fastify';
import { jwtVerify } from 'jose';
import { sql } from 'kysely';
import pg from 'pg';

import { createLectern } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { DatabaseHandle } from '../src/platform/db/index.ts';
import { testEnv } from '../test/helpers/app.ts';
import {
  listen,
  measure,
  measureWorkers,
  openBenchDatabase,
  printTable,
  ratio,
  reportMeasured,
  startHelloWorld,
} from './harness.ts';

const COURSES = Number(process.env['BENCH_COURSES'] ?? 10_000);
const QUERY = 'page=1&page_size=20&difficulty_level=intermediate&q=guitar';
const secret = randomBytes(32).toString('hex');
const kinds = (process.env['BENCH_DATABASES'] ?? 'postgres,pglite').split(',') as ('postgres' | 'pglite')[];

// What Lectern's listing runs for a student: published only, level filter, search, ranked.
const PAGE_SQL = `
  select c.id, c.owner_id, u.full_name as owner_name, c.category_id, cat.name as category_name, c.title, c.slug, c.code,
    c.description, c.level, c.status, c.price, c.currency, c.thumbnail_url, c.estimated_duration_minutes,
    c.session_duration_minutes, c.max_students, c.enrolled_count, c.schedule, c.has_certificate, c.published_at,
    c.created_at, c.updated_at,
    array(select ci.user_id from course_instructors ci where ci.course_id = c.id order by ci.created_at, ci.user_id) as instructor_ids,
    array(select t.name from course_tags ct join tags t on t.id = ct.tag_id where ct.course_id = c.id order by lower(t.name)) as tags
  from courses c join users u on u.id = c.owner_id left join categories cat on cat.id = c.category_id
  join (select c.id, ts_rank(c.search_vector, websearch_to_tsquery('english', $2)) as rank from courses c
        where c.status = 'published' and c.level = $1 and c.search_vector @@ websearch_to_tsquery('english', $2)
        order by rank desc, c.created_at desc, c.id limit 20 offset 0) p on p.id = c.id
  order by p.rank desc, c.created_at desc, c.id`;
const COUNT_SQL = `select count(*) as n from courses c
  where c.status = 'published' and c.level = $1 and c.search_vector @@ websearch_to_tsquery('english', $2)`;

for (const kind of kinds) {
  const { database, drop } = await openBenchDatabase(kind, 'catalog');
  const env = testEnv({
    JWT_SECRET: secret,
    DATABASE_URL: undefined,
    REDIS_URL: undefined,
    RATE_LIMIT_API_PER_HOUR: '100000000',
  });
  const lectern = await createLectern(loadConfig(env), { database });
  const token = await registerStudent(lectern.app);
  const seconds = await seed(database);
  console.log(`\n${kind}: seeded ${COURSES} courses in ${seconds.toFixed(1)} s`);
  const headers = { authorization: `Bearer ${token}` };

  const hello = await startHelloWorld();
  const handWritten = await startHandWritten(kind, database);
  const server = await listen(lectern.app, `/api/v1/courses?${QUERY}`);
  const check = await fetch(server.url, { headers }).then(
    (r) => r.json() as Promise<{ items: unknown[]; total: number }>,
  );
  const baseline = await fetch(handWritten.url, { headers }).then(
    (r) => r.json() as Promise<{ items: unknown[]; total: number }>,
  );
  console.log(
    `page: ${check.items.length} of ${check.total} matching (hand-written: ${baseline.items.length} of ${baseline.total})`,
  );

  const a = await measure('(a) bare Fastify hello-world', hello.url);
  const b = await measure('(b) hand-written catalog page', handWritten.url, headers);
  const c = await measure('(c) Lectern GET /api/v1/courses', server.url, headers);
  printTable(`GET /courses?${QUERY} on ${kind}`, [a, b, c]);
  console.log(`c/a = ${ratio(c, a)}   c/b = ${ratio(c, b)}`);
  reportMeasured(`catalog page, ${COURSES} courses (${kind})`, c, b, '≥ 0.80 of hand-written SQL');

  await hello.close();
  await handWritten.close();
  await lectern.close();
  // Lectern as one process and as `serve --workers N` (PostgreSQL + Redis only): the scaling.
  if (kind === 'postgres')
    await measureWorkers({
      workload: `catalog page, ${COURSES} courses`,
      path: `/api/v1/courses?${QUERY}`,
      headers,
      env: { ...env, DATABASE_URL: database.url },
    });
  await drop();
}

async function registerStudent(app: FastifyInstance): Promise<string> {
  const register = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: { email: `bench-${Date.now()}@example.test`, password: 'Bench-Pass-2026', full_name: 'Bench Student' },
  });
  if (register.statusCode !== 201) throw new Error(`register failed: ${register.body}`);
  return register.json().access_token as string;
}

/** 10,000 courses by 50 instructors in one statement; 90% published, titles from a small vocabulary. */
async function seed(database: DatabaseHandle): Promise<number> {
  const started = performance.now();
  await database.transaction(async (tx) => {
    await sql`insert into users (email, full_name, first_name, role)
      select 'bench-instructor-' || i || '@example.test', 'Instructor ' || i, 'Instructor', 'instructor' from generate_series(1, 50) as i`.execute(
      tx,
    );
    await sql`insert into courses (owner_id, title, slug, description, level, status, price, published_at, created_at)
      select (select id from users where email = 'bench-instructor-' || (1 + i % 50) || '@example.test'),
        (array['Guitar', 'Piano', 'Python', 'Drums', 'Cooking', 'Spanish', 'Chess', 'Yoga'])[1 + i % 8] || ' '
          || (array['Basics', 'Mastery', 'for Beginners', 'Deep Dive', 'Workshop'])[1 + (i / 8) % 5] || ' ' || i,
        'bench-course-' || i,
        'Learn ' || (array['chords and strumming', 'scales', 'functions and classes', 'rhythm', 'knife skills', 'grammar', 'openings', 'breathing'])[1 + i % 8]
          || ' step by step with exercises.',
        (array['beginner', 'intermediate', 'advanced', 'expert'])[1 + (i / 3) % 4],
        case when i % 10 = 0 then 'draft' else 'published' end,
        (i % 200)::numeric,
        now(),
        now() - (i || ' minutes')::interval
      from generate_series(1, ${COURSES}) as i`.execute(tx);
  });
  await sql`analyze`.execute(database.db);
  return (performance.now() - started) / 1000;
}

/** Bare Fastify + jose with a key imported once + the page query, prepared on PostgreSQL. */
async function startHandWritten(kind: 'postgres' | 'pglite', database: DatabaseHandle) {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify'],
  );
  const pool = kind === 'postgres' ? new pg.Pool({ connectionString: database.url, max: 10 }) : undefined;
  const run = async (name: string, text: string, values: string[]) =>
    pool
      ? (await pool.query({ name, text, values })).rows
      : (await database.pglite!.query<Record<string, unknown>>(text, values)).rows;
  const app = Fastify();
  app.get<{ Querystring: { difficulty_level: string; q: string } }>('/courses', async (request, reply) => {
    const token = request.headers.authorization?.slice(7) ?? '';
    try {
      await jwtVerify(token, key, { algorithms: ['HS256'], issuer: 'lectern', audience: 'lectern-api' });
    } catch {
      return reply.status(401).send({ detail: 'Could not validate credentials' });
    }
    const values = [request.query.difficulty_level, request.query.q];
    const [items, count] = await Promise.all([
      run('catalog-page', PAGE_SQL, values),
      run('catalog-count', COUNT_SQL, values),
    ]);
    const total = Number(count[0]?.['n'] ?? 0);
    return { items, total, page: 1, page_size: 20, pages: Math.ceil(total / 20) };
  });
  const server = await listen(app, `/courses?${QUERY}`);
  return { url: server.url, close: async () => (await server.close(), await pool?.end()) };
}
