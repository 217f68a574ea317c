// 000's lessons (`/content/lessons`): 000 has no sections, so lessons live in the course's first
// section (created on demand, as 001 does). Who sees which lesson is the catalog's rule.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

import { actorOf } from '../../http/auth.ts';
import { fromPage } from '../kit/paging.ts';
import { Described } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import {
  CreateLessonBody,
  GatewayLesson,
  LessonCreated,
  LessonIdParams,
  LessonListQuery,
  LessonUpdated,
  Message,
  UpdateLessonBody,
} from './content.schemas.ts';
import { createLessonInput, lessonInput, toGatewayLesson } from './serializers/content.ts';

const STAFF_ONLY = "The course's teacher (owner or co-instructor) and admins; another teacher gets 403.";

export function gatewayLessonRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { catalog } = modules;
    const tags = ['gateway lessons'];
    const staff = { auth: ['instructor', 'admin'] as const };

    app.get(
      '/content/lessons',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'gatewayListLessons',
          summary: 'List lessons',
          description:
            "The lessons of `course_id`, or without it of every course the caller can see (published courses, and the caller's own drafts): newest course first, each course's lessons in course order. Published lessons only, except for the course's staff. `video_url` and `vimeo_id` are null unless the caller may watch the lesson: enrolled, staff, or a free preview. A course that does not exist (or is a draft of someone else) answers 404.",
          tags,
          querystring: LessonListQuery,
          response: { 200: Described(Type.Array(GatewayLesson), 'The lessons.') },
        },
      },
      async (request) => {
        const { course_id, page, limit } = request.query;
        const actor = actorOf(request);
        if (course_id) {
          const listed = await catalog.listLessons(actor, course_id, fromPage(page, limit));
          return listed.items.map(toGatewayLesson);
        }
        const listed = await catalog.listVisibleLessons(actor, fromPage(page, limit));
        return listed.items.map(toGatewayLesson);
      },
    );

    app.post(
      '/content/lessons',
      {
        // 000 has no path for one lesson: it is read at 001's.
        config: { ...staff, location: (body) => `/api/v1/lessons/${String(body['id'])}` },
        schema: {
          operationId: 'gatewayCreateLesson',
          summary: 'Add a lesson to a course',
          description: `${STAFF_ONLY} The lesson is a video lesson when it names a \`video_url\` or \`vimeo_id\`, a text lesson otherwise; it goes at place \`order\` or last, and is published unless \`is_published\` is false.`,
          tags,
          body: CreateLessonBody,
          response: { 201: Described(LessonCreated, 'The lesson is created.') },
        },
      },
      async (request, reply) => {
        const lesson = await catalog.createLesson(
          actorOf(request),
          request.body.course_id,
          createLessonInput(request.body),
        );
        return reply
          .status(201)
          .send({ id: lesson.id, message: 'Lesson created successfully', lesson: toGatewayLesson(lesson) });
      },
    );

    app.put(
      '/content/lessons/:lesson_id',
      {
        config: staff,
        schema: {
          operationId: 'gatewayUpdateLesson',
          summary: 'Update a lesson',
          description: `${STAFF_ONLY} Fields left out keep their value; \`order\` moves the lesson to that place.`,
          tags,
          params: LessonIdParams,
          body: UpdateLessonBody,
          response: { 200: Described(LessonUpdated, 'The updated lesson.') },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const { lesson_id } = request.params;
        let lesson = await catalog.updateLesson(actor, lesson_id, lessonInput(request.body));
        if (request.body.order !== undefined)
          lesson = await catalog.moveLesson(actor, lesson_id, {
            sectionId: lesson.section_id,
            position: request.body.order,
          });
        return { message: 'Lesson updated successfully', lesson: toGatewayLesson(lesson) };
      },
    );

    app.delete(
      '/content/lessons/:lesson_id',
      {
        config: staff,
        schema: {
          operationId: 'gatewayDeleteLesson',
          summary: 'Delete a lesson',
          description: `${STAFF_ONLY} The following lessons move up one place.`,
          tags,
          params: LessonIdParams,
          response: { 200: Described(Message, 'The lesson is deleted.') },
        },
      },
      async (request) => {
        await catalog.deleteLesson(actorOf(request), request.params.lesson_id);
        return { message: 'Lesson deleted successfully' };
      },
    );
  };
}
