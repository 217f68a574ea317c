// 001's quiz endpoints, and native ones for questions and the instructor's statistics.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf } from '../../http/auth.ts';
import { fromPage } from '../kit/paging.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { Page } from './common.schemas.ts';
import {
  CreateQuestionBody,
  CreateQuizBody,
  QuestionList,
  QuestionOut,
  QuestionParams,
  QuizDetailOut,
  QuizListQuery,
  QuizOut,
  QuizParams,
  QuizStatisticsOut,
  ReorderQuestionsBody,
  UpdateQuestionBody,
  UpdateQuizBody,
} from './quizzes.schemas.ts';
import { pageOf } from './serializers/page.ts';

const NoContent = { 204: { type: 'null' } };

export function quizRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const secured = { tags: ['quizzes'] };
    const assessment = () => modules.assessment;
    const staff = ['instructor', 'admin'] as const;

    app.get(
      '/quizzes',
      {
        config: { auth: 'user' },
        schema: { ...secured, querystring: QuizListQuery, response: { 200: Page(QuizOut) } },
      },
      async (request) => {
        const { page, page_size, ...filter } = request.query;
        const result = await assessment().listQuizzes(actorOf(request), filter, fromPage(page, page_size));
        return pageOf(result.items, result.total, page, page_size);
      },
    );

    app.post(
      '/quizzes',
      {
        config: { auth: staff },
        schema: { ...secured, body: CreateQuizBody, response: { 201: QuizDetailOut } },
      },
      async (request, reply) => reply.status(201).send(await assessment().createQuiz(actorOf(request), request.body)),
    );

    app.get(
      '/quizzes/:quiz_id',
      {
        config: { auth: 'user' },
        schema: { ...secured, params: QuizParams, response: { 200: QuizDetailOut } },
      },
      async (request) => assessment().getQuiz(actorOf(request), request.params.quiz_id),
    );

    app.patch(
      '/quizzes/:quiz_id',
      {
        config: { auth: staff },
        schema: {
          ...secured,
          params: QuizParams,
          body: UpdateQuizBody,
          response: { 200: QuizDetailOut },
        },
      },
      async (request) => assessment().updateQuiz(actorOf(request), request.params.quiz_id, request.body),
    );

    app.delete(
      '/quizzes/:quiz_id',
      {
        config: { auth: staff },
        schema: { ...secured, params: QuizParams, response: { ...NoContent } },
      },
      async (request, reply) => {
        await assessment().deleteQuiz(actorOf(request), request.params.quiz_id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/quizzes/:quiz_id/questions',
      {
        config: { auth: 'user' },
        schema: { ...secured, params: QuizParams, response: { 200: QuestionList } },
      },
      async (request) => ({ items: await assessment().listQuestions(actorOf(request), request.params.quiz_id) }),
    );

    app.post(
      '/quizzes/:quiz_id/questions',
      {
        config: { auth: staff, location: '/questions/{id}' },
        schema: {
          ...secured,
          params: QuizParams,
          body: CreateQuestionBody,
          response: { 201: QuestionOut },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await assessment().addQuestion(actorOf(request), request.params.quiz_id, request.body)),
    );

    app.patch(
      '/quizzes/:quiz_id/questions/reorder',
      {
        config: { auth: staff },
        schema: {
          ...secured,
          params: QuizParams,
          body: ReorderQuestionsBody,
          response: { 200: QuestionList },
        },
      },
      async (request) => ({
        items: await assessment().reorderQuestions(actorOf(request), request.params.quiz_id, request.body.question_ids),
      }),
    );

    app.patch(
      '/questions/:question_id',
      {
        config: { auth: staff },
        schema: {
          ...secured,
          params: QuestionParams,
          body: UpdateQuestionBody,
          response: { 200: QuestionOut },
        },
      },
      async (request) => assessment().updateQuestion(actorOf(request), request.params.question_id, request.body),
    );

    app.delete(
      '/questions/:question_id',
      {
        config: { auth: staff },
        schema: { ...secured, params: QuestionParams, response: { ...NoContent } },
      },
      async (request, reply) => {
        await assessment().deleteQuestion(actorOf(request), request.params.question_id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/quizzes/:quiz_id/statistics',
      {
        config: { auth: staff },
        schema: { ...secured, params: QuizParams, response: { 200: QuizStatisticsOut } },
      },
      async (request) => assessment().quizStatistics(actorOf(request), request.params.quiz_id),
    );
  };
}
