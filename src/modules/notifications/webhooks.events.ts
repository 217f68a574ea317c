// The domain events an admin may subscribe a webhook endpoint to: every module's events
// (`<module>.events.ts`). `satisfies` keeps the list to real event types; a module that adds an
// event lists it here to offer it to webhooks.
import type { EventType } from '../../platform/events/index.ts';

export const WEBHOOK_EVENT_TYPES = [
  'identity.user.registered',
  'identity.login.succeeded',
  'identity.account.locked',
  'catalog.course.created',
  'catalog.course.updated',
  'catalog.course.deleted',
  'learning.enrollment.created',
  'learning.enrollment.cancelled',
  'learning.payment.recorded',
  'learning.lesson.completed',
  'learning.video.watched',
  'learning.course.completed',
  'learning.certificate.issued',
  'assessment.attempt.graded',
  'assessment.submission.created',
  'assessment.submission.graded',
  'files.media.ready',
  'files.media.failed',
  'assistant.session.created',
  'assistant.message.answered',
] as const satisfies readonly EventType[];

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
