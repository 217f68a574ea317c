// The signed-in user's Web Push devices: the VAPID key to subscribe with, then register, list
// and remove their own push subscriptions.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf } from '../../http/auth.ts';
import { fromPage } from '../kit/paging.ts';
import { Described, NoContent, PageQuery } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { Page } from './common.schemas.ts';
import { PushConfigOut, PushSubscriptionOut, PushSubscriptionParams, RegisterPushBody } from './push.schemas.ts';
import { pageOf } from './serializers/page.ts';
import { pushSubscriptionOut } from './serializers/push.ts';

export function pushRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { notifications } = modules;
    const tags = ['notifications'];

    app.get(
      '/push/config',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'getPushConfig',
          summary: 'Get the Web Push settings a browser subscribes with',
          tags,
          response: { 200: Described(PushConfigOut, 'Whether Web Push is on, and the VAPID public key') },
        },
      },
      async () => notifications.pushConfig(),
    );

    app.post(
      '/push/subscriptions',
      {
        config: { auth: 'user', location: () => undefined },
        schema: {
          operationId: 'registerPushSubscription',
          summary: 'Register a device for push notifications',
          description:
            'Send the browser’s `PushSubscription.toJSON()`. A known endpoint is renewed (200) and belongs to the caller from then on; a new one answers 201. Endpoints must be https URLs.',
          tags,
          body: RegisterPushBody,
          response: {
            200: Described(PushSubscriptionOut, 'The device was known; its keys are renewed'),
            201: Described(PushSubscriptionOut, 'The device is registered'),
          },
        },
      },
      async (request, reply) => {
        const { expirationTime, ...rest } = request.body;
        const result = await notifications.registerPushSubscription(actorOf(request), {
          ...rest,
          expiration_time: expirationTime,
        });
        return reply.status(result.created ? 201 : 200).send(pushSubscriptionOut(result.subscription));
      },
    );

    app.get(
      '/push/subscriptions',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'listPushSubscriptions',
          summary: 'List the caller’s push devices',
          description:
            'Newest first; only the caller’s own. Devices whose push service reported them gone are removed.',
          tags,
          querystring: PageQuery,
          response: { 200: Described(Page(PushSubscriptionOut), 'A page of devices') },
        },
      },
      async (request) => {
        const { page, page_size } = request.query;
        const result = await notifications.listPushSubscriptions(actorOf(request), fromPage(page, page_size));
        return pageOf(result.items.map(pushSubscriptionOut), result.total, page, page_size);
      },
    );

    app.delete(
      '/push/subscriptions/:subscription_id',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'deletePushSubscription',
          summary: 'Remove one of the caller’s push devices',
          description: 'Another user’s device answers 404.',
          tags,
          params: PushSubscriptionParams,
          response: { 204: NoContent },
        },
      },
      async (request, reply) => {
        await notifications.removePushSubscription(actorOf(request), request.params.subscription_id);
        return reply.status(204).send(null);
      },
    );
  };
}
