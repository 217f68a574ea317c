// Messages per user and minute (a fixed window): in-process, or counted in Redis so the limit
// holds however many processes a user's sockets are spread over.
import type { Redis } from 'ioredis';

export interface MessageLimiter {
  /** Counts one message; resolves the seconds to wait when over the limit, else 0. */
  take(userId: string, now: Date): Promise<number>;
}

const WINDOW_MS = 60_000;

export function createMessageLimiter(options: {
  redis: Redis | undefined;
  keyPrefix: string;
  perMinute: number;
}): MessageLimiter {
  const { redis, keyPrefix, perMinute } = options;
  const wait = (now: Date) => Math.max(1, Math.ceil((WINDOW_MS - (now.getTime() % WINDOW_MS)) / 1000));
  if (redis) {
    return {
      async take(userId, now) {
        const key = `${keyPrefix}chat-rate:${userId}:${Math.floor(now.getTime() / WINDOW_MS)}`;
        const results = await redis.multi().incr(key).pexpire(key, WINDOW_MS).exec();
        return Number(results?.[0]?.[1] ?? 0) > perMinute ? wait(now) : 0;
      },
    };
  }
  const counts = new Map<string, { window: number; count: number }>();
  return {
    async take(userId, now) {
      const window = Math.floor(now.getTime() / WINDOW_MS);
      const entry = counts.get(userId);
      if (!entry || entry.window !== window) {
        if (counts.size > 100_000) counts.clear();
        counts.set(userId, { window, count: 1 });
        return 1 > perMinute ? wait(now) : 0;
      }
      entry.count += 1;
      return entry.count > perMinute ? wait(now) : 0;
    },
  };
}
