// 001's lesson endpoints (course lessons, get/patch/delete, reorder) and moving a lesson between sections.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

import { actorOf } from '../../http/auth.ts';
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
        const result = await catalog.listLessons(request.actor, request.params.course_id, {
          page,
          pageSize: page_size,
        });
        return pageOf(result.items.map(toLessonOut), result.total, page, page_size);
      },
    );

    app.post(
      '/courses/:course_id/lessons',
      {
        config: { auth: 'user', location: '/lessons/{id}' },
        schema: {
          ...secured,
          params: CourseIdParams,
          body: CreateLessonBody,
          response: { 201: LessonOut },
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
          ...secured,
          body: ReorderLessonsBody,
          response: { 200: Type.Object({ items: Type.Array(LessonOut) }) },
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
      async (request) =>
        toLessonOut(
          await catalog.moveLesson(actorOf(request), request.params.lesson_id, moveLessonInput(request.body)),
        ),
    );
  };
}
