// Sending: who may send (admins, service API keys, Lectern itself), validation, rendering,
// preferences (suppression), idempotency keys, and the queued delivery — all in one transaction,
// so a notification row and its delivery job exist together or not at all.
import { createHash } from 'node:crypto';

import type { Actor } from '../../platform/actor.ts';
import { isAdmin } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle, Tx } from '../../platform/db/index.ts';
import { afterCommit } from '../../platform/db/index.ts';
import { forbidden, invalid } from '../../platform/errors.ts';
import type { Paged, PageRequest } from '../../platform/paging.ts';
import type { Queue } from '../../platform/queue/index.ts';
import type { ApiKeyService } from './api-key.service.ts';
import { DELIVER_JOB } from './delivery.jobs.ts';
import type { LiveFeed } from './live-feed.ts';
import { notificationRepo } from './notification.repo.ts';
import { toNotification } from './notification-view.ts';
import {
  idempotencyConflict,
  invalidRecipient,
  missingCredential,
  notificationNotFound,
} from './notifications.errors.ts';
import { assertAdmin } from './notifications.policy.ts';
import type { IdentityPort } from './notifications.ports.ts';
import type { NotificationRow } from './notifications.tables.ts';
import type {
  Channel,
  Notification,
  NotificationFilter,
  PreviewInput,
  Rendered,
  Sender,
  SendInput,
  SendResult,
  SystemSendInput,
} from './notifications.types.ts';
import { pushSubscriptionRepo } from './push-subscription.repo.ts';
import type { SubscriptionService } from './subscription.service.ts';
import type { TemplateService } from './template.service.ts';
import { asChannel } from './template.service.ts';

/** How long an idempotency key is remembered. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;
const MAX_DATA_CHARS = 20_000;
const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]+$/;
const E164 = /^\+[1-9]\d{6,14}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface SendDeps {
  database: DatabaseHandle;
  clock: Clock;
  queue: Queue;
  identity: IdentityPort;
  templates: TemplateService;
  subscriptions: SubscriptionService;
  apiKeys: ApiKeyService;
  live: LiveFeed;
}

/** The credentials of a notify request: the signed-in actor (if any) and an `X-API-Key` (if any). */
export interface SendCredentials {
  actor: Actor | null;
  apiKey: string | undefined;
}

export function createSendService(deps: SendDeps) {
  const { database, clock, queue, identity, templates, subscriptions, apiKeys, live } = deps;

  async function authorize(credentials: SendCredentials): Promise<Sender> {
    if (credentials.apiKey) return { kind: 'api_key', id: (await apiKeys.verify(credentials.apiKey)).id };
    if (!credentials.actor) throw missingCredential();
    if (!isAdmin(credentials.actor)) throw forbidden('Sending notifications needs an admin or a service API key');
    return { kind: 'admin', id: credentials.actor.id };
  }

  function checkData(data: Record<string, unknown> | undefined): Record<string, unknown> {
    const value = data ?? {};
    if (JSON.stringify(value).length > MAX_DATA_CHARS) {
      throw invalid(`data must be at most ${MAX_DATA_CHARS} characters of JSON`, 'data', 'NOTIFY_DATA_TOO_LARGE');
    }
    return value;
  }

  /** A push recipient's account: the user with this id, or the owner of the device with this id. */
  async function pushRecipientUser(id: string, tx: Tx): Promise<string | undefined> {
    if ((await identity.getUserSummaries([id], tx)).length > 0) return id;
    return pushSubscriptionRepo.ownerOf(tx, id);
  }

  /** The normalised recipient and the account it belongs to, if any. */
  async function recipientOf(channel: Channel, raw: string, tx: Tx) {
    const recipient = raw.trim();
    if (channel === 'email') {
      if (!EMAIL.test(recipient) || recipient.length > 320) {
        throw invalidRecipient(channel, `'${raw}' is not an email address`);
      }
      return { recipient, userId: await identity.findUserIdByContact({ email: recipient }, tx) };
    }
    if (channel === 'sms') {
      if (!E164.test(recipient))
        throw invalidRecipient(channel, `'${raw}' is not a phone number in E.164 form (+15551234567)`);
      return { recipient, userId: await identity.findUserIdByContact({ phone: recipient }, tx) };
    }
    // Push: a user id (every device the user registered) or one device token.
    if (recipient.length === 0 || recipient.length > 320)
      throw invalidRecipient(channel, 'recipient must be a user id or a device token');
    return {
      recipient,
      userId: UUID.test(recipient) ? await pushRecipientUser(recipient.toLowerCase(), tx) : undefined,
    };
  }

  /** Queues one notification inside `tx`; the core of every send (API, events, identity mails). */
  async function enqueue(tx: Tx, sender: Sender, input: SystemSendInput): Promise<SendResult> {
    const channel = asChannel(input.channel);
    const data = checkData(input.data);
    const resolved = await templates.resolve(input.template, channel, tx);
    const { recipient, userId } = await recipientOf(channel, input.recipient, tx);
    const key = input.idempotency_key;
    const hash = requestHash({ channel, recipient, template: resolved.builtin.name, data });
    if (key) {
      const earlier = await notificationRepo.findByIdempotencyKey(tx, sender.kind, sender.id, key);
      if (earlier) {
        if (clock.now().getTime() - earlier.created_at.getTime() < IDEMPOTENCY_WINDOW_MS)
          return replay(earlier, hash, key);
        await notificationRepo.releaseKey(tx, earlier.id);
      }
    }
    const rendered = await templates.render(resolved.content, data);
    const suppressed =
      userId !== undefined &&
      !resolved.builtin.alwaysSent &&
      resolved.category !== null &&
      !(await subscriptions.allows(userId, channel, resolved.category, tx));
    const row = await notificationRepo.insert(tx, {
      channel,
      recipient,
      user_id: userId ?? null,
      template: resolved.builtin.name,
      category: resolved.category,
      subject: rendered.subject,
      body_text: rendered.text,
      body_html: rendered.html,
      data: JSON.stringify(data),
      status: suppressed ? 'suppressed' : 'queued',
      sender_kind: sender.kind,
      sender_id: sender.id,
      idempotency_key: key ?? null,
      request_hash: key ? hash : null,
      created_at: clock.now(),
      confidential: input.confidential === true,
    });
    if (!row) {
      // A concurrent request with the same key committed first: answer as it did.
      const first = await notificationRepo.findByIdempotencyKey(tx, sender.kind, sender.id, key!);
      return replay(first!, hash, key!);
    }
    if (row.status === 'queued') await queue.send(DELIVER_JOB, { id: row.id }, { tx });
    const notification = toNotification(row);
    if (notification.user_id && notification.status !== 'suppressed' && !row.confidential) {
      const userId = notification.user_id;
      afterCommit(() => void live.publish(userId, notification));
    }
    return { notification, created: true };
  }

  function replay(earlier: NotificationRow, hash: string, key: string): SendResult {
    if (earlier.request_hash !== hash) throw idempotencyConflict(key);
    return { notification: toNotification(earlier), created: false };
  }

  return {
    enqueue,

    async send(credentials: SendCredentials, input: SendInput): Promise<SendResult> {
      const sender = await authorize(credentials);
      // Only Lectern itself sends confidential notifications.
      return database.transaction((tx) => enqueue(tx, sender, { ...input, confidential: false }));
    },

    /** Lectern's own notifications (domain events, identity mails), inside the caller's transaction. */
    sendAsSystem(tx: Tx, input: SystemSendInput): Promise<SendResult> {
      return enqueue(tx, { kind: 'system', id: null }, input);
    },

    async preview(credentials: SendCredentials, input: PreviewInput): Promise<Rendered> {
      await authorize(credentials);
      const data = checkData(input.data);
      const resolved = await templates.resolve(input.template, input.channel);
      return templates.render(input.override ?? resolved.content, data);
    },

    async list(actor: Actor, filter: NotificationFilter, page: PageRequest): Promise<Paged<Notification>> {
      assertAdmin(actor);
      const result = await notificationRepo.list(database.db, filter, page);
      return { items: result.items.map(toNotification), total: result.total };
    },

    async get(actor: Actor, id: string): Promise<Notification> {
      assertAdmin(actor);
      const row = await notificationRepo.findById(database.db, id);
      if (!row) throw notificationNotFound(id);
      return toNotification(row);
    },
  };
}

export type SendService = ReturnType<typeof createSendService>;

/** A stable digest of what a request asks for (key order in `data` does not matter). */
function requestHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
