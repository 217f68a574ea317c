// Redis pub/sub: one shared connection publishes; a dedicated connection (a subscribed Redis
// connection can do nothing else) holds the subscriptions, one Redis SUBSCRIBE per channel
// however many local listeners it has.
//
// A publish that fails (the shared client's 1 s command timeout on a stalled Redis, or a
// connection being re-established) is retried a few times before giving up, so a chat message
// still reaches the sockets held by other processes after a hiccup. A timed-out PUBLISH may still
// have reached Redis, so each message carries an id and a subscriber drops an id it has already
// delivered: a retry never delivers twice. When every attempt fails (Redis is away: readiness
// says so) this process's own subscribers still get the message, once; other processes miss it.
import { randomBytes } from 'node:crypto';

import type { Redis } from 'ioredis';

import type { Listener, PubSub } from './index.ts';

/** Attempts of one publish, RETRY_DELAY_MS × attempt apart: bounded to a few seconds in all. */
const ATTEMPTS = 3;
const RETRY_DELAY_MS = 100;
/** Ids remembered to drop a second copy; a retried copy arrives within seconds of the first. */
const REMEMBERED_IDS = 10_000;

interface Envelope {
  id: string;
  message: unknown;
}

export function createRedisPubSub(redis: Redis, keyPrefix: string): PubSub {
  const channels = new Map<string, Set<Listener>>();
  const delivered = recentIds(REMEMBERED_IDS);
  const origin = randomBytes(6).toString('base64url');
  let sequence = 0;
  const deliver = (channel: string, { id, message }: Envelope) => {
    if (!delivered.add(id)) return;
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
      const envelope = parseEnvelope(text);
      // Not ours (another writer on the same channel name): ignored.
      if (envelope) deliver(channel.slice(keyPrefix.length), envelope);
    });
    return subscriber;
  };

  return {
    kind: 'redis',
    async publish(channel, message) {
      const text = JSON.stringify({ id: `${origin}:${++sequence}`, message } satisfies Envelope);
      for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
        try {
          await redis.publish(`${keyPrefix}${channel}`, text);
          return;
        } catch {
          if (attempt < ATTEMPTS) await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS * attempt));
        }
      }
      // Redis is away: fan out within this process only (a copy Redis delivers later is dropped).
      deliver(channel, JSON.parse(text) as Envelope);
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

function parseEnvelope(text: string): Envelope | undefined {
  try {
    const value = JSON.parse(text) as Partial<Envelope> | null;
    return value && typeof value.id === 'string' && 'message' in value ? (value as Envelope) : undefined;
  } catch {
    return undefined;
  }
}

/** The last `size` ids; `add` answers false for one already there. */
function recentIds(size: number) {
  const ids = new Set<string>();
  return {
    add(id: string): boolean {
      if (ids.has(id)) return false;
      ids.add(id);
      if (ids.size > size) ids.delete(ids.values().next().value!);
      return true;
    },
  };
}
