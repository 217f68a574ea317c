// The authenticated catalog page: GET /api/v1/courses (page 1, 20 of 10,000 courses, a level
// filter and a search term, as a student) in one run beside (a) a bare Fastify hello-world and
// (b) the best hand-written equivalent: bare Fastify + jose with a pre-imported key + the same
// session check Lectern makes + one prepared statement answering the same rows, order and total
// (bench/catalog.baseline.ts). Prints req/s, p99, c/a, c/b and the database time of the page
// statement (EXPLAIN ANALYZE, median). BENCH_COURSES=100000 then grows the set to 100,000 courses
// and reports Lectern's throughput there against its 10,000-course throughput of the same run.
import { randomBytes } from 'node:crypto';

import type { FastifyInstance } from 'fastify';
import pg from 'pg';

import { createLectern } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { courseListingRepo } from '../src/modules/catalog/course-listing.repo.ts';
import type { DatabaseHandle } from '../src/platform/db/index.ts';
import { testEnv } from '../test/helpers/app.ts';
import { BASELINE_PAGE_SQL, REFERENCE_PAGE_SQL, startHandWritten } from './catalog.baseline.ts';
import { seedCourses } from './catalog.seed.ts';
import type { Measurement } from './harness.ts';
import {
  BENCH_SECONDS,
  listen,
  measure,
  measureWorkers,
  openBenchDatabase,
  printTable,
  ratio,
  reportMeasured,
  reportSummary,
  startHelloWorld,
} from './harness.ts';
import type { CpuSpent } from './lesson-progress.cpu.ts';
import { startCpuMeter } from './lesson-progress.cpu.ts';

const BASE_COURSES = 10_000;
const COURSES = Number(process.env['BENCH_COURSES'] ?? BASE_COURSES);
const SIZES = COURSES > BASE_COURSES ? [BASE_COURSES, COURSES] : [COURSES];
const LEVEL = 'intermediate';
const SEARCH = 'guitar';
const QUERY = `page=1&page_size=20&difficulty_level=${LEVEL}&q=${SEARCH}`;
const secret = randomBytes(32).toString('hex');
const kinds = (process.env['BENCH_DATABASES'] ?? 'postgres,pglite').split(',') as ('postgres' | 'pglite')[];

for (const kind of kinds) {
  const { database, drop } = await openBenchDatabase(kind, 'catalog');
  const env = testEnv({
    JWT_SECRET: secret,
    DATABASE_URL: undefined,
    REDIS_URL: undefined,
    RATE_LIMIT_API_PER_HOUR: '100000000',
  });
  const lectern = await createLectern(loadConfig(env), { database });
  const { token, userId } = await registerStudent(lectern.app);
  const headers = { authorization: `Bearer ${token}` };
  const hello = await startHelloWorld();
  const handWritten = await startHandWritten(kind, database, secret, `/courses?${QUERY}`);
  const server = await listen(lectern.app, `/api/v1/courses?${QUERY}`);

  let seeded = 0;
  let atBase: Measurement | undefined;
  for (const size of SIZES) {
    const seconds = await seedCourses(database, seeded + 1, size);
    seeded = size;
    console.log(`\n${kind}: ${size} courses (seeded in ${seconds.toFixed(1)} s)`);
    await sameAnswer(server.url, handWritten.url, headers);
    await sameAsLiveRanking(database, handWritten.url, headers, userId);
    await printDatabaseTime(database, userId);

    const rows = size === SIZES[0] ? [await measure('(a) bare Fastify hello-world', hello.url)] : [];
    const [b, cpuB] = await withCpu(database, () => measure('(b) hand-written catalog page', handWritten.url, headers));
    const [c, cpuC] = await withCpu(database, () => measure('(c) Lectern GET /api/v1/courses', server.url, headers));
    printTable(`GET /courses?${QUERY} on ${kind}, ${size} courses`, [...rows, b, c]);
    console.log(`${rows[0] ? `c/a = ${ratio(c, rows[0])}   ` : ''}c/b = ${ratio(c, b)}`);
    printCpuPerPage('hand-written', cpuB);
    printCpuPerPage('Lectern', cpuC);
    console.log(`CPU per page, hand-written / Lectern = ${(cpuB.perPage / cpuC.perPage).toFixed(3)}`);
    reportMeasured(`catalog page, ${size} courses (${kind})`, c, b, '≥ 0.80 of the best hand-written SQL');
    if (size === BASE_COURSES) atBase = c;
    else if (atBase) {
      console.log(`Lectern at ${size} / at ${BASE_COURSES} courses = ${ratio(c, atBase)}`);
      reportSummary({
        workload: `catalog page, ${size} vs ${BASE_COURSES} courses (${kind})`,
        lectern: c.requestsPerSecond,
        baseline: atBase.requestsPerSecond,
        unit: `req/s at ${size} / at ${BASE_COURSES}`,
        ratio: c.requestsPerSecond / atBase.requestsPerSecond,
        p99Ms: c.p99Ms,
        goal: '≥ 0.80 of the 10,000-course throughput',
      });
    }
  }

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

/**
 * The load's CPU per page, which a neighbour on a shared machine distorts less than req/s: this
 * process's main thread (the server; autocannon runs in a worker thread) and, on PostgreSQL, the
 * bench database's backends (bench/lesson-progress.cpu.ts).
 */
async function withCpu(
  database: DatabaseHandle,
  run: () => Promise<Measurement>,
): Promise<[Measurement, CpuSpent & { perPage: number; pages: number }]> {
  await new Promise((resolve) => setTimeout(resolve, 200));
  const spent = await startCpuMeter(database);
  const measured = await run();
  const cpu = await spent();
  const pages = Math.max(1, measured.requestsPerSecond * BENCH_SECONDS);
  return [measured, { ...cpu, pages, perPage: (cpu.mainMs + cpu.databaseMs) / pages }];
}

function printCpuPerPage(label: string, cpu: CpuSpent & { perPage: number; pages: number }): void {
  const per = (ms: number) => (ms / cpu.pages).toFixed(3);
  console.log(
    `CPU ms per page, ${label}: ${cpu.perPage.toFixed(3)} (main thread ${per(cpu.mainMs)}, PostgreSQL backends ${per(cpu.databaseMs)})`,
  );
}

async function registerStudent(app: FastifyInstance): Promise<{ token: string; userId: string }> {
  const register = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: { email: `bench-${Date.now()}@example.test`, password: 'Bench-Pass-2026', full_name: 'Bench Student' },
  });
  if (register.statusCode !== 201) throw new Error(`register failed: ${register.body}`);
  const token = register.json().access_token as string;
  const me = await app.inject({ url: '/api/v1/users/me', headers: { authorization: `Bearer ${token}` } });
  return { token, userId: me.json().id as string };
}

/** Both servers answer the same ids in the same order with the same total, or the bench stops. */
async function sameAnswer(lecternUrl: string, baselineUrl: string, headers: Record<string, string>): Promise<void> {
  type Answer = { items: { id: string }[]; total: number };
  const get = (url: string) => fetch(url, { headers }).then((r) => r.json() as Promise<Answer>);
  const [ours, theirs] = [await get(lecternUrl), await get(baselineUrl)];
  const ids = (answer: Answer) => answer.items.map((item) => item.id).join(',');
  console.log(
    `page: ${ours.items.length} of ${ours.total} matching (hand-written: ${theirs.items.length} of ${theirs.total})`,
  );
  if (ids(ours) !== ids(theirs) || ours.total !== theirs.total)
    throw new Error('Lectern and hand-written answers differ');
}

/** The term table's answer is the one ranking every match live gives (same ids, order and total). */
async function sameAsLiveRanking(
  database: DatabaseHandle,
  baselineUrl: string,
  headers: Record<string, string>,
  userId: string,
): Promise<void> {
  const theirs = (await fetch(baselineUrl, { headers }).then((r) => r.json())) as {
    items: { id: string }[];
    total: number;
  };
  const parameters = [LEVEL, SEARCH, userId];
  const rows = database.url
    ? await (async () => {
        const client = new pg.Client({ connectionString: database.url });
        await client.connect();
        try {
          return (await client.query<{ id: string; total: string }>(REFERENCE_PAGE_SQL, parameters)).rows;
        } finally {
          await client.end();
        }
      })()
    : (await database.pglite!.query<{ id: string; total: string }>(REFERENCE_PAGE_SQL, parameters)).rows;
  const live = rows.map((row) => row.id).join(',');
  if (live !== theirs.items.map((item) => item.id).join(',') || Number(rows[0]?.total ?? 0) !== theirs.total)
    throw new Error('The term table and the live ranking answer differently');
  console.log(`live ranking: the same ${rows.length} ids in the same order, total ${rows[0]?.total}`);
}

/**
 * Median planning + execution time of each page statement as the servers run it: a prepared
 * statement, EXPLAIN ANALYZE EXECUTE'd 15 times after 6 warm-up runs (by then PostgreSQL has chosen
 * between its generic plan, planned once, and a custom plan per call; the line says which).
 */
async function printDatabaseTime(database: DatabaseHandle, userId: string): Promise<void> {
  const lecternStatement = courseListingRepo.pageStatement(
    { id: userId, isAdmin: false },
    { level: LEVEL, search: SEARCH, sort: 'relevance' },
    { limit: 20, offset: 0 },
  );
  const statements = {
    Lectern: lecternStatement,
    'hand-written': { sql: BASELINE_PAGE_SQL, parameters: [LEVEL, SEARCH, userId] },
  };
  const client = database.url ? new pg.Client({ connectionString: database.url }) : undefined;
  await client?.connect();
  const query = async (text: string) =>
    client
      ? (await client.query<Record<string, unknown>>(text)).rows
      : (await database.pglite!.query<Record<string, unknown>>(text)).rows;
  for (const [name, statement] of Object.entries(statements)) {
    const literals = statement.parameters.map((value) => `'${String(value).replaceAll("'", "''")}'`).join(', ');
    await query(`prepare bench_page as ${statement.sql}`);
    const times: { planning: number; execution: number }[] = [];
    for (let run = 0; run < 21; run++) {
      if (run < 6) {
        await query(`execute bench_page(${literals})`);
        continue;
      }
      const rows = await query(`explain (analyze, format json) execute bench_page(${literals})`);
      const raw = rows[0]!['QUERY PLAN'];
      const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as {
        'Planning Time': number;
        'Execution Time': number;
      }[];
      times.push({ planning: plan[0]!['Planning Time'], execution: plan[0]!['Execution Time'] });
    }
    const [stats] = await query("select generic_plans from pg_prepared_statements where name = 'bench_page'");
    await query('deallocate bench_page');
    const median = (values: number[]) => values.sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
    const execution = median(times.map((t) => t.execution));
    const planning = median(times.map((t) => t.planning));
    const kind = Number(stats?.['generic_plans'] ?? 0) > 0 ? 'generic plan, planned once' : 'custom plan per call';
    console.log(
      `database time per page, ${name}: execution ${execution.toFixed(3)} ms + planning ${planning.toFixed(3)} ms (${kind})`,
    );
  }
  await client?.end();
}
