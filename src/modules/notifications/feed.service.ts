// The in-app feed: a user's own notifications (never suppressed ones), unread count, mark read.
import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import type { Paged, PageRequest } from '../../platform/paging.ts';
import type { LiveFeed } from './live-feed.ts';
import { notificationRepo } from './notification.repo.ts';
import { toNotification } from './notification-view.ts';
import { notificationNotFound } from './notifications.errors.ts';
import type { Notification } from './notifications.types.ts';

export function createFeedService({
  database,
  clock,
  live,
}: {
  database: DatabaseHandle;
  clock: Clock;
  live: LiveFeed;
}) {
  return {
    async list(
      actor: Actor,
      options: { unreadOnly: boolean },
      page: PageRequest,
    ): Promise<Paged<Notification> & { unread: number }> {
      const [result, unread] = await Promise.all([
        notificationRepo.listForUser(database.db, actor.id, options, page),
        notificationRepo.unreadCount(database.db, actor.id),
      ]);
      return { items: result.items.map(toNotification), total: result.total, unread };
    },

    unreadCount: (actor: Actor) => notificationRepo.unreadCount(database.db, actor.id),

    /** Another user's notification answers 404, like one that does not exist. */
    async markRead(actor: Actor, id: string): Promise<Notification> {
      const row = await notificationRepo.markRead(database.db, actor.id, id, clock.now());
      if (!row) throw notificationNotFound(id);
      return toNotification(row);
    },

    markAllRead: (actor: Actor) => notificationRepo.markAllRead(database.db, actor.id, clock.now()),

    /** Live notifications of the caller, until the returned function is called. */
    follow: (actor: Actor, listener: (notification: unknown) => void) => live.subscribe(actor.id, listener),
  };
}
