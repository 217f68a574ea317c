// Publish/subscribe between the parts of Lectern that hold connections (chat sockets, live
// notification feeds): in-process by default, Redis pub/sub when REDIS_URL is set, so a message
// published by one process reaches subscribers in every other. Messages are JSON values and
// delivery is at most once (a subscriber that is not connected misses it), as with Redis.
import type { Redis } from 'ioredis';

import { createMemoryPubSub } from './memory.ts';
import { createRedisPubSub } from './redis.ts';

export type Listener = (message: unknown) => void;
export type Unsubscribe = () => Promise<void>;

export interface PubSub {
  readonly kind: 'memory' | 'redis';
  publish(channel: string, message: unknown): Promise<void>;
  /** Resolves once the subscription is active: a message published afterwards is delivered. */
  subscribe(channel: string, listener: Listener): Promise<Unsubscribe>;
  close(): Promise<void>;
}

export interface PubSubOptions {
  redis: Redis | undefined;
  /** Prefix of every Redis channel (REDIS_KEY_PREFIX), so several installs can share one Redis. */
  keyPrefix: string;
}

export function createPubSub(options: PubSubOptions): PubSub {
  return options.redis ? createRedisPubSub(options.redis, options.keyPrefix) : createMemoryPubSub();
}
