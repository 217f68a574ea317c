// Domain events become notifications: enrolment, course completion and certificate, media ready
// or failed, account lockout and sign-in from a new device. Each handler runs in the event bus's
// transaction with its "processed" mark and queues through `sendAsSystem` in that transaction,
// so an event yields its notification exactly once; the event id is also the idempotency key.
// Preferences apply as for any send (a muted category is `suppressed`; security mails always go).
import '../files/index.ts';
import '../identity/index.ts';
import '../learning/index.ts';

import type { Tx } from '../../platform/db/index.ts';
import type { DomainEvent, EventBus, EventType } from '../../platform/events/index.ts';
import type { Links } from '../../platform/links.ts';
import type { NotificationsPorts } from './notifications.ports.ts';
import type { SendResult, SystemSendInput } from './notifications.types.ts';

export const NOTIFICATIONS_SUBSCRIBER = 'notifications';

export interface EventNotificationDeps extends NotificationsPorts {
  events: Pick<EventBus, 'subscribe'>;
  links: Pick<Links, 'page'>;
  sendAsSystem(tx: Tx, input: SystemSendInput): Promise<SendResult>;
}

export function subscribeEventNotifications(deps: EventNotificationDeps): void {
  const { events, identity, catalog, learning, links } = deps;

  async function userOf(tx: Tx, userId: string) {
    const [user] = await identity.getUserSummaries([userId], tx);
    return user?.is_active ? user : undefined;
  }

  /** One notification per event and template: the event id keys it. */
  function send(tx: Tx, event: DomainEvent, input: Omit<SystemSendInput, 'idempotency_key'>) {
    return deps.sendAsSystem(tx, { ...input, idempotency_key: `event:${event.id}:${input.template}` });
  }

  /** An email to the account's address (accounts without one, signed up by phone, get none). */
  async function mailUser(
    tx: Tx,
    event: DomainEvent,
    userId: string,
    template: string,
    data: Record<string, unknown>,
  ): Promise<void> {
    const user = await userOf(tx, userId);
    if (!user?.email) return;
    await send(tx, event, {
      channel: 'email',
      recipient: user.email,
      template,
      data: { user_name: user.full_name, ...data },
    });
  }

  const courseLink = (courseId: string) => links.page(`/courses/${courseId}`);
  const courseTitle = async (tx: Tx, courseId: string | null) =>
    courseId ? ((await catalog.getCourseSummary(courseId, tx))?.title ?? null) : null;

  function on<K extends EventType>(types: K | readonly K[], handler: (event: DomainEvent<K>, tx: Tx) => Promise<void>) {
    events.subscribe(NOTIFICATIONS_SUBSCRIBER, types, handler);
  }

  on('learning.enrollment.created', async (event, tx) => {
    const { user_id, course_id } = event.data;
    await mailUser(tx, event, user_id, 'course_enrolled', {
      course_title: await courseTitle(tx, course_id),
      course_link: courseLink(course_id),
    });
  });

  // Completion congratulates at once; a certificate, issued later on request, comes with its link.
  on('learning.course.completed', async (event, tx) => {
    const { user_id, course_id } = event.data;
    await mailUser(tx, event, user_id, 'course_completed', { course_title: await courseTitle(tx, course_id) });
  });

  on('learning.certificate.issued', async (event, tx) => {
    const { user_id, certificate_id, course_title } = event.data;
    const certificateLink = await learning.certificateVerificationLink(certificate_id, tx);
    await mailUser(tx, event, user_id, 'course_completed', {
      course_title,
      certificate_link: certificateLink,
    });
  });

  on(['files.media.ready', 'files.media.failed'], async (event, tx) => {
    const { owner_id, purpose, course_id } = event.data;
    if (!(await userOf(tx, owner_id))) return;
    const failed = event.type === 'files.media.failed';
    await send(tx, event, {
      channel: 'push',
      recipient: owner_id,
      template: failed ? 'media_failed' : 'media_ready',
      data: {
        media_kind: purpose === 'avatar' ? 'avatar' : 'video',
        course_title: await courseTitle(tx, course_id),
        ...('reason' in event.data ? { reason: event.data.reason } : {}),
      },
    });
  });

  on('identity.account.locked', async (event, tx) => {
    const { user_id, locked_until } = event.data;
    await mailUser(tx, event, user_id, 'account_locked', { unlock_time: formatTime(locked_until) });
  });

  // Identity tells a new device (address + user agent) of an account that signed in before.
  on('identity.login.new_device', async (event, tx) => {
    const { user_id, ip, user_agent } = event.data;
    await mailUser(tx, event, user_id, 'login_alert', {
      ip_address: ip,
      device: user_agent,
      time: formatTime(event.occurredAt),
    });
  });
}

/** "2026-11-29 09:30 UTC": readable in a mail whatever the reader's locale. */
function formatTime(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}
