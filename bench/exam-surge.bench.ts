// Exam surge: N already-signed-in students start the same published 16-question quiz at the
// same moment, save their answers (two saves of eight), and submit, through real HTTP on a
// listening Lectern, on PostgreSQL and on PGlite. Prints N, errors, p50/p99 per step, the wall
// time (goal: under 60 s), and the surge's request rate beside a bare Fastify hello-world.
//
// How the students are "already signed in", honestly and fast: argon2id at OWASP cost is ~9 ms
// per hash, so 10,000 registrations would take minutes of set-up that measure nothing about
// exams. The users are inserted in SQL sharing ONE real argon2id hash (of a real password they
// could log in with), each gets a real `sessions` row, and each access token is signed by the
// identity module's own signer for that session. Every request of the surge then goes through
// the normal authentication hook (JWT check + live-session lookup), exactly as after a login.
// Enrolment is set-up too: through the learning module's `enroll`, not HTTP.
//
// Database round trips and commits per student are counted at the driver (see
// exam-surge.round-trips.ts): those of the surge's requests (auth check included; goal <= 10),
// and apart from them the background work the surge causes (event handlers, queue bookkeeping).
//
// Run: `node bench/exam-surge.bench.ts`; SURGE_STUDENTS (PostgreSQL, 20000), SURGE_STUDENTS_PGLITE
// (1000: PGlite is one embedded connection on the event loop, a newcomer's database, not a surge
// configuration), SURGE_CONNECTIONS (client sockets, 1000), SURGE_DB_POOL (16), BENCH_DATABASES
// (postgres,pglite), DATABASE_URL.
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

import { hash } from '@node-rs/argon2';
import { sql } from 'kysely';

import type { Lectern } from '../src/app.ts';
import { createLectern } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createTokenSigner } from '../src/modules/identity/tokens.ts';
import { systemClock } from '../src/platform/clock.ts';
import { testEnv } from '../test/helpers/app.ts';
import type { SurgeInput, SurgeOutput } from './exam-surge.client.ts';
import type { RoundTripCounts } from './exam-surge.round-trips.ts';
import { countPglite, countPostgres, markRequests, startCounting, uncounted } from './exam-surge.round-trips.ts';
import { listen, measure, openBenchDatabase, reportSummary, startHelloWorld } from './harness.ts';

const STUDENTS = {
  postgres: Number(process.env['SURGE_STUDENTS'] ?? 20_000),
  pglite: Number(process.env['SURGE_STUDENTS_PGLITE'] ?? 1000),
};
const GOAL_ROUND_TRIPS = 10;
const CONNECTIONS = Number(process.env['SURGE_CONNECTIONS'] ?? 1000);
const POOL = Number(process.env['SURGE_DB_POOL'] ?? 16);
const kinds = (process.env['BENCH_DATABASES'] ?? 'postgres,pglite').split(',') as ('postgres' | 'pglite')[];
const CLIENT = fileURLToPath(new URL('./exam-surge.client.ts', import.meta.url));
const actor = (id: string, role: 'student' | 'instructor' | 'admin', sessionId = '') => ({ id, role, sessionId });

for (const kind of kinds) {
  const students = STUDENTS[kind];
  const { database, drop } = await openBenchDatabase(kind, 'surge', POOL);
  if (database.pglite) countPglite(database.pglite);
  else countPostgres();
  const env = testEnv({
    DATABASE_URL: undefined,
    REDIS_URL: undefined,
    RATE_LIMIT_API_PER_HOUR: '100000000',
    LOG_LEVEL: 'silent',
  });
  const config = loadConfig(env);
  const lectern = await createLectern(config, { database });
  const setupStarted = Date.now();
  const { courseId, quizId, answers } = await createExam(lectern);
  const signedIn = await signInStudents(lectern, config.jwt, students);
  await enrolAll(lectern, courseId, signedIn);
  const enrolled = Date.now();
  // The enrolments' own background work (welcome emails, chat memberships) is set-up, done the
  // day before an exam: it finishes before the surge starts instead of competing with it.
  await lectern.queue.settle(600_000);
  console.log(
    `\n[${kind}] set-up of ${students} signed-in, enrolled students: ${((Date.now() - setupStarted) / 1000).toFixed(1)} s (their enrolments' background work: ${((Date.now() - enrolled) / 1000).toFixed(1)} s)`,
  );

  const hello = await startHelloWorld();
  const baseline = await measure('bare Fastify hello-world', hello.url);
  await hello.close();

  const server = await listen(lectern.app, '/');
  markRequests(lectern.app.server);
  const counted = startCounting();
  const result = await runSurge({
    baseUrl: server.url.replace(/\/$/, ''),
    quizId,
    tokens: signedIn.map((s) => s.token),
    answers,
    connections: CONNECTIONS,
  });
  const answered = Date.now();
  await uncounted(() => lectern.queue.settle(600_000));
  const drainMs = Date.now() - answered;
  await uncounted(() =>
    report(kind, students, lectern, quizId, result, counted(), baseline.requestsPerSecond, drainMs),
  );

  await lectern.close();
  await drop();
}

/** A published course with a published, 30-minute, shuffled quiz of 16 auto-graded questions. */
async function createExam(lectern: Lectern) {
  const tag = randomBytes(4).toString('hex');
  const register = await lectern.app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: { email: `surge-owner-${tag}@example.test`, password: 'Surge-Owner-2026', full_name: 'Exam Owner' },
  });
  const me = await lectern.app.inject({
    method: 'GET',
    url: '/api/v1/users/me',
    headers: { authorization: `Bearer ${register.json().access_token}` },
  });
  const ownerId = me.json().id as string;
  await lectern.database.db.updateTable('users').set({ role: 'instructor' }).where('id', '=', ownerId).execute();
  const login = await lectern.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: `surge-owner-${tag}@example.test`, password: 'Surge-Owner-2026' },
  });
  const headers = { authorization: `Bearer ${login.json().access_token}` };
  const owner = actor(ownerId, 'instructor');
  const course = await lectern.modules.catalog.createCourse(owner, { title: `Exam surge ${tag}` });
  await lectern.modules.catalog.createLesson(owner, course.id, {
    title: 'Before the exam',
    type: 'text',
    content: 'Read me',
    status: 'published',
  });
  await lectern.modules.catalog.publishCourse(owner, course.id);

  const quiz = await lectern.app.inject({
    method: 'POST',
    url: '/api/v1/quizzes',
    headers,
    payload: {
      course_id: course.id,
      title: 'Final exam',
      time_limit_minutes: 30,
      passing_score_percentage: 60,
      shuffle_questions: true,
      is_published: true,
    },
  });
  const quizId = quiz.json().id as string;
  const answers: { question_id: string; answer: unknown }[] = [];
  for (let i = 0; i < 16; i++) {
    const kindOf = i % 4;
    const payload =
      kindOf === 0 || kindOf === 1
        ? {
            question_text: `Question ${i + 1}: pick`,
            question_type: 'multiple_choice',
            options: ['A', 'B', 'C', 'D'],
            correct_answer: kindOf === 0 ? [1] : [0, 2],
          }
        : kindOf === 2
          ? { question_text: `Question ${i + 1}: true?`, question_type: 'true_false', correct_answer: true }
          : { question_text: `Question ${i + 1}: name it`, question_type: 'short_answer', correct_answer: ['Albany'] };
    const added = await lectern.app.inject({
      method: 'POST',
      url: `/api/v1/quizzes/${quizId}/questions`,
      headers,
      payload,
    });
    if (added.statusCode !== 201) throw new Error(`question: ${added.body}`);
    answers.push({
      question_id: added.json().id,
      answer: kindOf === 0 ? [1] : kindOf === 1 ? [0] : kindOf === 2 ? true : ' albany ',
    });
  }
  return { courseId: course.id, quizId, answers };
}

/** Students with a real (shared) argon2id hash, a real session each, and an access token signed for it. */
async function signInStudents(
  lectern: Lectern,
  jwt: { secret: string; issuer: string; audience: string },
  count: number,
) {
  const db = lectern.database.db;
  const tag = randomBytes(4).toString('hex');
  const passwordHash = await hash('Surge-Student-2026', { memoryCost: 19456, timeCost: 2, parallelism: 1 });
  const students: { id: string; sessionId: string; token: string }[] = [];
  const signer = await createTokenSigner({ ...jwt, accessTtlSeconds: 3600 }, systemClock);
  for (let offset = 0; offset < count; offset += 2000) {
    const size = Math.min(2000, count - offset);
    const users = await sql<{ id: string }>`
      insert into users (email, password_hash, role, full_name, first_name, last_name)
      select 'surge-' || ${tag} || '-' || i || '@example.test', ${passwordHash}, 'student', 'Student ' || i, 'Student', i::text
      from generate_series(${offset + 1}::int, ${offset + size}::int) as i
      returning id`.execute(db);
    const sessions = await sql<{ id: string; user_id: string }>`
      insert into sessions (user_id, expires_at)
      select id, now() + interval '1 day' from unnest(${sql.val(users.rows.map((u) => u.id))}::uuid[]) as u(id)
      returning id, user_id`.execute(db);
    for (const session of sessions.rows) {
      students.push({
        id: session.user_id,
        sessionId: session.id,
        token: await signer.sign({ userId: session.user_id, sessionId: session.id, role: 'student' }),
      });
    }
  }
  return students;
}

async function enrolAll(lectern: Lectern, courseId: string, students: { id: string; sessionId: string }[]) {
  let next = 0;
  const worker = async () => {
    while (next < students.length) {
      const student = students[next++]!;
      await lectern.modules.learning.enroll(actor(student.id, 'student', student.sessionId), courseId);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}

function runSurge(input: SurgeInput): Promise<SurgeOutput> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CLIENT, { workerData: input });
    worker.once('message', (output: SurgeOutput) => resolve(output));
    worker.once('error', reject);
  });
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!);
}

async function report(
  kind: string,
  students: number,
  lectern: Lectern,
  quizId: string,
  result: SurgeOutput,
  trips: RoundTripCounts,
  helloRps: number,
  drainMs: number,
) {
  const stored = await sql<{
    status: string;
    n: number;
  }>`select status, count(*)::int as n from quiz_attempts where quiz_id = ${quizId} group by status`.execute(
    lectern.database.db,
  );
  const answers = await sql<{
    n: number;
  }>`select count(*)::int as n from quiz_answers a join quiz_attempts t on t.id = a.attempt_id where t.quiz_id = ${quizId}`.execute(
    lectern.database.db,
  );
  const rps = Math.round(result.requests / (result.wallMs / 1000));
  console.log(
    `exam surge on ${kind}: N=${students} students${kind === 'pglite' ? ' (PGlite sized down: one embedded connection is not a surge configuration)' : ''}, ${CONNECTIONS} client connections, ${result.requests} requests`,
  );
  console.table(
    (['start', 'save', 'submit'] as const).map((step) => ({
      step,
      requests: result[step].length,
      'p50 ms': percentile(result[step], 50),
      'p99 ms': percentile(result[step], 99),
      'max ms': percentile(result[step], 100),
    })),
  );
  console.log(
    `errors: ${result.errors}${result.errorSamples.length ? `  e.g. ${result.errorSamples.join(' | ')}` : ''}`,
  );
  console.log(
    `wall time: ${(result.wallMs / 1000).toFixed(1)} s (${result.wallMs <= 60_000 ? 'within' : 'OVER'} 60 s); surge ${rps} req/s vs hello-world ${helloRps} req/s = ${(rps / helloRps).toFixed(3)}`,
  );
  console.log(
    `stored: attempts ${stored.rows.map((r) => `${r.status}=${r.n}`).join(', ')}; answers ${answers.rows[0]!.n} (expected ${students * 16})`,
  );
  const perStudent = (n: number) => (n / students).toFixed(2);
  const tripsPerStudent = trips.request.statements / students;
  console.log(
    `database round trips per student (requests, auth check included): ${perStudent(trips.request.statements)} (goal <= ${GOAL_ROUND_TRIPS}), commits per student: ${perStudent(trips.request.commits)}`,
  );
  console.log(
    `background work of the surge (in-process queue worker: the gradings' event handlers, pg-boss polling and bookkeeping): ${perStudent(trips.background.statements)} statements and ${perStudent(trips.background.commits)} commits per student, drained ${drainMs} ms after the last answer`,
  );
  reportSummary({
    workload: `exam surge, ${students} students in ${(result.wallMs / 1000).toFixed(1)} s, ${result.errors} errors, ${tripsPerStudent.toFixed(1)} round trips/student (${kind})`,
    lectern: rps,
    baseline: helloRps,
    unit: 'req/s',
    ratio: rps / helloRps,
    p99Ms: percentile([...result.start, ...result.save, ...result.submit], 99),
    goal: `20,000 students within 60 s, 0 errors, <= ${GOAL_ROUND_TRIPS} round trips/student`,
  });
}
