// 001's course endpoints, plus the status workflow and co-instructors.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

import { actorOf } from '../../http/auth.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { Page } from './common.schemas.ts';
import { Uuid } from './common.schemas.ts';
import {
  CourseDetailOut,
  CourseIdParams,
  CourseInstructorOut,
  CourseListQuery,
  CourseOut,
  CourseParams,
  CreateCourseBody,
  InstructorBody,
  StatusBody,
  UpdateCourseBody,
} from './courses.schemas.ts';
import {
  courseFilterOf,
  createCourseInput,
  toCourseDetailOut,
  toCourseOut,
  updateCourseInput,
} from './serializers/course.ts';
import { pageOf } from './serializers/page.ts';

export function courseRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { catalog } = modules;
    const tags = ['courses'];
    const secured = { tags };

    app.get(
      '/courses',
      {
        config: { auth: 'optional' },
        schema: { tags, querystring: CourseListQuery, response: { 200: Page(CourseOut) } },
      },
      async (request) => {
        const q = request.query;
        const page = await catalog.listCourses(request.actor, {
          page: q.page,
          pageSize: q.page_size,
          ...courseFilterOf(q),
        });
        return pageOf(page.items.map(toCourseOut), page.total, q.page, q.page_size);
      },
    );

    app.post(
      '/courses',
      {
        config: { auth: ['instructor', 'admin'] },
        schema: { ...secured, body: CreateCourseBody, response: { 201: CourseOut } },
      },
      async (request, reply) => {
        const course = await catalog.createCourse(actorOf(request), createCourseInput(request.body));
        return reply.status(201).send(toCourseOut(course));
      },
    );

    app.get(
      '/courses/:course_id',
      {
        config: { auth: 'optional' },
        schema: { tags, params: CourseParams, response: { 200: CourseDetailOut } },
      },
      async (request) => toCourseDetailOut(await catalog.getCourse(request.actor, request.params.course_id)),
    );

    app.patch(
      '/courses/:course_id',
      {
        config: { auth: 'user' },
        schema: {
          ...secured,
          params: CourseIdParams,
          body: UpdateCourseBody,
          response: { 200: CourseOut },
        },
      },
      async (request) =>
        toCourseOut(
          await catalog.updateCourse(actorOf(request), request.params.course_id, updateCourseInput(request.body)),
        ),
    );

    app.post(
      '/courses/:course_id/publish',
      {
        config: { auth: 'user' },
        schema: { ...secured, params: CourseIdParams, response: { 200: CourseOut } },
      },
      async (request) => toCourseOut(await catalog.publishCourse(actorOf(request), request.params.course_id)),
    );

    app.post(
      '/courses/:course_id/status',
      {
        config: { auth: 'user' },
        schema: {
          ...secured,
          description: 'Moves a course along draft → review → published → archived.',
          params: CourseIdParams,
          body: StatusBody,
          response: { 200: CourseOut },
        },
      },
      async (request) =>
        toCourseOut(await catalog.changeCourseStatus(actorOf(request), request.params.course_id, request.body.status)),
    );

    app.delete(
      '/courses/:course_id',
      {
        config: { auth: 'user' },
        schema: { ...secured, params: CourseIdParams, response: { 204: { type: 'null' } } },
      },
      async (request, reply) => {
        await catalog.deleteCourse(actorOf(request), request.params.course_id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/courses/:course_id/instructors',
      {
        config: { auth: 'optional' },
        schema: {
          tags,
          params: CourseIdParams,
          response: { 200: Type.Object({ items: Type.Array(CourseInstructorOut) }) },
        },
      },
      async (request) => ({ items: await catalog.listCourseInstructors(request.actor, request.params.course_id) }),
    );

    app.post(
      '/courses/:course_id/instructors',
      {
        config: { auth: 'user' },
        schema: {
          ...secured,
          params: CourseIdParams,
          body: InstructorBody,
          response: { 200: CourseOut },
        },
      },
      async (request) =>
        toCourseOut(
          await catalog.addCourseInstructor(actorOf(request), request.params.course_id, request.body.user_id),
        ),
    );

    app.delete(
      '/courses/:course_id/instructors/:user_id',
      {
        config: { auth: 'user' },
        schema: {
          ...secured,
          params: Type.Object({ course_id: Uuid, user_id: Uuid }),
          response: { 200: CourseOut },
        },
      },
      async (request) =>
        toCourseOut(
          await catalog.removeCourseInstructor(actorOf(request), request.params.course_id, request.params.user_id),
        ),
    );
  };
}
