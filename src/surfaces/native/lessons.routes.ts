// 001's lesson endpoints (course lessons, get/patch/delete, reorder) and moving a lesson between sections.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

import { actorOf } from '../../http/auth.ts';
import type { LessonInput } from '../../modules/catalog/index.ts';
import { fromPage } from '../kit/paging.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { Page, pageOf } from './common.schemas.ts';
import { toLessonOut } from './course.serializers.ts';
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

type LessonBody = Omit<LessonInput, 'type' | 'duration_seconds'> & {
  content_type?: LessonInput['type'];
  duration_minutes?: number;
  duration_seconds?: number;
};

/** 001 speaks content_type and minutes; the module speaks type and seconds. */
function lessonInput({ content_type, duration_minutes, duration_seconds, ...rest }: LessonBody): LessonInput {
  const seconds = duration_seconds ?? (duration_minutes !== undefined ? duration_minutes * 60 : undefined);
  return {
    ...rest,
    ...(content_type ? { type: content_type } : {}),
    ...(seconds !== undefined ? { duration_seconds: seconds } : {}),
  };
}

export function lessonRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { catalog } = modules;
    const tags = ['lessons'];
    const secured = { tags };

    app.get(
      '/courses/:course_id/lessons',
      {
        config: { auth: 'optional' },
        schema: {
          tags,
          params: CourseIdParams,
          querystring: LessonListQuery,
          response: { 200: Page(LessonOut) },
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
        config: { auth: 'user' },
        schema: {
          ...secured,
          params: CourseIdParams,
          body: CreateLessonBody,
          response: { 201: LessonOut },
        },
      },
      async (request, reply) => {
        const { title, section_id, order, ...rest } = request.body;
        const lesson = await catalog.createLesson(actorOf(request), request.params.course_id, {
          ...lessonInput(rest),
          title,
          ...(section_id ? { section_id } : {}),
          ...(order !== undefined ? { position: order } : {}),
        });
        return reply.status(201).send(toLessonOut(lesson));
      },
    );

    app.patch(
      '/lessons/reorder',
      {
        config: { auth: 'user' },
        schema: {
          ...secured,
          body: ReorderLessonsBody,
          response: { 200: Type.Object({ items: Type.Array(LessonOut) }) },
        },
      },
      async (request) => {
        const { course_id, lesson_ids, section_id } = request.body;
        const lessons = await catalog.reorderLessons(actorOf(request), {
          courseId: course_id,
          lessonIds: lesson_ids,
          ...(section_id ? { sectionId: section_id } : {}),
        });
        return { items: lessons.map(toLessonOut) };
      },
    );

    app.get(
      '/lessons/:lesson_id',
      {
        config: { auth: 'optional' },
        schema: { tags, params: LessonParams, response: { 200: LessonOut } },
      },
      async (request) => toLessonOut(await catalog.getLesson(request.actor, request.params.lesson_id)),
    );

    app.patch(
      '/lessons/:lesson_id',
      {
        config: { auth: 'user' },
        schema: {
          ...secured,
          params: LessonParams,
          body: UpdateLessonBody,
          response: { 200: LessonOut },
        },
      },
      async (request) =>
        toLessonOut(await catalog.updateLesson(actorOf(request), request.params.lesson_id, lessonInput(request.body))),
    );

    app.delete(
      '/lessons/:lesson_id',
      {
        config: { auth: 'user' },
        schema: { ...secured, params: LessonParams, response: { 204: { type: 'null' } } },
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
          ...secured,
          params: LessonParams,
          body: MoveLessonBody,
          response: { 200: LessonOut },
        },
      },
      async (request) => {
        const { section_id, position } = request.body;
        return toLessonOut(
          await catalog.moveLesson(actorOf(request), request.params.lesson_id, {
            sectionId: section_id,
            ...(position !== undefined ? { position } : {}),
          }),
        );
      },
    );
  };
}
