// 002's quizzes (category 8): a lecture's quiz, questions, attempts (start, detail, submit with a
// list or a map of answers, result), over the assessment module with 001's attempt rules.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

import { actorOf } from '../../http/auth.ts';
import type { Actor } from '../../platform/actor.ts';
import { DomainError, invalid, notFound } from '../../platform/errors.ts';
import { Described, NoContent } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { IdParams } from './common.schemas.ts';
import { answerField, withDrfFieldNames } from './field-names.ts';
import { DrfPage, drfPageOf, DrfPageQuery } from './paging.ts';
import {
  AttemptOut,
  QuestionBody,
  QuestionOut,
  QuestionPatchBody,
  QuizBody,
  QuizOut,
  QuizPatchBody,
  ResultOut,
  SubmitBody,
} from './quizzes.schemas.ts';
import {
  answersInput,
  questionInput,
  quizInput,
  toAttemptOut,
  toQuestionOut,
  toQuizOut,
  toResultOut,
} from './serializers/quiz.ts';

const STAFF_ONLY = "Only the course's staff (owner, co-instructors) and admins; 403 for anyone else.";
const READERS =
  "The course's staff, and students enrolled in the course once the quiz is published (403 for students not enrolled, 404 for a draft).";
const ANSWERS_HIDDEN =
  "Students never receive `correct_answer` or `explanation` before submitting; after submitting, once no attempt is left (when `max_attempts` is set). The course's staff always see them.";
const PageOnly = Type.Object(DrfPageQuery);

export function quizRoutes({ modules, config }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { assessment, catalog } = modules;
    const tags = ['quizzes'];

    app.get(
      '/lectures/:id/quiz/',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'djangoGetLectureQuiz',
          summary: "Get a lecture's quiz",
          description: `The quiz with its questions. ${READERS} ${ANSWERS_HIDDEN}`,
          tags,
          params: IdParams,
          response: { 200: Described(QuizOut, 'The quiz with its questions.') },
        },
      },
      async (request) => toQuizOut(await assessment.getQuizForLesson(actorOf(request), request.params.id)),
    );

    app.post(
      '/lectures/:id/quiz/',
      {
        config: { auth: 'user', location: '/quizzes/{id}/' },
        schema: {
          operationId: 'djangoCreateLectureQuiz',
          summary: 'Create a quiz for a lecture',
          description: `${STAFF_ONLY} A lecture has one quiz (a second answers 400 on \`lecture\`). The quiz is published at once unless \`is_published\` is false; add questions through \`quizzes/{id}/questions/\`.`,
          tags,
          params: IdParams,
          body: QuizBody,
          response: { 201: Described(QuizOut, 'The quiz (no questions yet).') },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        await refuseSecondQuiz(actor, request.params.id);
        const quiz = await assessment.createQuiz(actor, {
          is_published: true,
          ...quizInput(request.body),
          title: request.body.title,
          lesson_id: request.params.id,
        });
        return reply.status(201).send(toQuizOut(quiz));
      },
    );

    app.get(
      '/quizzes/:id/',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'djangoGetQuiz',
          summary: 'Get a quiz',
          description: `${READERS} ${ANSWERS_HIDDEN}`,
          tags,
          params: IdParams,
          response: { 200: Described(QuizOut, 'The quiz with its questions.') },
        },
      },
      async (request) => toQuizOut(await assessment.getQuiz(actorOf(request), request.params.id)),
    );

    for (const method of ['put', 'patch'] as const) {
      app[method](
        '/quizzes/:id/',
        {
          config: { auth: 'user' },
          schema: {
            operationId: method === 'put' ? 'djangoReplaceQuiz' : 'djangoUpdateQuiz',
            summary: method === 'put' ? 'Update a quiz (full)' : 'Update a quiz (partial)',
            description: `${STAFF_ONLY} ${method === 'put' ? '`title` is required.' : 'Only the fields sent change.'} Attempts already started keep the questions they started with.`,
            tags,
            params: IdParams,
            body: method === 'put' ? QuizBody : QuizPatchBody,
            response: { 200: Described(QuizOut, 'The quiz with its questions.') },
          },
        },
        async (request) =>
          toQuizOut(await assessment.updateQuiz(actorOf(request), request.params.id, quizInput(request.body))),
      );
    }

    app.delete(
      '/quizzes/:id/',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'djangoDeleteQuiz',
          summary: 'Delete a quiz',
          description: `${STAFF_ONLY} Its questions and attempts go with it.`,
          tags,
          params: IdParams,
          response: { 204: NoContent },
        },
      },
      async (request, reply) => {
        await assessment.deleteQuiz(actorOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/quizzes/:id/questions/',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'djangoListQuizQuestions',
          summary: "List a quiz's questions",
          description: `In order. ${READERS} ${ANSWERS_HIDDEN}`,
          tags,
          params: IdParams,
          querystring: PageOnly,
          response: { 200: Described(DrfPage(QuestionOut), 'A page of questions.') },
        },
      },
      async (request) =>
        drfPageOf(
          request,
          config.publicUrl,
          request.query,
          (await assessment.listQuestions(actorOf(request), request.params.id)).map(toQuestionOut),
        ),
    );

    app.post(
      '/quizzes/:id/questions/',
      {
        config: { auth: 'user', location: '/questions/{id}/' },
        schema: {
          operationId: 'djangoAddQuizQuestion',
          summary: 'Add a question',
          description: `${STAFF_ONLY} A multiple-choice question needs \`options\` (two or more) and \`correct_answer\` as the option's text or 0-based index (a list when several are correct); true/false takes true or false; short answer the accepted text(s); an essay none (graded by hand).`,
          tags,
          params: IdParams,
          body: QuestionBody,
          response: { 201: Described(QuestionOut, 'The question, with its correct answer.') },
        },
      },
      async (request, reply) => {
        const question = await assessment.addQuestion(actorOf(request), request.params.id, {
          ...questionInput(request.body),
          question_text: request.body.question_text,
          question_type: request.body.question_type,
        });
        return reply.status(201).send(toQuestionOut(question));
      },
    );

    for (const method of ['put', 'patch'] as const) {
      app[method](
        '/questions/:id/',
        {
          config: { auth: 'user' },
          schema: {
            operationId: method === 'put' ? 'djangoReplaceQuestion' : 'djangoUpdateQuestion',
            summary: method === 'put' ? 'Update a question (full)' : 'Update a question (partial)',
            description: `${STAFF_ONLY} ${method === 'put' ? '`question_text` and `question_type` are required.' : 'Only the fields sent change.'} \`order_index\` moves the question.`,
            tags,
            params: IdParams,
            body: method === 'put' ? QuestionBody : QuestionPatchBody,
            response: { 200: Described(QuestionOut, 'The question, with its correct answer.') },
          },
        },
        async (request) =>
          toQuestionOut(
            await assessment.updateQuestion(actorOf(request), request.params.id, questionInput(request.body)),
          ),
      );
    }

    app.delete(
      '/questions/:id/',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'djangoDeleteQuestion',
          summary: 'Delete a question',
          description: `${STAFF_ONLY} The questions after it move up.`,
          tags,
          params: IdParams,
          response: { 204: NoContent },
        },
      },
      async (request, reply) => {
        await assessment.deleteQuestion(actorOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/quizzes/:id/start/',
      {
        config: { auth: 'user', location: '/quiz-attempts/{id}/' },
        schema: {
          operationId: 'djangoStartQuizAttempt',
          summary: 'Start a quiz attempt',
          description: `For students enrolled in the course (and the course's staff, to try it). Questions come in the attempt's order (shuffled when the quiz says so); a time limit sets \`expires_at\`, after which the attempt closes by itself with the answers saved so far. 409 while another attempt of the caller is open, once \`max_attempts\` is used up, or when the quiz has no questions. ${ANSWERS_HIDDEN}`,
          tags,
          params: IdParams,
          response: { 201: Described(AttemptOut, 'The open attempt.') },
        },
      },
      async (request, reply) =>
        reply.status(201).send(toAttemptOut(await assessment.startAttempt(actorOf(request), request.params.id))),
    );

    app.get(
      '/quiz-attempts/:id/',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'djangoGetQuizAttempt',
          summary: 'Get an attempt',
          description: `The student who took it and the course's staff; 404 for anyone else. Answers show their correctness and points only once submitted. ${ANSWERS_HIDDEN}`,
          tags,
          params: IdParams,
          response: { 200: Described(AttemptOut, 'The attempt with its questions and answers.') },
        },
      },
      async (request) => toAttemptOut(await assessment.getAttempt(actorOf(request), request.params.id)),
    );

    app.post(
      '/quiz-attempts/:id/submit/',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'djangoSubmitQuizAttempt',
          summary: 'Submit quiz answers',
          description: `Only the student taking the attempt (staff 403, others 404). \`answers\` is a list \`[{question, answer}]\` or a map of question id → answer; an answer is the option text or 0-based index (a list when several), true/false, or text. The attempt closes and is graded at once; essays wait for a grader (\`status\` \`pending_review\`, \`score\` null). \`score\`, \`status\` or \`passed\` in the body are ignored. A second submit answers 409; past the time limit the answers saved in time count and those sent now are refused (400). ${ANSWERS_HIDDEN}`,
          tags,
          params: IdParams,
          body: SubmitBody,
          response: { 200: Described(AttemptOut, 'The submitted, graded attempt.') },
        },
      },
      async (request) =>
        toAttemptOut(
          await withDrfFieldNames(answerField, () =>
            assessment.submitAttempt(actorOf(request), request.params.id, answersInput(request.body)),
          ),
        ),
    );

    app.get(
      '/quiz-attempts/:id/result/',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'djangoGetQuizResult',
          summary: 'Get a quiz result',
          description:
            "Score (percent), pass, points and each answer's correctness, for the student who took the attempt and the course's staff (404 for anyone else); 409 while the attempt is still open.",
          tags,
          params: IdParams,
          response: { 200: Described(ResultOut, 'The result of the submitted attempt.') },
        },
      },
      async (request) => {
        const attempt = await assessment.getAttempt(actorOf(request), request.params.id);
        if (attempt.status === 'in_progress') {
          throw new DomainError('conflict', 'ASSESSMENT_ATTEMPT_OPEN', 'This attempt has not been submitted yet.');
        }
        return toResultOut(attempt);
      },
    );

    /** 002's Quiz is one-to-one with its lecture: a second one is refused, as DRF's unique check does. */
    async function refuseSecondQuiz(actor: Actor, lectureId: string): Promise<void> {
      const lecture = await catalog.getLessonSummary(lectureId);
      if (!lecture) throw notFound('Lecture', lectureId);
      // Anyone but the staff gets the module's 403 from createQuiz, not a hint that a quiz exists.
      if (!(await catalog.isCourseStaff(actor, lecture.course_id))) return;
      const existing = await assessment.getQuizForLesson(actor, lectureId).catch((error: unknown) => {
        if (error instanceof DomainError && error.kind === 'not_found') return undefined;
        throw error;
      });
      if (existing) throw invalid('A quiz for this lecture already exists.', 'lecture');
    }
  };
}
