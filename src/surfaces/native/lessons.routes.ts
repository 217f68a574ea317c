// 001's lesson endpoints (course lessons, get/patch/delete, reorder) and moving a lesson between sections.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

import { actorOf } from '../../http/auth.ts';
import { fromPage } from '../kit/paging.ts';
import { Described, NoContent } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { Page } from './common.schemas.ts';
import { CourseIdParams } from './courses.schemas.ts';
import {
  CreateLessonBody,
  LessonListQuery,
  LessonOut,
  LessonParams,
  MoveLessonBody,
  ReorderLessonsBody,
  UpdateLessonBody,
} from './lessons.schemas.ts';
import {
  createLessonInput,
  lessonInput,
  moveLessonInput,
  reorderLessonsInput,
  toLessonOut,
} from './serializers/lesson.ts';
import { pageOf } from './serializers/page.ts';

/** Who may change lessons, said once for every write below. */
export const LESSON_STAFF_ONLY = "Only the course's staff (owner, co-instructors) and admins.";

export function lessonRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { catalog } = modules;
    const tags = ['lessons'];

    app.get(
      '/courses/:course_id/lessons',
      {
        config: { auth: 'optional' },
        schema: {
          operationId: 'listCourseLessons',
          summary: "List a course's lessons",
          description:
            "In course order across sections. Published lessons only, except for the course's staff. `content` is null (and `can_access` false) where the caller may not read it: not enrolled and not a free preview.",
          tags,
          params: CourseIdParams,
          querystring: LessonListQuery,
          response: { 200: Described(Page(LessonOut), 'A page of lessons.') },
        },
      },
      async (request) => {
        const { page, page_size } = request.query;
        const result = await catalog.listLessons(request.actor, request.params.course_id, fromPage(page, page_size));
        return pageOf(result.items.map(toLessonOut), result.total, page, page_size);
      },
    );

    app.post(
      '/courses/:course_id/lessons',
      {
        config: { auth: 'user', location: '/lessons/{id}' },
        schema: {
          operationId: 'createLesson',
          summary: 'Add a lesson to a course',
          description: `${LESSON_STAFF_ONLY} The lesson goes into \`section_id\`, or the course's first section (created when the course has none), at position \`order\` or last. It is published unless \`status\` says \`draft\`. Give the length as \`duration_seconds\` or \`duration_minutes\`.`,
          tags,
          params: CourseIdParams,
          body: CreateLessonBody,
          response: { 201: Described(LessonOut, 'The lesson is created.') },
        },
      },
      async (request, reply) => {
        const input = createLessonInput(request.body);
        const lesson = await catalog.createLesson(actorOf(request), request.params.course_id, input);
        return reply.status(201).send(toLessonOut(lesson));
      },
    );

    app.patch(
      '/lessons/reorder',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'reorderLessons',
          summary: 'Reorder lessons',
          description: `${LESSON_STAFF_ONLY} \`lesson_ids\` lists every lesson of the course (or of \`section_id\`) exactly once, in the new order (422 otherwise); each lesson stays in its section. To change a lesson's section, use \`POST /lessons/{lesson_id}/move\`.`,
          tags,
          body: ReorderLessonsBody,
          response: {
            200: Described(Type.Object({ items: Type.Array(LessonOut) }), "The course's lessons in their new order."),
          },
        },
      },
      async (request) => {
        const lessons = await catalog.reorderLessons(actorOf(request), reorderLessonsInput(request.body));
        return { items: lessons.map(toLessonOut) };
      },
    );

    app.get(
      '/lessons/:lesson_id',
      {
        config: { auth: 'optional' },
        schema: {
          operationId: 'getLesson',
          summary: 'Get a lesson with its content',
          description:
            "For the course's staff, enrolled students, and anyone when the lesson is a free preview; others get 403 `CATALOG_CONTENT_LOCKED` (the outline in the course's lesson list stays visible). Unpublished lessons answer 404 except to staff.",
          tags,
          params: LessonParams,
          response: { 200: Described(LessonOut, 'The lesson.') },
        },
      },
      async (request) => toLessonOut(await catalog.getLesson(request.actor, request.params.lesson_id)),
    );

    app.patch(
      '/lessons/:lesson_id',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'updateLesson',
          summary: 'Update a lesson',
          description: `${LESSON_STAFF_ONLY} \`duration_seconds\` wins over \`duration_minutes\` when both are sent.`,
          tags,
          params: LessonParams,
          body: UpdateLessonBody,
          response: { 200: Described(LessonOut, 'The updated lesson.') },
        },
      },
      async (request) =>
        toLessonOut(await catalog.updateLesson(actorOf(request), request.params.lesson_id, lessonInput(request.body))),
    );

    app.delete(
      '/lessons/:lesson_id',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'deleteLesson',
          summary: 'Delete a lesson',
          description: `${LESSON_STAFF_ONLY} The lessons after it in its section move up.`,
          tags,
          params: LessonParams,
          response: { 204: Described(NoContent, 'The lesson is deleted.') },
        },
      },
      async (request, reply) => {
        await catalog.deleteLesson(actorOf(request), request.params.lesson_id);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/lessons/:lesson_id/move',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'moveLesson',
          summary: 'Move a lesson to another section',
          description: `${LESSON_STAFF_ONLY} The section must belong to the same course; the lesson lands at \`position\` (from 1) or last.`,
          tags,
          params: LessonParams,
          body: MoveLessonBody,
          response: { 200: Described(LessonOut, 'The lesson in its new place.') },
        },
      },
      async (request) =>
        toLessonOut(
          await catalog.moveLesson(actorOf(request), request.params.lesson_id, moveLessonInput(request.body)),
        ),
    );
  };
}
