// Tags (unique names, usage counts) and lesson resources.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

import { actorOf } from '../../http/auth.ts';
import { Described, NoContent } from '../kit/schemas.ts';
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
import { LESSON_STAFF_ONLY } from './lessons.routes.ts';
import { LessonParams } from './lessons.schemas.ts';
import { attachTagInput } from './serializers/tag.ts';

export function tagRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { catalog } = modules;
    const tags = ['tags'];
    const TagList = Type.Object({ items: Type.Array(TagOut) });

    app.get(
      '/tags',
      {
        config: { auth: 'public' },
        schema: {
          operationId: 'listTags',
          summary: 'List tags',
          description: '`q` matches part of the name.',
          tags,
          querystring: TagQuery,
          response: { 200: Described(TagList, 'The tags with their usage counts.') },
        },
      },
      async (request) => ({
        items: await catalog.listTags(request.query.q),
      }),
    );

    app.post(
      '/tags',
      {
        config: { auth: ['instructor', 'admin'], location: '/tags/{id}' },
        schema: {
          operationId: 'createTag',
          summary: 'Create a tag',
          description: 'Names are unique regardless of case (409).',
          tags,
          body: CreateTagBody,
          response: { 201: Described(TagOut, 'The tag is created.') },
        },
      },
      async (request, reply) => reply.status(201).send(await catalog.createTag(actorOf(request), request.body.name)),
    );

    app.delete(
      '/tags/:tag_id',
      {
        config: { auth: ['admin'] },
        schema: {
          operationId: 'deleteTag',
          summary: 'Delete a tag',
          description: 'The tag disappears from every course.',
          tags,
          params: Type.Object({ tag_id: Uuid }),
          response: { 204: Described(NoContent, 'The tag is deleted.') },
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
        schema: {
          operationId: 'listCourseTags',
          summary: "List a course's tags",
          tags,
          params: CourseIdParams,
          response: { 200: Described(TagList, "The course's tags.") },
        },
      },
      async (request) => ({ items: await catalog.listCourseTags(request.actor, request.params.course_id) }),
    );

    app.post(
      '/courses/:course_id/tags',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'attachCourseTag',
          summary: 'Tag a course',
          description: `${LESSON_STAFF_ONLY} Attaches a tag by \`name\` (created when new) or by \`tag_id\`; attaching it twice changes nothing.`,
          tags,
          params: CourseIdParams,
          body: AttachTagBody,
          response: { 200: Described(TagOut, 'The attached tag.') },
        },
      },
      async (request) => catalog.attachTag(actorOf(request), request.params.course_id, attachTagInput(request.body)),
    );

    app.delete(
      '/courses/:course_id/tags/:tag_id',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'detachCourseTag',
          summary: 'Remove a tag from a course',
          description: `${LESSON_STAFF_ONLY} The tag itself stays.`,
          tags,
          params: Type.Object({ course_id: Uuid, tag_id: Uuid }),
          response: { 204: Described(NoContent, 'The tag is removed from the course.') },
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
          operationId: 'listLessonResources',
          summary: "List a lesson's resources",
          description:
            'Downloadable files and links of the lesson, for whoever may read its content (403 `CATALOG_CONTENT_LOCKED` otherwise).',
          tags: resourceTags,
          params: LessonParams,
          response: {
            200: Described(Type.Object({ items: Type.Array(ResourceOut) }), "The lesson's resources in order."),
          },
        },
      },
      async (request) => ({ items: await catalog.listLessonResources(request.actor, request.params.lesson_id) }),
    );

    app.post(
      '/lessons/:lesson_id/resources',
      {
        config: { auth: 'user', location: '/resources/{id}' },
        schema: {
          operationId: 'createLessonResource',
          summary: 'Add a resource to a lesson',
          description: `${LESSON_STAFF_ONLY} A \`link\` needs an http(s) \`url\`; a \`file\` needs the \`file_id\` of a file the caller uploaded (\`POST /files/upload\`). The title defaults to the URL or the file name.`,
          tags: resourceTags,
          params: LessonParams,
          body: CreateResourceBody,
          response: { 201: Described(ResourceOut, 'The resource is added.') },
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
          operationId: 'deleteLessonResource',
          summary: 'Delete a lesson resource',
          description: LESSON_STAFF_ONLY,
          tags: resourceTags,
          params: Type.Object({ resource_id: Uuid }),
          response: { 204: Described(NoContent, 'The resource is deleted.') },
        },
      },
      async (request, reply) => {
        await catalog.deleteLessonResource(actorOf(request), request.params.resource_id);
        return reply.status(204).send(null);
      },
    );
  };
}
