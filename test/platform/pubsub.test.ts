// One suite for both pub/sub implementations: in-process, and Redis (the local server; CI runs
// one), where two PubSub instances stand for two Lectern processes.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';

import { Redis } from 'ioredis';

import type { PubSub } from '../../src/platform/pubsub/index.ts';
import { createPubSub } from '../../src/platform/pubsub/index.ts';

const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
after(() => redis.quit());

/** Collects what a listener receives; `next(n)` waits for n messages in all. */
function inbox() {
  const messages: unknown[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  return {
    messages,
    listener(message: unknown) {
      messages.push(message);
      for (const waiter of waiters.filter((w) => messages.length >= w.count)) waiter.resolve();
    },
    next(count: number) {
      if (messages.length >= count) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        waiters.push({ count, resolve });
        setTimeout(() => reject(new Error(`expected ${count} messages, got ${messages.length}`)), 3000);
      });
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

for (const kind of ['memory', 'redis'] as const) {
  describe(`pub/sub (${kind})`, () => {
    const prefix = `lectern-test-${randomBytes(4).toString('hex')}:`;
    const make = (): PubSub => createPubSub({ redis: kind === 'redis' ? redis : undefined, keyPrefix: prefix });
    const a = make();
    // In memory there is one process; with Redis a second instance is a second process.
    const b = kind === 'redis' ? make() : a;
    after(async () => {
      await a.close();
      if (b !== a) await b.close();
    });

    it('delivers JSON messages to every subscriber of the channel, in order, and to no other', async () => {
      const first = inbox();
      const second = inbox();
      const other = inbox();
      await b.subscribe('room:1', first.listener);
      await b.subscribe('room:1', second.listener);
      await b.subscribe('room:2', other.listener);
      const sent = { id: 'm1', content: 'hello', at: 1 };
      await a.publish('room:1', sent);
      await a.publish('room:1', { id: 'm2' });
      await Promise.all([first.next(2), second.next(2)]);
      assert.deepEqual(first.messages, [sent, { id: 'm2' }]);
      assert.deepEqual(second.messages, [sent, { id: 'm2' }]);
      assert.notEqual(first.messages[0], sent, 'a copy, never the publisher object');
      await settle();
      assert.deepEqual(other.messages, []);
    });

    it('stops delivering after unsubscribe, keeping the channel for the remaining listeners', async () => {
      const leaving = inbox();
      const staying = inbox();
      const unsubscribe = await b.subscribe('room:3', leaving.listener);
      await b.subscribe('room:3', staying.listener);
      await a.publish('room:3', 1);
      await Promise.all([leaving.next(1), staying.next(1)]);
      await unsubscribe();
      await a.publish('room:3', 2);
      await staying.next(2);
      await settle();
      assert.deepEqual(leaving.messages, [1]);
      assert.deepEqual(staying.messages, [1, 2]);
    });

    it('publishes to a channel nobody listens to without error', async () => {
      await a.publish('nobody', { x: 1 });
    });
  });
}
