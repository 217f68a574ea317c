// Web Push and webhook errors, with stable codes.
import { DomainError } from '../../platform/errors.ts';

export const pushSubscriptionNotFound = (id: string) =>
  new DomainError('not_found', 'NOTIFY_PUSH_SUBSCRIPTION_NOT_FOUND', `Push subscription ${id} not found`);

export const invalidPushSubscription = (field: string, message: string) =>
  new DomainError('validation', 'NOTIFY_INVALID_PUSH_SUBSCRIPTION', message, { details: [{ field, message }] });

export const tooManyPushSubscriptions = (max: number) =>
  new DomainError(
    'conflict',
    'NOTIFY_TOO_MANY_PUSH_SUBSCRIPTIONS',
    `At most ${max} devices may receive push notifications; remove one first`,
  );

/** A delivery that retrying cannot fix (no device to push to): the notification fails at once. */
export class PermanentDeliveryError extends Error {
  override name = 'PermanentDeliveryError';
}
