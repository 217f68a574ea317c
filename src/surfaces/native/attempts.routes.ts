// 001's attempt endpoints, and native ones to save answers, grade essays and list attempts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf } from '../../http/auth.ts';
import { fromPage } from '../kit/paging.ts';
import { Described } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { Detail, Page } from './common.schemas.ts';
import {
  AttemptListQuery,
  AttemptOut,
  AttemptParams,
  AttemptSummaryOut,
  GradeBody,
  QuizParams,
  SaveAnswersBody,
  SaveAnswersOut,
  SubmitBody,
} from './quizzes.schemas.ts';
import { pageOf } from './serializers/page.ts';

/** What a student sees of an attempt, said once for the routes that answer with one. */
const ATTEMPT_VIEW =
  "Students see correct answers and explanations only once the attempt is submitted and no attempt is left (when `max_attempts` is set); the course's staff always see them. Answers show their correctness and points only after submission.";

export function attemptRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['attempts'];
    const assessment = () => modules.assessment;
    const errors = { 410: Detail };

    app.post(
      '/quizzes/:quiz_id/attempts',
      {
        config: { auth: 'user', location: '/attempts/{id}' },
        schema: {
          operationId: 'startAttempt',
          summary: 'Start a quiz attempt',
          description: `For students enrolled in the course (and the course's staff, to try it). The questions come in the attempt's own order (shuffled when the quiz says so); a quiz with a time limit sets \`deadline_at\`, after which the attempt closes by itself with the answers saved so far. 409 while another attempt of the caller is open, when \`max_attempts\` is used up, or when the quiz has no questions. ${ATTEMPT_VIEW}`,
          tags,
          params: QuizParams,
          response: { 201: Described(AttemptOut, 'The attempt is open.'), ...errors },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await assessment().startAttempt(actorOf(request), request.params.quiz_id)),
    );

    app.get(
      '/quizzes/:quiz_id/attempts',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'listQuizAttempts',
          summary: "List a quiz's attempts",
          description:
            "The course's staff and admins see every attempt (filter by `user_id` and `status`); a student sees their own.",
          tags,
          params: QuizParams,
          querystring: AttemptListQuery,
          response: {
            200: Described(Page(AttemptSummaryOut), 'A page of attempts, without questions and answers.'),
            ...errors,
          },
        },
      },
      async (request) => {
        const { page, page_size, ...filter } = request.query;
        const result = await assessment().listAttempts(
          actorOf(request),
          request.params.quiz_id,
          filter,
          fromPage(page, page_size),
        );
        return pageOf(result.items, result.total, page, page_size);
      },
    );

    app.get(
      '/attempts/:attempt_id',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'getAttempt',
          summary: 'Get an attempt',
          description: `The student who took it, and the course's staff; 404 for anyone else. ${ATTEMPT_VIEW}`,
          tags,
          params: AttemptParams,
          response: { 200: Described(AttemptOut, 'The attempt with its questions and answers.'), ...errors },
        },
      },
      async (request) => assessment().getAttempt(actorOf(request), request.params.attempt_id),
    );

    app.put(
      '/attempts/:attempt_id/answers',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'saveAttemptAnswers',
          summary: 'Save answers of an open attempt',
          description:
            'Only the student taking the attempt (staff get 403). Each answer replaces the saved one for its question; nothing is graded yet. 410 once the deadline has passed, 409 once the attempt is submitted.',
          tags,
          params: AttemptParams,
          body: SaveAnswersBody,
          response: { 200: Described(SaveAnswersOut, 'The answers are saved.'), ...errors },
        },
      },
      async (request) => assessment().saveAnswers(actorOf(request), request.params.attempt_id, request.body.answers),
    );

    app.post(
      '/attempts/:attempt_id/submit',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'submitAttempt',
          summary: 'Submit an attempt',
          description: `Saves the \`answers\` sent along, closes the attempt and grades it at once; essays wait for a grader, leaving \`score\` and \`passed\` null (status \`pending_review\`). Of simultaneous submits one wins, the others get 409. Past the deadline the attempt closes with the answers saved in time and answers sent now are refused (410). ${ATTEMPT_VIEW}`,
          tags,
          params: AttemptParams,
          body: SubmitBody,
          response: { 200: Described(AttemptOut, 'The submitted, graded attempt.'), ...errors },
        },
      },
      async (request) =>
        assessment().submitAttempt(actorOf(request), request.params.attempt_id, request.body.answers ?? []),
    );

    app.post(
      '/attempts/:attempt_id/grade',
      {
        config: { auth: ['instructor', 'admin'] },
        schema: {
          operationId: 'gradeAttempt',
          summary: 'Grade answers of a submitted attempt',
          description:
            "For the course's staff and admins, usually to grade essays: points (at most the question's) and feedback per answer; the score and passed flag follow once nothing is left to grade. Nobody grades their own attempt; 409 while the attempt is open.",
          tags,
          params: AttemptParams,
          body: GradeBody,
          response: { 200: Described(AttemptOut, 'The graded attempt.'), ...errors },
        },
      },
      async (request) => assessment().gradeAttempt(actorOf(request), request.params.attempt_id, request.body.grades),
    );
  };
}
