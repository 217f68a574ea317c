// 001's course endpoints, plus the status workflow and co-instructors.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

import { actorOf } from '../../http/auth.ts';
import { fromPage } from '../kit/paging.ts';
import { Described, NoContent } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { Uuid } from './common.schemas.ts';
import {
  CourseDetailOut,
  CourseIdParams,
  CourseInstructorOut,
  CourseListQuery,
  CourseOut,
  CoursePage,
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

/** Who may change a course, said once for every write below. */
const STAFF_ONLY = "Only the course's staff (owner, co-instructors) and admins; 403 for anyone else.";

export function courseRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { catalog } = modules;
    const tags = ['courses'];

    app.get(
      '/courses',
      {
        config: { auth: 'optional' },
        schema: {
          operationId: 'listCourses',
          summary: 'List courses',
          description:
            'Published courses for everyone; with a token, also the unpublished courses the caller owns or co-teaches (all of them for admins). Newest first unless `sort` says otherwise, or by relevance when searching.',
          tags,
          querystring: CourseListQuery,
          response: { 200: Described(CoursePage, 'A page of courses.') },
        },
      },
      async (request) => {
        const q = request.query;
        const page = await catalog.listCourses(request.actor, courseFilterOf(q), fromPage(q.page, q.page_size));
        return {
          ...pageOf(page.items.map(toCourseOut), page.total, q.page, q.page_size),
          next_cursor: page.nextCursor,
        };
      },
    );

    app.post(
      '/courses',
      {
        config: { auth: ['instructor', 'admin'] },
        schema: {
          operationId: 'createCourse',
          summary: 'Create a course',
          description:
            'The caller owns the new course; an admin may name another instructor as `instructor_id`. A course starts as `draft` (or `review`) and is published once it has a published lesson. A `category` that matches no category by id, slug or name is created.',
          tags,
          body: CreateCourseBody,
          response: { 201: Described(CourseOut, 'The course is created.') },
        },
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
        schema: {
          operationId: 'getCourse',
          summary: 'Get a course with its outline',
          description:
            'By id or slug. Unpublished courses answer 404 except to their staff and admins. The outline lists sections and lessons (published ones only, except for staff) without their content.',
          tags,
          params: CourseParams,
          response: { 200: Described(CourseDetailOut, 'The course, its sections and lessons.') },
        },
      },
      async (request) => toCourseDetailOut(await catalog.getCourse(request.actor, request.params.course_id)),
    );

    app.patch(
      '/courses/:course_id',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'updateCourse',
          summary: 'Update a course',
          description: `${STAFF_ONLY} A \`status\` here follows the same rules as \`POST /courses/{course_id}/status\`. \`max_students\` cannot go below the current enrolment count (409); \`tags\` replaces the whole list.`,
          tags,
          params: CourseIdParams,
          body: UpdateCourseBody,
          response: { 200: Described(CourseOut, 'The updated course.') },
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
        schema: {
          operationId: 'publishCourse',
          summary: 'Publish a course',
          description: `${STAFF_ONLY} Needs at least one published lesson (409 otherwise). Publishing a published course changes nothing.`,
          tags,
          params: CourseIdParams,
          response: { 200: Described(CourseOut, 'The published course.') },
        },
      },
      async (request) => toCourseOut(await catalog.publishCourse(actorOf(request), request.params.course_id)),
    );

    app.post(
      '/courses/:course_id/status',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'changeCourseStatus',
          summary: "Change a course's status",
          description: `${STAFF_ONLY} Allowed moves: draft → review or published; review → draft or published; published → archived or draft; archived → draft or published. Other moves answer 409, as does publishing a course without a published lesson.`,
          tags,
          params: CourseIdParams,
          body: StatusBody,
          response: { 200: Described(CourseOut, 'The course in its new status.') },
        },
      },
      async (request) =>
        toCourseOut(await catalog.changeCourseStatus(actorOf(request), request.params.course_id, request.body.status)),
    );

    app.delete(
      '/courses/:course_id',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'deleteCourse',
          summary: 'Delete a course',
          description: `${STAFF_ONLY} Deletes the course with its content. A course with enrolled students cannot be deleted (409): archive it instead.`,
          tags,
          params: CourseIdParams,
          response: { 204: Described(NoContent, 'The course is deleted.') },
        },
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
          operationId: 'listCourseInstructors',
          summary: "List a course's instructors",
          description: 'The owner first, then the co-instructors.',
          tags,
          params: CourseIdParams,
          response: {
            200: Described(Type.Object({ items: Type.Array(CourseInstructorOut) }), "The course's instructors."),
          },
        },
      },
      async (request) => ({ items: await catalog.listCourseInstructors(request.actor, request.params.course_id) }),
    );

    app.post(
      '/courses/:course_id/instructors',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'addCourseInstructor',
          summary: 'Add a co-instructor',
          description:
            'Only the owner and admins. The user must be an active instructor or admin (otherwise 422); adding someone twice changes nothing.',
          tags,
          params: CourseIdParams,
          body: InstructorBody,
          response: { 200: Described(CourseOut, 'The course with its co-instructors.') },
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
          operationId: 'removeCourseInstructor',
          summary: 'Remove a co-instructor',
          description: 'The owner and admins remove anyone; a co-instructor may remove themselves.',
          tags,
          params: Type.Object({ course_id: Uuid, user_id: Uuid }),
          response: { 200: Described(CourseOut, 'The course with its remaining co-instructors.') },
        },
      },
      async (request) =>
        toCourseOut(
          await catalog.removeCourseInstructor(actorOf(request), request.params.course_id, request.params.user_id),
        ),
    );
  };
}
