// Tags (unique names, usage counts) and lesson resources.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

import { actorOf } from '../../http/auth.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import {
  AttachTagBody,
  CreateResourceBody,
  CreateTagBody,
  ResourceOut,
  TagOut,
  TagQuery,
} from './catalog-extra.schemas.ts';
import { Uuid } from './common.schemas.ts';
import { CourseIdParams } from './courses.schemas.ts';
import { LessonParams } from './lessons.schemas.ts';
import { attachTagInput } from './serializers/tag.ts';

export function tagRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { catalog } = modules;
    const tags = ['tags'];
    const secured = { tags };
    const TagList = Type.Object({ items: Type.Array(TagOut) });

    app.get(
      '/tags',
      { config: { auth: 'public' }, schema: { tags, querystring: TagQuery, response: { 200: TagList } } },
      async (request) => ({
        items: await catalog.listTags(request.query.q),
      }),
    );

    app.post(
      '/tags',
      {
        config: { auth: ['instructor', 'admin'], location: '/tags/{id}' },
        schema: { ...secured, body: CreateTagBody, response: { 201: TagOut } },
      },
      async (request, reply) => reply.status(201).send(await catalog.createTag(actorOf(request), request.body.name)),
    );

    app.delete(
      '/tags/:tag_id',
      {
        config: { auth: ['admin'] },
        schema: {
          ...secured,
          params: Type.Object({ tag_id: Uuid }),
          response: { 204: { type: 'null' } },
        },
      },
      async (request, reply) => {
        await catalog.deleteTag(actorOf(request), request.params.tag_id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/courses/:course_id/tags',
      {
        config: { auth: 'optional' },
        schema: { tags, params: CourseIdParams, response: { 200: TagList } },
      },
      async (request) => ({ items: await catalog.listCourseTags(request.actor, request.params.course_id) }),
    );

    app.post(
      '/courses/:course_id/tags',
      {
        config: { auth: 'user' },
        schema: {
          ...secured,
          description: 'Attaches a tag by name (created when new) or tag_id.',
          params: CourseIdParams,
          body: AttachTagBody,
          response: { 200: TagOut },
        },
      },
      async (request) => catalog.attachTag(actorOf(request), request.params.course_id, attachTagInput(request.body)),
    );

    app.delete(
      '/courses/:course_id/tags/:tag_id',
      {
        config: { auth: 'user' },
        schema: {
          ...secured,
          params: Type.Object({ course_id: Uuid, tag_id: Uuid }),
          response: { 204: { type: 'null' } },
        },
      },
      async (request, reply) => {
        await catalog.detachTag(actorOf(request), request.params.course_id, request.params.tag_id);
        return reply.status(204).send(null);
      },
    );

    const resourceTags = ['lessons'];
    app.get(
      '/lessons/:lesson_id/resources',
      {
        config: { auth: 'optional' },
        schema: {
          tags: resourceTags,
          params: LessonParams,
          response: { 200: Type.Object({ items: Type.Array(ResourceOut) }) },
        },
      },
      async (request) => ({ items: await catalog.listLessonResources(request.actor, request.params.lesson_id) }),
    );

    app.post(
      '/lessons/:lesson_id/resources',
      {
        config: { auth: 'user', location: '/resources/{id}' },
        schema: {
          tags: resourceTags,
          params: LessonParams,
          body: CreateResourceBody,
          response: { 201: ResourceOut },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await catalog.addLessonResource(actorOf(request), request.params.lesson_id, request.body)),
    );

    app.delete(
      '/resources/:resource_id',
      {
        config: { auth: 'user' },
        schema: {
          tags: resourceTags,
          params: Type.Object({ resource_id: Uuid }),
          response: { 204: { type: 'null' } },
        },
      },
      async (request, reply) => {
        await catalog.deleteLessonResource(actorOf(request), request.params.resource_id);
        return reply.status(204).send(null);
      },
    );
  };
}
