// The statements on an exam's hot path (start, save, submit) and the deadline sweeper's: each
// folds its checks into the write, so a request is one round trip, and each is built once and
// sent as a named prepared statement on PostgreSQL (prepareQuery).
import './assessment.tables.ts';

import type { Compilable, Expression, Kysely, RawBuilder, SqlBool } from 'kysely';
import { sql } from 'kysely';

import type { Database, Executor, PreparedQuery } from '../../platform/db/index.ts';
import { prepareQuery } from '../../platform/db/index.ts';
import type { EventBus } from '../../platform/events/index.ts';
import type { AttemptGraded } from './assessment.events.ts';
import type { AttemptRow } from './assessment.tables.ts';
import type { AttemptContext } from './attempt.repo.ts';
import { toAnswer, toAttemptSummary } from './attempt.repo.ts';

/** The learning module's "enrolled" condition (see the learning port). */
export type EnrolledCondition = (userId: string, courseId: Expression<string>) => RawBuilder<SqlBool>;

/** What a save statement saw of its attempt, whether or not it wrote. */
export interface SaveOutcome {
  saved: number;
  ctx: Pick<
    AttemptContext,
    | 'id'
    | 'user_id'
    | 'quiz_id'
    | 'quiz_version'
    | 'course_id'
    | 'status'
    | 'closed_by'
    | 'deadline_at'
    | 'question_order'
  >;
}

/** One attempt closed by the sweeper: its totals and the automatic grades of its answers. */
export interface SweptClose {
  id: string;
  status: AttemptRow['status'];
  ended_at: Date;
  points_earned: number;
  points_possible: number;
  score: number | null;
  passed: boolean | null;
  grades: { question_id: string; is_correct: boolean | null; points_earned: number | null }[];
}

const raw = <R>(db: Kysely<Database>, query: RawBuilder<R>): Compilable<R> => ({ compile: () => query.compile(db) });

type AnswerJson = {
  question_id: string;
  answer: unknown;
  is_correct: boolean | null;
  points_earned: number | null;
  feedback: string | null;
};
type ContextRow = AttemptRow & {
  course_id: string;
  quiz_version: number;
  passing_score_percentage: string;
  max_attempts: number | null;
  answers_json: AnswerJson[];
  answers_stale: boolean;
};

const answersJson = sql`(select coalesce(json_agg(json_build_object('question_id', x.question_id, 'answer', x.answer,
  'is_correct', x.is_correct, 'points_earned', x.points_earned, 'feedback', x.feedback)), '[]'::json)
  from quiz_answers x where x.attempt_id = a.id)`;

/** The context; without `answers` when those read beside a locked row are stale (see contextSelect). */
function toContext(row: ContextRow): AttemptContext {
  return {
    ...(row.answers_stale
      ? {}
      : {
          answers: row.answers_json.map((a) =>
            toAnswer({ ...a, points_earned: a.points_earned === null ? null : String(a.points_earned) }),
          ),
        }),
    ...toAttemptSummary(row),
    question_order: row.question_order,
    course_id: row.course_id,
    quiz_version: row.quiz_version,
    passing_score_percentage: Number(row.passing_score_percentage),
    max_attempts: row.max_attempts,
  };
}

/**
 * Inserts the attempt only if the quiz is published and still at `version` (the question order
 * was drawn from that version), the student is enrolled, has no open attempt and attempts left.
 * Nothing inserted (undefined): the caller finds out why the slow way.
 */
let startQuery: PreparedQuery<[string, number, string, string, Date, Date | null], AttemptRow> | undefined;

/** Saves answers only while the attempt is the user's, open, before its deadline and of the quiz version validated against. */
const saveQuery = prepareQuery(
  'assessment_save_answers',
  8,
  (
    db,
    attemptId: string,
    userId: string,
    quizId: string,
    version: number,
    questionIds: string[],
    answers: string[],
    questionIdsJson: string,
    now: Date,
  ) =>
    raw(
      db,
      sql<SaveOutcome['ctx'] & { saved: number }>`
      with ctx as (
        select a.id, a.user_id, a.quiz_id, q.version as quiz_version, q.course_id, a.status, a.closed_by, a.deadline_at,
          a.question_order
        from quiz_attempts a join quizzes q on q.id = a.quiz_id
        where a.id = ${attemptId}
        for update of a
      ), open as (
        -- Bumping answers_version tells a submit that read the answers before that they changed.
        update quiz_attempts a set answers_version = a.answers_version + 1
        from ctx
        where a.id = ctx.id and ctx.user_id = ${userId} and ctx.status = 'in_progress'
          and (ctx.deadline_at is null or ctx.deadline_at > ${now}::timestamptz)
          and ctx.quiz_id = ${quizId} and ctx.quiz_version = ${version}::int and ctx.question_order @> ${questionIdsJson}::jsonb
        returning a.id
      ), saved as (
        insert into quiz_answers (attempt_id, question_id, answer, updated_at)
        select open.id, x.question_id, x.answer, ${now}::timestamptz
        from open cross join unnest(${questionIds}::uuid[], ${answers}::jsonb[]) as x(question_id, answer)
        on conflict (attempt_id, question_id) do update set answer = excluded.answer, updated_at = excluded.updated_at
        returning 1
      )
      select ctx.*, (select count(*) from saved)::int as saved from ctx`,
    ),
);

/**
 * An attempt row with its quiz's grading facts and its answers (a ContextRow), before the WHERE.
 * A row locked after waiting for a save is its latest version, but the answers beside it are
 * still those of the statement's snapshot: `answers_stale` (the snapshot's answers_version is not
 * the row's) tells the caller to read them again, now that it holds the lock. Unlocked, row and
 * answers come from one snapshot.
 */
const contextSelect = (locking: boolean) => sql`
  select a.*, q.course_id, q.version as quiz_version, q.passing_score_percentage, q.max_attempts,
    ${answersJson} as answers_json,
    ${locking ? sql`a.answers_version <> (select s.answers_version from quiz_attempts s where s.id = a.id)` : sql`false`}
      as answers_stale
  from quiz_attempts a join quizzes q on q.id = a.quiz_id`;

/** The attempt, its quiz's grading facts and its answers: a submit's one read, row-locked or (optimistic) not. */
const contextQueryOf = (name: string, lock: boolean) =>
  prepareQuery(name, 1, (db, attemptId: string) =>
    raw(
      db,
      sql<ContextRow>`
      ${contextSelect(lock)}
      where a.id = ${attemptId}
      ${lock ? sql`for update of a` : sql``}`,
    ),
  );
const lockedContextQuery = contextQueryOf('assessment_attempt_locked', true);
const contextQuery = contextQueryOf('assessment_attempt_context', false);

/** Open attempts past their deadline, with what grading needs; rows another sweeper holds are skipped. */
const expiredQuery = prepareQuery('assessment_expired_attempts', 2, (db, now: Date, limit: number) =>
  raw(
    db,
    sql<ContextRow>`
    ${contextSelect(true)}
    where a.status = 'in_progress' and a.deadline_at <= ${now}::timestamptz
    order by a.deadline_at
    limit ${limit}::int
    for update of a skip locked`,
  ),
);

let closeQuery: ReturnType<typeof buildClose> | undefined;

/** The close (see `attemptHotRepo.close`): its event is built in the statement (the bus's routes are fixed at start). */
function buildClose(events: Pick<EventBus, 'insertSql'>) {
  return prepareQuery(
    'assessment_close_attempt',
    15,
    (
      db,
      attemptId: string,
      answersVersion: number | null,
      questionIds: string[],
      correct: (boolean | null)[],
      points: (number | null)[],
      status: string,
      endedAt: Date,
      closedBy: string,
      earned: number,
      possible: number,
      score: number | null,
      passed: boolean | null,
      now: Date,
      event: string,
      occurredAt: string,
    ) =>
      raw(
        db,
        sql<AttemptRow & { published: number }>`
        with closed as (
          update quiz_attempts a set status = ${status}, ended_at = ${endedAt}::timestamptz, closed_by = ${closedBy},
            points_earned = ${earned}::numeric, points_possible = ${possible}::numeric, score = ${score}::numeric,
            passed = ${passed}::boolean, updated_at = ${now}::timestamptz
          where a.id = ${attemptId}::uuid and a.status = 'in_progress'
            and (${answersVersion}::int is null or a.answers_version = ${answersVersion}::int)
          returning a.*
        ), graded as (
          update quiz_answers qa set is_correct = g.is_correct, points_earned = g.points_earned
          from closed, unnest(${questionIds}::uuid[], ${correct}::boolean[], ${points}::numeric[])
            as g(question_id, is_correct, points_earned)
          where qa.attempt_id = closed.id and qa.question_id = g.question_id
          returning 1
        ), published as (
          ${events.insertSql('assessment.attempt.graded', {
            from: sql`closed`,
            where: sql<boolean>`true`,
            data: sql`${event}::json`,
            occurredAt: sql<string>`${occurredAt}::text`,
          })}
        )
        select closed.*, (select count(*) from published)::int as published from closed`,
      ),
  );
}

export const attemptHotRepo = {
  async start(
    db: Executor,
    enrolled: EnrolledCondition,
    values: {
      quizId: string;
      version: number;
      userId: string;
      order: string[];
      now: Date;
      deadline: Date | null;
    },
  ): Promise<AttemptRow | undefined> {
    startQuery ??= prepareQuery(
      'assessment_start_attempt',
      6,
      (builder, quizId: string, version: number, userId: string, order: string, now: Date, deadline: Date | null) =>
        raw(
          builder,
          sql<AttemptRow>`
          insert into quiz_attempts (quiz_id, user_id, attempt_number, question_order, started_at, deadline_at,
            created_at, updated_at)
          select q.id, ${userId}::uuid, p.n + 1, ${order}::jsonb, ${now}::timestamptz, ${deadline}::timestamptz,
            ${now}::timestamptz, ${now}::timestamptz
          from quizzes q
          cross join lateral (
            select count(*)::int as n, coalesce(bool_or(a.status = 'in_progress'), false) as open
            from quiz_attempts a where a.quiz_id = q.id and a.user_id = ${userId}::uuid
          ) p
          where q.id = ${quizId} and q.version = ${version}::int and q.is_published and not p.open
            and (q.max_attempts is null or p.n < q.max_attempts)
            and ${enrolled(userId, sql.ref('q.course_id'))}
          returning *`,
        ),
    );
    return startQuery.takeFirst(
      db,
      values.quizId,
      values.version,
      values.userId,
      JSON.stringify(values.order),
      values.now,
      values.deadline,
    );
  },

  async save(
    db: Executor,
    values: {
      attemptId: string;
      userId: string;
      quizId: string;
      version: number;
      answers: { question_id: string; answer: unknown }[];
      now: Date;
    },
  ): Promise<SaveOutcome | undefined> {
    const ids = values.answers.map((a) => a.question_id);
    const row = await saveQuery.takeFirst(
      db,
      values.attemptId,
      values.userId,
      values.quizId,
      values.version,
      ids,
      values.answers.map((a) => JSON.stringify(a.answer)),
      JSON.stringify(ids),
      values.now,
    );
    if (!row) return undefined;
    const { saved, ...ctx } = row;
    return { saved, ctx };
  },

  async lockedContext(db: Executor, attemptId: string): Promise<AttemptContext | undefined> {
    const row = await lockedContextQuery.takeFirst(db, attemptId);
    return row && toContext(row);
  },

  async context(db: Executor, attemptId: string): Promise<(AttemptContext & { answers_version: number }) | undefined> {
    const row = await contextQuery.takeFirst(db, attemptId);
    return row && { ...toContext(row), answers_version: row.answers_version };
  },

  /**
   * Closes an open attempt with its grades and publishes its graded event, in one statement.
   * With `answersVersion` (an unlocked read's) it closes only if no save came since, re-checked
   * on the row if a save or close got there first; without, the caller holds the row lock. The
   * closed row and whether the event went to the outbox (call `published()` then), or undefined
   * when it wrote nothing.
   */
  async close(
    db: Executor,
    events: Pick<EventBus, 'insertSql'>,
    attemptId: string,
    answersVersion: number | null,
    grades: SweptClose['grades'],
    values: Omit<SweptClose, 'id' | 'grades'> & { closed_by: 'student' | 'deadline' },
    event: AttemptGraded,
    now: Date,
  ): Promise<{ row: AttemptRow; published: boolean } | undefined> {
    closeQuery ??= buildClose(events);
    const closed = await closeQuery.takeFirst(
      db,
      attemptId,
      answersVersion,
      grades.map((g) => g.question_id),
      grades.map((g) => g.is_correct),
      grades.map((g) => g.points_earned),
      values.status,
      values.ended_at,
      values.closed_by,
      values.points_earned,
      values.points_possible,
      values.score,
      values.passed,
      now,
      JSON.stringify(event),
      now.toISOString(),
    );
    if (!closed) return undefined;
    const { published, ...row } = closed;
    return { row, published: published > 0 };
  },

  async lockExpired(db: Executor, now: Date, limit: number): Promise<AttemptContext[]> {
    const rows = await expiredQuery.execute(db, now, limit);
    return rows.map(toContext);
  },

  /** Closes every given attempt at its deadline with its grades, in one statement. */
  async closeExpired(db: Executor, closes: SweptClose[], now: Date): Promise<AttemptRow[]> {
    if (closes.length === 0) return [];
    const attempts = JSON.stringify(closes.map(({ grades: _grades, ...close }) => close));
    const grades = JSON.stringify(closes.flatMap((c) => c.grades.map((g) => ({ attempt_id: c.id, ...g }))));
    const { rows } = await sql<AttemptRow>`
      with graded as (
        update quiz_answers qa set is_correct = g.is_correct, points_earned = g.points_earned
        from json_to_recordset(${grades}::json) as g(attempt_id uuid, question_id uuid, is_correct boolean, points_earned numeric)
        where qa.attempt_id = g.attempt_id and qa.question_id = g.question_id
        returning 1
      )
      update quiz_attempts a set status = c.status, ended_at = c.ended_at, closed_by = 'deadline',
        points_earned = c.points_earned, points_possible = c.points_possible, score = c.score, passed = c.passed,
        updated_at = ${now}::timestamptz
      from json_to_recordset(${attempts}::json) as c(id uuid, status text, ended_at timestamptz, points_earned numeric,
        points_possible numeric, score numeric, passed boolean)
      where a.id = c.id and a.status = 'in_progress'
      returning a.*`.execute(db);
    return rows;
  },
};
