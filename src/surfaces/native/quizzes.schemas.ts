// Quiz, question and attempt shapes: 001's fields first, then the native extensions.
import { Type } from 'typebox';

import { Nullable, NullableInt, StringEnum } from '../kit/schemas.ts';
import { DateTime, NullableDateTime, PageQuery, Uuid } from './common.schemas.ts';

const QuestionType = StringEnum(['multiple_choice', 'true_false', 'short_answer', 'essay']);
const AttemptStatus = StringEnum(['in_progress', 'pending_review', 'graded']);
const NullableInteger = Nullable(Type.Integer());
const NullableNumber = Nullable(Type.Number());
const NullableBoolean = Nullable(Type.Boolean());

/**
 * An answer: an option index or text, a list of them (several correct options), true/false, or
 * text. Left untyped here because the validator's type coercion would turn 1 into "1" or true;
 * the assessment module checks the shape against the question.
 */
export const AnswerValue = Type.Unsafe<string | number | boolean | (string | number)[]>({
  description: 'Option index or text (or a list of them), true/false, or text',
  examples: [0, [0, 2], 'Library', true, 'Albany'],
});

export const QuestionOut = Type.Object({
  id: Uuid,
  quiz_id: Uuid,
  question_text: Type.String(),
  question_type: QuestionType,
  options: Type.Array(Type.String()),
  points: Type.Number(),
  order: Type.Integer(),
  correct_answer: Type.Optional(
    Type.Unknown({ description: 'Only for the course staff (and students once no attempt is left)' }),
  ),
  explanation: Type.Optional(Nullable(Type.String())),
});

const quizFields = {
  id: Uuid,
  course_id: Uuid,
  lesson_id: Nullable(Uuid),
  title: Type.String(),
  description: Type.String(),
  time_limit_minutes: NullableInteger,
  passing_score_percentage: Type.Number(),
  shuffle_questions: Type.Boolean(),
  max_attempts: NullableInteger,
  is_published: Type.Boolean(),
  question_count: Type.Integer(),
  created_at: DateTime,
  updated_at: DateTime,
};
export const QuizOut = Type.Object(quizFields);
export const QuizDetailOut = Type.Object({ ...quizFields, questions: Type.Array(QuestionOut) });

const Title = Type.String({ minLength: 1, maxLength: 255 });
const settings = {
  description: Type.Optional(Type.String({ maxLength: 10_000 })),
  time_limit_minutes: Type.Optional(NullableInt(1, 10_080)),
  passing_score_percentage: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
  shuffle_questions: Type.Optional(Type.Boolean()),
  max_attempts: Type.Optional(NullableInt(1, 1000)),
  is_published: Type.Optional(Type.Boolean()),
};
export const CreateQuizBody = Type.Object(
  {
    course_id: Type.Optional(Uuid),
    lesson_id: Type.Optional(Nullable(Uuid)),
    title: Title,
    ...settings,
  },
  { additionalProperties: false },
);
export const UpdateQuizBody = Type.Object(
  { lesson_id: Type.Optional(Nullable(Uuid)), title: Type.Optional(Title), ...settings },
  { additionalProperties: false },
);
export const QuizListQuery = Type.Intersect([
  PageQuery,
  Type.Object({
    course_id: Type.Optional(Uuid),
    lesson_id: Type.Optional(Uuid),
    published_only: Type.Optional(Type.Boolean()),
  }),
]);
export const QuizParams = Type.Object({ quiz_id: Uuid });
export const QuestionParams = Type.Object({ question_id: Uuid });
export const AttemptParams = Type.Object({ attempt_id: Uuid });

const questionFields = {
  question_text: Type.String({ minLength: 1, maxLength: 10_000 }),
  question_type: QuestionType,
  options: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 1000 }), { maxItems: 26 })),
  correct_answer: Type.Optional(Nullable(AnswerValue)),
  explanation: Type.Optional(Nullable(Type.String({ maxLength: 10_000 }))),
  points: Type.Optional(Type.Number({ minimum: 0, maximum: 1000 })),
  order: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
};
export const CreateQuestionBody = Type.Object(questionFields, { additionalProperties: false });
export const UpdateQuestionBody = Type.Object(
  {
    ...questionFields,
    question_text: Type.Optional(questionFields.question_text),
    question_type: Type.Optional(QuestionType),
  },
  { additionalProperties: false },
);
export const ReorderQuestionsBody = Type.Object(
  { question_ids: Type.Array(Uuid, { minItems: 1, maxItems: 500 }) },
  { additionalProperties: false },
);
export const QuestionList = Type.Object({ items: Type.Array(QuestionOut) });

export const AnswerIn = Type.Object({ question_id: Uuid, answer: AnswerValue }, { additionalProperties: false });
export const SaveAnswersBody = Type.Object(
  { answers: Type.Array(AnswerIn, { maxItems: 500 }) },
  { additionalProperties: false },
);
export const SubmitBody = Type.Object(
  { answers: Type.Optional(Type.Array(AnswerIn, { maxItems: 500 })) },
  { additionalProperties: false },
);
export const GradeBody = Type.Object(
  {
    grades: Type.Array(
      Type.Object(
        {
          question_id: Uuid,
          points_earned: Type.Number({ minimum: 0, maximum: 1000 }),
          feedback: Type.Optional(Nullable(Type.String({ maxLength: 10_000 }))),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 500 },
    ),
  },
  { additionalProperties: false },
);

const AnswerOut = Type.Object({
  question_id: Uuid,
  answer: Type.Unknown(),
  correct: NullableBoolean,
  points_earned: NullableNumber,
  feedback: Nullable(Type.String()),
});

const attemptFields = {
  id: Uuid,
  quiz_id: Uuid,
  user_id: Uuid,
  attempt_number: Type.Integer(),
  status: AttemptStatus,
  started_at: DateTime,
  deadline_at: NullableDateTime,
  ended_at: NullableDateTime,
  closed_by: Nullable(StringEnum(['student', 'deadline'])),
  score: NullableNumber,
  passed: NullableBoolean,
  points_earned: NullableNumber,
  points_possible: NullableNumber,
};
export const AttemptSummaryOut = Type.Object(attemptFields);
export const AttemptOut = Type.Object({
  ...attemptFields,
  answers: Type.Array(AnswerOut),
  questions: Type.Array(QuestionOut),
});
export const SaveAnswersOut = Type.Object({
  attempt_id: Uuid,
  saved_count: Type.Integer(),
  deadline_at: NullableDateTime,
  saved_at: DateTime,
});
export const AttemptListQuery = Type.Intersect([
  PageQuery,
  Type.Object({ user_id: Type.Optional(Uuid), status: Type.Optional(AttemptStatus) }),
]);

export const QuizStatisticsOut = Type.Object({
  quiz_id: Uuid,
  attempts_count: Type.Integer(),
  completed_count: Type.Integer(),
  in_progress_count: Type.Integer(),
  pending_review_count: Type.Integer(),
  average_score: NullableNumber,
  pass_rate: NullableNumber,
  questions: Type.Array(
    Type.Object({
      question_id: Uuid,
      question_text: Type.String(),
      question_type: QuestionType,
      order: Type.Integer(),
      points: Type.Number(),
      answered_count: Type.Integer(),
      correct_count: Type.Integer(),
      correct_rate: NullableNumber,
      average_points: NullableNumber,
      pending_review_count: Type.Integer(),
      option_counts: Type.Array(Type.Integer()),
    }),
  ),
});
