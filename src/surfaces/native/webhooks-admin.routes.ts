// Admins' outgoing webhooks: endpoints (register, list, read, change, remove), the event types
// they may ask for, each endpoint's delivery log, and replaying a delivery.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

import { actorOf } from '../../http/auth.ts';
import { fromPage } from '../kit/paging.ts';
import { Described, NoContent, PageQuery } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { Page } from './common.schemas.ts';
import { pageOf } from './serializers/page.ts';
import { createdWebhookOut, webhookDeliveryOut, webhookOut } from './serializers/webhooks.ts';
import {
  CreatedWebhookOut,
  WebhookBody,
  WebhookDeliveriesQuery,
  WebhookDeliveryOut,
  WebhookDeliveryParams,
  WebhookOut,
  WebhookParams,
  WebhookPatchBody,
} from './webhooks.schemas.ts';

const SIGNING =
  'Deliveries follow Standard Webhooks: headers `webhook-id`, `webhook-timestamp` and `webhook-signature` (`v1,` + base64 HMAC-SHA256 of `<id>.<timestamp>.<body>` keyed with the base64-decoded part of the `whsec_` secret); the body is `{type, timestamp, data}`. Only http and https URLs are accepted and redirects are not followed.';

export function webhookAdminRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { notifications } = modules;
    const tags = ['notifications'];
    const admin = { auth: ['admin'] as const };

    app.get(
      '/admin/webhook-event-types',
      {
        config: admin,
        schema: {
          operationId: 'listWebhookEventTypes',
          summary: 'List the domain event types webhooks can receive',
          tags,
          response: { 200: Described(Type.Array(Type.String()), 'Every event type') },
        },
      },
      async (request) => notifications.webhookEventTypes(actorOf(request)),
    );

    app.post(
      '/admin/webhooks',
      {
        config: admin,
        schema: {
          operationId: 'createWebhook',
          summary: 'Register a webhook endpoint',
          description: `The signing secret is in this answer only. ${SIGNING}`,
          tags,
          body: WebhookBody,
          response: { 201: Described(CreatedWebhookOut, 'The endpoint with its secret, shown once') },
        },
      },
      async (request, reply) =>
        reply.status(201).send(createdWebhookOut(await notifications.createWebhook(actorOf(request), request.body))),
    );

    app.get(
      '/admin/webhooks',
      {
        config: admin,
        schema: {
          operationId: 'listWebhooks',
          summary: 'List webhook endpoints',
          description: 'Newest first; never the secrets.',
          tags,
          querystring: PageQuery,
          response: { 200: Described(Page(WebhookOut), 'A page of endpoints') },
        },
      },
      async (request) => {
        const { page, page_size } = request.query;
        const result = await notifications.listWebhooks(actorOf(request), fromPage(page, page_size));
        return pageOf(result.items.map(webhookOut), result.total, page, page_size);
      },
    );

    app.get(
      '/admin/webhooks/:webhook_id',
      {
        config: admin,
        schema: {
          operationId: 'getWebhook',
          summary: 'Get a webhook endpoint',
          tags,
          params: WebhookParams,
          response: { 200: Described(WebhookOut, 'The endpoint, enabled or why not') },
        },
      },
      async (request) => webhookOut(await notifications.getWebhook(actorOf(request), request.params.webhook_id)),
    );

    app.patch(
      '/admin/webhooks/:webhook_id',
      {
        config: admin,
        schema: {
          operationId: 'updateWebhook',
          summary: 'Change, disable or re-enable a webhook endpoint',
          tags,
          params: WebhookParams,
          body: WebhookPatchBody,
          response: { 200: Described(WebhookOut, 'The endpoint as changed') },
        },
      },
      async (request) =>
        webhookOut(await notifications.updateWebhook(actorOf(request), request.params.webhook_id, request.body)),
    );

    app.delete(
      '/admin/webhooks/:webhook_id',
      {
        config: admin,
        schema: {
          operationId: 'deleteWebhook',
          summary: 'Remove a webhook endpoint and its delivery log',
          tags,
          params: WebhookParams,
          response: { 204: NoContent },
        },
      },
      async (request, reply) => {
        await notifications.deleteWebhook(actorOf(request), request.params.webhook_id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/admin/webhooks/:webhook_id/deliveries',
      {
        config: admin,
        schema: {
          operationId: 'listWebhookDeliveries',
          summary: 'List an endpoint’s deliveries',
          description: 'Newest first: status, attempts, the receiver’s last HTTP status and error.',
          tags,
          params: WebhookParams,
          querystring: WebhookDeliveriesQuery,
          response: { 200: Described(Page(WebhookDeliveryOut), 'A page of deliveries') },
        },
      },
      async (request) => {
        const { page, page_size, status } = request.query;
        const result = await notifications.listWebhookDeliveries(
          actorOf(request),
          request.params.webhook_id,
          status,
          fromPage(page, page_size),
        );
        return pageOf(result.items.map(webhookDeliveryOut), result.total, page, page_size);
      },
    );

    app.post(
      '/admin/webhook-deliveries/:delivery_id/replay',
      {
        config: admin,
        schema: {
          operationId: 'replayWebhookDelivery',
          summary: 'Send a delivery again',
          description:
            'Queues a new delivery of the same event with the same `webhook-id`; a disabled endpoint answers 409 until it is re-enabled.',
          tags,
          params: WebhookDeliveryParams,
          response: { 202: Described(WebhookDeliveryOut, 'The new delivery, queued') },
        },
      },
      async (request, reply) =>
        reply
          .status(202)
          .send(
            webhookDeliveryOut(await notifications.replayWebhookDelivery(actorOf(request), request.params.delivery_id)),
          ),
    );
  };
}
