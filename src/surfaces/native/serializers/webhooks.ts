// Native shapes of webhook endpoints and deliveries.
import type { CreatedWebhookEndpoint, WebhookDelivery, WebhookEndpoint } from '../../../modules/notifications/index.ts';

export const webhookOut = (w: WebhookEndpoint) => ({
  id: w.id,
  url: w.url,
  description: w.description,
  event_types: w.event_types,
  enabled: w.enabled,
  disabled_reason: w.disabled_reason,
  consecutive_failures: w.consecutive_failures,
  created_at: w.created_at,
  updated_at: w.updated_at,
});

export const createdWebhookOut = (w: CreatedWebhookEndpoint) => ({ ...webhookOut(w), secret: w.secret });

export const webhookDeliveryOut = (d: WebhookDelivery) => ({
  id: d.id,
  endpoint_id: d.endpoint_id,
  message_id: d.message_id,
  event_type: d.event_type,
  payload: d.payload,
  status: d.status,
  attempts: d.attempts,
  response_status: d.response_status,
  last_error: d.last_error,
  replay_of: d.replay_of,
  created_at: d.created_at,
  last_attempt_at: d.last_attempt_at,
  delivered_at: d.delivered_at,
});
