// Lesson-progress writes: N signed-in students complete L lessons each through Lectern's HTTP
// (001's POST /enrollments/{id}/lessons/{lesson_id}/complete, every pair exactly once), beside a
// hand-written endpoint answering the same request for another N students of the same course
// (lesson-progress.baseline.ts); then the rows are counted to prove nothing was lost.
// On PostgreSQL (DATABASE_URL or the local default) and on PGlite. Beside the ratio it prints
// Lectern's statements per completion (request and background) and how long the background work
// ran on after the last answer (lesson-progress.profile.ts; BENCH_CPU_PROFILE=<dir> adds a CPU profile),
// and CPU ms per completion of each server (lesson-progress.cpu.ts), which load distorts less.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import autocannon from 'autocannon';
import { sql } from 'kysely';

import type { Lectern } from '../src/app.ts';
import { createLectern } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { testEnv } from '../test/helpers/app.ts';
import type { Measurement } from './harness.ts';
import { BENCH_CONNECTIONS, listen, openBenchDatabase, printTable, ratio, reportMeasured } from './harness.ts';
import { startHandWrittenCompletion } from './lesson-progress.baseline.ts';
import { printCpu, startCpuMeter } from './lesson-progress.cpu.ts';
import { printCosts, watchLectern } from './lesson-progress.profile.ts';

const STUDENTS = Number(process.env['BENCH_STUDENTS'] ?? 200);
const LESSONS = Number(process.env['BENCH_LESSONS'] ?? 25);
const kinds = (process.env['BENCH_DATABASES'] ?? 'postgres,pglite').split(',') as ('postgres' | 'pglite')[];
const secret = randomBytes(32).toString('hex');
// BENCH_QUEUE_WORKERS=off: no in-process queue workers, so the run measures the request path alone
// (the event jobs stay queued): the cost of lesson completion without its background work.
const WORKERS = process.env['BENCH_QUEUE_WORKERS'] !== 'off';
const REQUEST_HOOK = fileURLToPath(new URL('./lesson-progress.request.ts', import.meta.url));

for (const kind of kinds) {
  const { database, drop } = await openBenchDatabase(kind, 'progress');
  const env = testEnv({
    JWT_SECRET: secret,
    DATABASE_URL: undefined,
    REDIS_URL: undefined,
    RATE_LIMIT_API_PER_HOUR: '100000000',
    RATE_LIMIT_AUTH_PER_MINUTE: '1000000',
  });
  const lectern = await createLectern(loadConfig(env), { database, work: WORKERS });
  const started = Date.now();
  const { courseId, lessonIds } = await createCourse(lectern);
  // Two cohorts of the same course: each (student, lesson) pair is completed once, by one server.
  const baselineJobs = await enrolStudents(lectern, courseId, lessonIds);
  const jobs = await enrolStudents(lectern, courseId, lessonIds);
  console.log(
    `\n[${kind}] 2 x ${STUDENTS} students x ${LESSONS} lessons = ${jobs.length} completions per server; set-up ${Date.now() - started} ms`,
  );

  // The set-up's own event jobs (registrations, enrolments) must not run during either measurement.
  if (WORKERS) await lectern.queue.settle(300_000);
  const handWritten = await startHandWrittenCompletion(kind, database, secret);
  const server = await listen(lectern.app, '/');
  const handWrittenCpu = await startCpuMeter(database);
  const a = await completeAll('(a) hand-written complete-lesson', handWritten.url, baselineJobs);
  const cpuA = await handWrittenCpu();
  const lecternCpu = await startCpuMeter(database);
  const costsOf = await watchLectern(lectern, `lesson-progress-${kind}`, WORKERS);
  const b = await completeAll('(b) Lectern complete-lesson', server.url, jobs);
  const costs = await costsOf();
  const cpuB = await lecternCpu();
  printTable(`lesson completions on ${kind}${WORKERS ? '' : ' (no queue workers: request path only)'}`, [a, b]);
  console.log(`b/a = ${ratio(b, a)}`);
  printCosts(costs, jobs.length);
  printCpu('hand-written', cpuA, baselineJobs.length);
  printCpu(`Lectern${WORKERS ? ' (background work included, until drained)' : ''}`, cpuB, jobs.length);
  reportMeasured(`lesson completion (${kind})`, b, a, '≥ 0.70 of hand-written');
  await verify(lectern, courseId, jobs.length + baselineJobs.length);

  await handWritten.close();
  await lectern.close();
  await drop();
}

/** A published course of LESSONS lessons, set up in SQL. */
async function createCourse(lectern: Lectern) {
  const db = lectern.database.db;
  const owner = await register(lectern, 'owner');
  await db.updateTable('users').set({ role: 'instructor' }).where('id', '=', owner.id).execute();
  const slug = `bench-${randomBytes(4).toString('hex')}`;
  const course = await sql<{ id: string }>`
    insert into courses (owner_id, title, slug, status, published_at) values (${owner.id}, 'Bench course', ${slug}, 'published', now()) returning id`.execute(
    db,
  );
  const courseId = course.rows[0]!.id;
  const section = await sql<{
    id: string;
  }>`insert into sections (course_id, title, position) values (${courseId}, 'Main', 1) returning id`.execute(db);
  const lessonIds: string[] = [];
  for (let i = 0; i < LESSONS; i++) {
    const lesson = await sql<{ id: string }>`
      insert into lessons (course_id, section_id, title, type, status, position) values (${courseId}, ${section.rows[0]!.id}, ${`Lesson ${i + 1}`}, 'text', 'published', ${i + 1})
      returning id`.execute(db);
    lessonIds.push(lesson.rows[0]!.id);
  }
  return { courseId, lessonIds };
}

/** STUDENTS registered and enrolled through HTTP; their completions, interleaved. */
async function enrolStudents(lectern: Lectern, courseId: string, lessonIds: string[]) {
  const jobs: { path: string; authorization: string }[] = [];
  const perStudent: { path: string; authorization: string }[][] = [];
  for (let i = 0; i < STUDENTS; i += 20) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(20, STUDENTS - i) }, async () => {
        const student = await register(lectern, 'student');
        const enrolled = await lectern.app.inject({
          method: 'POST',
          url: '/api/v1/enrollments',
          headers: student.headers,
          payload: { course_id: courseId },
        });
        if (enrolled.statusCode !== 201) throw new Error(`enrol failed: ${enrolled.body}`);
        const enrollmentId = enrolled.json().id as string;
        return lessonIds.map((lessonId) => ({
          path: `/api/v1/enrollments/${enrollmentId}/lessons/${lessonId}/complete`,
          authorization: student.headers.authorization,
        }));
      }),
    );
    perStudent.push(...batch);
  }
  // Interleave students so concurrent requests hit different enrolments, as real traffic does.
  for (let l = 0; l < LESSONS; l++) for (const student of perStudent) jobs.push(student[l]!);
  return jobs;
}

async function register(lectern: Lectern, label: string) {
  const response = await lectern.app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: {
      email: `${label}-${randomBytes(6).toString('hex')}@bench.test`,
      password: 'Bench-Pass-2026',
      full_name: 'Bench User',
    },
  });
  if (response.statusCode !== 201) throw new Error(`register failed: ${response.body}`);
  const token = response.json().access_token as string;
  const me = await lectern.app.inject({
    method: 'GET',
    url: '/api/v1/users/me',
    headers: { authorization: `Bearer ${token}` },
  });
  return { id: me.json().id as string, headers: { authorization: `Bearer ${token}` } };
}

/** Sends every completion exactly once from autocannon's worker thread. */
async function completeAll(
  name: string,
  baseUrl: string,
  jobs: { path: string; authorization: string }[],
): Promise<Measurement> {
  const file = join(tmpdir(), `lectern-bench-jobs-${process.pid}-${name.slice(1, 2)}.json`);
  writeFileSync(file, JSON.stringify(jobs));
  process.env['LECTERN_BENCH_JOBS'] = file;
  const result = await autocannon({
    url: baseUrl,
    connections: BENCH_CONNECTIONS,
    amount: jobs.length,
    timeout: 60, // seconds: a loaded machine must not turn slow answers into errors
    workers: 1,
    requests: [{ method: 'POST', setupRequest: REQUEST_HOOK } as unknown as autocannon.Request],
  });
  return {
    name,
    requestsPerSecond: Math.round(result.requests.total / (result.duration || 1)),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/** Every (student, lesson) pair must be stored as completed, and every enrolment completed. */
async function verify(lectern: Lectern, courseId: string, expected: number): Promise<void> {
  const db = lectern.database.db;
  const progress = await db
    .selectFrom('lesson_progress')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('course_id', '=', courseId)
    .where('completed', '=', true)
    .executeTakeFirstOrThrow();
  const completed = await db
    .selectFrom('enrollments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('course_id', '=', courseId)
    .where('status', '=', 'completed')
    .where('progress_percentage', '=', '100')
    .executeTakeFirstOrThrow();
  const ok = Number(progress.n) === expected && Number(completed.n) === 2 * STUDENTS;
  console.log(
    `rows (both servers): ${progress.n}/${expected} lesson completions, ${completed.n}/${2 * STUDENTS} enrolments completed at 100% -> ${ok ? 'nothing lost' : 'MISMATCH'}`,
  );
  if (!ok) process.exitCode = 1;
}
