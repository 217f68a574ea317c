// The rate limiter's store when REDIS_URL is set: counters live in Redis (shared by every
// process), and while Redis is unreachable each process counts locally instead, so the API keeps
// answering with per-process limits rather than failing or hanging on the limiter. The Redis
// client fails fast while disconnected (no offline queue, a command timeout), and a warning is
// logged once per outage.
import { createRequire } from 'node:module';

import type { FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';

interface Counter {
  current: number;
  ttl: number;
}
type Callback = (error: Error | null, result: Counter | null) => void;
interface Store {
  incr(key: string, callback: Callback, timeWindow: number, max: number): void;
  read?(key: string, callback: Callback, timeWindow: number, max: number): void;
  child(routeOptions: Record<string, unknown>): Store;
}

const require = createRequire(import.meta.url);
const RedisStore = require('@fastify/rate-limit/store/RedisStore.js') as new (
  continueExceeding: boolean,
  exponentialBackoff: boolean,
  redis: Redis,
  key: string,
) => Store;
const LocalStore = require('@fastify/rate-limit/store/LocalStore.js') as new (
  continueExceeding: boolean,
  exponentialBackoff: boolean,
  cache?: number,
) => Store;

interface Outage {
  down: boolean;
}

/** A store class for @fastify/rate-limit's `store` option. */
export function fallbackStore(redis: Redis, nameSpace: string, log: FastifyBaseLogger): FastifyRateLimitStoreCtor {
  const outage: Outage = { down: false };
  return class FallbackStore {
    constructor(params: { continueExceeding?: boolean; exponentialBackoff?: boolean }) {
      return pair(
        new RedisStore(Boolean(params.continueExceeding), Boolean(params.exponentialBackoff), redis, nameSpace),
        new LocalStore(Boolean(params.continueExceeding), Boolean(params.exponentialBackoff)),
        redis,
        log,
        outage,
      );
    }
  } as unknown as FastifyRateLimitStoreCtor;
}

function pair(remote: Store, local: Store, redis: Redis, log: FastifyBaseLogger, outage: Outage): Store {
  const run = (method: 'incr' | 'read', key: string, callback: Callback, timeWindow: number, max: number) => {
    const fallBack = () => local[method]!(key, callback, timeWindow, max);
    // Not connected: answer from the local counters at once instead of waiting for a timeout.
    if (redis.status !== 'ready') {
      note(true);
      return fallBack();
    }
    remote[method]!(
      key,
      (error, result) => {
        if (error) {
          note(true, error);
          return fallBack();
        }
        note(false);
        callback(null, result);
      },
      timeWindow,
      max,
    );
  };
  const note = (down: boolean, error?: Error) => {
    if (down === outage.down) return;
    outage.down = down;
    if (down) log.warn({ err: error }, 'Redis unreachable: rate limits are counted per process until it is back');
    else log.info('Redis reachable again: rate limits are shared between processes');
  };
  return {
    incr: (key, callback, timeWindow, max) => run('incr', key, callback, timeWindow, max),
    read: (key, callback, timeWindow, max) => run('read', key, callback, timeWindow, max),
    child: (routeOptions) => pair(remote.child(routeOptions), local.child(routeOptions), redis, log, outage),
  };
}
