// 002's catalog (category 3): courses with filters and search, categories, instructors.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

import { actorOf } from '../../http/auth.ts';
import { Described, NoContent } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { CourseRefParams, IdParams } from './common.schemas.ts';
import {
  CategoryDetailOut,
  CategoryOut,
  CourseDetailOut,
  CourseInstructorOut,
  CourseListQuery,
  CourseOut,
  CreateCourseBody,
  InstructorDetailOut,
  InstructorListQuery,
  InstructorOut,
  ReplaceCourseBody,
  UpdateCourseBody,
} from './courses.schemas.ts';
import { DrfPage, drfPage, drfPageOf, DrfPageQuery, pageRequest } from './paging.ts';
import {
  courseFilterOf,
  courseInput,
  toCategoryOut,
  toCourseDetailOut,
  toCourseOut,
  toInstructorOut,
} from './serializers/course.ts';

const STAFF_ONLY = "Only the course's staff (owner, co-instructors) and admins; 403 for anyone else.";

export function courseRoutes({ modules, config }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { catalog } = modules;
    const tags = ['courses'];
    const publicUrl = config.publicUrl;

    app.get(
      '/courses/',
      {
        config: { auth: 'optional' },
        schema: {
          operationId: 'djangoListCourses',
          summary: 'List courses',
          description:
            'Published courses for everyone; with a token also the unpublished ones the caller teaches (all for admins). Filters: `category`, `level`, `status`, `instructor`, `tag`; `search` is full text; `ordering` as DRF.',
          tags,
          querystring: CourseListQuery,
          response: { 200: Described(DrfPage(CourseOut), 'A page of courses.') },
        },
      },
      async (request) => {
        const q = request.query;
        const page = await catalog.listCourses(request.actor, courseFilterOf(q), pageRequest(q));
        return drfPage(request, publicUrl, q, page, toCourseOut);
      },
    );

    app.post(
      '/courses/',
      {
        config: { auth: ['instructor', 'admin'], location: '/courses/{id}/' },
        schema: {
          operationId: 'djangoCreateCourse',
          summary: 'Create a course',
          description:
            'Instructors and admins; the caller becomes `created_by`. `status: "published"` publishes at once, as the document does. Read-only fields (`created_by`, `enrolled_count`...) are ignored.',
          tags,
          body: CreateCourseBody,
          response: { 201: Described(CourseOut, 'The course.') },
        },
      },
      async (request, reply) => {
        const input = courseInput(request.body);
        const course = await catalog.createCourse(actorOf(request), { ...input, title: request.body.title });
        return reply.status(201).send(toCourseOut(course));
      },
    );

    app.get(
      '/courses/categories/',
      {
        config: { auth: 'public' },
        schema: {
          operationId: 'djangoListCategories',
          summary: 'List categories',
          description: 'Every category, parents before children; `course_count` counts published courses below it.',
          tags,
          querystring: Type.Object(DrfPageQuery),
          response: { 200: Described(DrfPage(CategoryOut), 'A page of categories.') },
        },
      },
      async (request) =>
        drfPageOf(request, publicUrl, request.query, (await catalog.listCategories()).map(toCategoryOut)),
    );

    app.get(
      '/courses/categories/:id/',
      {
        config: { auth: 'optional' },
        schema: {
          operationId: 'djangoGetCategory',
          summary: 'Get a category with its courses',
          description:
            'By id or slug: the category, its direct sub-categories and its published courses (at most 100).',
          tags,
          params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 120 }) }),
          response: { 200: Described(CategoryDetailOut, 'The category and its courses.') },
        },
      },
      async (request) => {
        const { category, children, courses } = await catalog.getCategoryWithCourses(request.actor, request.params.id, {
          limit: 100,
          offset: 0,
        });
        return {
          ...toCategoryOut(category),
          subcategories: children.map(toCategoryOut),
          courses: courses.items.map(toCourseOut),
        };
      },
    );

    app.get(
      '/courses/:id/',
      {
        config: { auth: 'optional' },
        schema: {
          operationId: 'djangoGetCourse',
          summary: 'Get a course',
          description:
            'By id (or slug), with its sections and lectures (outline only). Unpublished courses answer 404 except to their staff and admins.',
          tags,
          params: CourseRefParams,
          response: { 200: Described(CourseDetailOut, 'The course and its outline.') },
        },
      },
      async (request) => toCourseDetailOut(await catalog.getCourse(request.actor, request.params.id)),
    );

    app.put(
      '/courses/:id/',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'djangoReplaceCourse',
          summary: 'Update a course (full)',
          description: `${STAFF_ONLY} A full update: \`title\` is required as on create; fields left out keep their values, as DRF's ModelSerializer does.`,
          tags,
          params: IdParams,
          body: ReplaceCourseBody,
          response: { 200: Described(CourseOut, 'The course.') },
        },
      },
      async (request) =>
        toCourseOut(await catalog.updateCourse(actorOf(request), request.params.id, courseInput(request.body))),
    );

    app.patch(
      '/courses/:id/',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'djangoUpdateCourse',
          summary: 'Update a course (partial)',
          description: `${STAFF_ONLY} Only the fields sent change. \`status: "published"\` publishes at once.`,
          tags,
          params: IdParams,
          body: UpdateCourseBody,
          response: { 200: Described(CourseOut, 'The course.') },
        },
      },
      async (request) =>
        toCourseOut(await catalog.updateCourse(actorOf(request), request.params.id, courseInput(request.body))),
    );

    app.delete(
      '/courses/:id/',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'djangoDeleteCourse',
          summary: 'Delete a course',
          description: `${STAFF_ONLY} A course with enrolled students cannot be deleted (409).`,
          tags,
          params: IdParams,
          response: { 204: Described(NoContent, 'Deleted.') },
        },
      },
      async (request, reply) => {
        await catalog.deleteCourse(actorOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/courses/:id/instructors/',
      {
        config: { auth: 'optional' },
        schema: {
          operationId: 'djangoListCourseInstructors',
          summary: "List a course's instructors",
          description: 'The owner first, then the co-instructors.',
          tags,
          params: IdParams,
          querystring: Type.Object(DrfPageQuery),
          response: { 200: Described(DrfPage(CourseInstructorOut), "The course's instructors.") },
        },
      },
      async (request) =>
        drfPageOf(
          request,
          publicUrl,
          request.query,
          await catalog.listCourseInstructors(request.actor, request.params.id),
        ),
    );

    app.get(
      '/instructors/',
      {
        config: { auth: 'public' },
        schema: {
          operationId: 'djangoListInstructors',
          summary: 'List instructors',
          description: 'Active instructors with at least one published course, by name.',
          tags,
          querystring: InstructorListQuery,
          response: { 200: Described(DrfPage(InstructorOut), 'A page of instructors.') },
        },
      },
      async (request) => {
        const q = request.query;
        const page = await catalog.listInstructors({ search: q.search }, pageRequest(q));
        return drfPage(request, publicUrl, q, page, toInstructorOut);
      },
    );

    app.get(
      '/instructors/:id/',
      {
        config: { auth: 'public' },
        schema: {
          operationId: 'djangoGetInstructor',
          summary: "Get an instructor's profile",
          description: 'The instructor with their published courses; 404 for a user who does not teach.',
          tags,
          params: IdParams,
          response: { 200: Described(InstructorDetailOut, 'The instructor and their courses.') },
        },
      },
      async (request) => {
        const instructor = await catalog.getInstructor(request.params.id);
        return { ...toInstructorOut(instructor), courses: instructor.courses.map(toCourseOut) };
      },
    );
  };
}
