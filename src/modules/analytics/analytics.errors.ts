// The analytics module's typed errors.
import { DomainError } from '../../platform/errors.ts';

export const eventInvalid = (index: number, field: string, message: string) =>
  new DomainError('validation', 'ANALYTICS_EVENT_INVALID', `Event ${index}: ${field} ${message}`, {
    details: [{ field: `${index}.${field}`, message }],
  });

export const eventForbidden = (index: number) =>
  new DomainError('forbidden', 'ANALYTICS_FOREIGN_USER', `Event ${index}: you may only record events about yourself`, {
    details: [{ field: `${index}.user_id`, message: 'must be your own user id' }],
  });

export const batchTooLarge = (max: number) =>
  new DomainError('payload_too_large', 'ANALYTICS_BATCH_TOO_LARGE', `A batch holds at most ${max} events`);

export const exportInvalid = (field: string, message: string) =>
  new DomainError('validation', 'ANALYTICS_EXPORT_INVALID', `${field} ${message}`, {
    details: [{ field, message }],
  });
