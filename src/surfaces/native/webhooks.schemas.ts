// Native shapes of outgoing webhooks: endpoints (the secret only when created) and the delivery log.
import { Type } from 'typebox';

import { Nullable, StringEnum, Text } from '../kit/schemas.ts';
import { DateTime, NullableDateTime, PageQuery, Uuid } from './common.schemas.ts';

const EventTypes = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
  minItems: 1,
  maxItems: 100,
  description: 'Domain event types to receive (see `GET /admin/webhook-event-types`).',
});
const WebhookUrl = Type.String({
  minLength: 1,
  maxLength: 2048,
  description: 'An http or https URL without credentials. Redirects are not followed.',
});

export const WebhookBody = Type.Object({
  url: WebhookUrl,
  event_types: EventTypes,
  description: Type.Optional(Nullable(Text(0, 500))),
});

export const WebhookPatchBody = Type.Object({
  url: Type.Optional(WebhookUrl),
  event_types: Type.Optional(EventTypes),
  description: Type.Optional(Nullable(Text(0, 500))),
  enabled: Type.Optional(
    Type.Boolean({ description: '`true` re-enables a disabled endpoint and clears its failure count.' }),
  ),
});

export const WebhookOut = Type.Object({
  id: Uuid,
  url: Type.String(),
  description: Nullable(Type.String()),
  event_types: Type.Array(Type.String()),
  enabled: Type.Boolean(),
  disabled_reason: Nullable(Type.String()),
  consecutive_failures: Type.Integer({ description: 'Deliveries in a row that failed after every attempt.' }),
  created_at: DateTime,
  updated_at: DateTime,
});

export const CreatedWebhookOut = Type.Object({
  ...WebhookOut.properties,
  secret: Type.String({
    description: 'The Standard Webhooks signing secret (`whsec_…`), shown in this answer only.',
  }),
});

export const WebhookParams = Type.Object({ webhook_id: Uuid });
export const WebhookDeliveryParams = Type.Object({ delivery_id: Uuid });

const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;

export const WebhookDeliveriesQuery = Type.Intersect([
  PageQuery,
  Type.Object({ status: Type.Optional(StringEnum(DELIVERY_STATUSES)) }),
]);

export const WebhookDeliveryOut = Type.Object({
  id: Uuid,
  endpoint_id: Uuid,
  message_id: Type.String({ description: 'The `webhook-id` header: the same for retries and replays of one event.' }),
  event_type: Type.String(),
  payload: Type.Record(Type.String(), Type.Unknown(), { description: 'The body sent: `{type, timestamp, data}`.' }),
  status: StringEnum(DELIVERY_STATUSES),
  attempts: Type.Integer(),
  response_status: Nullable(Type.Integer({ description: 'The receiver’s last HTTP status; null when unreachable.' })),
  last_error: Nullable(Type.String()),
  replay_of: Nullable(Uuid),
  created_at: DateTime,
  last_attempt_at: NullableDateTime,
  delivered_at: NullableDateTime,
});
