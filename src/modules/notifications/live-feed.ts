// Live feed: a new notification is published to its user's pub/sub channel once its transaction
// committed; an open SSE connection of that user (any process, through Redis) forwards it.
import type { PubSub, Unsubscribe } from '../../platform/pubsub/index.ts';
import type { Notification } from './notifications.types.ts';

export interface LiveFeed {
  publish(userId: string, notification: Notification): Promise<void>;
  subscribe(userId: string, listener: (notification: unknown) => void): Promise<Unsubscribe>;
}

const channelOf = (userId: string) => `notifications:user:${userId}`;

export function createLiveFeed(pubsub: PubSub): LiveFeed {
  return {
    async publish(userId, notification) {
      // At most once, like pub/sub itself: the feed endpoint is the record.
      await pubsub.publish(channelOf(userId), notification).catch(() => undefined);
    },
    subscribe: (userId, listener) => pubsub.subscribe(channelOf(userId), listener),
  };
}
