// The notifications module's domain errors, with stable codes (003 maps them to its own).
import { DomainError } from '../../platform/errors.ts';
import { CHANNELS } from './notifications.types.ts';

export const invalidChannel = (channel: string) =>
  new DomainError(
    'validation',
    'NOTIFY_INVALID_CHANNEL',
    `Unsupported notification channel '${channel}'; use one of ${CHANNELS.join(', ')}`,
    {
      details: [{ field: 'channel', message: `must be one of ${CHANNELS.join(', ')}` }],
      info: { details: { channel, supported_channels: [...CHANNELS] } },
    },
  );

export const templateNotFound = (template: string, available: string[]) =>
  new DomainError('not_found', 'NOTIFY_TEMPLATE_NOT_FOUND', `The specified template '${template}' was not found`, {
    info: { details: { template, available_templates: available } },
  });

export const channelNotSupported = (template: string, channel: string, channels: string[]) =>
  new DomainError(
    'not_found',
    'NOTIFY_TEMPLATE_NOT_FOUND',
    `The template '${template}' has no ${channel} version (it has ${channels.join(', ')})`,
    { info: { details: { template, channel, available_channels: channels } } },
  );

export const invalidRecipient = (channel: string, message: string) =>
  new DomainError('validation', 'NOTIFY_INVALID_RECIPIENT', message, {
    details: [{ field: 'recipient', message }],
    info: { details: { channel } },
  });

export const invalidTemplate = (message: string) =>
  new DomainError('validation', 'NOTIFY_INVALID_TEMPLATE', `The template does not render: ${message}`, {
    details: [{ field: 'template', message }],
  });

export const idempotencyConflict = (key: string) =>
  new DomainError(
    'conflict',
    'NOTIFY_IDEMPOTENCY_CONFLICT',
    `The idempotency key '${key}' was already used with a different request`,
    { info: { details: { idempotency_key: key } } },
  );

export const missingCredential = () =>
  new DomainError(
    'unauthenticated',
    'NOTIFY_CREDENTIAL_REQUIRED',
    'Sending needs an admin access token or a service API key (X-API-Key)',
  );

export const invalidApiKey = () =>
  new DomainError('unauthenticated', 'NOTIFY_INVALID_API_KEY', 'The API key is unknown or revoked');

export const notificationNotFound = (id: string) =>
  new DomainError('not_found', 'NOTIFY_NOTIFICATION_NOT_FOUND', `Notification ${id} not found`);

export const apiKeyNotFound = (id: string) =>
  new DomainError('not_found', 'NOTIFY_API_KEY_NOT_FOUND', `API key ${id} not found`);
