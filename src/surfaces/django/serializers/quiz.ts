// Quizzes, questions and attempts in 002's words (lecture, passing_score, order_index,
// correct_answer as option text), and 002's bodies in the assessment module's.
import type { Static } from 'typebox';

import type {
  AnswerInput,
  Attempt,
  AttemptAnswer,
  PublicQuestion,
  QuestionPatch,
  QuizPatch,
  QuizWithQuestions,
} from '../../../modules/assessment/index.ts';
import type { QuestionPatchBody, QuizPatchBody, SubmitBody } from '../quizzes.schemas.ts';

export const toQuizOut = (quiz: QuizWithQuestions) => ({
  id: quiz.id,
  lecture: quiz.lesson_id,
  course: quiz.course_id,
  title: quiz.title,
  description: quiz.description,
  time_limit_minutes: quiz.time_limit_minutes,
  passing_score: quiz.passing_score_percentage,
  max_attempts: quiz.max_attempts,
  shuffle_questions: quiz.shuffle_questions,
  is_published: quiz.is_published,
  question_count: quiz.questions.length,
  created_at: quiz.created_at,
  updated_at: quiz.updated_at,
  questions: quiz.questions.map(toQuestionOut),
});

/** `correct_answer` only when the module let it through (staff, or a student with no attempt left). */
export function toQuestionOut(question: PublicQuestion) {
  return {
    id: question.id,
    quiz: question.quiz_id,
    question_text: question.question_text,
    question_type: question.question_type,
    options: question.options,
    points: question.points,
    order_index: question.order,
    ...('correct_answer' in question ? { correct_answer: answerText(question, question.correct_answer) } : {}),
    ...('explanation' in question ? { explanation: question.explanation ?? null } : {}),
  };
}

/** Option indices as the options' texts (one text, or a list when several); anything else as stored. */
function answerText(question: Pick<PublicQuestion, 'question_type' | 'options'>, value: unknown) {
  if (question.question_type === 'multiple_choice' && Array.isArray(value)) {
    const texts = (value as number[]).map((index) => question.options[index] ?? String(index));
    return texts.length === 1 ? texts[0]! : texts;
  }
  if (question.question_type === 'short_answer' && Array.isArray(value) && value.length === 1) return value[0];
  return value ?? null;
}

export function quizInput(body: Static<typeof QuizPatchBody>): QuizPatch {
  const input: QuizPatch = {};
  if (body.title !== undefined) input.title = body.title;
  if (body.description !== undefined) input.description = body.description;
  if (body.time_limit_minutes !== undefined) input.time_limit_minutes = body.time_limit_minutes;
  if (body.passing_score !== undefined) input.passing_score_percentage = body.passing_score;
  if (body.max_attempts !== undefined) input.max_attempts = body.max_attempts;
  if (body.shuffle_questions !== undefined) input.shuffle_questions = body.shuffle_questions;
  if (body.is_published !== undefined) input.is_published = body.is_published;
  return input;
}

export function questionInput(body: Static<typeof QuestionPatchBody>): QuestionPatch {
  const input: QuestionPatch = {};
  if (body.question_text !== undefined) input.question_text = body.question_text;
  if (body.question_type !== undefined) input.question_type = body.question_type;
  if (body.options !== undefined) input.options = body.options;
  if (body.correct_answer !== undefined) input.correct_answer = body.correct_answer as QuestionPatch['correct_answer'];
  if (body.explanation !== undefined) input.explanation = body.explanation;
  if (body.points !== undefined) input.points = body.points;
  if (body.order_index !== undefined) input.order = body.order_index;
  return input;
}

/** Both answer shapes a client may send: `[{question, answer}]` or `{question id: answer}`. */
export function answersInput(body: Static<typeof SubmitBody>): AnswerInput[] {
  const answers = body.answers;
  if (answers === undefined) return [];
  const pairs = Array.isArray(answers)
    ? answers.map((item) => [item.question, item.answer] as const)
    : Object.entries(answers);
  return pairs.map(([question_id, answer]) => ({ question_id, answer: answer as AnswerInput['answer'] }));
}

function attemptFields(attempt: Attempt) {
  return {
    id: attempt.id,
    quiz: attempt.quiz_id,
    user: attempt.user_id,
    attempt_number: attempt.attempt_number,
    status: attempt.status,
    started_at: attempt.started_at,
    expires_at: attempt.deadline_at,
    completed_at: attempt.ended_at,
    score: attempt.score,
    passed: attempt.passed,
    points_earned: attempt.points_earned,
    points_possible: attempt.points_possible,
  };
}

function toAnswerOut(attempt: Attempt, answer: AttemptAnswer) {
  const question = attempt.questions.find((q) => q.id === answer.question_id);
  return {
    question: answer.question_id,
    answer: question ? answerText(question, answer.answer) : answer.answer,
    is_correct: answer.correct,
    points_earned: answer.points_earned,
    feedback: answer.feedback,
  };
}

export const toAttemptOut = (attempt: Attempt) => ({
  ...attemptFields(attempt),
  questions: attempt.questions.map(toQuestionOut),
  answers: attempt.answers.map((answer) => toAnswerOut(attempt, answer)),
});

export const toResultOut = (attempt: Attempt) => ({
  ...attemptFields(attempt),
  total_questions: attempt.questions.length,
  correct_count: attempt.answers.filter((answer) => answer.correct === true).length,
  answers: attempt.answers.map((answer) => toAnswerOut(attempt, answer)),
});
