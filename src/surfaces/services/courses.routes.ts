// 003's content service, courses and sections: /api/courses, /api/courses/{courseId}/sections and
// /api/sections/{id}. Every route needs a token; the catalog decides who may see and change what.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf } from '../../http/auth.ts';
import { Described, NoContent } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import {
  CourseDetailOut,
  CourseListOut,
  CourseListQuery,
  CourseOut,
  CourseParams,
  CreateCourseBody,
  CreateSectionBody,
  IdParams,
  SectionListOut,
  SectionOut,
  UpdateCourseBody,
  UpdateSectionBody,
} from './content.schemas.ts';
import { toCourseDetailOut, toCourseInput, toCourseOut } from './serializers/course.ts';
import { toSectionInput, toSectionOut } from './serializers/section.ts';

export function courseRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { catalog } = modules;
    const user = { auth: 'user' as const };
    const teacher = { auth: ['instructor', 'admin'] as const };
    const tags = ['content'];

    app.get(
      '/api/courses',
      {
        config: user,
        schema: {
          operationId: 'servicesListCourses',
          summary: 'List the courses the caller may see',
          description: 'Published courses, and every course the caller teaches (all of them for admins), newest first.',
          tags,
          querystring: CourseListQuery,
          response: { 200: Described(CourseListOut, 'A page of courses') },
        },
      },
      async (request) => {
        const { limit, offset, status } = request.query;
        const page = await catalog.listCourses(actorOf(request), status ? { status } : {}, { limit, offset });
        return { courses: page.items.map(toCourseOut), total: page.total };
      },
    );

    app.post(
      '/api/courses',
      {
        config: teacher,
        schema: {
          operationId: 'servicesCreateCourse',
          summary: 'Create a course',
          description: 'Instructors and admins; the caller owns it. `status: published` publishes it at once.',
          tags,
          body: CreateCourseBody,
          response: { 201: Described(CourseOut, 'The new course') },
        },
      },
      async (request, reply) => {
        const input = { ...toCourseInput(request.body), title: request.body.title };
        return reply.status(201).send(toCourseOut(await catalog.createCourse(actorOf(request), input)));
      },
    );

    app.get(
      '/api/courses/:id',
      {
        config: user,
        schema: {
          operationId: 'servicesGetCourse',
          summary: 'Get a course with its sections',
          tags,
          params: IdParams,
          response: { 200: Described(CourseDetailOut, 'The course and its sections in order') },
        },
      },
      async (request) => toCourseDetailOut(await catalog.getCourse(actorOf(request), request.params.id)),
    );

    app.put(
      '/api/courses/:id',
      {
        config: user,
        schema: {
          operationId: 'servicesUpdateCourse',
          summary: 'Update a course',
          description: 'Its owner, co-instructors and admins; only the fields sent change.',
          tags,
          params: IdParams,
          body: UpdateCourseBody,
          response: { 200: Described(CourseOut, 'The updated course') },
        },
      },
      async (request) =>
        toCourseOut(await catalog.updateCourse(actorOf(request), request.params.id, toCourseInput(request.body))),
    );

    app.delete(
      '/api/courses/:id',
      {
        config: user,
        schema: {
          operationId: 'servicesDeleteCourse',
          summary: 'Delete a course and its content',
          description: 'A course with enrolled students cannot be deleted (409): archive it instead.',
          tags,
          params: IdParams,
          response: { 204: Described(NoContent, 'Course deleted') },
        },
      },
      async (request, reply) => {
        await catalog.deleteCourse(actorOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/courses/:courseId/sections',
      {
        config: user,
        schema: {
          operationId: 'servicesListSections',
          summary: 'List a course’s sections',
          tags,
          params: CourseParams,
          response: { 200: Described(SectionListOut, 'The sections in order') },
        },
      },
      async (request) => ({
        sections: (await catalog.listSections(actorOf(request), request.params.courseId)).map(toSectionOut),
      }),
    );

    app.post(
      '/api/courses/:courseId/sections',
      {
        config: { ...user, location: (body) => `/api/sections/${String(body['id'])}` },
        schema: {
          operationId: 'servicesCreateSection',
          summary: 'Add a section to a course',
          tags,
          params: CourseParams,
          body: CreateSectionBody,
          response: { 201: Described(SectionOut, 'The new section') },
        },
      },
      async (request, reply) => {
        const input = { ...toSectionInput(request.body), title: request.body.title };
        const section = await catalog.createSection(actorOf(request), request.params.courseId, input);
        return reply.status(201).send(toSectionOut(section));
      },
    );

    app.get(
      '/api/sections/:id',
      {
        config: user,
        schema: {
          operationId: 'servicesGetSection',
          summary: 'Get a section',
          description: 'Not in 003’s document: where a created section’s Location points.',
          tags,
          params: IdParams,
          response: { 200: Described(SectionOut, 'The section') },
        },
      },
      async (request) => toSectionOut(await catalog.getSection(actorOf(request), request.params.id)),
    );

    app.put(
      '/api/sections/:id',
      {
        config: user,
        schema: {
          operationId: 'servicesUpdateSection',
          summary: 'Rename or move a section',
          tags,
          params: IdParams,
          body: UpdateSectionBody,
          response: { 200: Described(SectionOut, 'The updated section') },
        },
      },
      async (request) =>
        toSectionOut(await catalog.updateSection(actorOf(request), request.params.id, toSectionInput(request.body))),
    );

    app.delete(
      '/api/sections/:id',
      {
        config: user,
        schema: {
          operationId: 'servicesDeleteSection',
          summary: 'Delete a section and its materials',
          tags,
          params: IdParams,
          response: { 204: Described(NoContent, 'Section deleted') },
        },
      },
      async (request, reply) => {
        await catalog.deleteSection(actorOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
