// 000's quiz by lesson: read it, then answer it in one request with option indexes. Grading,
// attempt limits and timers are the assessment module's, as for 001's attempts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

import { actorOf } from '../../http/auth.ts';
import { Described, Int, Nullable } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { LessonIdParams } from './content.schemas.ts';
import { toGatewayQuiz, toQuizResult } from './serializers/quiz.ts';

const CorrectAnswer = Type.Union([
  Type.Integer(),
  Type.Array(Type.Integer()),
  Type.Boolean(),
  Type.Array(Type.String()),
  Type.Null(),
]);

const GatewayQuiz = Type.Object({
  id: Type.String(),
  lesson_id: Type.String(),
  title: Type.String(),
  time_limit_minutes: Nullable(Type.Integer()),
  passing_score: Type.Number(),
  max_attempts: Nullable(Type.Integer()),
  questions: Type.Array(
    Type.Object({
      id: Type.String(),
      question: Type.String(),
      type: Type.String({ description: '`multiple_choice`, `true_false`, `short_answer` or `essay`.' }),
      options: Type.Array(Type.String()),
      points: Type.Number(),
      correct_answer: Type.Optional(CorrectAnswer),
    }),
  ),
});

const SubmitBody = Type.Object(
  {
    answers: Type.Array(
      Type.Union([
        Int(0, 100),
        Type.Array(Int(0, 100), { maxItems: 100 }),
        Type.Boolean(),
        Type.String({ maxLength: 10_000 }),
      ]),
      {
        maxItems: 500,
        description: 'One answer per question, in the order GET lists them: option indexes for choices.',
      },
    ),
    time_spent: Type.Optional(Int(0, 1_000_000, { description: 'Seconds the student spent, by the client.' })),
  },
  { additionalProperties: false },
);

const QuizResult = Type.Object({
  score: Nullable(Type.Number({ description: 'Percent; null while essays await a teacher.' })),
  total_questions: Type.Integer(),
  correct_answers: Type.Integer(),
  passed: Nullable(Type.Boolean()),
  attempt_id: Type.String(),
  attempt_number: Type.Integer(),
  status: Type.String(),
});

export function gatewayQuizRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { assessment } = modules;
    const tags = ['gateway quiz'];

    app.get(
      '/content/quiz/:lesson_id',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'gatewayGetLessonQuiz',
          summary: "Get a lesson's quiz",
          description:
            "For the course's enrolled students (403 otherwise) and its staff. `correct_answer` is sent to the course's teachers and admins only: a student never receives it (nor the question's explanation), so answers cannot be read before submitting. A multiple-choice `correct_answer` is an option index, or a list of them when several are right. 404 when the lesson has no published quiz.",
          tags,
          params: LessonIdParams,
          response: { 200: Described(GatewayQuiz, 'The quiz.') },
        },
      },
      async (request) =>
        toGatewayQuiz(
          await assessment.getQuizForLesson(actorOf(request), request.params.lesson_id),
          request.params.lesson_id,
        ),
    );

    app.post(
      '/content/quiz/:lesson_id/submit',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'gatewaySubmitLessonQuiz',
          summary: "Answer a lesson's quiz",
          description:
            "Enrolled students. Answers are graded as one attempt of the quiz (the student's open attempt, or a new one): the quiz's attempt limit applies (409 `ASSESSMENT_MAX_ATTEMPTS`), and a `time_spent` beyond its time limit is refused like a late submission (`ASSESSMENT_DEADLINE_PASSED`). Essays wait for a teacher: `score` and `passed` are null until then.",
          tags,
          params: LessonIdParams,
          body: SubmitBody,
          response: { 200: Described(QuizResult, 'The graded attempt.') },
        },
      },
      async (request) => {
        const attempt = await assessment.submitLessonQuiz(actorOf(request), request.params.lesson_id, {
          answers: request.body.answers,
          time_spent_seconds: request.body.time_spent,
        });
        return toQuizResult(attempt);
      },
    );
  };
}
