// 002's quiz bodies and answers (assignments.Quiz, Question, QuizAttempt): `question_text`,
// `question_type`, `correct_answer` as the option text or index, `order_index`. Unknown and
// read-only fields (score, status, passed...) are ignored.
import { Type } from 'typebox';

import {
  DateTime,
  Described,
  Int,
  Nullable,
  NullableDateTime,
  NullableInt,
  NullableScalar,
  StringEnum,
  Text,
  Uuid,
} from '../kit/schemas.ts';

const QuestionType = StringEnum(['multiple_choice', 'true_false', 'short_answer', 'essay']);

/**
 * Left untyped: the surface's validator coerces types, which would turn 1 into "1" or true; the
 * assessment module checks the shape against the question (400 on the field otherwise).
 */
const CorrectAnswer = Type.Unsafe<unknown>({
  description:
    'multiple_choice: the correct option as its text or 0-based index (a list of them when several are correct); true_false: true/false (or "True"/"False"); short_answer: the accepted text (or a list); essay: null.',
  examples: ['Paris', 1, [0, 2], true, 'Albany'],
});
const AnswerValue = Type.Unsafe<unknown>({
  description:
    'The option text or 0-based index (or a list of them), true/false, or text for short answers and essays.',
  examples: ['Paris', 1, [0, 2], true, 'Albany'],
});

const quizSettings = {
  description: Type.Optional(Type.String({ maxLength: 10_000 })),
  time_limit_minutes: Type.Optional(NullableInt(1, 10_080, { description: 'Minutes; null for no limit.' })),
  passing_score: Type.Optional(Type.Number({ minimum: 0, maximum: 100, description: 'Pass mark in percent.' })),
  max_attempts: Type.Optional(NullableInt(1, 1000, { description: 'Attempts per student; null for no limit.' })),
  shuffle_questions: Type.Optional(Type.Boolean()),
  is_published: Type.Optional(
    Type.Boolean({ description: 'Students see (and may start) published quizzes only. Default true.' }),
  ),
};
export const QuizBody = Type.Object({ title: Text(1, 255), ...quizSettings });
export const QuizPatchBody = Type.Object({ title: Type.Optional(Text(1, 255)), ...quizSettings });

export const QuestionOut = Type.Object({
  id: Uuid,
  quiz: Uuid,
  question_text: Type.String(),
  question_type: Type.String(),
  options: Type.Array(Type.String()),
  points: Type.Number(),
  order_index: Type.Integer(),
  correct_answer: Type.Optional(
    Described(
      Nullable(Type.Union([Type.String(), Type.Boolean(), Type.Array(Type.String())])),
      'Absent for students before they may see it (see the attempt rules). The correct option text (a list when several), true/false, the accepted text (a list when several), or null for essays.',
    ),
  ),
  explanation: Type.Optional(Nullable(Type.String())),
});

const quizFields = {
  id: Uuid,
  lecture: Nullable(Uuid),
  course: Uuid,
  title: Type.String(),
  description: Type.String(),
  time_limit_minutes: Nullable(Type.Integer()),
  passing_score: Type.Number(),
  max_attempts: Nullable(Type.Integer()),
  shuffle_questions: Type.Boolean(),
  is_published: Type.Boolean(),
  question_count: Type.Integer(),
  created_at: DateTime,
  updated_at: DateTime,
};
export const QuizOut = Type.Object({ ...quizFields, questions: Type.Array(QuestionOut) });

const questionFields = {
  options: Type.Optional(
    Type.Array(Type.String({ minLength: 1, maxLength: 1000 }), {
      maxItems: 50,
      description: 'The choices of a multiple-choice question; true/false questions get True and False.',
    }),
  ),
  correct_answer: Type.Optional(CorrectAnswer),
  explanation: Type.Optional(NullableScalar(Type.String({ maxLength: 10_000 }))),
  points: Type.Optional(Type.Number({ minimum: 0, maximum: 1000, description: 'Default 1.' })),
  order_index: Type.Optional(Int(1, 10_000, { description: '1-based place in the quiz; appended when left out.' })),
};
export const QuestionBody = Type.Object({
  question_text: Text(1, 10_000),
  question_type: QuestionType,
  ...questionFields,
});
export const QuestionPatchBody = Type.Object({
  question_text: Type.Optional(Text(1, 10_000)),
  question_type: Type.Optional(QuestionType),
  ...questionFields,
});

export const SubmitBody = Type.Object({
  answers: Type.Optional(
    Type.Union(
      [
        Type.Array(Type.Object({ question: Uuid, answer: AnswerValue }), { maxItems: 500 }),
        Type.Record(Type.String(), AnswerValue, { maxProperties: 500 }),
      ],
      {
        description:
          'Either a list `[{question, answer}]` or a map of question id → answer. Left out: the attempt is submitted with nothing answered.',
      },
    ),
  ),
});

const AnswerOut = Type.Object({
  question: Uuid,
  answer: Type.Unknown({ description: 'As given: option text(s) for multiple choice, true/false, or text.' }),
  is_correct: Described(Nullable(Type.Boolean()), 'Null until submitted, and for essays until graded.'),
  points_earned: Nullable(Type.Number()),
  feedback: Nullable(Type.String()),
});

const attemptFields = {
  id: Uuid,
  quiz: Uuid,
  user: Uuid,
  attempt_number: Type.Integer(),
  status: StringEnum(['in_progress', 'pending_review', 'graded']),
  started_at: DateTime,
  expires_at: Described(NullableDateTime, 'When a timed attempt closes by itself; null without a time limit.'),
  completed_at: NullableDateTime,
  score: Described(Nullable(Type.Number()), 'Percent; null until graded.'),
  passed: Nullable(Type.Boolean()),
  points_earned: Nullable(Type.Number()),
  points_possible: Nullable(Type.Number()),
};
export const AttemptOut = Type.Object({
  ...attemptFields,
  questions: Type.Array(QuestionOut),
  answers: Type.Array(AnswerOut),
});
export const ResultOut = Type.Object({
  ...attemptFields,
  total_questions: Type.Integer(),
  correct_count: Type.Integer(),
  answers: Type.Array(AnswerOut),
});
