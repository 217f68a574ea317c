// Outgoing webhooks, for admins: register endpoints (URL, event types; the signing secret is shown
// once), change, disable/re-enable and remove them, read each endpoint's delivery log and replay a
// delivery. Every domain event an endpoint asked for becomes one delivery job, queued in the
// event handler's transaction.
import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle, Tx } from '../../platform/db/index.ts';
import type { DomainEvent, EventBus } from '../../platform/events/index.ts';
import type { Paged, PageRequest } from '../../platform/paging.ts';
import type { Queue } from '../../platform/queue/index.ts';
import { assertAdmin } from './notifications.policy.ts';
import { webhookRepo } from './webhook.repo.ts';
import type { SecretBox } from './webhook-signing.ts';
import { newWebhookSecret } from './webhook-signing.ts';
import { WEBHOOK_DELIVER_JOB } from './webhooks.constants.ts';
import {
  invalidWebhook,
  webhookDeliveryNotFound,
  webhookDisabled,
  webhookEndpointNotFound,
} from './webhooks.errors.ts';
import type { WebhookEventType } from './webhooks.events.ts';
import { WEBHOOK_EVENT_TYPES } from './webhooks.events.ts';
import type { WebhookDeliveryRow, WebhookDeliveryStatus, WebhookEndpointRow } from './webhooks.tables.ts';
import type {
  CreatedWebhookEndpoint,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointInput,
  WebhookEndpointPatch,
} from './webhooks.types.ts';

const KNOWN_TYPES = new Set<string>(WEBHOOK_EVENT_TYPES);

export function createWebhookService(deps: {
  database: DatabaseHandle;
  clock: Clock;
  queue: Queue;
  events: EventBus;
  secrets: SecretBox;
}) {
  const { database, clock, queue, secrets } = deps;

  /** One delivery per enabled endpoint that asked for the event, queued in the handler's transaction. */
  async function fanOut(event: DomainEvent<WebhookEventType>, tx: Tx): Promise<void> {
    for (const endpoint of await webhookRepo.subscribedTo(tx, event.type)) {
      const delivery = await webhookRepo.insertDelivery(tx, {
        endpoint_id: endpoint.id,
        message_id: `msg_${event.id}`,
        event_type: event.type,
        // Standard Webhooks' recommended body: type, timestamp, data.
        payload: JSON.stringify({ type: event.type, timestamp: event.occurredAt, data: event.data }),
        created_at: clock.now(),
      });
      await queue.send(WEBHOOK_DELIVER_JOB, { id: delivery.id }, { tx });
    }
  }

  // Most events interest no endpoint: they are not even queued for this subscriber, while one
  // published after an endpoint that asked for it committed is (the condition runs as it is queued).
  deps.events.subscribe('webhooks', WEBHOOK_EVENT_TYPES, fanOut, {
    wants: (type) => webhookRepo.wantsEventSql(database.db, type),
  });

  async function endpointOf(id: string): Promise<WebhookEndpointRow> {
    const row = await webhookRepo.findEndpoint(database.db, id);
    if (!row) throw webhookEndpointNotFound(id);
    return row;
  }

  return {
    eventTypes: (actor: Actor): string[] => {
      assertAdmin(actor);
      return [...WEBHOOK_EVENT_TYPES];
    },

    async create(actor: Actor, input: WebhookEndpointInput): Promise<CreatedWebhookEndpoint> {
      assertAdmin(actor);
      const secret = newWebhookSecret();
      const now = clock.now();
      const row = await webhookRepo.insertEndpoint(database.db, {
        url: checkUrl(input.url),
        event_types: checkEventTypes(input.event_types),
        description: input.description?.trim() || null,
        secret_encrypted: secrets.seal(secret),
        created_by: actor.id,
        created_at: now,
        updated_at: now,
      });
      return { ...toEndpoint(row), secret };
    },

    async list(actor: Actor, page: PageRequest): Promise<Paged<WebhookEndpoint>> {
      assertAdmin(actor);
      const result = await webhookRepo.listEndpoints(database.db, page);
      return { items: result.items.map(toEndpoint), total: result.total };
    },

    async get(actor: Actor, id: string): Promise<WebhookEndpoint> {
      assertAdmin(actor);
      return toEndpoint(await endpointOf(id));
    },

    async update(actor: Actor, id: string, patch: WebhookEndpointPatch): Promise<WebhookEndpoint> {
      assertAdmin(actor);
      const row = await webhookRepo.updateEndpoint(database.db, id, {
        ...(patch.url !== undefined ? { url: checkUrl(patch.url) } : {}),
        ...(patch.event_types !== undefined ? { event_types: checkEventTypes(patch.event_types) } : {}),
        ...(patch.description !== undefined ? { description: patch.description?.trim() || null } : {}),
        ...(patch.enabled === true ? { enabled: true, disabled_reason: null, consecutive_failures: 0 } : {}),
        ...(patch.enabled === false ? { enabled: false, disabled_reason: 'disabled by an administrator' } : {}),
        updated_at: clock.now(),
      });
      if (!row) throw webhookEndpointNotFound(id);
      return toEndpoint(row);
    },

    async remove(actor: Actor, id: string): Promise<void> {
      assertAdmin(actor);
      if (!(await webhookRepo.deleteEndpoint(database.db, id))) throw webhookEndpointNotFound(id);
    },

    async deliveries(
      actor: Actor,
      endpointId: string,
      status: WebhookDeliveryStatus | undefined,
      page: PageRequest,
    ): Promise<Paged<WebhookDelivery>> {
      assertAdmin(actor);
      await endpointOf(endpointId);
      const result = await webhookRepo.listDeliveries(database.db, endpointId, status, page);
      return { items: result.items.map(toDelivery), total: result.total };
    },

    /** Sends a delivery again as a new log entry with the same `webhook-id` (receivers may deduplicate). */
    async replay(actor: Actor, deliveryId: string): Promise<WebhookDelivery> {
      assertAdmin(actor);
      return database.transaction(async (tx) => {
        const original = await webhookRepo.findDelivery(tx, deliveryId);
        if (!original) throw webhookDeliveryNotFound(deliveryId);
        const endpoint = await webhookRepo.findEndpoint(tx, original.endpoint_id);
        if (!endpoint?.enabled) throw webhookDisabled(original.endpoint_id);
        const copy = await webhookRepo.insertDelivery(tx, {
          endpoint_id: endpoint.id,
          message_id: original.message_id,
          event_type: original.event_type,
          payload: JSON.stringify(original.payload),
          replay_of: original.id,
          created_at: clock.now(),
        });
        await queue.send(WEBHOOK_DELIVER_JOB, { id: copy.id }, { tx });
        return toDelivery(copy);
      });
    },
  };
}

export type WebhookService = ReturnType<typeof createWebhookService>;

/**
 * Only http(s) URLs without credentials: Lectern never posts to file:, gopher:, data: or other
 * schemes, and does not follow redirects (see webhook.jobs.ts). Private addresses are allowed,
 * since only admins register endpoints and receivers often live on the internal network.
 */
function checkUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalidWebhook('url', 'url must be an absolute http or https URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw invalidWebhook('url', `url must use http or https, not ${url.protocol.replace(/:$/, '')}`);
  if (url.username || url.password) throw invalidWebhook('url', 'url must not carry credentials');
  if (!url.hostname) throw invalidWebhook('url', 'url must name a host');
  return url.toString();
}

function checkEventTypes(types: string[]): string[] {
  const unique = [...new Set(types)];
  if (unique.length === 0) throw invalidWebhook('event_types', 'event_types must name at least one event type');
  const unknown = unique.filter((t) => !KNOWN_TYPES.has(t));
  if (unknown.length > 0)
    throw invalidWebhook('event_types', `unknown event types: ${unknown.join(', ')} (see /admin/webhook-event-types)`);
  return unique.sort();
}

function toEndpoint(row: WebhookEndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    event_types: row.event_types,
    enabled: row.enabled,
    disabled_reason: row.disabled_reason,
    consecutive_failures: row.consecutive_failures,
    created_by: row.created_by,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export function toDelivery(row: WebhookDeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    endpoint_id: row.endpoint_id,
    message_id: row.message_id,
    event_type: row.event_type,
    payload: row.payload,
    status: row.status,
    attempts: row.attempts,
    response_status: row.response_status,
    last_error: row.last_error,
    replay_of: row.replay_of,
    created_at: row.created_at,
    last_attempt_at: row.last_attempt_at,
    delivered_at: row.delivered_at,
  };
}
