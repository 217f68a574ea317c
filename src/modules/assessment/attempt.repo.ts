// Every SQL statement about quiz attempts and their answers.
import './assessment.tables.ts';

import { sql } from 'kysely';

import type { Executor } from '../../platform/db/index.ts';
import type { PageRequest } from '../../platform/paging.ts';
import type { AnswerRow, AttemptRow, AttemptStatus } from './assessment.tables.ts';
import type { AttemptAnswer, AttemptSummary } from './assessment.types.ts';

/** An attempt row with what grading needs of its quiz, read in one query. */
export interface AttemptContext extends AttemptSummary {
  question_order: string[];
  /** Present when read with `withAnswers`. */
  answers?: AttemptAnswer[];
  course_id: string;
  quiz_version: number;
  passing_score_percentage: number;
  max_attempts: number | null;
}

const num = (value: string | null) => (value === null ? null : Number(value));

export function toAttemptSummary(row: AttemptRow): AttemptSummary {
  return {
    id: row.id,
    quiz_id: row.quiz_id,
    user_id: row.user_id,
    attempt_number: row.attempt_number,
    status: row.status,
    started_at: row.started_at,
    deadline_at: row.deadline_at,
    ended_at: row.ended_at,
    closed_by: row.closed_by,
    score: num(row.score),
    passed: row.passed,
    points_earned: num(row.points_earned),
    points_possible: num(row.points_possible),
  };
}

export function toAnswer(
  row: Pick<AnswerRow, 'question_id' | 'answer' | 'is_correct' | 'points_earned' | 'feedback'>,
): AttemptAnswer {
  return {
    question_id: row.question_id,
    answer: row.answer,
    correct: row.is_correct,
    points_earned: num(row.points_earned),
    feedback: row.feedback,
  };
}

export interface AnswerGrade {
  question_id: string;
  is_correct: boolean | null;
  points_earned: number | null;
}

export const attemptRepo = {
  /** The attempt and its quiz's grading facts (the hot repository's contexts add its answers). */
  async context(db: Executor, attemptId: string, lock = false): Promise<AttemptContext | undefined> {
    let query = db
      .selectFrom('quiz_attempts as a')
      .innerJoin('quizzes as q', 'q.id', 'a.quiz_id')
      .selectAll('a')
      .select(['q.course_id', 'q.version as quiz_version', 'q.passing_score_percentage', 'q.max_attempts'])
      .where('a.id', '=', attemptId);
    if (lock) query = query.forUpdate('a');
    const row = (await query.executeTakeFirst()) as
      | (AttemptRow & {
          course_id: string;
          quiz_version: number;
          passing_score_percentage: string;
          max_attempts: number | null;
        })
      | undefined;
    if (!row) return undefined;
    return {
      ...toAttemptSummary(row),
      question_order: row.question_order,
      course_id: row.course_id,
      quiz_version: row.quiz_version,
      passing_score_percentage: Number(row.passing_score_percentage),
      max_attempts: row.max_attempts,
    };
  },

  /** The user's attempts at a quiz, newest last, locked: starts of one user serialise here. */
  async listForUser(db: Executor, quizId: string, userId: string): Promise<AttemptSummary[]> {
    const rows = await db
      .selectFrom('quiz_attempts')
      .selectAll()
      .where('quiz_id', '=', quizId)
      .where('user_id', '=', userId)
      .orderBy('attempt_number')
      .execute();
    return rows.map(toAttemptSummary);
  },

  async countForUser(db: Executor, quizId: string, userId: string): Promise<number> {
    const row = await db
      .selectFrom('quiz_attempts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('quiz_id', '=', quizId)
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  async insert(
    db: Executor,
    values: {
      quiz_id: string;
      user_id: string;
      attempt_number: number;
      question_order: string[];
      started_at: Date;
      deadline_at: Date | null;
    },
  ): Promise<AttemptRow> {
    return db
      .insertInto('quiz_attempts')
      .values({
        ...values,
        question_order: JSON.stringify(values.question_order),
        created_at: values.started_at,
        updated_at: values.started_at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  async listForQuiz(
    db: Executor,
    quizId: string,
    filter: { userId?: string | undefined; status?: AttemptStatus | undefined },
    page: PageRequest,
  ) {
    let query = db.selectFrom('quiz_attempts').where('quiz_id', '=', quizId);
    if (filter.userId) query = query.where('user_id', '=', filter.userId);
    if (filter.status) query = query.where('status', '=', filter.status);
    const [rows, count] = await Promise.all([
      query.selectAll().orderBy('started_at').orderBy('id').limit(page.limit).offset(page.offset).execute(),
      query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toAttemptSummary), total: Number(count.total) };
  },

  async answers(db: Executor, attemptId: string): Promise<AttemptAnswer[]> {
    const rows = await db
      .selectFrom('quiz_answers')
      .select(['question_id', 'answer', 'is_correct', 'points_earned', 'feedback'])
      .where('attempt_id', '=', attemptId)
      .execute();
    return rows.map(toAnswer);
  },

  /**
   * Upserts answers only while the attempt is open, before its deadline and owned by `userId`;
   * the attempt row is updated too, so a concurrent submit or close waits or wins cleanly.
   * Returns how many answers were written (0: the attempt was closed meanwhile).
   */
  async saveAnswers(
    db: Executor,
    attemptId: string,
    userId: string,
    answers: { question_id: string; answer: unknown }[],
    now: Date,
  ): Promise<number> {
    if (answers.length === 0) return 0;
    // The attempt row is updated (its answers_version bumped) while the answers are written, so
    // a submit that read the answers before cannot close the attempt on a stale read.
    const { rows } = await sql<{ saved: number }>`
      with open as (
        update quiz_attempts a set answers_version = a.answers_version + 1
        where a.id = ${attemptId} and a.user_id = ${userId} and a.status = 'in_progress'
          and (a.deadline_at is null or a.deadline_at > ${now})
        returning a.id
      ), saved as (
        insert into quiz_answers (attempt_id, question_id, answer, updated_at)
        select open.id, x.question_id, x.answer, ${now}
        from open
        cross join unnest(${sql.val(answers.map((a) => a.question_id))}::uuid[], ${sql.val(answers.map((a) => JSON.stringify(a.answer)))}::jsonb[]) as x(question_id, answer)
        on conflict (attempt_id, question_id) do update set answer = excluded.answer, updated_at = excluded.updated_at
        returning 1
      )
      select count(*)::int as saved from saved`.execute(db);
    return rows[0]?.saved ?? 0;
  },

  async gradeManually(
    db: Executor,
    attemptId: string,
    grade: {
      question_id: string;
      is_correct: boolean;
      points_earned: number;
      feedback: string | null;
      graded_by: string;
    },
    now: Date,
  ): Promise<void> {
    await db
      .insertInto('quiz_answers')
      .values({
        attempt_id: attemptId,
        question_id: grade.question_id,
        answer: JSON.stringify(null),
        is_correct: grade.is_correct,
        points_earned: grade.points_earned,
        feedback: grade.feedback,
        graded_by: grade.graded_by,
        graded_at: now,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.columns(['attempt_id', 'question_id']).doUpdateSet({
          is_correct: grade.is_correct,
          points_earned: grade.points_earned,
          feedback: grade.feedback,
          graded_by: grade.graded_by,
          graded_at: now,
          updated_at: now,
        }),
      )
      .execute();
  },

  /** Writes the automatic grades and closes the attempt in one statement. */
  async closeWithGrades(
    db: Executor,
    attemptId: string,
    grades: AnswerGrade[],
    values: {
      status: AttemptStatus;
      ended_at: Date;
      closed_by: 'student' | 'deadline';
      points_earned: number;
      points_possible: number;
      score: number | null;
      passed: boolean | null;
    },
    now: Date,
  ): Promise<AttemptRow> {
    const { rows } = await sql<AttemptRow>`
      with graded as (
        update quiz_answers qa set is_correct = g.is_correct, points_earned = g.points_earned
        from unnest(${sql.val(grades.map((g) => g.question_id))}::uuid[], ${sql.val(grades.map((g) => g.is_correct))}::boolean[],
                    ${sql.val(grades.map((g) => g.points_earned))}::numeric[]) as g(question_id, is_correct, points_earned)
        where qa.attempt_id = ${attemptId} and qa.question_id = g.question_id
        returning 1
      )
      update quiz_attempts set status = ${values.status}, ended_at = ${values.ended_at}, closed_by = ${values.closed_by},
        points_earned = ${values.points_earned}, points_possible = ${values.points_possible}, score = ${values.score},
        passed = ${values.passed}, updated_at = ${now}
      where id = ${attemptId}
      returning *`.execute(db);
    return rows[0]!;
  },

  async close(
    db: Executor,
    attemptId: string,
    values: {
      status: AttemptStatus;
      ended_at?: Date;
      closed_by?: 'student' | 'deadline';
      points_earned: number;
      points_possible: number;
      score: number | null;
      passed: boolean | null;
    },
    now: Date,
  ): Promise<AttemptRow> {
    return db
      .updateTable('quiz_attempts')
      .set({ ...values, updated_at: now })
      .where('id', '=', attemptId)
      .returningAll()
      .executeTakeFirstOrThrow();
  },
};
