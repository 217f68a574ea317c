// Aggregates over the closed attempts of a quiz, for its instructors.
import './assessment.tables.ts';

import { sql } from 'kysely';

import type { Executor } from '../../platform/db/index.ts';

export const statisticsRepo = {
  async quizTotals(db: Executor, quizId: string) {
    const { rows } = await sql<{
      attempts: number;
      in_progress: number;
      pending_review: number;
      graded: number;
      average_score: string | null;
      pass_rate: string | null;
    }>`
      select count(*)::int as attempts,
             (count(*) filter (where status = 'in_progress'))::int as in_progress,
             (count(*) filter (where status = 'pending_review'))::int as pending_review,
             (count(*) filter (where status = 'graded'))::int as graded,
             round(avg(score) filter (where status = 'graded'), 2)::text as average_score,
             round(avg(case when passed then 100.0 else 0 end) filter (where status = 'graded'), 2)::text as pass_rate
      from quiz_attempts where quiz_id = ${quizId}`.execute(db);
    return rows[0]!;
  },

  async perQuestion(db: Executor, quizId: string) {
    const { rows } = await sql<{
      question_id: string;
      answered: number;
      correct: number;
      pending: number;
      average_points: string | null;
      answered_true: number;
      answered_false: number;
    }>`
      select a.question_id,
             count(*)::int as answered,
             (count(*) filter (where a.is_correct))::int as correct,
             (count(*) filter (where a.points_earned is null))::int as pending,
             round(avg(a.points_earned), 2)::text as average_points,
             (count(*) filter (where a.answer = 'true'::jsonb))::int as answered_true,
             (count(*) filter (where a.answer = 'false'::jsonb))::int as answered_false
      from quiz_answers a
      join quiz_attempts t on t.id = a.attempt_id
      where t.quiz_id = ${quizId} and t.status <> 'in_progress'
      group by a.question_id`.execute(db);
    return rows;
  },

  /** How often each option of each multiple-choice question was chosen. */
  async optionCounts(db: Executor, quizId: string) {
    const { rows } = await sql<{ question_id: string; option: number; chosen: number }>`
      select a.question_id, e.value::int as option, count(*)::int as chosen
      from quiz_answers a
      join quiz_attempts t on t.id = a.attempt_id
      cross join lateral jsonb_array_elements_text(case when jsonb_typeof(a.answer) = 'array' then a.answer else '[]'::jsonb end) as e(value)
      where t.quiz_id = ${quizId} and t.status <> 'in_progress'
      group by a.question_id, e.value`.execute(db);
    return rows;
  },
};
