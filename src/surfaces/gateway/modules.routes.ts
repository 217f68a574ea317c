// 000's public course access (`/content/modules`) and course management (`/content/admin/courses`).
// A course is a "module"; who may change which course is the catalog's rule (owner, co-instructor, admin).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

import { actorOf } from '../../http/auth.ts';
import { fromPage } from '../kit/paging.ts';
import { Described } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import {
  CourseCreated,
  CourseIdParams,
  CourseUpdated,
  CreateCourseBody,
  GatewayModule,
  GatewayModuleDetail,
  Message,
  ModuleListQuery,
  UpdateCourseBody,
} from './content.schemas.ts';
import { createCourseInput, toGatewayModule, toGatewayModuleDetail, updateCourseInput } from './serializers/content.ts';

export function gatewayModuleRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { catalog } = modules;
    const publicTags = { tags: ['gateway modules'] };
    const adminTags = { tags: ['gateway course admin'] };
    const staff = { auth: ['instructor', 'admin'] as const };

    /** The module as its staff see it after a write (drafts and draft lessons included). */
    const moduleOf = async (request: Parameters<typeof actorOf>[0], courseId: string) => {
      const detail = await catalog.getCourse(actorOf(request), courseId);
      return toGatewayModule(detail, detail.lessons);
    };

    app.get(
      '/content/modules',
      {
        config: { auth: 'optional' },
        schema: {
          operationId: 'gatewayListModules',
          summary: 'List published courses with their lessons',
          description:
            'Published courses, newest first (best match first with `search`), each with its published lessons in course order. `video_url` is null unless the caller may watch the lesson (enrolled, course staff, or a free preview). The answer is a bare array as 000 shows; `X-Total-Count` gives the number of matching courses for paging.',
          ...publicTags,
          querystring: ModuleListQuery,
          response: {
            200: Described(Type.Array(GatewayModule), 'A page of published courses.'),
          },
        },
      },
      async (request, reply) => {
        const { page, limit, search, instructor_id } = request.query;
        const listed = await catalog.listCoursesWithLessons(
          request.actor,
          {
            status: 'published',
            ...(search ? { search } : {}),
            ...(instructor_id ? { instructorId: instructor_id } : {}),
          },
          fromPage(page, limit),
        );
        reply.header('x-total-count', String(listed.total));
        return listed.items.map((course) => toGatewayModule(course, course.lessons));
      },
    );

    app.get(
      '/content/modules/:course_id',
      {
        config: { auth: 'optional' },
        schema: {
          operationId: 'gatewayGetModule',
          summary: 'Get a course with its lessons and instructor',
          description:
            'A published course for anybody; a draft only for its staff and admins (404 otherwise). `video_url` is null unless the caller may watch the lesson.',
          ...publicTags,
          params: CourseIdParams,
          response: { 200: Described(GatewayModuleDetail, 'The course.') },
        },
      },
      async (request) => toGatewayModuleDetail(await catalog.getCourse(request.actor, request.params.course_id)),
    );

    app.post(
      '/content/admin/courses',
      {
        config: { ...staff, location: '/content/modules/{id}' },
        schema: {
          operationId: 'gatewayCreateCourse',
          summary: 'Create a course',
          description:
            'Teachers create their own courses; an admin may give `instructor_id` to create one for a teacher (a teacher naming someone else gets 403). The course is a draft unless `is_published` is true.',
          ...adminTags,
          body: CreateCourseBody,
          response: { 201: Described(CourseCreated, 'The course is created.') },
        },
      },
      async (request, reply) => {
        const course = await catalog.createCourse(actorOf(request), createCourseInput(request.body));
        const module = await moduleOf(request, course.id);
        return reply.status(201).send({ id: course.id, message: 'Course created successfully', course: module });
      },
    );

    app.put(
      '/content/admin/courses/:course_id',
      {
        config: staff,
        schema: {
          operationId: 'gatewayUpdateCourse',
          summary: 'Update a course',
          description:
            "The course's owner, co-instructors and admins (another teacher gets 403). Fields left out keep their value. An admin may change `instructor_id` (the owner): the course, its staff and its chat room pass to that teacher in the same transaction; the previous owner leaves the staff. A teacher changing `instructor_id` gets 403; an unknown user or one who is not an active teacher 422 `CATALOG_NOT_AN_INSTRUCTOR` (field `instructor_id`).",
          ...adminTags,
          params: CourseIdParams,
          body: UpdateCourseBody,
          response: { 200: Described(CourseUpdated, 'The updated course.') },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        await catalog.updateCourse(actor, request.params.course_id, updateCourseInput(request.body));
        return { message: 'Course updated successfully', course: await moduleOf(request, request.params.course_id) };
      },
    );

    app.delete(
      '/content/admin/courses/:course_id',
      {
        config: { auth: ['admin'] },
        schema: {
          operationId: 'gatewayDeleteCourse',
          summary: 'Delete a course',
          description:
            'Admins only. Deletes the course with its lessons. A course that still has enrolled students is not deleted: 409 `CATALOG_COURSE_HAS_ENROLLMENTS` (unpublish it with `is_published: false` instead).',
          ...adminTags,
          params: CourseIdParams,
          response: { 200: Described(Message, 'The course is deleted.') },
        },
      },
      async (request) => {
        await catalog.deleteCourse(actorOf(request), request.params.course_id);
        return { message: 'Course deleted successfully' };
      },
    );
  };
}
