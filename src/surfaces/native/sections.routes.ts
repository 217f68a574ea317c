// Sections of a course: ordered, reorderable, each with its lessons.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

import { actorOf } from '../../http/auth.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { CreateSectionBody, ReorderSectionsBody, SectionParams, UpdateSectionBody } from './catalog-extra.schemas.ts';
import { CourseIdParams, SectionOut } from './courses.schemas.ts';
import { LessonOut } from './lessons.schemas.ts';
import { toLessonOut } from './serializers/lesson.ts';

export function sectionRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { catalog } = modules;
    const tags = ['sections'];
    const secured = { tags };
    const SectionList = Type.Object({ items: Type.Array(SectionOut) });

    app.get(
      '/courses/:course_id/sections',
      {
        config: { auth: 'optional' },
        schema: { tags, params: CourseIdParams, response: { 200: SectionList } },
      },
      async (request) => ({ items: await catalog.listSections(request.actor, request.params.course_id) }),
    );

    app.post(
      '/courses/:course_id/sections',
      {
        config: { auth: 'user', location: '/sections/{id}' },
        schema: {
          ...secured,
          params: CourseIdParams,
          body: CreateSectionBody,
          response: { 201: SectionOut },
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
          ...secured,
          params: CourseIdParams,
          body: ReorderSectionsBody,
          response: { 200: SectionList },
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
        schema: { tags, params: SectionParams, response: { 200: SectionOut } },
      },
      async (request) => catalog.getSection(request.actor, request.params.section_id),
    );

    app.patch(
      '/sections/:section_id',
      {
        config: { auth: 'user' },
        schema: {
          ...secured,
          params: SectionParams,
          body: UpdateSectionBody,
          response: { 200: SectionOut },
        },
      },
      async (request) => catalog.updateSection(actorOf(request), request.params.section_id, request.body),
    );

    app.delete(
      '/sections/:section_id',
      {
        config: { auth: 'user' },
        schema: { ...secured, params: SectionParams, response: { 204: { type: 'null' } } },
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
          tags,
          params: SectionParams,
          response: { 200: Type.Object({ items: Type.Array(LessonOut) }) },
        },
      },
      async (request) => ({
        items: (await catalog.listSectionLessons(request.actor, request.params.section_id)).map(toLessonOut),
      }),
    );
  };
}
