// Redis pub/sub: one shared connection publishes; a dedicated connection (a subscribed Redis
// connection can do nothing else) holds the subscriptions, one Redis SUBSCRIBE per channel
// however many local listeners it has. While Redis is unreachable a publish does not fail (a
// chat message is already stored when it is fanned out): this process's own subscribers still
// get it, other processes miss it — delivery is at most once anyway.
import type { Redis } from 'ioredis';

import type { Listener, PubSub } from './index.ts';

export function createRedisPubSub(redis: Redis, keyPrefix: string): PubSub {
  const channels = new Map<string, Set<Listener>>();
  const deliver = (channel: string, message: unknown) => {
    for (const listener of [...(channels.get(channel) ?? [])]) listener(message);
  };
  let subscriber: Redis | undefined;
  const connection = (): Redis => {
    if (subscriber) return subscriber;
    // Subscriptions wait for the dedicated connection to be up (it connects on first use), and
    // still give up after the shared client's command timeout.
    subscriber = redis.duplicate({ enableOfflineQueue: true });
    subscriber.on('error', () => {
      // ioredis reconnects and re-subscribes by itself; readiness reports Redis as down.
    });
    subscriber.on('message', (channel: string, text: string) => {
      let message: unknown;
      try {
        message = JSON.parse(text);
      } catch {
        return; // not ours: another writer on the same channel name
      }
      deliver(channel.slice(keyPrefix.length), message);
    });
    return subscriber;
  };

  return {
    kind: 'redis',
    async publish(channel, message) {
      const text = JSON.stringify(message);
      try {
        await redis.publish(`${keyPrefix}${channel}`, text);
      } catch {
        // Redis is away (readiness says so): fan out within this process only.
        deliver(channel, JSON.parse(text));
      }
    },
    async subscribe(channel, listener) {
      let listeners = channels.get(channel);
      if (!listeners) {
        listeners = new Set();
        channels.set(channel, listeners);
        try {
          await connection().subscribe(`${keyPrefix}${channel}`);
        } catch (error) {
          // Not subscribed (Redis away or slow): forget the channel, so the next attempt subscribes.
          if (channels.get(channel) === listeners && listeners.size === 0) channels.delete(channel);
          throw error;
        }
      }
      listeners.add(listener);
      const own = listeners;
      return async () => {
        own.delete(listener);
        if (own.size > 0 || channels.get(channel) !== own) return;
        channels.delete(channel);
        await subscriber?.unsubscribe(`${keyPrefix}${channel}`);
      };
    },
    async close() {
      channels.clear();
      if (subscriber?.status === 'ready') await subscriber.quit().catch(() => undefined);
      else subscriber?.disconnect();
      subscriber = undefined;
    },
  };
}
