// Rate-limit counters shared by every process through Redis, without a Redis round trip per
// request. A Redis round trip (EVALSHA) per counted request cost more CPU than the rest of the
// limiter (the client's write syscall, the Lua script in Redis), and an authenticated request
// made two (the failed-auth check reads, the API limit counts). So each process keeps, per key,
// the count Redis last answered plus its own increments since, and:
//
// - counts a request locally while the key's count is fresh (Redis answered within FRESH_MS) and,
//   with this request, stays within the first nine tenths of the limit; its increments go to Redis
//   in one pipeline per FLUSH_MS for every key (INCRBY), and each answer refreshes the count with
//   what the other processes counted meanwhile;
// - counts in Redis at once, with the increments not yet sent, every request of the last tenth of
//   a budget, of a limit below EXACT_BELOW (sign-in, uploads: small budgets, little traffic), of a
//   key this process has no fresh count of, and of a new window. So a 429 is decided on Redis's
//   count, and a budget can be overrun only by what other processes counted locally and had not
//   sent yet: more than a tenth of the limit within about FLUSH_MS, across processes;
// - answers a read (the failed-auth check) from a count at most FRESH_MS old: an address blocked
//   through another process is refused here within that time, at once through this one.
//
// One process alone counts exactly (X-RateLimit-Remaining goes down one by one). Keys are the
// plugin's RedisStore's (a counter with a TTL), so processes of either kind share them.
import type { Redis } from 'ioredis';

export interface Count {
  current: number;
  /** ms left in the window */
  ttl: number;
}
export type CountCallback = (error: Error | null, result: Count | null) => void;

/** How often increments counted locally are sent to Redis. */
export const FLUSH_MS = 100;
/** A count Redis answered longer ago than this is asked again before it decides anything. */
export const FRESH_MS = 1000;
/** Limits below this are counted in Redis at every request. */
export const EXACT_BELOW = 100;
/** Keys remembered before the ones without fresh counts are forgotten. */
const MAX_KEYS = 10_000;

/** INCRBY that starts the window (PEXPIRE) on a new key: the count and the window's ms left. */
const INCREMENT_LUA = `
local current = redis.call('INCRBY', KEYS[1], ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
return {current, ttl}`;
const READ_LUA = `
local current = redis.call('GET', KEYS[1])
if not current then return {0, 0} end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then ttl = 0 end
return {tonumber(current), ttl}`;

type Reply = [number, number];
interface CountingRedis {
  lecternRateIncrement(key: string, amount: number, windowMs: number): Promise<Reply>;
  lecternRateRead(key: string): Promise<Reply>;
}

interface Entry {
  /** Redis's count at its last answer (which includes this process's increments sent before that request). */
  synced: number;
  /** Increments sent and not answered yet. */
  sending: number;
  /** Increments counted here and not sent yet. */
  pending: number;
  /** When the window ends (ms since the epoch) and when Redis last answered. */
  resetAt: number;
  syncedAt: number;
  windowMs: number;
  /** A read of this key in flight: other reads wait for it. */
  reading?: Promise<void>;
}

export interface SharedCounters {
  incr(key: string, callback: CountCallback, windowMs: number, max: number): void;
  read(key: string, callback: CountCallback): void;
  /** Sends what is counted here and not sent yet (at shutdown). */
  flush(): Promise<void>;
}

/** One per process and Redis client; `key`s are full Redis keys. */
export function createSharedCounters(redis: Redis): SharedCounters {
  const client = defineCommands(redis);
  const entries = new Map<string, Entry>();
  const unsent = new Set<string>();
  let timer: NodeJS.Timeout | undefined;

  const estimate = (entry: Entry) => entry.synced + entry.sending + entry.pending;
  const answered = (entry: Entry, [current, ttl]: Reply) => {
    // Redis answers in order: this count includes every increment sent before, none sent after.
    entry.synced = current;
    entry.syncedAt = Date.now();
    entry.resetAt = entry.syncedAt + ttl;
  };
  const entryOf = (key: string, windowMs: number): Entry => {
    let entry = entries.get(key);
    if (!entry) {
      if (entries.size >= MAX_KEYS) forgetIdle();
      entry = { synced: 0, sending: 0, pending: 0, resetAt: 0, syncedAt: 0, windowMs };
      entries.set(key, entry);
    }
    return entry;
  };
  const forgetIdle = () => {
    const now = Date.now();
    for (const [key, entry] of entries)
      if (now - entry.syncedAt >= FRESH_MS && entry.pending === 0 && entry.sending === 0 && !entry.reading)
        entries.delete(key);
  };
  const send = (key: string, entry: Entry, amount: number): Promise<Reply> => {
    entry.sending += amount;
    return client.lecternRateIncrement(key, amount, entry.windowMs).finally(() => (entry.sending -= amount));
  };

  async function flush(): Promise<void> {
    timer = undefined;
    if (unsent.size === 0) return;
    // Redis is away: kept until it is back (the limiter counts per process meanwhile).
    if (redis.status !== 'ready') return void (timer = setTimeout(() => void flush(), FLUSH_MS).unref());
    const now = Date.now();
    const pipeline = redis.pipeline() as unknown as CountingRedis & { exec(): Promise<[Error | null, Reply][]> };
    const batch: { key: string; entry: Entry; amount: number }[] = [];
    for (const key of unsent) {
      const entry = entries.get(key);
      if (!entry) continue;
      const amount = entry.pending;
      entry.pending = 0;
      // Increments of a window that has ended count for nothing.
      if (entry.resetAt <= now || amount === 0) continue;
      entry.sending += amount;
      batch.push({ key, entry, amount });
      void pipeline.lecternRateIncrement(key, amount, entry.windowMs);
    }
    unsent.clear();
    if (batch.length === 0) return;
    const results = await pipeline.exec().catch((error: Error) => batch.map(() => [error, undefined] as const));
    for (const [index, { key, entry, amount }] of batch.entries()) {
      entry.sending -= amount;
      const [error, reply] = results[index] ?? [new Error('no reply'), undefined];
      if (!error && reply) answered(entry, reply);
      else {
        // Redis is away or slow: sent again with the next batch (forgotten once the window ends).
        entry.pending += amount;
        markUnsent(key);
      }
    }
  }
  const markUnsent = (key: string) => {
    unsent.add(key);
    timer ??= setTimeout(() => void flush(), FLUSH_MS).unref();
  };

  return {
    incr(key, callback, windowMs, max) {
      const now = Date.now();
      const entry = entryOf(key, windowMs);
      entry.windowMs = windowMs;
      if (entry.resetAt <= now) {
        // A new window, which Redis starts with this request: until it answers, reads count from zero.
        Object.assign(entry, { synced: 0, pending: 0, resetAt: now + windowMs });
      } else if (max >= EXACT_BELOW && now - entry.syncedAt < FRESH_MS) {
        const current = estimate(entry) + 1;
        if (current <= max - Math.ceil(max / 10)) {
          entry.pending++;
          markUnsent(key);
          return callback(null, { current, ttl: entry.resetAt - now });
        }
      }
      // Counted in Redis now, together with the increments not sent yet.
      const amount = entry.pending + 1;
      entry.pending = 0;
      send(key, entry, amount).then(
        (reply) => {
          answered(entry, reply);
          callback(null, { current: reply[0], ttl: reply[1] });
        },
        (error: Error) => callback(error, null),
      );
    },

    read(key, callback) {
      const entry = entries.get(key);
      const answer = (known: Entry) => {
        const now = Date.now();
        callback(
          null,
          known.resetAt > now ? { current: estimate(known), ttl: known.resetAt - now } : { current: 0, ttl: 0 },
        );
      };
      if (entry && Date.now() - entry.syncedAt < FRESH_MS) return answer(entry);
      const known = entry ?? entryOf(key, 0);
      known.reading ??= client
        .lecternRateRead(key)
        .then((reply) => answered(known, reply))
        .finally(() => (known.reading = undefined));
      known.reading.then(
        () => answer(known),
        (error: Error) => callback(error, null),
      );
    },

    flush,
  };
}

function defineCommands(redis: Redis): CountingRedis {
  const commands = redis as unknown as Partial<CountingRedis>;
  if (!commands.lecternRateIncrement)
    redis.defineCommand('lecternRateIncrement', { numberOfKeys: 1, lua: INCREMENT_LUA });
  if (!commands.lecternRateRead) redis.defineCommand('lecternRateRead', { numberOfKeys: 1, lua: READ_LUA });
  return redis as unknown as CountingRedis;
}
