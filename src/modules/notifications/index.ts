// The notifications module's public API: sending (003's notify/send and preview, Lectern's own
// notifications), templates, service API keys, delivery status for admins, users' preferences,
// the in-app feed with its live stream, and one-click unsubscribe.
import type { FastifyBaseLogger } from 'fastify';

import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { invalid } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events/index.ts';
import type { Links } from '../../platform/links.ts';
import type { MailTransport } from '../../platform/mail/index.ts';
import type { OutboxStore } from '../../platform/outbox/index.ts';
import type { PubSub } from '../../platform/pubsub/index.ts';
import type { Queue } from '../../platform/queue/index.ts';
import type { SmsTransport } from '../../platform/sms/index.ts';
import { createApiKeyService } from './api-key.service.ts';
import { defineDeliveryJob } from './delivery.jobs.ts';
import { subscribeEventNotifications } from './event-notifications.ts';
import { createFeedService } from './feed.service.ts';
import { createLiveFeed } from './live-feed.ts';
import type { NotificationsPorts } from './notifications.ports.ts';
import type { VapidSettings } from './push.sender.ts';
import { createPushSender } from './push.sender.ts';
import { createPushService } from './push.service.ts';
import { defineReminderJobs } from './reminders.jobs.ts';
import { createSendService } from './send.service.ts';
import { createSubscriptionService } from './subscription.service.ts';
import { createTemplateService } from './template.service.ts';
import { createTemplateRenderer } from './template-renderer.ts';
import { createUnsubscribeTokens } from './unsubscribe.ts';
import type { WebhookSettings } from './webhook.jobs.ts';
import { defineWebhookJob } from './webhook.jobs.ts';
import { createWebhookService } from './webhook.service.ts';
import { createSecretBox } from './webhook-signing.ts';

export type { ApiKeyScope } from './api-key.service.ts';
export { ANALYTICS_SCOPE, API_KEY_PREFIX, API_KEY_SCOPES } from './api-key.service.ts';
export { MAX_ATTEMPTS } from './delivery.jobs.ts';
export type * from './notifications.types.ts';
export { CHANNELS, NOTIFICATION_STATUSES } from './notifications.types.ts';
export type * from './push.types.ts';
export { ASSIGNMENT_DUE_JOB, LESSON_REMINDER_JOB } from './reminders.jobs.ts';
export type { SendCredentials } from './send.service.ts';
export { DEFAULT_SUBSCRIPTIONS } from './subscription.service.ts';
export { WEBHOOK_EVENT_TYPES } from './webhooks.events.ts';
export type * from './webhooks.types.ts';

export interface NotificationsDeps extends NotificationsPorts {
  database: DatabaseHandle;
  clock: Clock;
  queue: Queue;
  pubsub: PubSub;
  outbox: OutboxStore;
  mail: MailTransport;
  sms: SmsTransport;
  /** Domain events: they become notifications, and webhook endpoints receive the types they asked for. */
  events: EventBus;
  log: FastifyBaseLogger;
  links: Pick<Links, 'page'>;
  settings: {
    appName: string;
    publicUrl: string;
    /** Signs one-click unsubscribe tokens. */
    signingSecret: string;
    /** Web Push keys; unset → push notifications go to the dev outbox. */
    vapid?: VapidSettings | undefined;
    webhooks: WebhookSettings;
  };
}

export const UNSUBSCRIBE_PATH = '/api/v1/notifications/unsubscribe';

export function createNotificationsModule(deps: NotificationsDeps) {
  const { database, clock, queue, identity, settings } = deps;
  const renderer = createTemplateRenderer({ app_name: settings.appName });
  const templates = createTemplateService({ database, clock, renderer });
  const subscriptions = createSubscriptionService({ database, clock });
  const apiKeys = createApiKeyService({ database, clock });
  const live = createLiveFeed(deps.pubsub);
  const unsubscribe = createUnsubscribeTokens(settings.signingSecret);
  const sending = createSendService({ database, clock, queue, identity, templates, subscriptions, apiKeys, live });
  const feed = createFeedService({ database, clock, live });
  const vapid = settings.vapid;
  const push = createPushService({ database, clock, vapidPublicKey: vapid?.publicKey ?? null });
  defineDeliveryJob({
    database,
    clock,
    queue,
    push: vapid ? createPushSender({ database, clock, vapid, log: deps.log }) : undefined,
    mail: deps.mail,
    sms: deps.sms,
    outbox: deps.outbox,
    unsubscribe,
    unsubscribeUrl: new URL(UNSUBSCRIBE_PATH, settings.publicUrl).toString(),
    messageIdDomain: new URL(settings.publicUrl).hostname || 'lectern.local',
    log: deps.log,
  });
  subscribeEventNotifications({ ...deps, sendAsSystem: sending.sendAsSystem });
  defineReminderJobs({ ...deps, sendAsSystem: sending.sendAsSystem });

  const secrets = createSecretBox(settings.signingSecret);
  const webhooks = createWebhookService({ database, clock, queue, events: deps.events, secrets });
  defineWebhookJob({
    database,
    clock,
    queue,
    secrets,
    settings: settings.webhooks,
    appName: settings.appName,
    log: deps.log,
  });

  return {
    send: sending.send,
    sendAsSystem: sending.sendAsSystem,
    preview: sending.preview,
    listNotifications: sending.list,
    getNotification: sending.get,

    listTemplates: templates.list,
    getTemplate: templates.get,
    overrideTemplate: templates.override,
    resetTemplate: templates.reset,

    createApiKey: apiKeys.create,
    listApiKeys: apiKeys.list,
    revokeApiKey: apiKeys.revoke,
    /** A live service key with `scope`, or 401 (other modules accept service keys through this). */
    verifyApiKey: apiKeys.verify,

    getSubscriptions: subscriptions.get,
    updateSubscriptions: subscriptions.update,

    listFeed: feed.list,
    unreadCount: feed.unreadCount,
    markRead: feed.markRead,
    markAllRead: feed.markAllRead,
    followFeed: feed.follow,

    pushConfig: push.config,
    registerPushSubscription: push.register,
    listPushSubscriptions: push.list,
    removePushSubscription: push.remove,

    webhookEventTypes: webhooks.eventTypes,
    createWebhook: webhooks.create,
    listWebhooks: webhooks.list,
    getWebhook: webhooks.get,
    updateWebhook: webhooks.update,
    deleteWebhook: webhooks.remove,
    listWebhookDeliveries: webhooks.deliveries,
    replayWebhookDelivery: webhooks.replay,

    /** RFC 8058 one-click unsubscribe: mutes the category the token names. */
    async unsubscribe(token: string): Promise<void> {
      const target = unsubscribe.verify(token);
      if (!target) throw invalid('The unsubscribe link is invalid', 'token', 'NOTIFY_INVALID_UNSUBSCRIBE_TOKEN');
      await subscriptions.change(target.userId, { [target.channel]: { [target.category]: false } });
    },
  };
}

export type NotificationsModule = ReturnType<typeof createNotificationsModule>;
