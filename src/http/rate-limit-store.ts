// The rate limiter's store when REDIS_URL is set: counters live in Redis (shared by every
// process, batched per process: see rate-limit-counters.ts), and while Redis is unreachable each
// process counts locally instead, so the API keeps answering with per-process limits rather than
// failing or hanging on the limiter. The Redis client fails fast while disconnected (no offline
// queue, a command timeout), and a warning is logged once per outage.
import { createRequire } from 'node:module';

import type { FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';

import type { CountCallback as Callback, SharedCounters } from './rate-limit-counters.ts';

interface Store {
  incr(key: string, callback: Callback, timeWindow: number, max: number): void;
  read?(key: string, callback: Callback, timeWindow: number, max: number): void;
  child(routeOptions: Record<string, unknown>): Store;
}
interface StoreParams {
  continueExceeding?: boolean;
  exponentialBackoff?: boolean;
}
interface RouteParams extends StoreParams {
  routeInfo: { method: string; url: string };
}

const require = createRequire(import.meta.url);
const LocalStore = require('@fastify/rate-limit/store/LocalStore.js') as new (
  continueExceeding: boolean,
  exponentialBackoff: boolean,
  cache?: number,
) => Store;

interface Outage {
  down: boolean;
}

/** A store class for @fastify/rate-limit's `store` option, counting in `counters`. */
export function fallbackStore(
  redis: Redis,
  counters: SharedCounters,
  nameSpace: string,
  log: FastifyBaseLogger,
): FastifyRateLimitStoreCtor {
  const outage: Outage = { down: false };
  return class FallbackStore {
    constructor(params: StoreParams) {
      return pair(sharedStore(counters, nameSpace, params), localStore(params), redis, log, outage);
    }
  } as unknown as FastifyRateLimitStoreCtor;
}

/** Counts in Redis under `nameSpace` (a route's own limit under its method and path, as the plugin's RedisStore names them). */
function sharedStore(counters: SharedCounters, nameSpace: string, params: StoreParams): Store {
  // Neither is used by Lectern; the shared counters do not implement them.
  if (params.continueExceeding || params.exponentialBackoff)
    throw new Error('rate limits: continueExceeding and exponentialBackoff are not supported with REDIS_URL');
  return {
    incr: (key, callback, timeWindow, max) => counters.incr(nameSpace + key, callback, timeWindow, max),
    read: (key, callback) => counters.read(nameSpace + key, callback),
    child: (routeOptions) => {
      const { routeInfo } = routeOptions as unknown as RouteParams;
      return sharedStore(counters, `${nameSpace}${routeInfo.method}${routeInfo.url}-`, routeOptions);
    },
  };
}

function localStore(params: StoreParams): Store {
  return new LocalStore(Boolean(params.continueExceeding), Boolean(params.exponentialBackoff));
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
