// Native admin endpoints of the platform itself.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

import type { SurfaceDeps } from '../surface-deps.ts';
import { DateTime, Page, pageOf, PageQuery, Uuid } from './common.schemas.ts';

const OutboxMessageOut = Type.Object({
  id: Uuid,
  channel: Type.Union([Type.Literal('email'), Type.Literal('sms'), Type.Literal('push')]),
  recipient: Type.String(),
  subject: Type.Union([Type.String(), Type.Null()]),
  body_text: Type.String(),
  body_html: Type.Union([Type.String(), Type.Null()]),
  created_at: DateTime,
});

const OutboxQuery = Type.Intersect([
  PageQuery,
  Type.Object({
    channel: Type.Optional(Type.Union([Type.Literal('email'), Type.Literal('sms'), Type.Literal('push')])),
    recipient: Type.Optional(Type.String({ maxLength: 254 })),
  }),
]);

export function adminRoutes({ platform }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/admin/outbox',
      {
        config: { auth: ['admin'] },
        schema: {
          tags: ['admin'],
          querystring: OutboxQuery,
          response: { 200: Page(OutboxMessageOut) },
        },
      },
      async (request) => {
        const { page, page_size, channel, recipient } = request.query;
        const result = await platform.outbox.list({
          channel,
          recipient,
          limit: page_size,
          offset: (page - 1) * page_size,
        });
        return pageOf(result.items, result.total, page, page_size);
      },
    );
  };
}
