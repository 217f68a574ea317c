// The hand-written "complete a lesson" the lesson-progress bench divides by: what a careful
// engineer would write without a framework around the domain. Bare Fastify, jose's jwtVerify with
// a pre-imported key, the live-session check, then one transaction: lock the enrolment (and check
// the student owns it, it is not cancelled, and the lesson belongs to its course), then one
// statement that upserts the lesson's progress (first completion time kept), recomputes the course
// percentage over the published lessons (the required ones when any is marked required) and
// completes the enrolment when all are done. Named statements through `pg` on PostgreSQL, PGlite's
// query on PGlite. It publishes no events (Lectern's outbox jobs are Lectern's own cost).
import Fastify from 'fastify';
import { jwtVerify } from 'jose';
import pg from 'pg';

import type { DatabaseHandle } from '../src/platform/db/index.ts';
import { listen } from './harness.ts';
import { importJwtKey } from './jwt-key.ts';

const SESSION = `select u.id from sessions s join users u on u.id = s.user_id
  where s.id = $1 and s.user_id = $2 and s.revoked_at is null and s.expires_at > now() and u.is_active`;

const LOCK = `select e.user_id, e.course_id, e.status, l.course_id as lesson_course_id
  from enrollments e left join lessons l on l.id = $2 where e.id = $1 for update of e`;

// $1 enrolment, $2 student, $3 course, $4 lesson. The count reads the rows as they were before the
// upsert (one statement, one snapshot), so this lesson is counted from the upsert's own row.
const COMPLETE = `with up as (
    insert into lesson_progress as p (enrollment_id, user_id, course_id, lesson_id, completed, completed_at, created_at, updated_at)
    values ($1, $2, $3, $4, true, now(), now(), now())
    on conflict (enrollment_id, lesson_id) do update
      set completed = true, completed_at = coalesce(p.completed_at, excluded.completed_at), updated_at = excluded.updated_at
    returning p.*),
  published as (
    select l.id, l.is_required from lessons l join sections s on s.id = l.section_id
    where l.course_id = $3 and l.status = 'published'),
  counted as (
    select id from published where is_required or not exists (select 1 from published where is_required)),
  d as (
    select (select count(*) from counted)::int as total,
      ((select count(*) from lesson_progress p where p.enrollment_id = $1 and p.completed and p.lesson_id <> $4
          and p.lesson_id in (select id from counted))
       + (select count(*) from up where up.completed and up.lesson_id in (select id from counted)))::int as done),
  e as (
    update enrollments e set
      progress_percentage = case when d.total = 0 then 0 else least(100, round(d.done * 100.0 / d.total, 2)) end,
      status = case when e.status = 'active' and d.total > 0 and d.done >= d.total then 'completed' else e.status end,
      completed_at = case when e.status = 'active' and d.total > 0 and d.done >= d.total then now() else e.completed_at end,
      last_accessed_at = now(), updated_at = now()
    from d where e.id = $1
    returning e.progress_percentage, e.status)
  select up.*, e.progress_percentage as enrollment_progress_percentage, e.status as enrollment_status from up, e`;

type Query = <R>(name: string, text: string, values: unknown[]) => Promise<R | undefined>;

export async function startHandWrittenCompletion(
  kind: 'postgres' | 'pglite',
  database: DatabaseHandle,
  secret: string,
) {
  const key = await importJwtKey(secret);
  const pool = kind === 'postgres' ? new pg.Pool({ connectionString: database.url, max: 10 }) : undefined;
  // A client still closing when the bench drops its database (with force) must not crash the run.
  pool?.on('error', () => undefined);
  const viaPool =
    (client: pg.Pool | pg.PoolClient): Query =>
    async (name, text, values) =>
      (await client.query({ name, text, values })).rows[0];
  /** Runs `work` in one transaction. */
  const transaction = async <T>(work: (query: Query) => Promise<T>): Promise<T> => {
    if (!pool)
      return database.pglite!.transaction((tx) =>
        work(async (_n, text, values) => (await tx.query(text, values)).rows[0] as never),
      );
    const client = await pool.connect();
    try {
      await client.query('begin');
      const result = await work(viaPool(client));
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback');
      throw error;
    } finally {
      client.release();
    }
  };
  const query: Query = pool
    ? viaPool(pool)
    : async (_name, text, values) => (await database.pglite!.query(text, values)).rows[0] as never;

  const app = Fastify();
  app.post<{ Params: { enrollment: string; lesson: string } }>(
    '/api/v1/enrollments/:enrollment/lessons/:lesson/complete',
    async (request, reply) => {
      let userId: string;
      try {
        const { payload } = await jwtVerify(request.headers.authorization?.slice(7) ?? '', key, {
          algorithms: ['HS256'],
          issuer: 'lectern',
          audience: 'lectern-api',
        });
        userId = String(payload.sub);
        if (!(await query('complete-session', SESSION, [String(payload['sid']), userId]))) throw new Error('session');
      } catch {
        return reply.status(401).send({ detail: 'Could not validate credentials' });
      }
      const { enrollment, lesson } = request.params;
      const outcome = await transaction(async (tx) => {
        const locked = await tx<{
          user_id: string;
          course_id: string;
          status: string;
          lesson_course_id: string | null;
        }>('complete-lock', LOCK, [enrollment, lesson]);
        if (!locked || locked.user_id !== userId) return { status: 404, body: { detail: 'Enrollment not found' } };
        if (locked.lesson_course_id !== locked.course_id) return { status: 404, body: { detail: 'Lesson not found' } };
        if (locked.status === 'cancelled') return { status: 409, body: { detail: 'Enrollment is not active' } };
        const row = await tx<Record<string, unknown>>('complete-write', COMPLETE, [
          enrollment,
          userId,
          locked.course_id,
          lesson,
        ]);
        return { status: 200, body: row };
      });
      return reply.status(outcome.status).send(outcome.body);
    },
  );
  const server = await listen(app, '/');
  return { url: server.url, close: async () => (await server.close(), await pool?.end()) };
}
