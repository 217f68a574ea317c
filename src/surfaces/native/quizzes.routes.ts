// 001's quiz endpoints, and native ones for questions and the instructor's statistics.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf } from '../../http/auth.ts';
import { fromPage } from '../kit/paging.ts';
import { Described, NoContent } from '../kit/schemas.ts';
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

/** Who manages a quiz, said once for every write below. */
export const QUIZ_STAFF_ONLY =
  "Only the staff of the quiz's course (owner, co-instructors) and admins; an unpublished quiz answers 404 to anyone else.";
const ANSWER_KEY =
  '`correct_answer` by type: `multiple_choice` an option index or text, or a list of them when several options are correct (at least two distinct `options`); `true_false` true or false; `short_answer` the accepted answer or a list of them; `essay` none (graded by hand).';

export function quizRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['quizzes'];
    const assessment = () => modules.assessment;
    const staff = ['instructor', 'admin'] as const;

    app.get(
      '/quizzes',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'listQuizzes',
          summary: 'List quizzes',
          description:
            'Published quizzes, plus the unpublished ones of courses the caller teaches (every quiz for admins). Filter by course or lesson.',
          tags,
          querystring: QuizListQuery,
          response: { 200: Described(Page(QuizOut), 'A page of quizzes, without their questions.') },
        },
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
        schema: {
          operationId: 'createQuiz',
          summary: 'Create a quiz',
          description:
            "For a course (`course_id`) or one of its lessons (`lesson_id`, the course follows). Only the course's staff and admins. A quiz starts unpublished: students see it once `is_published` is true.",
          tags,
          body: CreateQuizBody,
          response: { 201: Described(QuizDetailOut, 'The quiz is created.') },
        },
      },
      async (request, reply) => reply.status(201).send(await assessment().createQuiz(actorOf(request), request.body)),
    );

    app.get(
      '/quizzes/:quiz_id',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'getQuiz',
          summary: 'Get a quiz with its questions',
          description:
            "Students must be enrolled in the course (403 otherwise) and never receive `correct_answer` or `explanation` here; the course's staff and admins see them. Unpublished quizzes answer 404 except to staff.",
          tags,
          params: QuizParams,
          response: { 200: Described(QuizDetailOut, 'The quiz.') },
        },
      },
      async (request) => assessment().getQuiz(actorOf(request), request.params.quiz_id),
    );

    app.patch(
      '/quizzes/:quiz_id',
      {
        config: { auth: staff },
        schema: {
          operationId: 'updateQuiz',
          summary: 'Update a quiz',
          description: QUIZ_STAFF_ONLY,
          tags,
          params: QuizParams,
          body: UpdateQuizBody,
          response: { 200: Described(QuizDetailOut, 'The updated quiz.') },
        },
      },
      async (request) => assessment().updateQuiz(actorOf(request), request.params.quiz_id, request.body),
    );

    app.delete(
      '/quizzes/:quiz_id',
      {
        config: { auth: staff },
        schema: {
          operationId: 'deleteQuiz',
          summary: 'Delete a quiz',
          description: `${QUIZ_STAFF_ONLY} Its questions and attempts go with it.`,
          tags,
          params: QuizParams,
          response: { 204: Described(NoContent, 'The quiz is deleted.') },
        },
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
        schema: {
          operationId: 'listQuizQuestions',
          summary: "List a quiz's questions",
          description: 'Same rules as `GET /quizzes/{quiz_id}`: students get no correct answers.',
          tags,
          params: QuizParams,
          response: { 200: Described(QuestionList, 'The questions in order.') },
        },
      },
      async (request) => ({ items: await assessment().listQuestions(actorOf(request), request.params.quiz_id) }),
    );

    app.post(
      '/quizzes/:quiz_id/questions',
      {
        config: { auth: staff, location: '/questions/{id}' },
        schema: {
          operationId: 'createQuestion',
          summary: 'Add a question to a quiz',
          description: `${QUIZ_STAFF_ONLY} ${ANSWER_KEY} The question lands at \`order\` (from 1) or last; \`points\` defaults to 1.`,
          tags,
          params: QuizParams,
          body: CreateQuestionBody,
          response: { 201: Described(QuestionOut, 'The question is added.') },
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
          operationId: 'reorderQuestions',
          summary: "Reorder a quiz's questions",
          description: `${QUIZ_STAFF_ONLY} \`question_ids\` lists every question of the quiz exactly once, in the new order (422 otherwise).`,
          tags,
          params: QuizParams,
          body: ReorderQuestionsBody,
          response: { 200: Described(QuestionList, 'The questions in their new order.') },
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
          operationId: 'updateQuestion',
          summary: 'Update a question',
          description: `${QUIZ_STAFF_ONLY} ${ANSWER_KEY}`,
          tags,
          params: QuestionParams,
          body: UpdateQuestionBody,
          response: { 200: Described(QuestionOut, 'The updated question.') },
        },
      },
      async (request) => assessment().updateQuestion(actorOf(request), request.params.question_id, request.body),
    );

    app.delete(
      '/questions/:question_id',
      {
        config: { auth: staff },
        schema: {
          operationId: 'deleteQuestion',
          summary: 'Delete a question',
          description: QUIZ_STAFF_ONLY,
          tags,
          params: QuestionParams,
          response: { 204: Described(NoContent, 'The question is deleted.') },
        },
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
        schema: {
          operationId: 'getQuizStatistics',
          summary: "Get a quiz's statistics",
          description: `${QUIZ_STAFF_ONLY} Attempt counts by status, average score and pass rate, and per question: how often it was answered and answered correctly, average points, and how often each option was chosen.`,
          tags,
          params: QuizParams,
          response: { 200: Described(QuizStatisticsOut, 'The statistics.') },
        },
      },
      async (request) => assessment().quizStatistics(actorOf(request), request.params.quiz_id),
    );
  };
}
