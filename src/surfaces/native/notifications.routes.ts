// The signed-in user's in-app feed (list, unread count, mark read, a live stream of new ones) and
// RFC 8058 one-click unsubscribe, which mail clients POST without signing in.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

import { actorOf } from '../../http/auth.ts';
import { fromPage } from '../kit/paging.ts';
import { Described } from '../kit/schemas.ts';
import { EventStreamResponse, sendEventStream } from '../kit/sse.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import {
  FeedItemOut,
  FeedPage,
  FeedQuery,
  NotificationParams,
  ReadAllOut,
  UnreadOut,
  UnsubscribeQuery,
} from './notifications.schemas.ts';
import { feedItemOut } from './serializers/notifications.ts';
import { pageOf } from './serializers/page.ts';

/** How often an idle stream sends a comment, so proxies keep it open. */
const KEEPALIVE_MS = 25_000;

export function notificationRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { notifications } = modules;
    const tags = ['notifications'];
    // One-click unsubscribe posts `List-Unsubscribe=One-Click` as a form (RFC 8058).
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });

    app.get(
      '/notifications',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'listMyNotifications',
          summary: 'List the caller’s notifications',
          description: 'Newest first; notifications muted by the caller’s preferences are not listed.',
          tags,
          querystring: FeedQuery,
          response: { 200: Described(FeedPage, 'A page of notifications with the unread count') },
        },
      },
      async (request) => {
        const { page, page_size, unread_only } = request.query;
        const result = await notifications.listFeed(
          actorOf(request),
          { unreadOnly: unread_only },
          fromPage(page, page_size),
        );
        return { ...pageOf(result.items.map(feedItemOut), result.total, page, page_size), unread_count: result.unread };
      },
    );

    app.get(
      '/notifications/unread-count',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'getMyUnreadNotificationCount',
          summary: 'Count the caller’s unread notifications',
          tags,
          response: { 200: Described(UnreadOut, 'The unread count') },
        },
      },
      async (request) => ({ unread_count: await notifications.unreadCount(actorOf(request)) }),
    );

    app.get(
      '/notifications/stream',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'streamMyNotifications',
          summary: 'Receive the caller’s new notifications live',
          description:
            'Server-Sent Events: `ready` once subscribed, then one `notification` event (a feed item) per new notification, in every process when Redis is configured. Missed events are in the feed.',
          tags,
          response: { 200: EventStreamResponse('Notifications as Server-Sent Events') },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        return sendEventStream(
          reply,
          async (send, signal) => {
            const stop = await notifications.followFeed(actor, (message) => {
              send('notification', feedItemOut(reviveDates(message)));
            });
            send('ready', { unread_count: await notifications.unreadCount(actor) });
            const keepAlive = setInterval(() => send('ping', {}), KEEPALIVE_MS);
            await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
            clearInterval(keepAlive);
            await stop();
          },
          () => ({ detail: 'The stream failed' }),
        );
      },
    );

    app.post(
      '/notifications/:notification_id/read',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'markNotificationRead',
          summary: 'Mark one of the caller’s notifications read',
          description: 'Another user’s notification answers 404.',
          tags,
          params: NotificationParams,
          response: { 200: Described(FeedItemOut, 'The notification, read') },
        },
      },
      async (request) => feedItemOut(await notifications.markRead(actorOf(request), request.params.notification_id)),
    );

    app.post(
      '/notifications/read-all',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'markAllNotificationsRead',
          summary: 'Mark all the caller’s notifications read',
          tags,
          response: { 200: Described(ReadAllOut, 'How many were unread') },
        },
      },
      async (request) => ({ updated: await notifications.markAllRead(actorOf(request)) }),
    );

    app.post(
      '/notifications/unsubscribe',
      {
        config: { auth: 'public' },
        schema: {
          operationId: 'unsubscribeOneClick',
          summary: 'One-click unsubscribe (RFC 8058)',
          description:
            'The target of a marketing mail’s `List-Unsubscribe` header: mail clients POST `List-Unsubscribe=One-Click` here, and the category the signed token names is muted. No sign-in needed.',
          tags,
          querystring: UnsubscribeQuery,
          response: { 200: Described(Type.Object({ detail: Type.String() }), 'Unsubscribed') },
        },
      },
      async (request) => {
        await notifications.unsubscribe(request.query.token);
        return { detail: 'Unsubscribed' };
      },
    );
  };
}

/** A notification that travelled through pub/sub as JSON, with its dates back. */
function reviveDates(message: unknown) {
  const n = message as Parameters<typeof feedItemOut>[0];
  return { ...n, created_at: new Date(n.created_at), read_at: n.read_at ? new Date(n.read_at) : null };
}
