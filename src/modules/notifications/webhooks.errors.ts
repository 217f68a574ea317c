// Webhook errors, with stable codes.
import { DomainError } from '../../platform/errors.ts';

export const webhookEndpointNotFound = (id: string) =>
  new DomainError('not_found', 'NOTIFY_WEBHOOK_NOT_FOUND', `Webhook endpoint ${id} not found`);

export const webhookDeliveryNotFound = (id: string) =>
  new DomainError('not_found', 'NOTIFY_WEBHOOK_DELIVERY_NOT_FOUND', `Webhook delivery ${id} not found`);

export const invalidWebhook = (field: string, message: string) =>
  new DomainError('validation', 'NOTIFY_INVALID_WEBHOOK', message, { details: [{ field, message }] });

export const webhookDisabled = (id: string) =>
  new DomainError(
    'conflict',
    'NOTIFY_WEBHOOK_DISABLED',
    `Webhook endpoint ${id} is disabled; enable it before replaying deliveries`,
  );
