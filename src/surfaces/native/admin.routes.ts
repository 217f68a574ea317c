// Native admin endpoints of the platform itself.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

import { fromPage } from '../kit/paging.ts';
import { Described, Nullable, StringEnum } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { DateTime, Page, PageQuery, Uuid } from './common.schemas.ts';
import { pageOf } from './serializers/page.ts';

const Channel = StringEnum(['email', 'sms', 'push']);

const OutboxMessageOut = Type.Object({
  id: Uuid,
  channel: Channel,
  recipient: Type.String(),
  subject: Nullable(Type.String()),
  body_text: Type.String(),
  body_html: Nullable(Type.String()),
  created_at: DateTime,
});

const OutboxQuery = Type.Intersect([
  PageQuery,
  Type.Object({
    channel: Type.Optional(Channel),
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
          operationId: 'listOutboxMessages',
          summary: 'List messages in the development outbox',
          description:
            'Where mail, SMS and push messages land when no SMTP server, SMS gateway or push keys are configured (a fresh install): verification links, reset links and codes can be read here. Newest first.',
          tags: ['admin'],
          querystring: OutboxQuery,
          response: { 200: Described(Page(OutboxMessageOut), 'A page of messages.') },
        },
      },
      async (request) => {
        const { page, page_size, channel, recipient } = request.query;
        const result = await platform.outbox.list({
          channel,
          recipient,
          ...fromPage(page, page_size),
        });
        return pageOf(result.items, result.total, page, page_size);
      },
    );
  };
}
