// 001's attempt endpoints, and native ones to save answers, grade essays and list attempts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf } from '../../http/auth.ts';
import { fromPage } from '../kit/paging.ts';
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

export function attemptRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const secured = { tags: ['attempts'] };
    const assessment = () => modules.assessment;
    const errors = { 410: Detail };

    app.post(
      '/quizzes/:quiz_id/attempts',
      {
        config: { auth: 'user', location: '/attempts/{id}' },
        schema: { ...secured, params: QuizParams, response: { 201: AttemptOut, ...errors } },
      },
      async (request, reply) =>
        reply.status(201).send(await assessment().startAttempt(actorOf(request), request.params.quiz_id)),
    );

    app.get(
      '/quizzes/:quiz_id/attempts',
      {
        config: { auth: 'user' },
        schema: {
          ...secured,
          params: QuizParams,
          querystring: AttemptListQuery,
          response: { 200: Page(AttemptSummaryOut), ...errors },
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
        schema: { ...secured, params: AttemptParams, response: { 200: AttemptOut, ...errors } },
      },
      async (request) => assessment().getAttempt(actorOf(request), request.params.attempt_id),
    );

    app.put(
      '/attempts/:attempt_id/answers',
      {
        config: { auth: 'user' },
        schema: {
          ...secured,
          params: AttemptParams,
          body: SaveAnswersBody,
          response: { 200: SaveAnswersOut, ...errors },
        },
      },
      async (request) => assessment().saveAnswers(actorOf(request), request.params.attempt_id, request.body.answers),
    );

    app.post(
      '/attempts/:attempt_id/submit',
      {
        config: { auth: 'user' },
        schema: { ...secured, params: AttemptParams, body: SubmitBody, response: { 200: AttemptOut, ...errors } },
      },
      async (request) =>
        assessment().submitAttempt(actorOf(request), request.params.attempt_id, request.body.answers ?? []),
    );

    app.post(
      '/attempts/:attempt_id/grade',
      {
        config: { auth: ['instructor', 'admin'] },
        schema: { ...secured, params: AttemptParams, body: GradeBody, response: { 200: AttemptOut, ...errors } },
      },
      async (request) => assessment().gradeAttempt(actorOf(request), request.params.attempt_id, request.body.grades),
    );
  };
}
