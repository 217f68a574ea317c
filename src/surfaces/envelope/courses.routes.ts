// 004's course service. The same courses as every contract's: created published (004 has no
// drafts and its list is public), edited and deleted by their staff only.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf } from '../../http/auth.ts';
import { Described } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import {
  CourseListData,
  CourseListQuery,
  CourseOut,
  CourseParams,
  CreateCourseBody,
  UpdateCourseBody,
} from './courses.schemas.ts';
import { Envelope, ok, SuccessMessage } from './envelope.schemas.ts';
import { routeConfig } from './rate-limit.ts';
import { fromCourseBody, toCourseList, toCourseOut } from './serializers/course.ts';

export function envelopeCourseRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { catalog } = modules;
    const tags = ['courses'];

    app.get(
      '/courses',
      {
        config: routeConfig('public'),
        schema: {
          operationId: 'envelopeListCourses',
          summary: 'List published courses',
          description: 'Newest first, or best match first with `search` (full text over name and description).',
          tags,
          querystring: CourseListQuery,
          response: { 200: Described(Envelope(CourseListData), 'A page of courses') },
        },
      },
      async (request) => {
        const { page, limit, search, instructor_id } = request.query;
        const result = await catalog.listCourses(
          null,
          { ...(search?.trim() ? { search } : {}), ...(instructor_id ? { instructorId: instructor_id } : {}) },
          { limit, offset: (page - 1) * limit },
        );
        return ok(toCourseList(result.items, result.total, page, limit));
      },
    );

    app.get(
      '/courses/:id',
      {
        config: routeConfig('public'),
        schema: {
          operationId: 'envelopeGetCourse',
          summary: 'Get a course',
          description: 'A published course; any other is 404 COURSE_NOT_FOUND.',
          tags,
          params: CourseParams,
          response: { 200: Described(Envelope(CourseOut), 'The course') },
        },
      },
      async (request) => ok(toCourseOut(await catalog.getCourse(null, request.params.id))),
    );

    app.post(
      '/courses',
      {
        config: {
          ...routeConfig('user'),
          location: (body) => `/v1/courses/${(body['data'] as { id: string }).id}`,
        },
        schema: {
          operationId: 'envelopeCreateCourse',
          summary: 'Create a course (instructors)',
          description:
            'Instructors and admins; the course is published at once and the caller owns it. `price` must be greater than 0: students get a seat through a grant by the course staff or a recorded payment (POST /api/v1/courses/{id}/enrollments/grant, /payments).',
          tags,
          body: CreateCourseBody,
          response: { 201: Described(Envelope(CourseOut), 'The created course') },
        },
      },
      async (request, reply) => {
        const course = await catalog.createCourse(actorOf(request), {
          ...fromCourseBody(request.body),
          title: request.body.name,
          status: 'published',
        });
        return reply.status(201).send(ok(toCourseOut(course)));
      },
    );

    app.put(
      '/courses/:id',
      {
        config: routeConfig('user'),
        schema: {
          operationId: 'envelopeUpdateCourse',
          summary: 'Update a course (its instructors)',
          description:
            'Partial: only the fields sent change. The owner, a co-instructor or an admin; anyone else gets 403 FORBIDDEN. `max_students` cannot go below the students already enrolled (409).',
          tags,
          params: CourseParams,
          body: UpdateCourseBody,
          response: { 200: Described(Envelope(CourseOut), 'The updated course') },
        },
      },
      async (request) =>
        ok(toCourseOut(await catalog.updateCourse(actorOf(request), request.params.id, fromCourseBody(request.body)))),
    );

    app.delete(
      '/courses/:id',
      {
        config: routeConfig('user'),
        schema: {
          operationId: 'envelopeDeleteCourse',
          summary: 'Delete a course (its instructors)',
          description:
            'The owner, a co-instructor or an admin. A course with enrolled students cannot be deleted (409 COURSE_HAS_ENROLLMENTS).',
          tags,
          params: CourseParams,
          response: { 200: Described(SuccessMessage, 'The course is deleted') },
        },
      },
      async (request) => {
        await catalog.deleteCourse(actorOf(request), request.params.id);
        return { success: true as const, message: 'Course deleted successfully' };
      },
    );
  };
}
