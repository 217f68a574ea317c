// Pure attempt rules: automatic grading totals and what each viewer of an attempt may see.
import type { Attempt, AttemptAnswer, AttemptStatus, AttemptSummary, Question } from './assessment.types.ts';
import type { AnswerGrade, AttemptContext } from './attempt.repo.ts';
import { round2, scoreAnswer } from './grading.ts';
import { publicQuestion } from './quiz.service.ts';

export type Viewer = 'owner' | 'staff';

/** Automatic grades of an attempt's answers; essays stay ungraded (null). */
export function grade(ctx: AttemptContext, set: Question[], answers: AttemptAnswer[]) {
  const byId = new Map(set.map((q) => [q.id, q]));
  const answerOf = new Map(answers.map((a) => [a.question_id, a]));
  const grades: AnswerGrade[] = [];
  let earned = 0;
  let possible = 0;
  let pending = false;
  for (const id of ctx.question_order) {
    const question = byId.get(id);
    if (!question) continue;
    possible += question.points;
    const answer = answerOf.get(id);
    if (!answer) continue;
    const score = scoreAnswer(question, answer.answer);
    if (!score) {
      pending = true;
      grades.push({ question_id: id, is_correct: null, points_earned: null });
      continue;
    }
    earned += score.points;
    grades.push({ question_id: id, is_correct: score.correct, points_earned: score.points });
  }
  return { grades, earned, possible, pending };
}

/** Score, status and passed flag from points; pending essays leave score and passed open. */
export function totals(ctx: AttemptContext, earned: number, possible: number, pending: boolean) {
  const score = possible > 0 ? round2((earned / possible) * 100) : 0;
  return {
    status: (pending ? 'pending_review' : 'graded') as AttemptStatus,
    points_earned: round2(earned),
    points_possible: round2(possible),
    score: pending ? null : score,
    passed: pending ? null : score >= ctx.passing_score_percentage,
  };
}

/** The attempt's questions in its own order. Correct answers go to staff, or to the student once no attempt is left. */
export function view(
  summary: AttemptSummary,
  ctx: Pick<AttemptContext, 'question_order' | 'max_attempts'>,
  set: Question[],
  answers: AttemptAnswer[],
  viewer: Viewer,
): Attempt {
  const byId = new Map(set.map((q) => [q.id, q]));
  const ordered = ctx.question_order.map((id) => byId.get(id)).filter((q): q is Question => q !== undefined);
  const closed = summary.status !== 'in_progress';
  const reveal =
    viewer === 'staff' || (closed && ctx.max_attempts !== null && summary.attempt_number >= ctx.max_attempts);
  const order = new Map(ctx.question_order.map((id, index) => [id, index]));
  const sortedAnswers = [...answers].sort((a, b) => (order.get(a.question_id) ?? 0) - (order.get(b.question_id) ?? 0));
  return {
    ...summary,
    questions: ordered.map((q, index) => ({ ...(reveal ? q : publicQuestion(q)), order: index + 1 })),
    answers: closed ? sortedAnswers : sortedAnswers.map((a) => ({ ...a, correct: null, points_earned: null })),
  };
}
