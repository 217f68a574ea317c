// Sections of a course: ordered, reorderable, each with its lessons.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

import { actorOf } from '../../http/auth.ts';
import { Described, NoContent } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { CreateSectionBody, ReorderSectionsBody, SectionParams, UpdateSectionBody } from './catalog-extra.schemas.ts';
import { CourseIdParams, SectionOut } from './courses.schemas.ts';
import { LESSON_STAFF_ONLY } from './lessons.routes.ts';
import { LessonOut } from './lessons.schemas.ts';
import { toLessonOut } from './serializers/lesson.ts';

export function sectionRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { catalog } = modules;
    const tags = ['sections'];
    const SectionList = Type.Object({ items: Type.Array(SectionOut) });

    app.get(
      '/courses/:course_id/sections',
      {
        config: { auth: 'optional' },
        schema: {
          operationId: 'listCourseSections',
          summary: "List a course's sections",
          tags,
          params: CourseIdParams,
          response: { 200: Described(SectionList, 'The sections in order.') },
        },
      },
      async (request) => ({ items: await catalog.listSections(request.actor, request.params.course_id) }),
    );

    app.post(
      '/courses/:course_id/sections',
      {
        config: { auth: 'user', location: '/sections/{id}' },
        schema: {
          operationId: 'createSection',
          summary: 'Add a section to a course',
          description: `${LESSON_STAFF_ONLY} The section lands at \`position\` (from 1) or last.`,
          tags,
          params: CourseIdParams,
          body: CreateSectionBody,
          response: { 201: Described(SectionOut, 'The section is created.') },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await catalog.createSection(actorOf(request), request.params.course_id, request.body)),
    );

    app.patch(
      '/courses/:course_id/sections/reorder',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'reorderSections',
          summary: "Reorder a course's sections",
          description: `${LESSON_STAFF_ONLY} \`section_ids\` lists every section of the course exactly once, in the new order (422 otherwise).`,
          tags,
          params: CourseIdParams,
          body: ReorderSectionsBody,
          response: { 200: Described(SectionList, 'The sections in their new order.') },
        },
      },
      async (request) => ({
        items: await catalog.reorderSections(actorOf(request), request.params.course_id, request.body.section_ids),
      }),
    );

    app.get(
      '/sections/:section_id',
      {
        config: { auth: 'optional' },
        schema: {
          operationId: 'getSection',
          summary: 'Get a section',
          tags,
          params: SectionParams,
          response: { 200: Described(SectionOut, 'The section.') },
        },
      },
      async (request) => catalog.getSection(request.actor, request.params.section_id),
    );

    app.patch(
      '/sections/:section_id',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'updateSection',
          summary: 'Update a section',
          description: `${LESSON_STAFF_ONLY} A \`position\` moves the section among its course's sections.`,
          tags,
          params: SectionParams,
          body: UpdateSectionBody,
          response: { 200: Described(SectionOut, 'The updated section.') },
        },
      },
      async (request) => catalog.updateSection(actorOf(request), request.params.section_id, request.body),
    );

    app.delete(
      '/sections/:section_id',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'deleteSection',
          summary: 'Delete a section and its lessons',
          description: LESSON_STAFF_ONLY,
          tags,
          params: SectionParams,
          response: { 204: Described(NoContent, 'The section and its lessons are deleted.') },
        },
      },
      async (request, reply) => {
        await catalog.deleteSection(actorOf(request), request.params.section_id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/sections/:section_id/lessons',
      {
        config: { auth: 'optional' },
        schema: {
          operationId: 'listSectionLessons',
          summary: "List a section's lessons",
          description:
            "Same visibility as the course's lesson list: published lessons only except for staff, `content` null where the caller may not read it.",
          tags,
          params: SectionParams,
          response: {
            200: Described(Type.Object({ items: Type.Array(LessonOut) }), "The section's lessons in order."),
          },
        },
      },
      async (request) => ({
        items: (await catalog.listSectionLessons(request.actor, request.params.section_id)).map(toLessonOut),
      }),
    );
  };
}
