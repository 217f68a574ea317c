// Who is connected: each open socket is an entry that lives until its socket closes or, if its
// process dies without saying so, until it is not refreshed for `ttlMs`. In-process without
// Redis; in Redis (a sorted set per user, scored by expiry, the key itself expiring) when
// several processes share the sockets, so presence is the same whichever process answers.
import type { Redis } from 'ioredis';

export interface PresenceStore {
  /** The socket counts as online from when this resolves. */
  add(userId: string, socketId: string, now: Date): Promise<void>;
  /** Keeps the sockets of a live process online (heartbeat). */
  refresh(entries: { userId: string; socketId: string }[], now: Date): Promise<void>;
  /** Offline at once; resolves whether the user still has another live socket. */
  remove(userId: string, socketId: string, now: Date): Promise<boolean>;
  get(userId: string, now: Date): Promise<{ online: boolean; last_seen: Date | null }>;
}

export function createPresenceStore(options: {
  redis: Redis | undefined;
  keyPrefix: string;
  ttlMs: number;
}): PresenceStore {
  return options.redis ? redisPresence(options.redis, options.keyPrefix, options.ttlMs) : memoryPresence(options.ttlMs);
}

function memoryPresence(ttlMs: number): PresenceStore {
  const sockets = new Map<string, Map<string, number>>();
  const lastSeen = new Map<string, Date>();
  const live = (userId: string, now: Date): Map<string, number> | undefined => {
    const entries = sockets.get(userId);
    if (!entries) return undefined;
    for (const [id, until] of entries) if (until <= now.getTime()) entries.delete(id);
    if (entries.size === 0) sockets.delete(userId);
    return entries.size > 0 ? entries : undefined;
  };
  return {
    async add(userId, socketId, now) {
      const entries = sockets.get(userId) ?? new Map<string, number>();
      sockets.set(userId, entries);
      entries.set(socketId, now.getTime() + ttlMs);
      lastSeen.set(userId, now);
    },
    async refresh(entries, now) {
      for (const { userId, socketId } of entries) {
        sockets.get(userId)?.set(socketId, now.getTime() + ttlMs);
        lastSeen.set(userId, now);
      }
    },
    async remove(userId, socketId, now) {
      sockets.get(userId)?.delete(socketId);
      lastSeen.set(userId, now);
      return live(userId, now) !== undefined;
    },
    async get(userId, now) {
      const online = live(userId, now) !== undefined;
      return { online, last_seen: online ? now : (lastSeen.get(userId) ?? null) };
    },
  };
}

const LAST_SEEN_TTL_SECONDS = 90 * 86_400;

function redisPresence(redis: Redis, prefix: string, ttlMs: number): PresenceStore {
  const socketsKey = (userId: string) => `${prefix}presence:${userId}`;
  const lastKey = (userId: string) => `${prefix}presence-last:${userId}`;
  return {
    async add(userId, socketId, now) {
      await redis
        .multi()
        .zadd(socketsKey(userId), now.getTime() + ttlMs, socketId)
        .pexpire(socketsKey(userId), ttlMs)
        .set(lastKey(userId), now.toISOString(), 'EX', LAST_SEEN_TTL_SECONDS)
        .exec();
    },
    async refresh(entries, now) {
      if (entries.length === 0) return;
      const batch = redis.multi();
      for (const { userId, socketId } of entries) {
        batch
          .zadd(socketsKey(userId), now.getTime() + ttlMs, socketId)
          .pexpire(socketsKey(userId), ttlMs)
          .set(lastKey(userId), now.toISOString(), 'EX', LAST_SEEN_TTL_SECONDS);
      }
      await batch.exec();
    },
    async remove(userId, socketId, now) {
      const results = await redis
        .multi()
        .zrem(socketsKey(userId), socketId)
        .zremrangebyscore(socketsKey(userId), '-inf', now.getTime())
        .zcard(socketsKey(userId))
        .set(lastKey(userId), now.toISOString(), 'EX', LAST_SEEN_TTL_SECONDS)
        .exec();
      return Number(results?.[2]?.[1] ?? 0) > 0;
    },
    async get(userId, now) {
      const results = await redis
        .multi()
        .zremrangebyscore(socketsKey(userId), '-inf', now.getTime())
        .zcard(socketsKey(userId))
        .get(lastKey(userId))
        .exec();
      const online = Number(results?.[1]?.[1] ?? 0) > 0;
      const last = results?.[2]?.[1];
      return { online, last_seen: online ? now : typeof last === 'string' ? new Date(last) : null };
    },
  };
}
