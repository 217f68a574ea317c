// Outgoing webhooks as the module hands them out.
import type { WebhookDeliveryStatus } from './webhooks.tables.ts';

export type { WebhookDeliveryStatus };

export interface WebhookEndpoint {
  id: string;
  url: string;
  description: string | null;
  event_types: string[];
  enabled: boolean;
  disabled_reason: string | null;
  consecutive_failures: number;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

/** An endpoint as created: the signing secret is shown this once. */
export interface CreatedWebhookEndpoint extends WebhookEndpoint {
  secret: string;
}

export interface WebhookEndpointInput {
  url: string;
  event_types: string[];
  description?: string | null | undefined;
}

export interface WebhookEndpointPatch {
  url?: string | undefined;
  event_types?: string[] | undefined;
  description?: string | null | undefined;
  /** true re-enables a disabled endpoint and clears its failure count. */
  enabled?: boolean | undefined;
}

export interface WebhookDelivery {
  id: string;
  endpoint_id: string;
  message_id: string;
  event_type: string;
  payload: Record<string, unknown>;
  status: WebhookDeliveryStatus;
  attempts: number;
  response_status: number | null;
  last_error: string | null;
  replay_of: string | null;
  created_at: Date;
  last_attempt_at: Date | null;
  delivered_at: Date | null;
}
