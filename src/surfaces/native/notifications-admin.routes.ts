// Admins' notification endpoints: delivery status, templates (list, read, override, reset,
// preview an unsaved version) and the service API keys that may call 003's notify endpoints.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

import { actorOf } from '../../http/auth.ts';
import { fromPage } from '../kit/paging.ts';
import { Described, NoContent } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';
import { Page } from './common.schemas.ts';
import {
  ApiKeyOut,
  ApiKeyParams,
  CreateApiKeyBody,
  CreatedApiKeyOut,
  NotificationOut,
  NotificationParams,
  NotificationsQuery,
  RenderedOut,
  TemplateBody,
  TemplateChannelParams,
  TemplateDetailOut,
  TemplateParams,
  TemplatePreviewBody,
  TemplateSummaryOut,
} from './notifications.schemas.ts';
import { apiKeyOut, createdApiKeyOut, notificationOut } from './serializers/notifications.ts';
import { pageOf } from './serializers/page.ts';

export function notificationAdminRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { notifications } = modules;
    const tags = ['notifications'];
    const admin = { auth: ['admin'] as const };

    app.get(
      '/admin/notifications',
      {
        config: admin,
        schema: {
          operationId: 'listNotifications',
          summary: 'List notifications with their delivery status',
          description:
            'Newest first. `status`: queued, sent, failed (attempts exhausted) or suppressed (muted by preferences).',
          tags,
          querystring: NotificationsQuery,
          response: { 200: Described(Page(NotificationOut), 'A page of notifications') },
        },
      },
      async (request) => {
        const { page, page_size, ...filter } = request.query;
        const result = await notifications.listNotifications(actorOf(request), filter, fromPage(page, page_size));
        return pageOf(result.items.map(notificationOut), result.total, page, page_size);
      },
    );

    app.get(
      '/admin/notifications/:notification_id',
      {
        config: admin,
        schema: {
          operationId: 'getNotification',
          summary: 'Get a notification with its delivery status',
          tags,
          params: NotificationParams,
          response: { 200: Described(NotificationOut, 'The notification, attempts and last error') },
        },
      },
      async (request) =>
        notificationOut(await notifications.getNotification(actorOf(request), request.params.notification_id)),
    );

    app.get(
      '/admin/notification-templates',
      {
        config: admin,
        schema: {
          operationId: 'listNotificationTemplates',
          summary: 'List notification templates',
          tags,
          response: { 200: Described(Type.Array(TemplateSummaryOut), 'Every template with its channels') },
        },
      },
      async (request) => notifications.listTemplates(actorOf(request)),
    );

    app.get(
      '/admin/notification-templates/:name',
      {
        config: admin,
        schema: {
          operationId: 'getNotificationTemplate',
          summary: 'Get a notification template',
          description: 'Each channel’s version as it is used now (the override where there is one).',
          tags,
          params: TemplateParams,
          response: { 200: Described(TemplateDetailOut, 'The template') },
        },
      },
      async (request) => notifications.getTemplate(actorOf(request), request.params.name),
    );

    app.put(
      '/admin/notification-templates/:name/:channel',
      {
        config: admin,
        schema: {
          operationId: 'replaceNotificationTemplate',
          summary: 'Override one channel of a template',
          description:
            'Liquid syntax (`{{ user_name }}`, `{% if %}`); HTML output is escaped. A template that does not parse is refused. SMS keeps text only; push has a title (subject) and text.',
          tags,
          params: TemplateChannelParams,
          body: TemplateBody,
          response: { 200: Described(TemplateDetailOut, 'The template with the override') },
        },
      },
      async (request) =>
        notifications.overrideTemplate(actorOf(request), request.params.name, request.params.channel, {
          subject: request.body.subject ?? null,
          text: request.body.text,
          html: request.body.html ?? null,
        }),
    );

    app.delete(
      '/admin/notification-templates/:name/:channel',
      {
        config: admin,
        schema: {
          operationId: 'resetNotificationTemplate',
          summary: 'Reset one channel of a template to the built-in version',
          tags,
          params: TemplateChannelParams,
          response: { 204: NoContent },
        },
      },
      async (request, reply) => {
        await notifications.resetTemplate(actorOf(request), request.params.name, request.params.channel);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/admin/notification-templates/:name/:channel/preview',
      {
        config: admin,
        schema: {
          operationId: 'previewNotificationTemplate',
          summary: 'Render a template, or an unsaved version of it',
          description: 'With `text` (and `subject`, `html`) the unsaved version is rendered; without, the stored one.',
          tags,
          params: TemplateChannelParams,
          body: TemplatePreviewBody,
          response: { 200: Described(RenderedOut, 'The rendered parts') },
        },
      },
      async (request) => {
        const { data, text, subject, html } = request.body;
        const { name, channel } = request.params;
        return notifications.preview(
          { actor: actorOf(request), apiKey: undefined },
          {
            channel,
            template: name,
            data,
            override:
              text === undefined
                ? undefined
                : { text, subject: subject ?? null, html: channel === 'email' ? (html ?? null) : null },
          },
        );
      },
    );

    app.post(
      '/admin/notification-api-keys',
      {
        config: { ...admin, location: '/admin/notification-api-keys' },
        schema: {
          operationId: 'createNotificationApiKey',
          summary: 'Create a service API key for the notify endpoints',
          description: 'The key is in this answer only; Lectern keeps its SHA-256 hash.',
          tags,
          body: CreateApiKeyBody,
          response: { 201: Described(CreatedApiKeyOut, 'The key, shown once') },
        },
      },
      async (request, reply) =>
        reply.status(201).send(createdApiKeyOut(await notifications.createApiKey(actorOf(request), request.body))),
    );

    app.get(
      '/admin/notification-api-keys',
      {
        config: admin,
        schema: {
          operationId: 'listNotificationApiKeys',
          summary: 'List service API keys',
          description: 'Newest first, revoked ones included; never the keys themselves.',
          tags,
          querystring: Type.Object({
            page: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1 }),
            page_size: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
          }),
          response: { 200: Described(Page(ApiKeyOut), 'A page of keys') },
        },
      },
      async (request) => {
        const { page, page_size } = request.query;
        const result = await notifications.listApiKeys(actorOf(request), fromPage(page, page_size));
        return pageOf(result.items.map(apiKeyOut), result.total, page, page_size);
      },
    );

    app.delete(
      '/admin/notification-api-keys/:key_id',
      {
        config: admin,
        schema: {
          operationId: 'revokeNotificationApiKey',
          summary: 'Revoke a service API key',
          description: 'Requests with it answer 401 from now on.',
          tags,
          params: ApiKeyParams,
          response: { 204: NoContent },
        },
      },
      async (request, reply) => {
        await notifications.revokeApiKey(actorOf(request), request.params.key_id);
        return reply.status(204).send(null);
      },
    );
  };
}
