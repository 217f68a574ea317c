// 003's notifications service: notify/send and notify/preview (an admin access token or a service
// API key in X-API-Key: never open, or it would relay mail and SMS for anyone), and the signed-in
// user's own subscriptions.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { actorOf } from '../../http/auth.ts';
import { Described } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import {
  ApiKeyHeader,
  PreviewBody,
  PreviewOut,
  SendBody,
  SendOut,
  SubscriptionsBody,
  SubscriptionsOut,
} from './notify.schemas.ts';

const CREDENTIALS =
  'Needs an admin access token (`Authorization: Bearer`) or a service API key with the notify scope (`X-API-Key`); without either the answer is 401 and nothing is sent.';

export function notifyRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { notifications } = modules;

    app.post(
      '/api/notify/send',
      {
        config: { auth: 'optional' },
        schema: {
          operationId: 'servicesSendNotification',
          summary: 'Queue a notification',
          description: `Renders the template and queues delivery (retried with backoff). ${CREDENTIALS} A repeated idempotency key answers as the first request did (header \`Idempotent-Replayed: true\`); the same key with a different request answers 409.`,
          tags: ['notifications'],
          headers: ApiKeyHeader,
          body: SendBody,
          response: { 202: Described(SendOut, 'Queued (or suppressed by the recipient’s preferences)') },
        },
      },
      async (request, reply) => {
        const result = await notifications.send(
          { actor: request.actor, apiKey: request.headers['x-api-key'] },
          request.body,
        );
        if (!result.created) reply.header('idempotent-replayed', 'true');
        const n = result.notification;
        return reply.status(202).send({
          id: n.id,
          status: n.status === 'suppressed' ? 'suppressed' : n.status,
          channel: n.channel,
          recipient: n.recipient,
          template: n.template,
          idempotency_key: n.idempotency_key,
          created_at: n.created_at,
        });
      },
    );

    app.post(
      '/api/notify/preview',
      {
        config: { auth: 'optional' },
        schema: {
          operationId: 'servicesPreviewNotification',
          summary: 'Render a notification without sending it',
          description: CREDENTIALS,
          tags: ['notifications'],
          headers: ApiKeyHeader,
          body: PreviewBody,
          response: { 200: Described(PreviewOut, 'The rendered subject, HTML and text') },
        },
      },
      async (request) => {
        const rendered = await notifications.preview(
          { actor: request.actor, apiKey: request.headers['x-api-key'] },
          request.body,
        );
        return { subject: rendered.subject, content: rendered.html ?? rendered.text, text_content: rendered.text };
      },
    );

    app.get(
      '/api/subscriptions',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'servicesGetSubscriptions',
          summary: 'Get the caller’s notification preferences',
          description:
            'Defaults for a user who never chose: marketing off, everything else on. Security mails (password reset, lockout, sign-in alerts) go out whatever these say.',
          tags: ['notifications'],
          response: { 200: Described(SubscriptionsOut, 'The preferences') },
        },
      },
      async (request) => notifications.getSubscriptions(actorOf(request)),
    );

    app.put(
      '/api/subscriptions',
      {
        config: { auth: 'user' },
        schema: {
          operationId: 'servicesUpdateSubscriptions',
          summary: 'Update the caller’s notification preferences',
          description: 'Partial: channels and categories not sent keep their value.',
          tags: ['notifications'],
          body: SubscriptionsBody,
          response: { 200: Described(SubscriptionsOut, 'The preferences after the change') },
        },
      },
      async (request) => notifications.updateSubscriptions(actorOf(request), request.body),
    );
  };
}
