// 003's content service, tags: /api/tags.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf } from '../../http/auth.ts';
import { Described } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { CreateTagBody, TagListOut, TagOut } from './content.schemas.ts';
import { toTagOut } from './serializers/tag.ts';

export function tagRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { catalog } = modules;
    const tags = ['content'];

    app.get(
      '/api/tags',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'servicesListTags',
          summary: 'List tags with their usage',
          description: '`usage_count` is the number of courses carrying the tag.',
          tags,
          response: { 200: Described(TagListOut, 'Every tag, by name') },
        },
      },
      async () => ({ tags: (await catalog.listTags()).map(toTagOut) }),
    );

    app.post(
      '/api/tags',
      {
        config: { auth: ['instructor', 'admin'], location: () => undefined },
        schema: {
          operationId: 'servicesCreateTag',
          summary: 'Create a tag',
          description: 'Instructors and admins; a name already taken (in any case) is a conflict (409).',
          tags,
          body: CreateTagBody,
          response: { 201: Described(TagOut, 'The new tag') },
        },
      },
      async (request, reply) =>
        reply.status(201).send(toTagOut(await catalog.createTag(actorOf(request), request.body.name))),
    );
  };
}
