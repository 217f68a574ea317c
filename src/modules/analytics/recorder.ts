// The modules' domain events, recorded as analytics events. The event bus runs each handler in a
// transaction with a "processed (analytics, event id)" mark, so a redelivered event records
// nothing the second time: exactly one analytics event per domain event.
import type { Tx } from '../../platform/db/index.ts';
import type { DomainEvent, EventBus, EventMap } from '../../platform/events/index.ts';
import type { StoredEvent } from './analytics.types.ts';

export const ANALYTICS_SUBSCRIBER = 'analytics';

/** Domain event → the analytics event type it is recorded as (003's "Common Event Types" names). */
export const RECORDED_EVENTS = {
  'identity.user.registered': 'user_registered',
  'learning.enrollment.created': 'course_enrolled',
  'learning.lesson.completed': 'lesson_completed',
  'learning.video.watched': 'video_watched',
  'assessment.attempt.graded': 'quiz_attempt_graded',
  'learning.course.completed': 'course_completed',
  'learning.certificate.issued': 'certificate_issued',
  'learning.payment.recorded': 'payment_recorded',
} as const satisfies Partial<Record<keyof EventMap, string>>;

type Recorded = keyof typeof RECORDED_EVENTS;

export function subscribeRecorder(events: EventBus, record: (tx: Tx, rows: StoredEvent[]) => Promise<void>): void {
  const types = Object.keys(RECORDED_EVENTS) as Recorded[];
  // A delivered batch of events is recorded with one insert, by the outbox relay itself (no job
  // per event: recording is one quick insert).
  events.subscribeMany(
    ANALYTICS_SUBSCRIBER,
    types,
    async (batch: DomainEvent<Recorded>[], tx) => {
      await record(tx, batch.map(toAnalyticsEvent));
    },
    { inRelay: true },
  );
}

export function toAnalyticsEvent(event: DomainEvent<Recorded>): StoredEvent {
  const { user_id: userId, ...facts } = event.data as unknown as { user_id: string } & Record<string, unknown>;
  return {
    ts: event.occurredAt,
    user_id: userId,
    type: RECORDED_EVENTS[event.type],
    src: 'server',
    payload: { ...facts, event_id: event.id },
  };
}
